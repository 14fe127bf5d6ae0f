"""A judge's score sheet: a CSV with one row per project they still have to review.

``jam judge status --templates DIR`` writes one per judge; the judge fills in
the scores and the comment, and ``jam review import`` reads it back as it is
(the header names the fields the import looks for, so no ``--map`` is needed).
"""

from __future__ import annotations

from collections.abc import Sequence

from jamkit.infra import csvfile


def header(criteria: Sequence[str]) -> list[str]:
    """``judge,project,<criterion ids...>,comment``: the columns the import finds by name."""
    return ["judge", "project", *criteria, "comment"]


def sheet(judge: str, projects: Sequence[str], criteria: Sequence[str]) -> str:
    """The CSV text: the header, then ``judge,project`` filled in and the scores and comment left empty."""
    rows = [[judge, project, *("" for _ in criteria), ""] for project in projects]
    return csvfile.text([header(criteria), *rows])
