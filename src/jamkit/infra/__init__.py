"""Plumbing below the content: content-addressed cache files and work spread over the cores."""
