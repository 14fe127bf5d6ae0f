"""The table of what a build writes: the same names the site's URLs use, and what a real build writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jamkit.files import outputs
from jamkit.files.load import load_catalog
from jamkit.site import api, urls
from jamkit.site.pages import build_pages
from tests.site.conftest import site, site_repo
from tests.site.sitekit import NOW, Site

__all__ = ["site", "site_repo"]  # the session's strict build of the site tests' repository, shared

WHEN = dt.datetime.fromisoformat(NOW.replace("Z", "+00:00"))


def _covered(site_path: str) -> bool:
    """A path the table claims: one of the build's files, or inside one of its folders."""
    return site_path in outputs.WRITTEN or any(site_path.startswith(folder) for folder in outputs.OWNED)


def test_the_urls_are_spelled_from_the_table() -> None:
    assert (urls.HOME, urls.SPRINTS, urls.PEOPLE, urls.FEED, urls.CALENDAR) == (
        outputs.HOME,
        outputs.SPRINTS,
        outputs.PEOPLE,
        outputs.FEED,
        outputs.CALENDAR,
    )
    assert urls.project_url("demo-sprint/probing").startswith(outputs.PROJECTS)
    assert urls.sprint_calendar_url("demo-sprint").startswith(outputs.CALENDARS)
    assert all(urls.api_url(name) in outputs.WRITTEN for name in outputs.API_NAMES)


def test_every_generated_page_and_open_data_file_is_in_the_table(site_repo: Path) -> None:
    catalog, _ = load_catalog(site_repo)
    pages, assets, _ = build_pages(catalog, WHEN)
    assert all(page.src_uri.endswith(outputs.PAGE_SOURCE) for page in pages)
    assert [p.url for p in pages if not _covered(p.url + outputs.PAGE)] == []  # the home page is index.html
    assert all(outputs.clash(asset.src_uri) is None for asset in assets)  # what is copied never collides
    assert [name for name in api.outputs(catalog, WHEN) if not _covered(name)] == []


def test_the_table_is_what_a_real_build_writes(site: Site, site_repo: Path) -> None:
    from_docs = {outputs.published_at(p.relative_to(site_repo).as_posix()) for p in (site_repo / "docs").rglob("*")}
    written = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*") if p.is_file()}
    assert sorted(p for p in written if not _covered(p) and p not in from_docs) == []
    assert sorted(set(outputs.WRITTEN) - written) == []
    folders = {p.relative_to(site.root).as_posix() + "/" for p in site.root.iterdir() if p.is_dir()}
    assert sorted(set(outputs.OWNED) - folders) == []
    assert {p for p in from_docs if p and outputs.clash(p)} == set()  # the docs the build has never collide


@pytest.mark.parametrize(
    ("path", "published", "taken"),
    [
        ("submissions/s-one/p-one/report.pdf", "projects/s-one/p-one/report.pdf", None),
        ("submissions/s-one/p-one/index.html/a.png", "projects/s-one/p-one/index.html/a.png", "index.html"),
        ("submissions/s-one/p-one/figs/index.html", "projects/s-one/p-one/figs/index.html", None),
        ("sprints/s-one/Index.Md/cover.png", "sprints/s-one/Index.Md/cover.png", "index.html"),
        ("docs/guide.md", "guide/index.html", None),
        ("docs/api.md", "api/index.html", None),
        ("docs/index.md", "index.html", "index.html"),
        ("docs/Feed.XML", "Feed.XML", "feed.xml"),
        ("docs/assets/logo.png", "assets/logo.png", "assets/"),
        ("docs/calendar.ics/x.png", "calendar.ics/x.png", "calendar.ics"),
        ("publications/a-paper.md", None, None),
    ],
)
def test_where_a_file_lands_and_what_it_would_hit(path: str, published: str | None, taken: str | None) -> None:
    assert outputs.published_at(path) == published
    found = outputs.clash(published) if published else None
    assert (found is None) == (taken is None)
    assert taken is None or (found is not None and taken in found)
