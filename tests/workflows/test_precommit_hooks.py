"""`.pre-commit-hooks.yaml`: the hook pre-commit runs is `jam check` on the commit's content files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT, SUBMISSION, Repo

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


def test_jamkit_itself_runs_ruff_and_mypy_before_a_commit_with_the_tools_of_its_venv() -> None:
    """`.pre-commit-config.yaml` (jamkit's own checks, not the hook it offers): local hooks on .venv's tools."""
    [local] = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    hooks = {hook["id"]: hook for hook in local["hooks"]}
    assert local["repo"] == "local" and set(hooks) == {"ruff-check", "ruff-format", "mypy"}
    assert all(hook["language"] == "system" for hook in hooks.values())
    assert hooks["mypy"]["pass_filenames"] is False  # mypy reads its files from pyproject.toml
    for hook in hooks.values():
        tool, *args = hook["entry"].split()
        assert (ROOT / tool).is_file(), tool
    tool, *args = hooks["ruff-check"]["entry"].split()
    ran = subprocess.run([str(ROOT / tool), *args, "src/jamkit/__init__.py"], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stdout + ran.stderr
