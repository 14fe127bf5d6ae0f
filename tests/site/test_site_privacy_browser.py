"""In Chromium, the site's pages call no server but the site's own: no fonts, no scripts, no images from elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from tests.site.browserkit import served
from tests.site.leakkit import OUTSIDE_IMAGE, TRUSTED_HOST
from tests.site.sitekit import Site

PAGES = ("", "sprints/leak-sprint/", "projects/leak-sprint/public-proj/")  # home, a sprint, a project


@pytest.fixture(scope="module")
def leak_url(leak_site: Site) -> Iterator[str]:
    with served(leak_site.root) as url:
        yield url


def test_home_sprint_and_project_pages_request_nothing_from_another_origin(browser: Browser, leak_url: str) -> None:
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        for url in PAGES:
            page.goto(leak_url + url, wait_until="networkidle")
        shown = page.eval_on_selector_all("article a.jam-outside-image", "links => links.map(a => a.href)")
    finally:
        context.close()
    origin = urlsplit(leak_url).netloc
    assert sum(urlsplit(u).netloc == origin for u in requested) > len(PAGES)  # the pages, styles and scripts
    outside = [u for u in requested if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != origin]
    assert outside == []
    assert shown == [OUTSIDE_IMAGE]  # the write-up's outside image, shown as a link to it


def test_an_image_from_a_host_in_image_hosts_is_shown(leak_site: Site) -> None:
    (image,) = leak_site.content("projects/leak-sprint/trusted-proj/").find_all("img")
    assert image.attrs["src"] == f"https://{TRUSTED_HOST}/diagram.png"
