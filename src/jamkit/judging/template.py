"""A judge's score sheet: a CSV with one row per project they still have to review.

``jam judge status --templates DIR`` writes one per judge; the judge fills in
the scores and the comment, and ``jam review import`` reads it back as it is
(the header names the fields the import looks for, so no ``--map`` is needed).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def header(criteria: Sequence[str]) -> list[str]:
    """``judge,project,<criterion ids...>,comment``: the columns the import finds by name."""
    return ["judge", "project", *criteria, "comment"]


def sheet(judge: str, projects: Sequence[str], criteria: Sequence[str]) -> str:
    """The CSV text: the header, then ``judge,project`` filled in and the scores and comment left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header(criteria))
    for project in projects:
        writer.writerow([judge, project, *("" for _ in criteria), ""])
    return out.getvalue()
