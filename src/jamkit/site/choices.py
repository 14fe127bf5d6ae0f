"""The choices of the site's filters, from the catalog: the sprint catalogue's and the search page's.

Written into the pages at build time, so filtering in the browser needs no data
beyond the page (the catalogue), or none beyond the query's own (search).
"""

from __future__ import annotations

from collections.abc import Iterable

from jamkit.core.i18n import N_, _
from jamkit.core.model import Sprint, Status
from jamkit.site.index import Index
from jamkit.site.vocabulary import status_word

# A filter: its field name, its label, and its (value, shown) options.
Choice = tuple[str, str, list[tuple[str, str]]]
FORMATS = ("online", "in-person", "hybrid")
KINDS = (
    ("project", N_("Projects")),
    ("sprint", N_("Sprints")),
    ("person", N_("People")),
    ("publication", N_("Publications")),
)
FORMAT_NAMES = {"online": N_("Online"), "in-person": N_("In-person"), "hybrid": N_("Hybrid")}


def sprint_year(sprint: Sprint) -> int:
    """The year a sprint counts in, for filters and search: the year it starts."""
    return sprint.fields.starts.year


def _sorted_text(values: Iterable[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in sorted(set(values), key=str.casefold)]


def _years(years: Iterable[int]) -> list[tuple[str, str]]:
    return [(str(y), str(y)) for y in sorted(set(years), reverse=True)]


def catalogue_choices(index: Index, statuses: Iterable[Status]) -> list[Choice]:
    """/sprints/: topic, year, format and the statuses that have sprints, in the catalogue's order."""
    sprints = list(index.sprints.values())
    formats = [(f, _(FORMAT_NAMES[f])) for f in FORMATS if any(s.fields.format == f for s in sprints)]
    return [
        ("topic", _("Topic"), _sorted_text(t for s in sprints for t in s.fields.topics)),
        ("year", _("Year"), _years(sprint_year(s) for s in sprints)),
        ("format", _("Format"), formats),
        ("status", _("Status"), [(str(st), status_word(st)) for st in statuses]),
    ]


def search_choices(index: Index) -> list[Choice]:
    """/search/: kind, sprint, topic (sprint topics and project tags) and year, as the pages' filters hold them."""
    sprints = list(index.sprints.values())
    topics = [t for s in sprints for t in s.fields.topics] + [t for p in index.visible.values() for t in p.fields.tags]
    years = [sprint_year(s) for s in sprints] + [p.fields.year for p in index.catalog.publications.values()]
    return [
        ("kind", _("Kind"), [*((kind, _(name)) for kind, name in KINDS), ("page", _("Other pages"))]),
        ("sprint", _("Sprint"), [(s.fields.title, s.fields.title) for s in sprints]),
        ("topic", _("Topic"), _sorted_text(topics)),
        ("year", _("Year"), _years(years)),
    ]
