"""Strict builds shared by the tests that only read them (the fixture repository; the example programme's is
``example_site`` in tests/conftest.py), and the browser and web server the page tests open them with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.site.browserkit import ARGS, CHROMIUM, served
from tests.site.leakkit import write_leak_content
from tests.site.sitekit import NOW, Site, build, site_skeleton, write_content


@pytest.fixture(scope="session")
def site_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("site") / "repo"
    site_skeleton(repo)
    write_content(repo)
    return repo


@pytest.fixture(scope="session")
def site(site_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(site_repo, tmp_path_factory.mktemp("built") / "site", NOW)


@pytest.fixture(scope="session")
def leak_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A small build whose hidden records carry a marker in every field readers may not see (``leakkit``)."""
    repo = tmp_path_factory.mktemp("leak") / "repo"
    site_skeleton(repo)
    write_leak_content(repo)
    return build(repo, tmp_path_factory.mktemp("leak-built") / "site", NOW)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per test module (Playwright's sync API allows one at a time in a thread)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def example_url(example_site: Site) -> Iterator[str]:
    with served(example_site.root) as url:
        yield url
