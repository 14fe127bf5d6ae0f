"""Maintainers' changes to content: retracting a project, forgetting a person, scaffolding new files."""
