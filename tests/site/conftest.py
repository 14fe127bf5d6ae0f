"""Strict builds shared by the tests that only read them: the fixture repository, and the repository itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import EXAMPLE_NOW, NOW, ROOT, Site, build, site_skeleton, write_content


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
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The repository itself, with its example content, built after its 2026 sprints were judged."""
    return build(ROOT, tmp_path_factory.mktemp("example") / "site", EXAMPLE_NOW)
