"""The public view of each record keeps what its allow-list names and blanks the rest, fields added later too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jamkit.core import public
from jamkit.core.model import Catalog, utc_day
from jamkit.files.load import load_catalog
from tests.site.leakkit import MARK, write_leak_content
from tests.site.sitekit import NOW, site_skeleton

WHEN = dt.datetime.fromisoformat(NOW)


def _catalog(tmp_path: Path) -> Catalog:
    site_skeleton(tmp_path)
    write_leak_content(tmp_path)
    catalog, diagnostics = load_catalog(tmp_path)
    assert not [d for d in diagnostics if d.severity == "error"], diagnostics
    return catalog


def test_every_view_holds_no_marked_value_and_keeps_what_it_may_show(tmp_path: Path) -> None:
    raw = _catalog(tmp_path)
    seen = public.catalog(raw, WHEN)
    assert (
        "leak-sprint/leakmark-embargoed" in raw.submissions and "leak-sprint/leakmark-embargoed" not in seen.submissions
    )
    retracted = seen.submissions["leak-sprint/retracted-proj"]
    restricted = seen.publications["leak-restricted"]
    (judge,) = seen.sprints["leak-sprint"].fields.judges
    for record in (retracted.fields, restricted.fields, judge):
        assert MARK not in record.model_dump_json().lower()
    assert retracted.body == restricted.body == ""
    assert retracted.fields.title == "Retracted Title Is Shown" and retracted.fields.retraction is not None
    assert (restricted.fields.title, restricted.fields.venue, restricted.fields.status) == (
        "Restricted Title Is Shown",
        "Restricted Venue",
        "under review",
    )
    assert restricted.fields.restricted and restricted.fields.authors == [] and restricted.fields.projects == []
    assert (judge.key, judge.name, judge.conflicts) == ("jo-judge", "Jo Judge", [])


def test_public_records_are_the_records_themselves(tmp_path: Path) -> None:
    raw = _catalog(tmp_path)
    project = raw.submissions["leak-sprint/public-proj"]
    assert public.submission(project, utc_day(WHEN)) is project
    assert public.catalog(raw, WHEN).submissions["leak-sprint/public-proj"] is project
