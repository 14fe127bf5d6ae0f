"""Maintainer rights come from GitHub about everyone in the change, the least trusted deciding; they fail closed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.github.standin import StandIn, pull_request_event

REPO = "Codertocat/Hello-World"
AUTHOR = "Codertocat"  # the payload's pull_request.user and sender
NUMBER = 2
HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"  # the payload's head
EARLIER = "0" * 39 + "1"
CONTRIBUTOR = "fork-contributor"


def rights(stand_in: StandIn, tmp_path: Path, event: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event or pull_request_event("opened")), encoding="utf-8")
    env = {**os.environ, "GITHUB_TOKEN": "ghs_test", "GITHUB_API_URL": stand_in.url}
    return subprocess.run(
        [sys.executable, "-m", "jamkit.github.rights", "--event", str(path)],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def pushed_by(sender: str) -> dict[str, Any]:
    """A push to the pull request (``synchronize``) by ``sender``, not necessarily its author."""
    event = pull_request_event("synchronize")
    event["sender"] = {**event["sender"], "login": sender}
    event["pull_request"]["commits"] = 2
    return event


def asked(stand_in: StandIn) -> list[str]:
    return [c.path.removeprefix(f"/repos/{REPO}/") for c in stand_in.calls]


def test_write_access_is_a_maintainer_and_read_access_is_not(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.commits(REPO, NUMBER, (HEAD, AUTHOR, AUTHOR))
    assert rights(stand_in, tmp_path).stdout == ""  # nobody granted anything: read
    assert asked(stand_in) == [f"collaborators/{AUTHOR}/permission"]  # not a maintainer: nothing more to ask
    stand_in.grant(REPO, AUTHOR, "write")
    assert rights(stand_in, tmp_path).stdout == "maintainer\n"
    assert asked(stand_in)[1:] == [f"collaborators/{AUTHOR}/permission", f"pulls/{NUMBER}/commits"]
    assert stand_in.rejected() == []


def test_a_contributors_push_to_a_maintainers_pull_request_is_checked_as_a_teams(
    stand_in: StandIn, tmp_path: Path
) -> None:
    """The author may write, the sender of the push may not: the check runs without --maintainer."""
    stand_in.grant(REPO, AUTHOR, "admin")
    stand_in.commits(REPO, NUMBER, (EARLIER, AUTHOR, AUTHOR), (HEAD, CONTRIBUTOR, CONTRIBUTOR))
    done = rights(stand_in, tmp_path, pushed_by(CONTRIBUTOR))
    assert (done.returncode, done.stdout) == (0, "")
    assert f"the sender of this event {CONTRIBUTOR} may not write to {REPO}" in done.stderr
    assert f"pulls/{NUMBER}/commits" not in asked(stand_in)  # the sender already said no
    assert stand_in.rejected() == []


def test_a_contributors_commit_pushed_by_a_maintainer_is_checked_as_a_teams(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.grant(REPO, AUTHOR, "maintain")
    stand_in.commits(REPO, NUMBER, (EARLIER, CONTRIBUTOR, AUTHOR), (HEAD, AUTHOR, AUTHOR))
    done = rights(stand_in, tmp_path, pushed_by(AUTHOR))
    assert done.stdout == "" and f"a commit's author or committer, {CONTRIBUTOR} may not write" in done.stderr
    assert asked(stand_in).count(f"collaborators/{AUTHOR}/permission") == 1  # asked once, however often named


def test_web_edits_count_by_their_author_and_unknown_accounts_fail_closed(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.grant(REPO, AUTHOR, "write")
    stand_in.commits(REPO, NUMBER, (EARLIER, AUTHOR, "web-flow"), (HEAD, AUTHOR, AUTHOR))
    assert rights(stand_in, tmp_path, pushed_by(AUTHOR)).stdout == "maintainer\n"
    assert "collaborators/web-flow/permission" not in asked(stand_in)

    stand_in.commits(REPO, NUMBER, (EARLIER, None, AUTHOR), (HEAD, AUTHOR, AUTHOR))  # an e-mail no account has
    done = rights(stand_in, tmp_path, pushed_by(AUTHOR))
    assert done.stdout == "" and f"commit {EARLIER[:12]} is not tied to a GitHub account" in done.stderr


def test_a_list_that_is_not_the_checked_head_or_too_long_is_not_a_maintainers(
    stand_in: StandIn, tmp_path: Path
) -> None:
    stand_in.grant(REPO, AUTHOR, "write")
    stand_in.commits(REPO, NUMBER, (HEAD, AUTHOR, AUTHOR), (EARLIER, AUTHOR, AUTHOR))  # moved on since the event
    done = rights(stand_in, tmp_path, pushed_by(AUTHOR))
    assert done.stdout == "" and "it moved on, and a newer run decides" in done.stderr
    event = pushed_by(AUTHOR)
    event["pull_request"]["commits"] = 251
    done = rights(stand_in, tmp_path, event)
    assert done.stdout == "" and "GitHub lists only 250" in done.stderr


def test_no_answer_from_github_is_not_a_maintainer(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.grant(REPO, AUTHOR, "admin")
    stand_in.commits(REPO, NUMBER, (HEAD, AUTHOR, AUTHOR))
    stand_in.inject("GET", f"/repos/{REPO}/collaborators/{AUTHOR}/permission", 404, {}, {"message": "Not Found"})
    done = rights(stand_in, tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    stand_in.inject("GET", f"/repos/{REPO}/pulls/{NUMBER}/commits", 403, {}, {"message": "Forbidden"})
    done = rights(stand_in, tmp_path)
    assert (done.returncode, done.stdout) == (0, "") and "GitHub did not list the pull request's commits" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_payload_that_is_not_a_pull_request_is_a_usage_error(stand_in: StandIn, tmp_path: Path) -> None:
    done = rights(stand_in, tmp_path, {"zen": "not a pull request"})
    assert done.returncode == 2 and "not a pull_request payload" in done.stderr
    event = pushed_by("not a login!")
    done = rights(stand_in, tmp_path, event)
    assert done.returncode == 2 and "author or sender is not a GitHub name" in done.stderr
