"""Shared fixtures: small real repositories written to a temporary folder, and the example programme's build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE_NOW, PDF, PUBLICATION, SPRINT, SUBMISSION, Checked, Repo, example_root
from tests.site.sitekit import Site, build


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """An empty repository folder."""
    return Repo(tmp_path / "repo")


@pytest.fixture
def demo_repo(repo: Repo) -> Repo:
    """A valid repository: one sprint, one project with its PDF, one publication."""
    repo.write("sprints/demo-sprint.md", SPRINT)
    repo.write("submissions/demo-sprint/probing.md", SUBMISSION)
    repo.write("submissions/demo-sprint/probing/report.pdf", PDF)
    repo.write("publications/a-paper.md", PUBLICATION)
    return repo


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The example programme (the test corpus, ``example_root()``), built strictly after its 2026 sprints were judged.

    Here, not in tests/site/, because tests/example/ asserts on this one build too (one example build per session).
    """
    return build(example_root(), tmp_path_factory.mktemp("example") / "site", EXAMPLE_NOW)


@pytest.fixture
def run_jam(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the real ``jam`` entry point in-process; returns (exit code, stdout, stderr)."""
    from jamkit.cli.main import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def jam_check(run_jam: Callable[..., tuple[int, str, str]]) -> Callable[..., Checked]:
    """Run the real ``jam check --format json`` on a repository; paths are relative to its root."""
    import json

    def check(repo: Repo, *paths: str) -> Checked:
        code, out, err = run_jam(
            "--root", str(repo.root), "check", "--format", "json", *(str(repo.root / p) for p in paths)
        )
        assert "Traceback" not in out + err, out + err
        assert code in (0, 1), (code, out, err)
        return Checked(code, json.loads(out))

    return check
