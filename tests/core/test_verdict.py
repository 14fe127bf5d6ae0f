"""The verdict contract: `jam check --format json` writes what `from_json` reads, and nothing is lost between them."""

from __future__ import annotations

import json

import pytest

from jamkit.core.codes import PR_LATE, PR_NOT_OPEN
from jamkit.core.verdict import (
    LATE_CODE,
    NOT_OPEN_CODE,
    Change,
    Problem,
    Verdict,
    VerdictError,
    from_json,
    sentence,
    to_json,
)
from tests.helpers import SUBMISSION, Repo

P = "submissions/demo-sprint/probing.md"
SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821"

PULL_REQUEST = Verdict.of(
    [
        Problem(P, 2, 1, "JAM101", "error", "'title' is missing", "add `title: ...`"),
        Problem(P, 9, 3, "JAM999", "warning", 'a "quoted" message with ünïcode and <html>'),
    ],
    checked=2,
    change=Change(
        base="f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
        head=SHA,
        merge_base="0" * 40,
        paths=(P, "submissions/demo-sprint/probing/report.pdf"),
        projects=("demo-sprint/probing",),
        sprints=("demo-sprint",),
        late=True,
        protected=False,
        author="bea",
        maintainer=False,
    ),
)


def test_to_json_then_from_json_gives_the_same_verdict() -> None:
    assert from_json(to_json(PULL_REQUEST)) == PULL_REQUEST
    files_only = Verdict.of([], checked=3)
    assert from_json(to_json(files_only)) == files_only
    assert "change" not in json.loads(to_json(files_only))


def test_ok_means_no_errors_warnings_do_not_count() -> None:
    warning = Problem(P, 1, 1, "JAM999", "warning", "w")
    error = Problem(P, 1, 1, "JAM101", "error", "e")
    assert Verdict.of([warning], 1).ok and Verdict.of([warning], 1).passed
    assert not Verdict.of([warning, error], 1).ok and not Verdict.of([error], 1).passed


def test_the_json_keeps_the_documented_keys_in_order() -> None:
    document = json.loads(to_json(PULL_REQUEST))
    assert list(document) == ["checked", "ok", "diagnostics", "change", "outcome"]  # new keys only at the end
    assert list(document["diagnostics"][0]) == ["path", "line", "col", "code", "severity", "message", "fix"]
    assert list(document["change"]) == [
        "base", "head", "merge_base", "paths", "projects", "sprints", "late", "protected", "author", "maintainer",
        "not_open",
    ]  # fmt: skip


def test_what_jam_check_writes_is_what_from_json_reads(demo_repo: Repo, run_jam) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "sitte: london"))
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "json")
    verdict = from_json(out)
    assert code == 1 and not verdict.ok and verdict.checked == 4 and verdict.change is None
    assert [(p.path, p.line, p.code) for p in verdict.problems] == [(P, 8, "JAM102")]
    assert to_json(verdict) + "\n" == out


def test_what_jam_check_pr_writes_is_what_from_json_reads(demo_repo: Repo, run_jam) -> None:
    demo_repo.init_git()
    base = demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "pr")
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    head = demo_repo.commit("pull request")
    code, out, _ = run_jam(
        "--root", str(demo_repo.root), "check", "--pr", "--base", "main",
        "--author", "bea", "--now", "2025-01-21T12:00:00Z", "--format", "json",
    )  # fmt: skip
    verdict = from_json(out)
    assert code == 1 and not verdict.passed
    assert [p.code for p in verdict.problems] == ["JAM307", "JAM203"]  # late (line 1), unknown site (line 8)
    assert verdict.change == Change(
        base=base, head=head, merge_base=base, paths=(P,), projects=("demo-sprint/probing",),
        sprints=("demo-sprint",), late=True, protected=False, author="bea", maintainer=False,
    )  # fmt: skip
    assert to_json(verdict) + "\n" == out


def test_from_json_ignores_extra_keys_and_accepts_a_verdict_without_change() -> None:
    verdict = from_json('{"checked": 1, "ok": true, "diagnostics": [], "merge_base": "x", "extra": {}}')
    assert verdict.passed and verdict.change is None


def test_from_json_reads_a_change_with_only_some_keys() -> None:
    verdict = from_json('{"ok": true, "change": {"projects": ["a-sprint/a-project"], "future": 1}}')
    assert verdict.change == Change(projects=("a-sprint/a-project",))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"checked": 1, "diagnostics": []}',
        '{"checked": 1, "ok": "yes", "diagnostics": []}',
        '{"checked": 1, "ok": true, "diagnostics": [{"line": "2"}]}',
        '{"checked": 1, "ok": true, "diagnostics": [{"severity": "fatal"}]}',
        '{"checked": 1, "ok": true, "diagnostics": [], "change": {"sprints": "demo"}}',
        '{"checked": 1, "ok": true, "change": {"author": 7}}',
        '{"checked": 1, "ok": true, "change": {"maintainer": "yes"}}',
        '{"checked": true, "ok": true}',
        "[" * 100_000,
    ],
)
def test_from_json_refuses_anything_else(text: str) -> None:
    with pytest.raises(VerdictError):
        from_json(text)


def test_the_sentence_says_what_changes_and_whether_it_can_be_merged() -> None:
    assert sentence(PULL_REQUEST) == (
        "Pull request verdict: NEEDS CHANGES. It changes project demo-sprint/probing; "
        "1 problem to fix, listed above; it is also LATE (after the sprint's deadline): "
        "the organisers decide whether to accept it."
    )
    anonymous = Change(paths=(P,), projects=("demo-sprint/probing",), protected=True)
    assert sentence(Verdict.of([], 1, anonymous)) == (
        "Pull request verdict: MAINTAINER REVIEW. It changes project demo-sprint/probing and passes every check, "
        "but it touches protected files (site code, workflows or configuration), so a maintainer must review it; "
        "membership was not checked because no --author was given."
    )
    assert sentence(Verdict.of([], 1, Change(paths=("README.md",), maintainer=True))) == (
        "Pull request verdict: READY. It changes 1 file and no project and passes every check."
    )
    assert sentence(Verdict.of([], 0, Change())) == (
        "Pull request verdict: nothing to check, the pull request changes no files."
    )


LATE = Problem(P, 1, 1, "JAM307", "error", "LATE submission", "nothing to fix: the organisers decide")
NOT_OPEN = Problem(P, 1, 1, "JAM308", "error", "the sprint has not started", "nothing to fix: wait")
PROJECT = {"paths": (P,), "projects": ("demo-sprint/probing",), "author": "bea"}


def test_a_late_pull_request_waits_for_the_organisers_and_is_never_told_to_fix_and_push() -> None:
    late = Verdict.of([LATE], 1, Change(**PROJECT, late=True))
    assert late.outcome == "late" and not late.ok
    assert sentence(late).startswith("Pull request verdict: LATE, waiting for the organisers.")
    assert "NEEDS CHANGES" not in sentence(late) and "fix them" not in sentence(late)
    also_broken = Verdict.of([LATE, PULL_REQUEST.problems[0]], 1, Change(**PROJECT, late=True))
    assert also_broken.outcome == "needs-changes" and also_broken.to_fix == (PULL_REQUEST.problems[0],)
    assert "1 problem to fix" in sentence(also_broken)


def test_a_sprint_not_yet_open_has_its_own_verdict_and_a_missing_sprint_still_needs_changes() -> None:
    waiting = Verdict.of([NOT_OPEN], 1, Change(**PROJECT, not_open=True))
    assert waiting.outcome == "not-open"
    assert sentence(waiting).startswith("Pull request verdict: NOT YET OPEN.")
    no_such_sprint = Verdict.of([NOT_OPEN], 1, Change(**PROJECT))
    assert no_such_sprint.outcome == "needs-changes"


def test_every_outcome_survives_the_json_and_old_verdicts_without_the_new_keys_still_read() -> None:
    for verdict in (
        Verdict.of([LATE], 1, Change(**PROJECT, late=True)),
        Verdict.of([NOT_OPEN], 1, Change(**PROJECT, not_open=True)),
        Verdict.of([], 1, Change(**PROJECT, protected=True)),
    ):
        again = from_json(to_json(verdict))
        assert again == verdict and json.loads(to_json(verdict))["outcome"] == again.outcome
    old = '{"checked": 1, "ok": false, "diagnostics": [{"code": "JAM307"}], "change": {"paths": ["x"], "late": true}}'
    assert from_json(old).outcome == "late"


def test_the_waiting_codes_are_the_policy_rules_codes() -> None:
    assert (PR_LATE.code, PR_NOT_OPEN.code) == (LATE_CODE, NOT_OPEN_CODE)
