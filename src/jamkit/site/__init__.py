"""The public website: a Catalog turned into pages.

``pages`` (what pages exist and what they show) and ``render`` (templates and
sanitized Markdown) know nothing of MkDocs; ``jamkit.site.build.mkdocs`` is the one
module that does, and ``hooks/jamkit_hooks.py`` forwards MkDocs events to it.
"""
