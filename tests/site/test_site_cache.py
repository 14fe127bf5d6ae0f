"""The page cache: a rebuild after a change serves unchanged pages from ``.cache/jamkit/pages``,
and the site it writes is byte for byte the site a clean build writes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from jamkit.infra.cache import Store
from jamkit.upkeep.retract import retract
from tests.site.sitekit import NOW, Site, assert_same_site, build, site_skeleton, write_content

CHANGED = "submissions/past-sprint/alpha-first.md"


def served(site: Site) -> tuple[int, int]:
    found = re.search(r"jamkit: (\d+) of (\d+) generated pages came from the cache", site.log)
    assert found, site.log
    return int(found.group(1)), int(found.group(2))


@pytest.fixture
def warm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small repository built once, so its cache holds every generated page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709380800")  # the sitemap's dates and .gz header: not the clock
    monkeypatch.delenv("JAM_CACHE", raising=False)
    repo = tmp_path / "repo"
    site_skeleton(repo)
    write_content(repo)
    first = build(repo, tmp_path / "first", NOW)
    hits, pages = served(first)
    assert hits == 0 and pages > 20
    return repo


def test_after_one_changed_submission_the_rebuild_is_byte_identical_to_a_clean_build(
    warm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = warm / CHANGED
    text = path.read_text().replace("Aardvark Comes First", "Aardvark Was Renamed") + "\nA sentence added.\n"
    path.write_text(text, encoding="utf-8")
    rebuilt = build(warm, tmp_path / "rebuilt", NOW)
    monkeypatch.setenv("JAM_CACHE", "off")
    clean = build(warm, tmp_path / "clean", NOW)
    assert "came from the cache" not in clean.log  # the clean build really drew every page
    assert "Aardvark Was Renamed" in rebuilt.content("projects/past-sprint/alpha-first/").text
    hits, pages = served(rebuilt)
    # The renamed project's page and the pages that list it are drawn again; the rest come from the cache.
    assert pages - 8 <= hits < pages
    kept, bodies = (int(n) for n in re.findall(r"jamkit: (\d+) of (\d+) bodies came from the cache", rebuilt.log)[0])
    assert kept == bodies - 1 and bodies > 10  # only the edited body was rendered again
    assert "A sentence added." in rebuilt.content("projects/past-sprint/alpha-first/").text
    # Pagefind was given what search read of each cached page last time, and wrote the index a clean build writes.
    assert_same_site(tmp_path / "rebuilt", tmp_path / "clean")


def test_a_changed_navigation_title_redraws_every_page(warm: Path, tmp_path: Path) -> None:
    config = warm / "mkdocs.yml"
    config.write_text(config.read_text().replace("- Winners: winners/index.md", "- Laureates: winners/index.md"))
    rebuilt = build(warm, tmp_path / "rebuilt", NOW)
    assert served(rebuilt)[0] == 0
    assert "Laureates" in rebuilt.page("projects/past-sprint/alpha-first/").text


def test_broken_or_planted_cache_entries_are_drawn_again_not_served(
    warm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = sorted(p for p in (warm / ".cache/jamkit/pages").rglob("*") if p.is_file())
    assert entries
    for n, entry in enumerate(entries):
        raw = entry.read_bytes()
        mid = len(raw) // 2
        # truncated, garbage, or one bit flipped: the integrity line no longer matches
        entry.write_bytes(
            [raw[:mid], b"<script>alert(1)</script>", raw[:mid] + bytes([raw[mid] ^ 1]) + raw[mid + 1 :]][n % 3]
        )
    rebuilt = build(warm, tmp_path / "rebuilt", NOW)
    assert served(rebuilt)[0] == 0 and "written from the cache" not in rebuilt.log
    monkeypatch.setenv("JAM_CACHE", "off")
    build(warm, tmp_path / "clean", NOW)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "clean")
    monkeypatch.delenv("JAM_CACHE")
    again = build(warm, tmp_path / "again", NOW)  # the redrawn pages were stored again, whole
    hits, pages = served(again)
    assert hits == pages


def test_without_the_search_records_a_rebuild_reads_the_pages_again_and_keeps_them(
    warm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache written before records were kept (or with them lost) still rebuilds the site a clean build writes."""
    shutil.rmtree(warm / ".cache/jamkit/records")
    path = warm / CHANGED
    path.write_text(path.read_text().replace("Aardvark Comes First", "Aardvark Was Renamed"), encoding="utf-8")
    rebuilt = build(warm, tmp_path / "rebuilt", NOW)
    assert served(rebuilt)[0] > 0
    assert any((warm / ".cache/jamkit/records").iterdir())  # the records are back
    monkeypatch.setenv("JAM_CACHE", "off")
    build(warm, tmp_path / "clean", NOW)
    assert_same_site(tmp_path / "rebuilt", tmp_path / "clean")


def _cached(repo: Path, kind: str) -> list[bytes]:
    """Every whole entry of one store under ``.cache/jamkit/``, unpacked."""
    store = Store(repo / ".cache/jamkit" / kind)
    entries = sorted(p for p in store.folder.glob("*/*") if p.is_file())
    found = [store.get(p.name) for p in entries]
    return [entry for entry in found if entry is not None]


def test_after_a_retraction_the_cache_keeps_no_page_of_the_write_up(warm: Path, tmp_path: Path) -> None:
    """The publish workflow saves .cache/jamkit for later runs (any of which can restore it): once a build after
    the retraction has run, no cached page holds the write-up, and once the write-up is deleted from the file
    (the hazardous-information procedure) no entry of any kind holds it."""
    secret = b"Plain body."  # alpha-first's write-up
    assert any(secret in page for page in _cached(warm, "pages"))  # the build before the retraction kept it
    retract(warm, "past-sprint/alpha-first", "Withdrawn.")
    build(warm, tmp_path / "retracted", NOW)
    assert not any(secret in page for page in _cached(warm, "pages"))
    path = warm / CHANGED
    path.write_text(path.read_text(encoding="utf-8").replace("Plain body.", "Removed."), encoding="utf-8")
    build(warm, tmp_path / "removed", NOW)
    kinds = [d.name for d in (warm / ".cache/jamkit").iterdir() if d.is_dir()]
    assert kinds and not any(secret in entry for kind in kinds for entry in _cached(warm, kind))
