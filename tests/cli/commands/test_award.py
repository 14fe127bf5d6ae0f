"""`jam award`: the table, the proposal and the written awards, on real files."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from jamkit.core.model import Status
from jamkit.files.load import load_catalog
from tests.helpers import example_root
from tests.helpers.judged import AFTER, BLOCK, DURING, PROJECT, REVIEWS, SPRINT, R, S, write_judged, write_messy


@pytest.fixture
def judged(repo):
    return write_judged(repo)


def test_award_prints_the_table_and_the_proposal_and_writes_nothing(judged, run_jam) -> None:
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--method", "mean", "--now", AFTER)
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
    assert "Nothing written. To write these awards: jam award judged --method mean --write" in out
    assert (judged.root / S).read_bytes() == before


def test_write_fills_awards_keeps_the_rest_and_checks_clean(judged, run_jam, jam_check) -> None:
    before = (judged.root / S).read_text(encoding="utf-8")
    code, out, err = run_jam(
        "--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER
    )
    assert (code, err) == (0, "")
    assert "Wrote 2 awards in sprints/judged.md:" in out
    assert "+awards:" in out
    after = (judged.root / S).read_text(encoding="utf-8")
    assert after == before.replace("github: cy}\n---\n", "github: cy}\n" + BLOCK + "---\n")
    assert jam_check(judged).diagnostics == []
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER)
    assert code == 0 and "already has exactly these awards; nothing to write" in out
    assert (judged.root / S).read_text(encoding="utf-8") == after


def test_write_makes_the_sprint_finished(judged, run_jam) -> None:
    run_jam("--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER)
    catalog, _ = load_catalog(judged.root)
    assert catalog.sprints["judged"].status(dt.datetime.fromisoformat(AFTER)) is Status.FINISHED


def test_different_awards_are_shown_as_a_diff_and_replaced_only_with_write(judged, run_jam) -> None:
    judged.write(S, SPRINT.replace("judges:", "awards:\n  - {place: 1, project: gamma}  # by hand\njudges:"))
    before = (judged.root / S).read_bytes()
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--method", "mean", "--now", AFTER)
    assert code == 0
    assert "already has different awards; --write would change them:" in out
    assert "-    project: gamma" in out and "+    project: beta" in out
    assert (judged.root / S).read_bytes() == before
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER)
    assert code == 0 and "Replaced the awards in sprints/judged.md" in out
    catalog, _ = load_catalog(judged.root)
    assert [a.project for a in catalog.sprints["judged"].fields.awards] == ["beta", "alpha"]


def test_write_is_refused_before_the_deadline_unless_forced(judged, run_jam) -> None:
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam(
        "--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", DURING
    )
    assert (code, out) == (2, "")
    assert err.startswith("jam award: judged is live (the deadline is 2025-01-19T23:59:59-12:00)")
    assert "--force" in err
    assert (judged.root / S).read_bytes() == before
    code, out, _ = run_jam(
        "--root", str(judged.root), "award", "judged", "--write", "--force", "--method", "mean", "--now", DURING
    )
    assert code == 0 and "Wrote 2 awards" in out


def test_unknown_sprint_is_a_usage_error_that_lists_the_sprints(judged, run_jam) -> None:
    code, out, err = run_jam("--root", str(judged.root), "award", "nope")
    assert (code, out) == (2, "")
    assert err == "jam award: there is no sprint 'nope' (sprints/nope.md); known sprints: judged\n"


def test_content_errors_are_reported_like_jam_check_and_nothing_is_written(judged, run_jam) -> None:
    judged.write(R, REVIEWS.replace("judge: cy,", "judge: carol,"))
    before = (judged.root / S).read_bytes()
    code, out, err = run_jam(
        "--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER
    )
    assert (code, err) == (1, "")
    assert out.splitlines()[0].startswith(f"{R}:3:4: JAM206 'carol' is not a judge of Judged Sprint")
    assert "Fix these first" in out
    assert (judged.root / S).read_bytes() == before


def test_a_judge_counted_twice_is_a_content_error(judged, run_jam) -> None:
    judged.write(R, REVIEWS + "- {judge: ann, project: beta, scores: {impact: 1, quality: 1}}\n")
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--method", "mean", "--now", AFTER)
    assert code == 1
    assert "JAM209 'ann' already reviewed 'beta' (line 1)" in out


def test_nothing_to_rank_without_reviews(judged, run_jam) -> None:
    (judged.root / R).unlink()
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--method", "mean", "--now", AFTER)
    assert code == 0 and "No project can be ranked yet" in out
    code, _, err = run_jam("--root", str(judged.root), "award", "judged", "--write", "--method", "mean", "--now", AFTER)
    assert code == 2 and "nothing to write" in err


def test_award_on_the_repository_itself_proposes_what_is_written(run_jam) -> None:
    code, out, err = run_jam("--root", str(example_root()), "award", "evals-sprint-2026")
    assert (code, err) == (0, "")
    assert "already has exactly these awards; nothing to write" in out


# --------------------------------------------------------------------------- the adjusted ranking, on messy data

M = "sprints/messy.md"


@pytest.fixture
def messy(repo):
    return write_messy(repo)


def award_in(repo, run_jam, *args: str) -> tuple[int, str, str]:
    return run_jam("--root", str(repo.root), "award", "messy", *args, "--now", AFTER)


def proposed_block(out: str) -> str:
    """The ``awards:`` block the dry run proposes, as printed."""
    start = out.index("\nawards:\n") + 1
    return out[start : out.index("\n\n", start) + 1]


def test_the_default_ranking_corrects_the_lenient_judge_and_says_why(messy, run_jam) -> None:
    code, out, err = award_in(messy, run_jam)
    assert (code, err) == (0, "")
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line[:1].isdigit()}
    assert rows["p10"][:6] == ["1", "p10", "3.67", "3.71", "3.21-4.21", "1"]
    assert rows["p11"][:8] == ["5", "p11", "4.33", "3.36", "2.88-3.84", "1", "mira", "-0.90"]
    assert "(lenient)" in " ".join(rows["p11"])
    assert (
        "- p11: 1st by raw mean (4.33), 5th adjusted (3.36). Moved -0.97: scored only by mira, the most lenient "
        "judge (+0.90), whose leniency accounts for -0.90, and -0.07 is the pull toward the average" in out
    )
    assert "Computed from 93 scores (31 reviews by 6 judges); jam award messy --details shows" in out
    assert "REML" not in out and "Variances" not in out
    assert "Leniency, in points above the average judge: mira +0.90 (most lenient)" in out
    assert "tom -0.39 (harshest)." in out
    assert proposed_block(out) == (
        "awards:\n  - place: 1\n    project: p10\n    prize: $1,000\n  - place: 2\n    project: p07\n"
        "    prize: $500\n  - place: 3\n    project: p09\n    prize: $250\n"
    )


def test_close_calls_are_said_once_with_the_best_estimate_and_the_two_ways_on(messy, run_jam) -> None:
    code, out, _ = award_in(messy, run_jam)
    assert code == 0
    assert out.count("Too close to call:") == 1
    assert (
        "Too close to call: places 1 to 4 (p10, p07, p09, p02): their intervals overlap, so the reviews cannot "
        "tell them apart. The best single estimate is the adjusted order above." in out
    )
    assert "Closest: p10 and p07 (0.01 apart), then p07 and p09 (0.12 apart)." in out
    assert (
        "Either keep the adjusted order (jam award messy --write), or let the judges rank these 4 projects in a "
        "finalist round: jam judge finalists messy --write." in out
    )


def test_each_judges_share_of_a_move_adds_up_to_the_move_as_printed(messy, run_jam) -> None:
    _, out, _ = award_in(messy, run_jam)
    lines = [line for line in out.splitlines() if line.startswith("- ") and "Moved " in line]
    assert len(lines) >= 3
    number = r"([+-]\d+\.\d\d)"
    for line in lines:
        move = float(re.search(f"Moved {number}", line)[1])
        correction = float(re.search(f"accounts for {number}", line)[1])
        rest = re.search(f"and {number} is the pull", line)
        assert round(correction + (float(rest[1]) if rest else 0.0), 2) == move, line
        shares = re.search(r"accounts for \S+ \(([^;]*);", line)
        if shares:
            assert round(sum(float(n) for n in re.findall(number, shares[1])), 2) == correction, line


def test_details_show_the_model_statistics(messy, run_jam) -> None:
    code, out, _ = award_in(messy, run_jam, "--details")
    assert code == 0
    assert "Fitted: rating ~ 1 + (1|judge) + (1|criterion) + (1|project) by REML on 93 scores" in out
    assert "Variances: judge" in out
    assert proposed_block(out) == (
        "awards:\n  - place: 1\n    project: p10\n    prize: $1,000\n  - place: 2\n    project: p07\n"
        "    prize: $500\n  - place: 3\n    project: p09\n    prize: $250\n"
    )


def test_the_mean_method_keeps_the_raw_winner(messy, run_jam) -> None:
    code, out, _ = award_in(messy, run_jam, "--method", "mean")
    assert code == 0
    assert next(line for line in out.splitlines() if line.startswith("1 ")).split()[:3] == ["1", "p11", "4.333"]
    assert "Leniency" not in out and "Against the raw means" not in out
    assert "To write these awards: jam award messy --method mean --write" in out


def test_an_unknown_method_is_a_usage_error(messy, run_jam) -> None:
    code, out, err = award_in(messy, run_jam, "--method", "median")
    assert (code, out) == (2, "")
    assert "invalid choice: 'median'" in err


def test_a_disconnected_judge_graph_falls_back_to_raw_means_and_flags_it(judged, run_jam) -> None:
    judged.write(
        R,
        "- {judge: ann, project: alpha, scores: {impact: 5, quality: 5}}\n"
        "- {judge: ann, project: beta, scores: {impact: 2, quality: 2}}\n"
        "- {judge: bob, project: gamma, scores: {impact: 4, quality: 4}}\n"
        "- {judge: cy, project: gamma, scores: {impact: 3, quality: 3}}\n",
    )
    code, out, _ = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert code == 0
    assert "Ranked by raw means: the adjusted score could not be computed" in out
    assert "Note: the judges form 2 groups that share no project, so their leniency cannot be compared" in out
    assert "Flagged: the 2 judge groups" in out
    assert next(line for line in out.splitlines() if line.startswith("1 ")).split()[:2] == ["1", "alpha"]
    assert "judge group 2" in next(line for line in out.splitlines() if line.startswith("1 "))
    assert "judge group 1" in next(line for line in out.splitlines() if line.startswith("2 "))


def test_a_mention_is_proposed_and_written_without_a_place(messy, run_jam, jam_check) -> None:
    code, out, _ = award_in(messy, run_jam, "--mention", "p11")
    assert code == 0
    assert "Proposed awards (3 prizes, and 1 honorable mention)" in out
    assert proposed_block(out).endswith("  - project: p11\n    prize: Honorable mention\n    mention: true\n")
    assert "To write these awards: jam award messy --mention p11 --write" in out
    code, out, _ = award_in(messy, run_jam, "--mention", "p11", "--write")
    assert code == 0 and "Wrote 4 awards in sprints/messy.md" in out
    catalog, _ = load_catalog(messy.root)
    mention = catalog.sprints["messy"].fields.awards[-1]
    assert (mention.place, mention.project, mention.mention) == (None, "p11", True)
    assert jam_check(messy).diagnostics == []


@pytest.mark.parametrize(
    ("mention", "why"),
    [
        ("p99", "--mention p99: not a ranked project of messy"),
        ("../p01", "--mention ../p01: not a ranked project of messy"),
        ("p10", "--mention p10: it already has place 1"),
    ],
)
def test_a_mention_must_name_a_ranked_project_without_a_place(messy, run_jam, mention, why) -> None:
    before = (messy.root / M).read_bytes()
    code, out, err = award_in(messy, run_jam, "--mention", mention, "--write")
    assert (code, out) == (2, "")
    assert err.startswith(f"jam award: {why}")
    if "not a ranked" in why:
        assert "the ranked projects without a place are: p02, p11, p08, p03, p04, p06, p01, p05" in err
    assert (messy.root / M).read_bytes() == before


def test_write_waits_for_every_assigned_review_unless_forced(repo, run_jam) -> None:
    write_messy(repo, skip=("tom/p05", "ana/p01"))
    before = (repo.root / M).read_bytes()
    code, out, _ = award_in(repo, run_jam)
    assert code == 0 and "Still missing: 2 assigned reviews (ana: p01; tom: p05)." in out
    code, out, err = award_in(repo, run_jam, "--write")
    assert (code, out) == (2, "")
    assert err.startswith("jam award: 2 assigned reviews of messy are still missing (ana: p01; tom: p05)")
    assert "jam judge status messy" in err and "--force" in err
    assert (repo.root / M).read_bytes() == before
    code, out, _ = award_in(repo, run_jam, "--write", "--force")
    assert code == 0 and "Wrote 3 awards in sprints/messy.md" in out


def test_reviews_missing_for_a_retracted_project_do_not_hold_up_the_awards(repo, run_jam) -> None:
    write_messy(repo, skip=("tom/p05",))
    retracted = "status: retracted\nretraction: {date: 2025-02-01, reason: Withdrawn by the team.}\n"
    repo.write("submissions/messy/p05.md", PROJECT.format(title="P05", slug="p05", extra=retracted))
    code, out, _ = award_in(repo, run_jam, "--write")
    assert code == 0 and "Still missing" not in out


def test_what_the_dry_run_proposes_is_what_write_writes(messy, run_jam) -> None:
    code, dry, _ = award_in(messy, run_jam, "--mention", "p02", "--mention", "p11")
    assert code == 0
    before = (messy.root / M).read_text(encoding="utf-8")
    code, _, _ = award_in(messy, run_jam, "--mention", "p02", "--mention", "p11", "--write")
    assert code == 0
    after = (messy.root / M).read_text(encoding="utf-8")
    assert after == before.replace("github: tom}\n---\n", "github: tom}\n" + proposed_block(dry) + "---\n")
    code, out, _ = award_in(messy, run_jam, "--mention", "p02", "--mention", "p11")
    assert "already has exactly these awards; nothing to write" in out


def test_absurdly_large_scores_fall_back_to_raw_means_with_a_note_not_a_traceback(judged, run_jam) -> None:
    judged.write(S, SPRINT.replace("criteria:", "scale: {min: 0, max: 1.0e+300}\ncriteria:"))
    judged.write(R, REVIEWS.replace("impact: 5,", "impact: 1.0e+300,"))
    code, out, err = run_jam("--root", str(judged.root), "award", "judged", "--now", AFTER)
    assert (code, err) == (0, "")
    assert "Note: the model could not be fitted" in out and "raw means are used" in out
    assert "Ranked by raw means: the adjusted score could not be computed" in out


EARLIER_SPRINT = """\
---
title: Earlier Sprint
starts: 2024-05-01T09:00:00+00:00
ends: 2024-05-03
criteria:
  - {id: impact, name: Impact}
  - {id: quality, name: Quality}
judges:
  - {id: ann-r, name: Ann Judge, github: ANN}
  - {name: Dee Judge, github: dee}
  - {name: Eve Judge, github: eve}
---
Judged earlier, with Ann (the same GitHub handle, another id) far more lenient than the others.
"""


def test_pool_learns_a_judges_leniency_from_an_earlier_sprint(judged, run_jam) -> None:
    judged.write("sprints/earlier.md", EARLIER_SPRINT)
    reviews = ""
    for n, (low, high) in enumerate([(1, 3), (2, 4), (3, 5), (2, 3), (1, 2), (3, 4)]):
        reviews += f"- {{judge: ann-r, project: early-{n}, scores: {{impact: {min(high + 1, 5)}, quality: {high}}}}}\n"
        reviews += f"- {{judge: dee, project: early-{n}, scores: {{impact: {low}, quality: {low}}}}}\n"
        reviews += f"- {{judge: eve, project: early-{n}, scores: {{impact: {low}, quality: {low + 1}}}}}\n"
    judged.write("sprints/earlier/reviews.yaml", reviews)

    def award(*flags: str) -> str:
        code, out, err = run_jam("--root", str(judged.root), "award", "judged", *flags, "--now", AFTER)
        assert (code, err) == (0, ""), out
        return out

    alone, pooled = award("--no-pool", "--details"), award("--pool", "--details")  # (the model's notes: --details)
    assert "Leniency: no judge is measurably more lenient than another" in alone and "--pool)" not in alone
    assert "Note: the judges' leniency is also learnt from their reviews in earlier (--pool)." in pooled
    # Ann's leniency, plain in the earlier sprint (as ann-r, the same GitHub handle), now counts here.
    line = next(line for line in pooled.splitlines() if line.startswith("Leniency"))
    assert line.startswith("Leniency, in points above the average judge: ann +"), line
    assert float(line.split("ann +")[1].split()[0]) > 0.3
