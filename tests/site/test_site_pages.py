"""Pages from a Catalog, without MkDocs: URLs, visibility, ordering, and that it scales linearly."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import pytest

from jamkit.core.model import Catalog
from jamkit.files.load import load_catalog
from jamkit.site.index import Index
from jamkit.site.pages import build_pages
from jamkit.site.urls import relative
from tests.site.sitekit import NOW, write_content

UTC = dt.UTC


@pytest.mark.parametrize(
    ("here", "target", "expected"),
    [
        ("", "sprints/", "sprints/"),
        ("", "", "./"),
        ("sprints/", "", "../"),
        ("projects/s/p/", "people/bea/", "../../../people/bea/"),
        ("projects/s/p/", "projects/s/p/report.pdf", "report.pdf"),
        ("people/bea/", "publications/#a-paper", "../../publications/#a-paper"),
        ("sprints/s/", "sprints/s/", "./"),
        ("stats/", "api/projects.json", "../api/projects.json"),
    ],
)
def test_relative_links_work_under_any_sub_path(here: str, target: str, expected: str) -> None:
    assert relative(here, target) == expected


def test_relative_links_agree_with_posixpath_relpath_on_every_pair_of_site_paths() -> None:
    """The fast string version against the standard library's, over paths that share prefixes in every way."""
    parts = ["", "a", "ab", "sprints", "s"]
    paths = {""} | {f"{x}/" for x in parts if x} | {f"{x}/{y}/" for x in parts[1:] for y in parts[1:]}
    paths |= {f"{x}/{y}/{z}" for x in parts[1:3] for y in parts[1:] for z in ("r.pdf", "")}
    for here in sorted(p for p in paths if not p or p.endswith("/")):
        for target in sorted(paths):
            for anchor in ("", "#top"):
                path = target
                rel = posixpath.relpath(path or ".", here.rstrip("/") or ".")
                if path.endswith("/") or not path:
                    rel = "./" if rel == "." else rel + "/"
                assert relative(here, target + anchor) == rel + anchor, (here, target + anchor)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    write_content(tmp_path)
    loaded, problems = load_catalog(tmp_path)
    assert problems == []
    return loaded


def test_hidden_projects_reach_no_page_list_or_person(catalog: Catalog) -> None:
    pages, assets, index = build_pages(catalog, dt.datetime.fromisoformat(NOW))
    uris = {p.src_uri for p in pages}
    assert "projects/past-sprint/hidden-proj/index.md" not in uris
    assert "projects/past-sprint/gone-proj/index.md" in uris
    assert "people/hidden-person/index.md" not in uris
    assert not [a for a in assets if "hidden-proj" in a.src_uri or "gone-proj" in a.src_uri]
    assert "past-sprint/hidden-proj" not in index.publications_of


def test_an_embargo_lifts_on_its_date(catalog: Catalog) -> None:
    before = Index(catalog, dt.datetime(2024, 1, 31, 23, 0, tzinfo=UTC))
    after = Index(catalog, dt.datetime(2024, 2, 1, 0, 0, tzinfo=UTC))
    assert "past-sprint/embargo-over" not in before.visible
    assert "past-sprint/embargo-over" in after.visible


def test_people_are_merged_case_insensitively_and_sorted_newest_first(catalog: Catalog) -> None:
    index = Index(catalog, dt.datetime.fromisoformat(NOW))
    bea = index.people["bea"]
    assert [s.slug for s in bea.projects] == ["winner-proj", "second-proj"]
    assert [j.sprint.slug for j in index.people["ada-judge"].judged] == ["judging-sprint", "past-sprint"]


def test_only_generated_index_pages_are_in_the_navigation(catalog: Catalog) -> None:
    pages, _, _ = build_pages(catalog, dt.datetime.fromisoformat(NOW))
    assert sorted(p.url for p in pages if p.in_nav) == [
        "",
        "lab/",
        "people/",
        "publications/",
        "sites/",
        "sprints/",
        "stats/",
        "winners/",
    ]
