"""`.pre-commit-hooks.yaml`: the hook pre-commit runs is `jam check` on the commit's content files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, SUBMISSION, Repo

JAM_DIR = Path(sys.executable).parent


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["jam-check"]
    return hooks[0]


def test_the_hook_has_what_pre_commit_requires_and_matches_only_content_files() -> None:
    hook = _hook()
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("submissions/demo/probing.md") and files.search("submissions/demo/probing/report.pdf")
    assert not files.search("src/jamkit/cli/main.py") and not files.search("docs/submit.md")


def test_the_hook_entry_refuses_a_broken_file_as_pre_commit_would_run_it(demo_repo: Repo) -> None:
    demo_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("site: london", "sitte: london"))
    entry = _hook()["entry"].split()
    run = subprocess.run(
        [str(JAM_DIR / entry[0]), *entry[1:], "submissions/demo-sprint/probing.md"],
        cwd=demo_repo.root, capture_output=True, text=True,
    )  # fmt: skip
    assert run.returncode == 1 and "JAM102" in run.stdout
