"""The built site in a real browser (Debian's Chromium through Playwright), served under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.site.browserkit import Watched, open_page, served
from tests.site.sitekit import Site


@pytest.fixture(scope="module")
def base_url(site: Site) -> Iterator[str]:
    with served(site.root) as url:
        yield url


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


def test_project_page_loads_cleanly_and_switches_to_dark(base_url: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(base_url + "projects/past-sprint/winner-proj/", wait_until="networkidle")
    assert page.locator("article h1").inner_text() == "Zebra Winner Project"
    assert page.locator(".jam-example .admonition-title").is_visible()
    # Our stylesheet loaded through its relative link under the sub-path.
    assert page.locator(".jam-award").evaluate("e => getComputedStyle(e).borderRadius") != "0px"
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert dark != light
    shot = tmp_path / "project-dark.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    report = page.request.get(base_url + "projects/past-sprint/winner-proj/report.pdf")
    assert report.status == 200 and report.body().startswith(b"%PDF")
    page.get_by_role("link", name="Past Interpretability Sprint").first.click()
    page.wait_for_url("**/sprints/past-sprint/")
    assert page.locator("article h1").inner_text() == "Past Interpretability Sprint"
    assert watched.problems == []


def test_hostile_submission_runs_no_script(base_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(base_url + "projects/past-sprint/evil-proj/", wait_until="networkidle")
    for link in page.locator(".jam-body a, .jam-members a, .md-tag").all():
        link.hover()
    page.locator(".jam-body a", has_text="styled").click(modifiers=["Control"])
    page.wait_for_timeout(200)
    assert watched.dialogs == []
    assert page.locator("article h1").inner_text().startswith("<b>Bold</b> &")
    assert page.title().startswith("<b>Bold</b> & <script>")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
@pytest.mark.parametrize("url", ["sprints/evals-sprint-2026/", "winners/"])
def test_results_and_scores_fit_the_screen_and_wide_tables_scroll_inside_it(
    browser: Browser, example_url: str, url: str, width: int, height: int, scheme: str
) -> None:
    watched = open_page(browser, example_url + url, width, height, scheme)
    page = watched.page
    # Nothing widens the page: a phone never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    results = page.locator(".jam-result").first.bounding_box()
    assert results is not None and results["x"] >= 0 and results["x"] + results["width"] <= width
    if url.startswith("sprints/"):
        scores = page.locator("div.jam-scores")
        assert page.locator(".jam-scores table").is_visible()
        box = scores.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        scrolls = scores.evaluate(
            """e => [e, ...e.querySelectorAll('*')].some(
                   n => n.scrollWidth > n.clientWidth && ['auto', 'scroll'].includes(getComputedStyle(n).overflowX))"""
        )
        # The seven columns fit a desktop; on a phone they scroll sideways inside the table's own box.
        assert scrolls == (width < 600)
    assert watched.problems == []
    watched.page.context.close()
