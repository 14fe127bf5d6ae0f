"""A programme repository from jamkit's template: ``jam init`` makes one, ``jam upgrade`` keeps it current.

The template (``template/``, package data) is rendered by copier; the files it
writes that jamkit owns (workflows, pull-request and issue templates, the pinned
requirement) follow jamkit's releases through copier's three-way update, while
content and the programme's own words are never touched.
"""
