"""`jam award`: the table, the proposal and the written awards, on real files."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import ROOT
from tests.test_awards import AFTER, BLOCK, DURING, REVIEWS, SPRINT, R, S, write_judged

from jamkit.load import load_catalog
from jamkit.model import Status


@pytest.fixture
def judged(repo):
    return write_judged(repo)


def test_award_prints_the_table_and_the_proposal_and_writes_nothing(judged, run_jam) -> None:
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("place"))
    assert header.split() == ["place", "project", "score", "reviews", "impact", "quality", "notes"]
    assert next(line for line in lines if " beta " in line).split() == ["1", "beta", "4.000", "3", "4.00", "4.00"]
    assert next(line for line in lines if " gamma " in line).split() == [
        "3",
        "gamma",
        "3.667",
        "2",
        "4.00",
        "3.00",
        "tie",
    ]
    assert "Tie across the last awarded place: alpha and gamma score 3.667 exactly" in out
    assert "Not ranked: delta (no reviews), eps (retracted), zeta (embargoed until 2099-01-01)" in out
    assert BLOCK in out
    assert "Nothing written. To write these awards: jam award judged --write" in out
    assert (judged.root / S).read_bytes() == before


def test_write_fills_awards_keeps_the_rest_and_checks_clean(judged, run_jam, jam_check) -> None:
    before = (judged.root / S).read_text(encoding="utf-8")
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    assert (code, err) == (0, "")
    assert "Wrote 2 awards in sprints/judged.md:" in out
    assert "+awards:" in out
    after = (judged.root / S).read_text(encoding="utf-8")
    assert after == before.replace("github: cy}\n---\n", "github: cy}\n" + BLOCK + "---\n")
    assert jam_check(judged).diagnostics == []
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    assert code == 0 and "already has exactly these awards; nothing to write" in out
    assert (judged.root / S).read_text(encoding="utf-8") == after


def test_write_makes_the_sprint_finished(judged, run_jam) -> None:
    run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    catalog, _ = load_catalog(judged.root)
    assert catalog.sprints["judged"].status(dt.datetime.fromisoformat(AFTER)) is Status.FINISHED


def test_different_awards_are_shown_as_a_diff_and_replaced_only_with_write(judged, run_jam) -> None:
    judged.write(S, SPRINT.replace("judges:", "awards:\n  - {place: 1, project: gamma}  # by hand\njudges:"))
    before = (judged.root / S).read_bytes()
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert code == 0
    assert "already has different awards; --write would change them:" in out
    assert "-    project: gamma" in out and "+    project: beta" in out
    assert (judged.root / S).read_bytes() == before
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    assert code == 0 and "Replaced the awards in sprints/judged.md" in out
    catalog, _ = load_catalog(judged.root)
    assert [a.project for a in catalog.sprints["judged"].fields.awards] == ["beta", "alpha"]


def test_write_is_refused_before_the_deadline_unless_forced(judged, run_jam) -> None:
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", DURING)
    assert (code, out) == (2, "")
    assert err.startswith("jam award: judged is live (the deadline is 2025-01-19T23:59:59-12:00)")
    assert "--force" in err
    assert (judged.root / S).read_bytes() == before
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--write", "--force", "--now", DURING)
    assert code == 0 and "Wrote 2 awards" in out


def test_unknown_sprint_is_a_usage_error_that_lists_the_sprints(judged, run_jam) -> None:
    code, out, err = run_jam("--root", str(judged.root), "award", "nope")
    assert (code, out) == (2, "")
    assert err == "jam award: there is no sprint 'nope' (sprints/nope.md); known sprints: judged\n"


def test_content_errors_are_reported_like_jam_check_and_nothing_is_written(judged, run_jam) -> None:
    judged.write(R, REVIEWS.replace("judge: cy,", "judge: carol,"))
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith(f"{R}:3:4: JAM206 'carol' is not a judge of Judged Sprint")
    assert "Fix these first" in out
    assert (judged.root / S).read_bytes() == before


def test_a_judge_counted_twice_is_a_content_error(judged, run_jam) -> None:
    judged.write(R, REVIEWS + "- {judge: ann, project: beta, scores: {impact: 1, quality: 1}}\n")
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert code == 1
    assert "JAM209 'ann' already reviewed 'beta' (line 1)" in out


def test_nothing_to_rank_without_reviews(judged, run_jam) -> None:
    (judged.root / R).unlink()
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert code == 0 and "No project can be ranked yet" in out
    code, _, err = run_jam("--root", str(judged.root), "award", "judged", "--write", "--now", AFTER)
    assert code == 2 and "nothing to write" in err


def test_award_on_the_repository_itself_proposes_what_is_written(run_jam) -> None:
    code, out, err = run_jam("--root", str(ROOT), "award", "evals-sprint-2026")
    assert (code, err) == (0, "")
    assert "already has exactly these awards; nothing to write" in out
