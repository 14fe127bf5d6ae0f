"""The second process that draws half of the pages: its drawings come back whole, and its failures as one line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from jamkit.site import workers


def _pages(tmp_path: Path, n: int) -> list[str]:
    return [f"page-{k}" for k in range(n)]


def test_the_copy_draws_its_share_into_each_pages_file(tmp_path: Path) -> None:
    pages = _pages(tmp_path, 5)
    helper = workers.fork(pages, lambda p: f"<p>{p} é \udcff</p>", str, lambda p: tmp_path / p / "index.html")
    assert all(helper.owns(p) for p in pages) and not helper.owns("other")
    assert [helper.drawing(p) for p in pages] == [f"<p>{p} é \udcff</p>" for p in pages]
    assert (tmp_path / "page-4" / "index.html").is_file()  # where it was asked to draw it
    helper.close()


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
