"""The second process that draws pages from the last one back: where it meets this process, its drawings come back
whole, and its failures as one line."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from jamkit.site.build import workers


def _pages(tmp_path: Path, n: int) -> list[str]:
    return [f"page-{k}" for k in range(n)]


def test_the_copy_draws_its_share_into_each_pages_file(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 5)
    helper = workers.fork(pages, lambda p: f"<p>{p} é \udcff</p>", str, lambda p: tmp_path / p / "index.html")
    helper.wait()  # it got all the way back before this process asked for any page: every page is its
    assert all(helper.take(p) for p in pages) and not helper.take("other")
    assert all(helper.owns(p) for p in pages) and helper.count == 5
    assert [helper.drawing(p) for p in pages] == [f"<p>{p} é \udcff</p>" for p in pages]
    assert (tmp_path / "page-4" / "index.html").is_file()  # where it was asked to draw it
    helper.close()


def test_the_two_processes_meet_where_their_speeds_put_them_and_every_page_is_drawn(tmp_path: Path) -> None:
    """The copy draws from the last page back, slowly here; this process takes pages from the first one on,
    quickly: it takes nearly all, the copy keeps the few it had started, and nothing is drawn by neither."""
    pages = _pages(tmp_path, 40)

    def slow(page: str) -> str:
        time.sleep(0.05)
        return page.upper()

    helper = workers.fork(pages, slow, str)
    deadline = time.monotonic() + 30
    while not (helper.folder / "39.html").exists() and time.monotonic() < deadline:  # the last page is drawn
        time.sleep(0.01)
    mine = [p for p in pages if not helper.take(p)]
    theirs = [p for p in pages if helper.owns(p)]
    assert mine + theirs == pages  # this process took a first part, the copy the rest: each page once
    assert 1 <= len(theirs) <= 5
    assert [helper.drawing(p) for p in theirs] == [p.upper() for p in theirs]
    assert helper.count >= len(theirs)  # (it may also have drawn the page where they met)
    helper.close()


def test_stopping_early_stops_the_copy_before_its_next_page(tmp_path: Path) -> None:
    drawn = tmp_path / "drawn"
    drawn.mkdir()

    def slow(page: str) -> str:
        (drawn / page).touch()
        time.sleep(0.1)
        return page

    helper = workers.fork(_pages(tmp_path, 200), slow, str)  # 20 s if it drew them all
    time.sleep(0.3)
    helper.close()  # an error elsewhere ends the build
    assert 1 <= len(list(drawn.iterdir())) < 50


def test_without_destinations_the_drawings_stay_in_the_copys_folder_until_closed(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 3)
    helper = workers.fork(pages, str.upper, str)
    assert helper.drawing(pages[2]) == "PAGE-2" and helper.count == 3
    assert helper.folder.is_dir()
    helper.close()
    assert not helper.folder.exists()


def test_an_error_in_the_copy_names_the_page_and_the_error(tmp_path: Path) -> None:
    def draw(page: str) -> str:
        if page == "page-3":
            raise KeyError("no such sprint")
        return page

    helper = workers.fork(_pages(tmp_path, 5), draw, str)
    with pytest.raises(workers.DrawingFailed, match=r"^drawing page-3 failed: KeyError: 'no such sprint'$"):
        helper.drawing("page-0")
    assert not helper.folder.exists()


def test_a_warning_in_the_copy_fails_the_build_as_it_would_here(tmp_path: Path) -> None:
    def draw(page: str) -> str:
        logging.getLogger("mkdocs.plugins.jamkit").warning("a link to a missing page")
        return page

    helper = workers.fork(_pages(tmp_path, 2), draw, str)
    with pytest.raises(workers.DrawingFailed, match="logged warnings"):
        helper.drawing("page-1")


@pytest.mark.parametrize(
    ("environ", "pages", "expected"),
    [
        ({}, workers.MIN_PAGES - 1, False),
        ({"JAM_WORKERS": "1"}, 50_000, False),
        ({"JAM_WORKERS": "2"}, 2, True),
        ({"JAM_WORKERS": "2"}, 1, False),
        ({"JAM_WORKERS": "many"}, workers.MIN_PAGES - 1, False),
    ],
)
def test_a_second_process_only_when_asked_or_worth_it(environ: dict[str, str], pages: int, expected: bool) -> None:
    assert workers.worth_forking(pages, environ) is expected
