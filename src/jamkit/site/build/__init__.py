"""The build: the MkDocs plugin and the machinery that makes a build of thousands of pages fast."""
