"""One strict build of the fixture repository, shared by the tests that only read it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitekit import NOW, Site, build, site_skeleton, write_content


@pytest.fixture(scope="session")
def site_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("site") / "repo"
    site_skeleton(repo)
    write_content(repo)
    return repo


@pytest.fixture(scope="session")
def site(site_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Site:
    return build(site_repo, tmp_path_factory.mktemp("built") / "site", NOW)
