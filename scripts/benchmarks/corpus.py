"""The repository the check benchmark runs on: many projects, each with a PDF, committed, and one pull request."""

from __future__ import annotations

import subprocess
from pathlib import Path

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SPRINT = """\
---
title: Sprint {i}
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
team_size: {{min: 1, max: 5}}
sites:
  - {{id: online, name: Online, online: true}}
---
Sprint {i}.
"""
PROJECT = """\
---
title: Project {n} of sprint {i}
members:
  - {{name: Person {n}, github: person-{n}}}
  - {{name: Helper {n}, github: helper-{n}, affiliation: Somewhere}}
abstract: We study thing number {n} with care and report what we found in {i}.
report: report.pdf
tags: [evals, interpretability]
site: online
---
## Summary

The write-up of project {n}.
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def base_history(root: Path) -> None:
    """Commit the corpus as ``main`` and start the branch ``pr`` that a submission is added on."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.org")
    git(root, "config", "user.name", "Bench")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")


def build(root: Path, projects: int, sprints: int) -> None:
    """A committed repository: ``sprints`` sprints sharing ``projects`` projects, each with a PDF."""
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Bench\n")
    (root / "sprints").mkdir()
    for i in range(sprints):
        (root / f"sprints/sprint-{i:03d}.md").write_text(SPRINT.format(i=i))
    for n in range(projects):
        i = n % sprints
        folder = root / f"submissions/sprint-{i:03d}"
        (folder / f"project-{n:05d}").mkdir(parents=True, exist_ok=True)
        (folder / f"project-{n:05d}.md").write_text(PROJECT.format(n=n, i=i))
        (folder / f"project-{n:05d}/report.pdf").write_bytes(PDF)
    base_history(root)
    new = root / "submissions/sprint-000/a-new-project"
    new.mkdir()
    (new / "report.pdf").write_bytes(PDF)
    (root / "submissions/sprint-000/a-new-project.md").write_text(
        PROJECT.format(n="new", i=0).replace("person-new", "newcomer")
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a new submission")
