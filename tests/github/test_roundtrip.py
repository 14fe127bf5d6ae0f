"""A pull request's full trip through the trusted workflow, with GitHub played by the stand-in.

An "origin" repository holds main and the PR head under ``refs/pull/2/head``, as
GitHub does; the workspace is a clone of main (what actions/checkout gives
verify.yml). Then the ``run:`` scripts of ``.github/workflows/verify.yml`` run
as written, in order, with the step ``env:`` filled in from a real webhook
payload: fetch the PR head as objects, the real ``jam check --pr``, and the bot.
Only the ``uses:`` steps (checkout, setup-python) and ``pip install .`` (jamkit
is already installed here) are skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.github.standin import StandIn, pull_request_event
from tests.helpers import PDF
from tests.helpers import git_as_tester as git

ROOT = Path(__file__).resolve().parents[2]
VERIFY = ROOT / ".github" / "workflows" / "verify.yml"
REPO = "Codertocat/Hello-World"
NUMBER = 2
AUTHOR = "Codertocat"  # the payload's pull_request.user.login

SPRINT = """\
---
title: Demo Research Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
sites:
  - {id: online, name: Online, online: true}
---
A sprint for the round trip.
"""
SUBMISSION = """\
---
title: Steering Vectors at Scale
members:
  - name: Coder Tocat
    github: Codertocat
abstract: We steer a small model and measure what changes.
report: report.pdf
site: online
---
The long write-up.
"""


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def github_origin(tmp_path: Path, pr_files: dict[str, str | bytes]) -> tuple[Path, str, str]:
    """A bare 'GitHub' repository with main and refs/pull/2/head; returns it, the base and the head sha."""
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    work = tmp_path / "author"
    git(tmp_path, "init", "-q", "-b", "main", str(work))
    write(work, {"sprints/demo-sprint.md": SPRINT, "docs/index.md": "# Jams\n"})
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    base = git(work, "rev-parse", "HEAD")
    git(work, "push", "-q", str(origin), "main")
    git(work, "checkout", "-q", "-b", "feature")
    write(work, pr_files)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "our project")
    head = git(work, "rev-parse", "HEAD")
    git(work, "push", "-q", str(origin), f"HEAD:refs/pull/{NUMBER}/head")
    return origin, base, head


def expression(text: str, context: dict[str, Any]) -> str:
    """Evaluate the ``${{ github.x.y }}`` lookups the workflow's env uses (nothing else is allowed there)."""

    def lookup(match: re.Match[str]) -> str:
        value: Any = context
        for key in match.group(1).split("."):
            value = value[key]
        return str(value)

    return re.sub(r"\$\{\{\s*([\w.]+)\s*\}\}", lookup, text)


def run_verify_workflow(tmp_path: Path, stand_in: StandIn, event: dict[str, Any], origin: Path) -> list[str]:
    """Run verify.yml's scripts in a clone of main; returns the names of the steps run."""
    workspace = tmp_path / "workspace"
    git(tmp_path, "clone", "-q", str(origin), str(workspace))  # actions/checkout, fetch-depth 0
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event), encoding="utf-8")
    context = {"github": {"event": event, "token": "ghs_test-token-for-the-stand-in", "base_ref": "main"}}
    base_env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "RUNNER_TEMP": str(runner_temp),
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_API_URL": stand_in.url,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_RUN_ID": "4242",
        **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"},  # the jamkit under test
    }
    ran = []
    workflow = yaml.safe_load(VERIFY.read_text(encoding="utf-8"))
    for step in workflow["jobs"]["verify"]["steps"]:
        if "run" not in step or "pip install" in step["run"]:
            continue
        env = {**base_env, **{k: expression(str(v), context) for k, v in step.get("env", {}).items()}}
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert done.returncode == 0, f"step {step['name']!r} failed:\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
        ran.append(step["name"])
    # The workspace still holds main only: the PR was never checked out.
    assert git(workspace, "rev-parse", "HEAD") == git(origin, "rev-parse", "main")
    assert git(workspace, "status", "--porcelain") == ""
    return ran


def pr_event(base: str, head: str) -> dict[str, Any]:
    event = pull_request_event("opened")
    pr = event["pull_request"]
    pr["base"]["sha"], pr["head"]["sha"] = base, head
    pr["updated_at"] = "2025-01-18T12:00:00Z"  # during the sprint
    pr["author_association"] = "FIRST_TIME_CONTRIBUTOR"  # a team, not a maintainer
    return event


def test_a_valid_submission_is_ready(stand_in: StandIn, tmp_path: Path) -> None:
    files = {"submissions/demo-sprint/steering.md": SUBMISSION, "submissions/demo-sprint/steering/report.pdf": PDF}
    origin, base, head = github_origin(tmp_path, files)
    ran = run_verify_workflow(tmp_path, stand_in, pr_event(base, head), origin)
    assert len(ran) == 5  # fetch, jam check as a team, the rights, as a maintainer, report
    assert stand_in.find("GET", r"/collaborators/") == []  # clean as a team's: the rights would lift nothing

    assert stand_in.rejected() == []  # every call matched GitHub's API description
    [status] = [c for c in stand_in.find("POST", r"/statuses/")]
    assert status.path == f"/repos/{REPO}/statuses/{head}"
    assert status.body["state"] == "success" and status.body["context"] == "jam/verified"
    assert set(stand_in.issue_labels(REPO, NUMBER)) >= {"ready", "submission", "sprint:demo-sprint"}
    assert "needs-changes" not in stand_in.issue_labels(REPO, NUMBER)
    [comment] = stand_in.comments(REPO, NUMBER)
    assert "ready for review" in comment["body"] and "Thanks for your submission!" in comment["body"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # a required field missing
            {
                "submissions/demo-sprint/steering.md": SUBMISSION.replace("title: Steering Vectors at Scale\n", ""),
                "submissions/demo-sprint/steering/report.pdf": PDF,
            },
            "JAM101",
        ),
        (  # the author is not on the team
            {
                "submissions/demo-sprint/steering.md": SUBMISSION.replace("github: Codertocat", "github: someone-else"),
                "submissions/demo-sprint/steering/report.pdf": PDF,
            },
            "JAM3",
        ),
    ],
)
def test_an_invalid_submission_needs_changes(
    stand_in: StandIn, tmp_path: Path, files: dict[str, str | bytes], expected: str
) -> None:
    origin, base, head = github_origin(tmp_path, files)
    run_verify_workflow(tmp_path, stand_in, pr_event(base, head), origin)

    assert stand_in.rejected() == []
    [status] = [c.body for c in stand_in.find("POST", r"/statuses/")]
    assert status["state"] == "failure"
    labels = stand_in.issue_labels(REPO, NUMBER)
    assert "needs-changes" in labels and "ready" not in labels
    [comment] = stand_in.comments(REPO, NUMBER)
    assert "some changes needed" in comment["body"] and f"[{expected}" in comment["body"]


@pytest.mark.parametrize(
    ("association", "permission", "state"),
    [
        ("MEMBER", "read", "failure"),  # any member of the organisation: not a maintainer for that
        ("COLLABORATOR", "read", "failure"),  # a read-only collaborator: not a maintainer either
        ("CONTRIBUTOR", "write", "success"),  # write access, whatever GitHub calls the relation
        ("OWNER", "admin", "success"),
    ],
)
def test_maintainer_rights_come_from_the_repository_permission(
    stand_in: StandIn, tmp_path: Path, association: str, permission: str, state: str
) -> None:
    """Protected files may change only for a maintainer, and GitHub's permission says who is one."""
    origin, base, head = github_origin(tmp_path, {"hooks/extra.py": "print('runs at build time')\n"})
    event = pr_event(base, head)
    event["pull_request"]["author_association"] = association
    stand_in.grant(REPO, AUTHOR, permission)
    stand_in.commits(REPO, NUMBER, (head, AUTHOR, AUTHOR))
    run_verify_workflow(tmp_path, stand_in, event, origin)

    assert stand_in.rejected() == []
    [asked] = stand_in.find("GET", r"/collaborators/")
    assert asked.path == f"/repos/{REPO}/collaborators/{AUTHOR}/permission"
    [status] = [c.body for c in stand_in.find("POST", r"/statuses/")]
    assert status["state"] == state


def test_a_contributors_push_to_a_maintainers_pull_request_gets_no_maintainer_rights(
    stand_in: StandIn, tmp_path: Path
) -> None:
    """The maintainer opened it; someone who may not write pushed a protected file to it: it fails as a team's."""
    origin, base, head = github_origin(tmp_path, {"hooks/extra.py": "print('runs at build time')\n"})
    event = pr_event(base, head)
    event["action"], event["sender"] = "synchronize", {**event["sender"], "login": "fork-contributor"}
    stand_in.grant(REPO, AUTHOR, "admin")
    stand_in.commits(REPO, NUMBER, (head, "fork-contributor", "fork-contributor"))
    run_verify_workflow(tmp_path, stand_in, event, origin)

    assert stand_in.rejected() == []
    [status] = [c.body for c in stand_in.find("POST", r"/statuses/")]
    assert status["state"] == "failure"
