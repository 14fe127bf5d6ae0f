"""Shared fixtures: small real repositories written to a temporary folder."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# A minimal PDF that real readers open (one empty page).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

SPRINT = """\
---
title: Demo Research Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
team_size: {min: 1, max: 3}
criteria:
  - {id: impact, name: AI safety impact}
  - {id: quality, name: Quality and reproducibility}
judges:
  - {name: Ada Judge, github: ada-judge}
sites:
  - {id: online, name: Online, online: true}
  - {id: london, name: London hub, city: London, country: GB}
---
A sprint for the tests.
"""

# A fellowship cohort over the demo repository's project, publication and judge (the mentor in another case).
COHORT = """\
---
title: Spring cohort
starts: 2025-02-01
ends: 2025-05-31
mentors: [{name: Ada Judge, github: Ada-Judge}]
teams:
  - project: demo-sprint/probing
    mentor: ada-judge
    publication: a-paper
    milestones: [{date: 2025-03-01, kind: draft}]
---
"""

SUBMISSION = """\
---
title: Probing for Deception
members:
  - name: Bea Builder
    github: bea
abstract: We probe a small model for deceptive behaviour.
report: report.pdf
site: london
---
The long write-up.
"""

PUBLICATION = """\
---
title: A Paper That Grew
authors:
  - {name: Bea Builder, github: bea}
venue: NeurIPS Workshop
year: 2025
url: https://example.org/paper
projects: [demo-sprint/probing]
---
The abstract.
"""


class Repo:
    """A jamkit repository on disk; ``write`` adds files, ``git`` runs git in it."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, path: str, content: str | bytes) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        return target

    def git(self, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True).stdout

    def init_git(self) -> None:
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "user.name", "Test")
        self.git("config", "commit.gpgsign", "false")

    def commit(self, message: str = "change") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, "--allow-empty")
        return self.git("rev-parse", "HEAD").strip()


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


class Checked:
    """What `jam check --format json` reported: the exit code and each diagnostic."""

    def __init__(self, exit_code: int, report: dict) -> None:
        self.exit_code = exit_code
        self.report = report
        self.diagnostics: list[dict] = report["diagnostics"]

    @property
    def codes(self) -> list[str]:
        return [d["code"] for d in self.diagnostics]

    def where(self, code: str) -> list[tuple[str, int, int]]:
        """(path, line, col) of each diagnostic with ``code``."""
        return [(d["path"], d["line"], d["col"]) for d in self.diagnostics if d["code"] == code]

    def one(self, code: str) -> dict:
        found = [d for d in self.diagnostics if d["code"] == code]
        assert len(found) == 1, f"expected one {code}, got {self.diagnostics}"
        return found[0]


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
