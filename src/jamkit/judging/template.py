"""A judge's score sheet: a CSV with one row per project they still have to review.

``jam judge status --templates DIR`` writes one per judge; the judge fills in
the scores and the comment, and ``jam review import`` reads it back as it is
(the header names the fields the import looks for, so no ``--map`` is needed).
Each row also carries what the judge needs to score without looking anything
up: the project's title and a link to it, and each criterion's scale in its
header ("impact (1-5)"); the import reads those columns as the judge's, not as
fields (``jamkit.judging.spreadsheet.FOR_READERS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jamkit.infra import csvfile
from jamkit.judging.spreadsheet import FOR_READERS


@dataclass(frozen=True)
class ToScore:
    """One project on a judge's sheet: its slug, its title, and where to read it."""

    slug: str
    title: str
    link: str


def header(criteria: Sequence[str], scale: tuple[float, float] = (1, 5)) -> list[str]:
    """``judge,project,title,link,<criterion (min-max)...>,comment``: the columns the import finds by name."""
    low, high = (f"{n:g}" for n in scale)
    return ["judge", "project", *FOR_READERS, *(f"{c} ({low}-{high})" for c in criteria), "comment"]


def sheet(judge: str, projects: Sequence[ToScore], criteria: Sequence[str], scale: tuple[float, float] = (1, 5)) -> str:
    """The CSV text: the header, then each project named and linked, the scores and comment left empty."""
    rows = [[judge, p.slug, p.title, p.link, *("" for _ in criteria), ""] for p in projects]
    return csvfile.text([header(criteria, scale), *rows])
