"""``scripts/serve --now TIME``: the site as of any time, so a live sprint can be seen on any date, marked a preview.

``--now`` sets ``JAM_NOW``, the time the jamkit plugin builds for; under ``mkdocs serve``
every page then says it is a preview (a banner and ``<meta name="jamkit-now">``), while
a build with ``JAM_NOW`` (reproducible, as the tests build) says nothing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from playwright.sync_api import Browser

from tests.site.browserkit import fetch, mkdocs_serve
from tests.site.sitekit import FILES, NOW, ROOT, Site, parse, site_skeleton

LIVE = "sprints/live-sprint.md"  # live at NOW (2024-03-02 12:00 UTC)


def test_serving_as_of_a_time_shows_that_times_live_sprint_as_a_preview(tmp_path: Path, browser: Browser) -> None:
    repo = tmp_path / "repo"
    site_skeleton(repo)
    (repo / LIVE).parent.mkdir(parents=True)
    (repo / LIVE).write_text(FILES[LIVE], encoding="utf-8")
    with mkdocs_serve(repo, NOW) as url:
        for path in ("", "sprints/live-sprint/", "submit/"):
            body = fetch(url + path)
            assert body is not None, path
            page = parse(body.decode("utf-8"))
            assert page.find("meta", name="jamkit-now").attrs["content"] == "2024-03-02T12:00:00+00:00", path
            banner = page.find("p", cls="jam-preview")
            assert banner.text.startswith("Preview: this site is shown as of Sat 2 Mar 2024, 12:00 UTC"), path
        home = browser.new_page()
        try:
            home.goto(url)
            assert home.locator(".jam-preview").is_visible()
            assert home.locator("#live").is_visible()  # the sprint live at that time is on the home page
        finally:
            home.close()


def test_a_build_for_a_time_is_no_preview(site: Site) -> None:
    for url in ("", "sprints/live-sprint/"):
        page = site.page(url)
        assert not page.has("meta", name="jamkit-now") and not page.has(cls="jam-preview")


def test_scripts_serve_refuses_a_time_it_cannot_read_before_building_anything() -> None:
    for args, said in (
        (
            ["--now", "next tuesday"],
            "--now 'next tuesday' is not an ISO 8601 date-time; write e.g. 2027-03-14T12:00:00Z",
        ),
        (["--now"], "--now needs a time"),
    ):
        done = subprocess.run([ROOT / "scripts/serve", *args], capture_output=True, text=True, timeout=30)
        assert done.returncode == 2
        assert said in done.stderr
