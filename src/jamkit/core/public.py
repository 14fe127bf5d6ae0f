"""What readers may see of each record, defined once: every page, JSON-LD, Open Graph, the open data, feed, calendar
and search read these views, never the raw records.

A restricted publication keeps its title, venue, year, kind and status; a retracted project its title, sprint and
retraction; an embargoed project is absent; a judge never shows their ``conflicts`` (they name projects, embargoed
ones too). What a view keeps is an allow-list: a field added to a model later is blank in the view until it is named
here. Figures (``jamkit.figures``) count from the raw records and show none of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, TypeVar

from jamkit.core.model import Catalog, Fields, Judge, Publication, Sprint, Submission, utc_day

# What each kind of record shows when it may not be shown whole (docs/policies.md has the same table).
RESTRICTED_PUBLICATION = frozenset({"title", "venue", "year", "kind", "status", "access", "example"})
RETRACTED_PROJECT = frozenset({"title", "status", "retraction", "example"})
JUDGE = frozenset({"id", "name", "affiliation", "github", "topics"})

F = TypeVar("F", bound=Fields)


def _kept(fields: F, keep: frozenset[str]) -> F:
    """``fields`` with every field outside ``keep`` blank: its default, or an empty list or text if it has none."""
    blank: dict[str, Any] = {}
    for name, info in type(fields).model_fields.items():
        if name in keep:
            continue
        if info.is_required():
            blank[name] = [] if isinstance(getattr(fields, name), list) else ""
        else:
            blank[name] = info.get_default(call_default_factory=True)
    return fields.model_copy(update=blank)


def publication(pub: Publication) -> Publication:
    """A restricted publication: listed by title and venue status only, its authors, links, body and projects gone."""
    if not pub.fields.restricted:
        return pub
    return dataclasses.replace(pub, fields=_kept(pub.fields, RESTRICTED_PUBLICATION), body="", locations={})


def submission(sub: Submission, today: dt.date) -> Submission | None:
    """A public project as it is; a retracted one as its notice (title, retraction); an embargoed one not at all."""
    seen = sub.visibility(today)
    if seen == "public":
        return sub
    if seen == "hidden":
        return None
    return dataclasses.replace(sub, fields=_kept(sub.fields, RETRACTED_PROJECT), body="", locations={})


def judge(found: Judge) -> Judge:
    """A judge without their conflicts of interest, which are for ``jam check`` and ``jam judge`` only."""
    return _kept(found, JUDGE)


def sprint(found: Sprint) -> Sprint:
    """A sprint whose judges show no conflicts."""
    if not any(j.conflicts for j in found.fields.judges):
        return found
    judges = [judge(j) for j in found.fields.judges]
    return dataclasses.replace(found, fields=found.fields.model_copy(update={"judges": judges}))


def catalog(raw: Catalog, now: dt.datetime) -> Catalog:
    """The catalog as readers may see it at ``now``: every record through its view, embargoed projects left out.

    Reviews, assignments, profiles and cohorts stay as they are: pages show them only beside public projects.
    """
    today = utc_day(now)
    submissions = {ref: view for ref, sub in raw.submissions.items() if (view := submission(sub, today)) is not None}
    return dataclasses.replace(
        raw,
        sprints={slug: sprint(s) for slug, s in raw.sprints.items()},
        submissions=submissions,
        publications={slug: publication(p) for slug, p in raw.publications.items()},
    )
