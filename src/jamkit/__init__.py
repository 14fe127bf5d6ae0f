"""jamkit: research sprints and their projects, kept in Git, published with MkDocs."""

__version__ = "0.1.0"
