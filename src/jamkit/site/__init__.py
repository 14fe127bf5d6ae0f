"""The public website: a Catalog turned into pages.

``pages`` (what pages exist and what they show) and ``render`` (templates and
sanitized Markdown) know nothing of MkDocs; ``jamkit.site.build`` is the MkDocs
plugin (``plugins: [jamkit]`` in ``mkdocs.yml``) and the one package that does.
"""
