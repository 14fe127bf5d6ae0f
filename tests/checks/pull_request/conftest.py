"""The fixture of the pull-request tests: the demo repository on main, a pull-request branch checked out."""

from __future__ import annotations

import pytest

from tests.helpers import SPRINT, Repo


@pytest.fixture
def pr_repo(demo_repo: Repo) -> Repo:
    """The demo repository committed on main, with a pull-request branch checked out."""
    demo_repo.write("mkdocs.yml", "site_name: Demo\n")
    demo_repo.write("sprints/other-sprint.md", SPRINT.replace("Demo Research Sprint", "Other Sprint"))
    demo_repo.init_git()
    demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "pr")
    return demo_repo
