"""The bot against the GitHub stand-in, driven by real ``pull_request`` webhook payloads.

Every call goes through the recording proxy to Prism, which checks it against
GitHub's OpenAPI description; ``stand_in.rejected()`` lists any call Prism
refused, and every test asserts there is none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jamkit.core.verdict import from_json
from jamkit.github.bot import Bot, Outcome, Target
from jamkit.github.report import Context, _digest, build_report, marker_state
from tests.github.botrun import run_bot
from tests.github.standin import BOT_LOGIN, Call, StandIn, pull_request_event

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


def sign_v1(content: str) -> str:
    """A comment as the bot's first version signed it (marker v1, no recorded state)."""
    return f"<!-- jamkit-bot v1 sha256={_digest(content)} -->\n{content}\n"


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


def labelled(event: dict[str, Any], stand_in: StandIn) -> dict[str, Any]:
    """The event with ``pull_request.labels`` as GitHub sends them: the PR's labels at the time of the push."""
    key = (REPO, NUMBER)
    stand_in.state.issue_labels.setdefault(key, ["bug", "enhancement"])  # Prism's example labels: people's
    event["pull_request"]["labels"] = [
        {"id": i, "name": name, "color": "ededed", "default": False, "description": None}
        for i, name in enumerate(stand_in.issue_labels(*key), start=1)
    ]
    return event


def synchronize(sha: str = SECOND_PUSH) -> dict[str, Any]:
    """The synchronize example, as a new push to the same pull request delivers it."""
    event = pull_request_event("synchronize")
    event["before"], event["after"] = event["pull_request"]["head"]["sha"], sha
    event["pull_request"]["head"]["sha"] = sha
    return event


def statuses(stand_in: StandIn) -> list[dict[str, Any]]:
    return [c.body for c in stand_in.find("POST", r"/statuses/") if not c.injected]


def counted(calls: list[Call]) -> list[Call]:
    """The calls GitHub counts: every run's first look at GET /rate_limit is free."""
    return [c for c in calls if c.path != "/rate_limit"]


def content_creating(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method != "GET"]


def test_first_push_sets_the_status_first_then_labels_and_comment(stand_in: StandIn, tmp_path: Path) -> None:
    event = labelled(pull_request_event("opened"), stand_in)
    sha = event["pull_request"]["head"]["sha"]
    run = run_bot(stand_in.url, tmp_path, event, verdict(ok=False))
    assert run.code == 0, run.err
    assert stand_in.rejected() == []

    # At most 4 requests: the status, the comment list, the labels, the comment.
    assert stand_in.calls[0].path == "/rate_limit"
    assert [(c.method, c.path) for c in counted(stand_in.calls)] == [
        ("POST", f"/repos/{REPO}/statuses/{sha}"),
        ("GET", f"/repos/{REPO}/issues/{NUMBER}/comments"),
        ("POST", f"/repos/{REPO}/issues/{NUMBER}/labels"),
        ("POST", f"/repos/{REPO}/issues/{NUMBER}/comments"),
    ]
    assert run.outcome["requests"] == 4 and run.outcome["writes"] == 3

    posts = stand_in.find("POST", rf"^/repos/{REPO}/issues/{NUMBER}/comments$")
    expected = build_report(
        from_json(verdict(ok=False)),
        Context(REPO, sha, run_url=f"https://github.com/{REPO}/actions/runs/4242"),
    )
    assert posts[0].body == {"body": expected.body}
    assert marker_state(posts[0].body["body"]) == "intact"

    # Labels: added in one request, people's labels stay; the repository's labels are not listed or created.
    assert set(stand_in.issue_labels(REPO, NUMBER)) == {
        "bug",
        "enhancement",
        "needs-changes",
        "submission",
        "sprint:demo-sprint",
    }
    assert stand_in.find("GET", "/labels") == [] and stand_in.find("POST", rf"^/repos/{REPO}/labels$") == []

    [status] = statuses(stand_in)
    assert status["state"] == "failure" and status["context"] == "jam/verified"
    assert 0 < len(status["description"]) <= 140
    assert status["target_url"] == f"https://github.com/{REPO}/actions/runs/4242"
    assert run.outcome["comment"] == "created"


def test_a_changed_push_edits_the_comment_and_swaps_the_labels_in_one_request(
    stand_in: StandIn, tmp_path: Path
) -> None:
    first = run_bot(stand_in.url, tmp_path / "1", labelled(pull_request_event("opened"), stand_in), verdict(ok=False))
    assert first.code == 0, first.err
    comment_id = first.outcome["comment_id"]
    stand_in.state.issue_labels[(REPO, NUMBER)].append("good first issue")  # a maintainer's, before the push

    before = len(stand_in.calls)
    second = run_bot(stand_in.url, tmp_path / "2", labelled(synchronize(), stand_in), verdict(ok=True))
    assert second.code == 0, second.err
    assert stand_in.rejected() == []
    calls = counted(stand_in.calls[before:])
    assert len(calls) <= 4 and len(content_creating(calls)) <= 3
    assert calls[0].path == f"/repos/{REPO}/statuses/{SECOND_PUSH}"
    assert len(stand_in.find("POST", r"/issues/\d+/comments$")) == 1  # no second comment
    [patch] = stand_in.find("PATCH", r"/issues/comments/")
    assert patch.path == f"/repos/{REPO}/issues/comments/{comment_id}"
    assert "ready for review" in patch.body["body"] and SECOND_PUSH[:12] in patch.body["body"]
    assert [c["body"] for c in stand_in.comments(REPO, NUMBER)] == [patch.body["body"]]

    # The stale bot label goes, the new one comes, people's labels stay: one PUT.
    [put] = stand_in.find("PUT", "/labels")
    assert put.body["labels"][:3] == ["bug", "enhancement", "good first issue"]
    assert stand_in.find("DELETE", "/labels") == []
    labels = set(stand_in.issue_labels(REPO, NUMBER))
    assert labels == {"bug", "enhancement", "good first issue", "ready", "submission", "sprint:demo-sprint"}
    assert [s["state"] for s in statuses(stand_in)] == ["failure", "success"]


def test_an_unchanged_push_costs_two_requests(stand_in: StandIn, tmp_path: Path) -> None:
    first = run_bot(stand_in.url, tmp_path / "1", labelled(pull_request_event("opened"), stand_in), verdict(ok=False))
    assert first.code == 0, first.err
    for n, sha in enumerate(["1" * 40, "1" * 40, "2" * 40]):  # a push, a re-run of it, another push
        before = len(stand_in.calls)
        run = run_bot(stand_in.url, tmp_path / str(n), labelled(synchronize(sha), stand_in), verdict(ok=False))
        assert run.code == 0 and run.outcome["comment"] == "unchanged", run.err
        assert [(c.method, c.path) for c in counted(stand_in.calls[before:])] == [
            ("POST", f"/repos/{REPO}/statuses/{sha}"),
            ("GET", f"/repos/{REPO}/issues/{NUMBER}/comments"),
        ]
    assert [s["state"] for s in statuses(stand_in)] == ["failure"] * 4
    assert len(stand_in.comments(REPO, NUMBER)) == 1 and stand_in.rejected() == []


def test_a_payload_older_than_the_last_run_does_not_leave_stale_labels(stand_in: StandIn, tmp_path: Path) -> None:
    """Two quick pushes: the second event was sent before the first run labelled the pull request."""
    stale_event = labelled(synchronize(), stand_in)  # bug, enhancement: no bot label yet
    first = run_bot(stand_in.url, tmp_path / "1", labelled(pull_request_event("opened"), stand_in), verdict(ok=False))
    assert first.code == 0, first.err
    second = run_bot(stand_in.url, tmp_path / "2", stale_event, verdict(ok=True))
    assert second.code == 0, second.err
    labels = set(stand_in.issue_labels(REPO, NUMBER))
    assert labels == {"bug", "enhancement", "ready", "submission", "sprint:demo-sprint"}  # needs-changes gone
    assert stand_in.rejected() == []


def test_missing_labels_are_created_by_the_first_run_that_needs_them(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.refuse_unknown_labels = True
    run = run_bot(stand_in.url, tmp_path, labelled(pull_request_event("opened"), stand_in), verdict(ok=True))
    assert run.code == 0, run.err
    created = {c.body["name"]: c.body for c in stand_in.find("POST", rf"^/repos/{REPO}/labels$")}
    assert set(created) == {"ready", "submission", "sprint:demo-sprint"}
    assert all(len(spec["color"]) == 6 and spec["description"] for spec in created.values())
    assert [c.status for c in stand_in.find("POST", rf"/issues/{NUMBER}/labels$")] == [422, 200]
    assert set(stand_in.issue_labels(REPO, NUMBER)) >= {"ready", "submission", "sprint:demo-sprint"}
    assert [c for c in stand_in.rejected() if c.path.endswith(f"/issues/{NUMBER}/labels")] == []
    assert stand_in.rejected() == []

    # Later runs find them there: only a label not made yet is created.
    before = len(stand_in.calls)
    run = run_bot(stand_in.url, tmp_path / "2", labelled(synchronize("3" * 40), stand_in), verdict(ok=False))
    assert run.code == 0, run.err
    made = [c.body["name"] for c in stand_in.calls[before:] if c.method == "POST" and c.path == f"/repos/{REPO}/labels"]
    assert made == ["needs-changes"]
    assert stand_in.rejected() == []


def test_a_comment_of_the_previous_version_is_taken_over(stand_in: StandIn, tmp_path: Path) -> None:
    old = sign_v1("## ✅ jam check: ready for review\n\nChecked commit `ec26c3e57ca3`")
    comment_id = stand_in.seed_comment(REPO, NUMBER, old, BOT_LOGIN)
    run = run_bot(stand_in.url, tmp_path, labelled(pull_request_event("opened"), stand_in), verdict(ok=True))
    assert run.code == 0 and run.outcome["comment"] == "updated", run.err
    [patch] = stand_in.find("PATCH", r"/issues/comments/")
    assert patch.path.endswith(f"/{comment_id}") and marker_state(patch.body["body"]) == "intact"
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


def test_a_rate_limit_longer_than_the_job_stops_in_one_line_with_an_error_status(
    stand_in: StandIn, tmp_path: Path
) -> None:
    stand_in.inject(
        "POST",
        r"/statuses/",
        403,
        {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "4102444800"},  # the year 2100
        {"message": "API rate limit exceeded for installation ID 1."},
    )
    run = run_bot(stand_in.url, tmp_path, labelled(pull_request_event("opened"), stand_in), verdict(ok=True))
    assert run.code == 1
    assert "Traceback" not in run.err
    [line, advice] = run.err.strip().splitlines()
    assert "setting the commit status" in line and "rate limit" in line and "s left" in line
    assert "re-run this job" in advice
    # The status is tried once more as `error`, at once; the comment and labels wait for the re-run.
    assert [(c.status, (c.body or {}).get("state")) for c in stand_in.find("POST", r"/statuses/")] == [
        (403, "success"),
        (201, "error"),
    ]
    assert stand_in.comments(REPO, NUMBER) == [] and stand_in.find("POST", "/labels") == []
    assert stand_in.rejected() == []


def test_a_secondary_limit_longer_than_the_time_limit_stops(stand_in: StandIn, tmp_path: Path) -> None:
    stand_in.inject(
        "POST",
        r"/issues/\d+/comments$",
        403,
        {"Retry-After": "120", "X-RateLimit-Remaining": "700"},
        {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
    )
    event = labelled(pull_request_event("opened"), stand_in)
    run = run_bot(stand_in.url, tmp_path, event, verdict(ok=True), "--time-limit", "30")
    assert run.code == 1 and "Traceback" not in run.err
    assert "posting the comment" in run.err and re.search(r"asks for a 1[23]\d s wait", run.err)
    assert "status jam/verified is set to success" in run.err
    assert [s["state"] for s in statuses(stand_in)] == ["success"]  # the verdict stays; no error over it
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


class SteppingClock:
    """Time that passes only when the bot sleeps: a minute's rate limit takes no time in the test."""

    def __init__(self, meanwhile: Callable[[], None] = lambda: None) -> None:
        self.t = 1_767_222_000.0
        self.slept: list[float] = []
        self.meanwhile = meanwhile  # what happens on GitHub while the bot sleeps

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.t += seconds
        self.meanwhile()


def secondary_limit_on_the_status(stand_in: StandIn, seconds: int) -> None:
    stand_in.inject(
        "POST",
        r"/statuses/",
        403,
        {"Retry-After": str(seconds), "X-RateLimit-Remaining": "700"},
        {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."},
    )


def apply_in_process(stand_in: StandIn, sha: str, ok: bool, clock: SteppingClock) -> Outcome:
    event = labelled(pull_request_event("opened"), stand_in)
    labels = tuple(label["name"] for label in event["pull_request"]["labels"])
    report = build_report(from_json(verdict(ok=ok)), Context(REPO, sha))
    bot = Bot("ghs_test", base_url=stand_in.url, clock=clock, write_interval=0.0, time_limit=1800.0)
    return bot.apply(Target(REPO, NUMBER, sha, labels), report)


def test_a_head_that_moved_during_a_wait_gets_no_writes(stand_in: StandIn) -> None:
    """The run waited a minute for GitHub; meanwhile a newer push came: that push's run reports, this one stops."""
    first = pull_request_event("opened")["pull_request"]["head"]["sha"]
    stand_in.push(REPO, NUMBER, first)
    secondary_limit_on_the_status(stand_in, 60)
    clock = SteppingClock(meanwhile=lambda: stand_in.push(REPO, NUMBER, SECOND_PUSH))  # a newer push
    outcome = apply_in_process(stand_in, first, ok=True, clock=clock)

    assert outcome.superseded == SECOND_PUSH and outcome.errors == [] and outcome.status == ""
    assert clock.slept and clock.slept[0] >= 60  # it did wait as GitHub asked
    # One refused status (before the wait), one look at the head, and nothing written after it.
    assert [(c.method, c.path, c.status) for c in counted(stand_in.calls)] == [
        ("POST", f"/repos/{REPO}/statuses/{first}", 403),
        ("GET", f"/repos/{REPO}/pulls/{NUMBER}", 200),
    ]
    assert stand_in.comments(REPO, NUMBER) == [] and stand_in.find("POST", "/labels") == []
    assert stand_in.rejected() == []


def test_a_head_still_the_latest_after_a_wait_gets_its_status_after_one_look(stand_in: StandIn) -> None:
    sha = pull_request_event("opened")["pull_request"]["head"]["sha"]
    stand_in.push(REPO, NUMBER, sha)
    secondary_limit_on_the_status(stand_in, 60)
    outcome = apply_in_process(stand_in, sha, ok=False, clock=SteppingClock())
    assert not outcome.superseded and outcome.head_reads == 1 and outcome.status == "failure"
    assert [(c.method, c.status) for c in counted(stand_in.calls)] == [("POST", 403), ("GET", 200), ("POST", 201)]
    # GitHub is rationing writes: the status went, the comment and labels wait for a later run (and say so).
    assert outcome.deferred and "left for the next push or a re-run" in outcome.errors[0]
    assert "None" not in outcome.errors[0]
    assert stand_in.rejected() == []


def test_a_rerun_of_an_old_run_whose_head_moved_writes_nothing(stand_in: StandIn, tmp_path: Path) -> None:
    """`gh run rerun` of every failed run after a storm: a superseded one costs one read and says why, exit 0."""
    stand_in.push(REPO, NUMBER, SECOND_PUSH)
    run = run_bot(stand_in.url, tmp_path, pull_request_event("opened"), verdict(ok=False), age=3600)
    assert run.code == 0, run.err
    assert "moved on to 0d1b5c4d2e3f" in run.err and "wrote nothing" in run.err and len(run.err.splitlines()) == 1
    assert run.outcome["superseded"] == SECOND_PUSH and run.outcome["requests"] == 0 + run.outcome["head_reads"]
    assert stand_in.writes() == []
    assert stand_in.rejected() == []


def test_a_rerun_of_an_old_run_still_the_latest_reports_as_usual(stand_in: StandIn, tmp_path: Path) -> None:
    event = labelled(pull_request_event("opened"), stand_in)
    stand_in.push(REPO, NUMBER, event["pull_request"]["head"]["sha"])
    run = run_bot(stand_in.url, tmp_path, event, verdict(ok=True), age=3600)
    assert run.code == 0 and run.outcome["comment"] == "created" and run.outcome["head_reads"] == 1, run.err
    assert [s["state"] for s in statuses(stand_in)] == ["success"]
    assert stand_in.rejected() == []


def test_a_server_error_is_retried_on_the_bots_clock(stand_in: StandIn) -> None:
    """A 502 on a read is tried again after a pause on the injected clock, never a real-time sleep of urllib3."""
    sha = pull_request_event("opened")["pull_request"]["head"]["sha"]
    stand_in.inject("GET", rf"/issues/{NUMBER}/comments$", 502, {}, {"message": "Server Error"})
    clock = SteppingClock()
    outcome = apply_in_process(stand_in, sha, ok=True, clock=clock)
    assert outcome.errors == [] and outcome.comment == "created"
    assert clock.slept == [2.0]  # SERVER_ERROR_WAIT, counted against the run's deadline
    assert [c.status for c in stand_in.find("GET", rf"/issues/{NUMBER}/comments$")] == [502, 200]
    assert stand_in.rejected() == []
