"""Maintainer rights come from GitHub's answer about the author's permission, and fail closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.github.standin import StandIn, pull_request_event

REPO = "Codertocat/Hello-World"
AUTHOR = "Codertocat"


def rights(stand_in: StandIn, tmp_path: Path, event: dict | None = None) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event or pull_request_event("opened")), encoding="utf-8")
    env = {**os.environ, "GITHUB_TOKEN": "ghs_test", "GITHUB_API_URL": stand_in.url}
    return subprocess.run(
        [sys.executable, "-m", "jamkit.github.rights", "--event", str(path)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_write_access_is_a_maintainer_and_read_access_is_not(stand_in: StandIn, tmp_path: Path) -> None:
    assert rights(stand_in, tmp_path).stdout == ""  # nobody granted anything: read
    stand_in.grant(REPO, AUTHOR, "write")
    assert rights(stand_in, tmp_path).stdout == "maintainer\n"
    assert stand_in.rejected() == []


def test_no_answer_from_github_is_not_a_maintainer(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.grant(REPO, AUTHOR, "admin")
    path = f"/repos/{REPO}/collaborators/{AUTHOR}/permission"
    stand_in.inject("GET", path, 404, {}, {"message": "Not Found"})
    done = rights(stand_in, tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert "Traceback" not in done.stderr


def test_a_payload_that_is_not_a_pull_request_is_a_usage_error(stand_in: StandIn, tmp_path: Path) -> None:
    done = rights(stand_in, tmp_path, {"zen": "not a pull request"})
    assert done.returncode == 2 and "not a pull_request payload" in done.stderr
