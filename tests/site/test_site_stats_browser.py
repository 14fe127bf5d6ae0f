"""/stats/ in a real browser: charts readable in light and dark, on a desktop and on a phone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.site import browserkit
from tests.site.sitekit import build, site_skeleton

CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = (c) => { const [r, g, b] = rgb(c).map(lin); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const fg = getComputedStyle(el).fill, bg = getComputedStyle(document.body).backgroundColor;
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""
INSIDE = CONTRAST.replace(  # a number printed inside its part of a stack, against that part's colour
    "getComputedStyle(document.body).backgroundColor",
    "getComputedStyle(el.closest('svg').querySelector(`rect.jam-chart__s${el.dataset.s}`)).fill",
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_charts_are_readable_in_both_schemes_and_fit_a_phone(
    browser: Browser, example_url: str, scheme: str, width: int, height: int, tmp_path: Path
) -> None:
    watched = browserkit.open_page(browser, example_url + "stats/", width, height, scheme)
    page = watched.page
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing widens the page
    charts = page.locator("figure.jam-chart svg")
    assert charts.count() == 4
    for i in range(charts.count()):
        svg = charts.nth(i)
        box = svg.bounding_box()
        assert box and 250 <= box["width"] <= width
        label = svg.locator(".jam-chart__label").first
        assert label.evaluate(CONTRAST) >= 4.5  # text follows the scheme: dark on light, light on dark
        bar = svg.locator("rect.jam-chart__s1").first
        assert bar.evaluate("e => getComputedStyle(e).fill") not in ("none", "rgb(0, 0, 0)")
    for s in (1, 2):  # the returning chart prints each part's number inside it, on the series' colour
        inside = page.locator(f"#chart-returning .serie-{s - 1} .jam-chart__value").first
        inside.evaluate(f"e => e.dataset.s = '{s}'")
        assert inside.evaluate(INSIDE) >= 4.5
    shot = tmp_path / f"stats-{scheme}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert watched.problems == []
    watched.page.context.close()


HOSTILE_TITLE = "</title></desc><script>alert('t')</script><svg onload=alert('s')>&amp; \"q\" 'a'"
HOSTILE_SPRINT = f"""\
---
title: {json.dumps(HOSTILE_TITLE)}
starts: 2024-01-19T09:00:00+00:00
ends: 2024-01-21
schedule:
  - {{at: 2024-01-19T09:00:00+00:00, title: {json.dumps(HOSTILE_TITLE)}}}
sites:
  - {{id: x, name: {json.dumps(HOSTILE_TITLE)}, city: {json.dumps(HOSTILE_TITLE)}, country: GB}}
awards:
  - {{place: 1, project: one, prize: {json.dumps(HOSTILE_TITLE + " $5")}}}
---
"""
HOSTILE_PROJECT = """\
---
title: One
members:
  - {name: Bea, github: bea}
abstract: Short.
report: https://example.org/r.pdf
site: x
---
"""


def test_a_hostile_sprint_title_stays_text_on_the_stats_and_sprint_pages(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    site_skeleton(repo)
    (repo / "sprints").mkdir()
    (repo / "sprints/evil-sprint.md").write_text(HOSTILE_SPRINT, encoding="utf-8")
    (repo / "submissions/evil-sprint").mkdir(parents=True)
    (repo / "submissions/evil-sprint/one.md").write_text(HOSTILE_PROJECT, encoding="utf-8")
    site = build(repo, tmp_path_factory.mktemp("hostile-built") / "site", "2024-02-01T12:00:00+00:00")
    with browserkit.served(site.root) as base:
        context = browser.new_context(timezone_id="Asia/Tokyo")
        watched = browserkit.Watched(context.new_page())
        page = watched.page
        for url in ("stats/", "sprints/evil-sprint/"):
            page.goto(base + url, wait_until="networkidle")
            page.wait_for_timeout(200)
            assert page.locator("svg[onload], script:text('alert')").count() == 0
        assert page.locator("article h1").inner_text() == HOSTILE_TITLE
        page.goto(base + "stats/", wait_until="networkidle")
        assert page.locator("#chart-per-sprint table th[scope=row]").inner_text().endswith(HOSTILE_TITLE)
        assert page.locator("#prizes-not-counted").count() == 0  # "... $5": one amount, counted
        assert page.locator("[data-figure=prize_money] .jam-figure__n").inner_text() == "$5"
        assert watched.dialogs == [] and watched.problems == []
        context.close()
