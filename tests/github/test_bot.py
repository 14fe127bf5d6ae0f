"""The bot against the GitHub stand-in, driven by real ``pull_request`` webhook payloads.

Every call goes through the recording proxy to Prism, which checks it against
GitHub's OpenAPI description; ``stand_in.rejected()`` lists any call Prism
refused, and every test asserts there is none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from botrun import run_bot
from standin import BOT_LOGIN, StandIn, pull_request_event

from jamkit.github.report import Context, build_report, marker_state
from jamkit.verdict import from_json

REPO = "Codertocat/Hello-World"  # what the example payloads name
NUMBER = 2
SECOND_PUSH = "0d1b5c4d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b"

ERROR = {
    "path": "submissions/demo-sprint/probing.md",
    "line": 2,
    "col": 1,
    "code": "JAM101",
    "severity": "error",
    "message": "'title' is missing",
    "fix": "add `title: ...`",
}


def verdict(ok: bool, **change: Any) -> str:
    return json.dumps(
        {
            "checked": 2,
            "ok": ok,
            "diagnostics": [] if ok else [ERROR],
            "change": {
                "base": "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
                "head": "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
                "paths": ["submissions/demo-sprint/probing.md"],
                "projects": ["demo-sprint/probing"],
                "sprints": ["demo-sprint"],
                "late": False,
                "protected": False,
                **change,
            },
        }
    )


def synchronize(sha: str = SECOND_PUSH) -> dict[str, Any]:
    """The synchronize example, as a new push to the same pull request delivers it."""
    event = pull_request_event("synchronize")
    event["before"], event["after"] = event["pull_request"]["head"]["sha"], sha
    event["pull_request"]["head"]["sha"] = sha
    return event


def statuses(stand_in: StandIn) -> list[dict[str, Any]]:
    return [c.body for c in stand_in.find("POST", r"/statuses/") if not c.injected]


def test_first_push_comments_labels_and_sets_the_status(stand_in: StandIn, tmp_path: Path) -> None:
    event = pull_request_event("opened")
    sha = event["pull_request"]["head"]["sha"]
    run = run_bot(stand_in.url, tmp_path, event, verdict(ok=False))
    assert run.code == 0, run.err
    assert stand_in.rejected() == []

    posts = stand_in.find("POST", rf"^/repos/{REPO}/issues/{NUMBER}/comments$")
    assert len(posts) == 1
    expected = build_report(
        from_json(verdict(ok=False)),
        Context(REPO, sha, run_url=f"https://github.com/{REPO}/actions/runs/4242"),
    )
    assert posts[0].body == {"body": expected.body}
    assert marker_state(posts[0].body["body"]) == "intact"

    # Labels: created in the repository with a colour, then put on the PR; people's labels stay.
    created = {c.body["name"]: c.body for c in stand_in.find("POST", rf"^/repos/{REPO}/labels$")}
    assert set(created) == {"needs-changes", "submission", "sprint:demo-sprint"}
    assert all(len(spec["color"]) == 6 and spec["description"] for spec in created.values())
    assert set(stand_in.issue_labels(REPO, NUMBER)) == {
        "bug",
        "enhancement",
        "needs-changes",
        "submission",
        "sprint:demo-sprint",
    }
    assert stand_in.find("DELETE", "/labels/") == []

    [status] = statuses(stand_in)
    assert stand_in.find("POST", r"/statuses/")[0].path == f"/repos/{REPO}/statuses/{sha}"
    assert status["state"] == "failure" and status["context"] == "jam/verified"
    assert 0 < len(status["description"]) <= 140
    assert status["target_url"] == f"https://github.com/{REPO}/actions/runs/4242"
    assert run.outcome["comment"] == "created"


def test_second_push_updates_the_same_comment(stand_in: StandIn, tmp_path: Path) -> None:
    first = run_bot(stand_in.url, tmp_path / "1", pull_request_event("opened"), verdict(ok=False))
    assert first.code == 0, first.err
    comment_id = first.outcome["comment_id"]

    second = run_bot(stand_in.url, tmp_path / "2", synchronize(), verdict(ok=True))
    assert second.code == 0, second.err
    assert stand_in.rejected() == []
    assert len(stand_in.find("POST", r"/issues/\d+/comments$")) == 1  # no second comment
    [patch] = stand_in.find("PATCH", r"/issues/comments/")
    assert patch.path == f"/repos/{REPO}/issues/comments/{comment_id}"
    assert "ready for review" in patch.body["body"] and SECOND_PUSH[:12] in patch.body["body"]
    assert [c["body"] for c in stand_in.comments(REPO, NUMBER)] == [patch.body["body"]]

    # The stale bot label goes, the new one comes, people's labels stay.
    [delete] = stand_in.find("DELETE", "/labels/")
    assert delete.path == f"/repos/{REPO}/issues/{NUMBER}/labels/needs-changes"
    labels = set(stand_in.issue_labels(REPO, NUMBER))
    assert labels == {"bug", "enhancement", "ready", "submission", "sprint:demo-sprint"}
    assert [s["state"] for s in statuses(stand_in)] == ["failure", "success"]
    assert stand_in.find("POST", r"/statuses/")[-1].path.endswith(SECOND_PUSH)

    # A re-run on the same push changes nothing it does not need to.
    before = len(stand_in.writes())
    third = run_bot(stand_in.url, tmp_path / "3", synchronize(), verdict(ok=True))
    assert third.code == 0 and third.outcome["comment"] == "unchanged"
    assert [c.method for c in stand_in.writes()[before:]] == ["POST"]  # only the status, again
    assert stand_in.rejected() == []


def test_a_pasted_marker_in_someone_elses_comment_is_not_the_bots(stand_in: StandIn, tmp_path: Path) -> None:
    event = pull_request_event("opened")
    sha = event["pull_request"]["head"]["sha"]
    forged = build_report(from_json(verdict(ok=True)), Context(REPO, sha)).body  # a perfect copy
    stand_in.seed_comment(REPO, NUMBER, forged, "mallory")
    run = run_bot(stand_in.url, tmp_path, event, verdict(ok=False))
    assert run.code == 0, run.err
    assert stand_in.find("PATCH", r"/issues/comments/") == []
    assert len(stand_in.find("POST", r"/issues/\d+/comments$")) == 1
    assert stand_in.comments(REPO, NUMBER)[0]["body"] == forged
    assert stand_in.rejected() == []


def test_a_human_edit_is_not_clobbered(stand_in: StandIn, tmp_path: Path) -> None:
    first = run_bot(stand_in.url, tmp_path / "1", pull_request_event("opened"), verdict(ok=False))
    edited_id = first.outcome["comment_id"]
    original = stand_in.comments(REPO, NUMBER)[0]["body"]
    stand_in.edit_comment(edited_id, original + "\n**Maintainer:** JAM101 is fine here, we discussed it.")

    second = run_bot(stand_in.url, tmp_path / "2", synchronize(), verdict(ok=False))
    assert second.code == 0, second.err
    assert second.outcome["comment"] == "created-beside-edited"
    assert stand_in.find("PATCH", r"/issues/comments/") == []
    assert "Maintainer:" in stand_in.comments(REPO, NUMBER)[0]["body"]  # left as the maintainer wrote it
    fresh = stand_in.comments(REPO, NUMBER)[1]
    assert "edited by someone" in fresh["body"] and fresh["user"]["login"] == BOT_LOGIN

    # Later pushes keep the fresh comment up to date.
    third = run_bot(stand_in.url, tmp_path / "3", synchronize("1" * 40), verdict(ok=True))
    assert third.code == 0, third.err
    [patch] = stand_in.find("PATCH", r"/issues/comments/")
    assert patch.path.endswith(f"/issues/comments/{fresh['id']}")
    assert stand_in.rejected() == []


def test_rate_limits_are_waited_out(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.inject(
        "POST",
        r"/statuses/",
        429,
        {"Retry-After": "1"},
        {"message": "API rate limit exceeded", "documentation_url": "https://docs.github.com/rest"},
    )
    stand_in.inject(
        "POST",
        r"/issues/\d+/comments$",
        403,
        {"Retry-After": "1", "X-RateLimit-Remaining": "12"},
        {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
    )
    run = run_bot(stand_in.url, tmp_path, pull_request_event("opened"), verdict(ok=True))
    assert run.code == 0, run.err
    assert [c.status for c in stand_in.find("POST", r"/statuses/")] == [429, 201]
    assert [c.status for c in stand_in.find("POST", r"/issues/\d+/comments$")] == [403, 201]
    assert len(stand_in.comments(REPO, NUMBER)) == 1
    assert stand_in.rejected() == []


def test_a_long_rate_limit_fails_in_one_line(stand_in: StandIn, tmp_path: Path) -> None:
    for _ in range(20):
        stand_in.inject(
            "POST",
            r"/statuses/",
            403,
            {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4102444800"},  # the year 2100
            {"message": "API rate limit exceeded for installation ID 1."},
        )
    run = run_bot(stand_in.url, tmp_path, pull_request_event("opened"), verdict(ok=True))
    assert run.code == 1
    assert "Traceback" not in run.err
    assert "setting the commit status" in run.err and "rate limit" in run.err.lower()
    assert len(stand_in.comments(REPO, NUMBER)) == 1  # the other effects still happened
    assert stand_in.rejected() == []


def test_no_verdict_marks_the_commit_error(stand_in: StandIn, tmp_path: Path) -> None:
    run = run_bot(stand_in.url, tmp_path, pull_request_event("opened"), None)
    assert run.code == 1 and "Traceback" not in run.err and "no verdict" in run.err
    [status] = statuses(stand_in)
    assert status["state"] == "error" and status["context"] == "jam/verified"
    assert stand_in.find("POST", r"/comments$") == []
    assert stand_in.rejected() == []


def test_the_token_comes_from_the_environment_only(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "v.json").write_text(verdict(ok=True))
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    command = [sys.executable, "-m", "jamkit.github", "--verdict", str(tmp_path / "v.json")]
    done = subprocess.run(
        [*command, "--repo", REPO, "--pr", "2", "--sha", "a" * 40],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2 and "GITHUB_TOKEN" in done.stderr and "Traceback" not in done.stderr
