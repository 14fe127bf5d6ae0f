"""`jam award`: the ranking's arithmetic on a hand-checked example, and the command on real files."""

from __future__ import annotations

from fractions import Fraction

import pytest
from tests.conftest import PDF, ROOT

from jamkit.awards import propose, rank
from jamkit.load import load_catalog
from jamkit.model import utc_day

S = "sprints/judged.md"
R = "sprints/judged/reviews.yaml"
AFTER = "2025-03-01T12:00:00+00:00"  # after the deadline: the sprint is in judging
DURING = "2025-01-18T12:00:00+00:00"

SPRINT = """\
---
# Judged sprint for the award tests.
title: Judged Sprint
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 1000, currency: EUR}
criteria:
  - {id: impact, name: Impact, weight: 2}
  - {id: quality, name: Quality}
judges:
  - {name: Ann Judge, github: ann}
  - {name: Bob Judge, github: bob}
  - {name: Cy Judge, github: cy}
---
Judged.
"""

# Hand-checked, weights impact 2/3 and quality 1/3:
# beta   impact (4+4+4)/3 = 4, quality 4          -> 4
# alpha  impact (5+3)/2 = 4,   quality (2+4)/2 = 3 -> (2*4 + 3)/3 = 11/3
# gamma  impact (5+3)/2 = 4,   quality 3 (Bob only; Ann left it out) -> 11/3, a tie with alpha
# delta  no reviews; eps retracted; zeta embargoed: not ranked
REVIEWS = """\
- {judge: ann, project: beta, scores: {impact: 4, quality: 4}}
- {judge: bob, project: beta, scores: {impact: 4, quality: 4}}
- {judge: cy, project: beta, scores: {impact: 4, quality: 4}}
- {judge: ann, project: alpha, scores: {impact: 5, quality: 2}}
- {judge: bob, project: alpha, scores: {impact: 3, quality: 4}}
- {judge: ann, project: gamma, scores: {impact: 5}}
- {judge: bob, project: gamma, scores: {impact: 3, quality: 3}}
- {judge: ann, project: eps, scores: {impact: 5, quality: 5}}
- {judge: ann, project: zeta, scores: {impact: 5, quality: 5}}
"""

PROJECT = """\
---
title: {title}
members:
  - {{name: Member of {title}, github: {slug}-dev}}
abstract: A project.
report: report.pdf
{extra}---
Body.
"""

BLOCK = """\
awards:
  - place: 1
    project: beta
    prize: $2,000
  - place: 2
    project: alpha
    prize: €1,000
"""

EXTRA = {
    "eps": "status: retracted\nretraction: {date: 2025-02-01, reason: Withdrawn by the team.}\n",
    "zeta": "status: embargoed\nembargo_until: 2099-01-01\n",
}


@pytest.fixture
def judged(repo):
    repo.write(S, SPRINT)
    repo.write(R, REVIEWS)
    for slug in ("alpha", "beta", "gamma", "delta", "eps", "zeta"):
        repo.write(
            f"submissions/judged/{slug}.md", PROJECT.format(title=slug.title(), slug=slug, extra=EXTRA.get(slug, ""))
        )
        repo.write(f"submissions/judged/{slug}/report.pdf", PDF)
    return repo


def ranking_of(repo, slug: str = "judged", now: str = AFTER):
    import datetime as dt

    catalog, problems = load_catalog(repo.root)
    assert problems == []
    subs = [s for s in catalog.submissions.values() if s.sprint == slug]
    return rank(catalog.sprints[slug], catalog.reviews.get(slug, ()), subs, utc_day(dt.datetime.fromisoformat(now)))


# --------------------------------------------------------------------------- arithmetic


def test_ranking_is_the_weighted_mean_of_per_criterion_means(judged) -> None:
    ranking = ranking_of(judged)
    assert [(s.project, s.score, s.reviews) for s in ranking.standings] == [
        ("beta", Fraction(4), 3),
        ("alpha", Fraction(11, 3), 2),
        ("gamma", Fraction(11, 3), 2),
    ]
    gamma = ranking.standings[2]
    assert gamma.means == {"impact": Fraction(4), "quality": Fraction(3)}


def test_equal_scores_are_a_flagged_tie_in_slug_order(judged) -> None:
    ties = [(s.project, s.tied) for s in ranking_of(judged).standings]
    assert ties == [("beta", False), ("alpha", True), ("gamma", True)]


def test_unreviewed_retracted_and_embargoed_projects_are_not_ranked(judged) -> None:
    assert ranking_of(judged).left_out == (
        ("delta", "no reviews"),
        ("eps", "retracted"),
        ("zeta", "embargoed until 2099-01-01"),
    )


def test_weights_written_as_decimals_tie_exactly(repo) -> None:
    """0.3 * 3 + 0.4 * 3.5 + 0.3 * 3 and 0.3 * 10/3 + 0.4 * 4 + 0.3 * 2 are both exactly 3.2."""
    sprint = SPRINT.replace(
        "  - {id: impact, name: Impact, weight: 2}\n  - {id: quality, name: Quality}\n",
        "  - {id: a, name: A, weight: 0.3}\n  - {id: b, name: B, weight: 0.4}\n  - {id: c, name: C, weight: 0.3}\n",
    )
    repo.write(S, sprint)
    repo.write(
        R,
        "- {judge: ann, project: one, scores: {a: 3, b: 3, c: 3}}\n"
        "- {judge: bob, project: one, scores: {a: 3, b: 4, c: 3}}\n"
        "- {judge: ann, project: two, scores: {a: 3, b: 4, c: 2}}\n"
        "- {judge: bob, project: two, scores: {a: 3, b: 4, c: 2}}\n"
        "- {judge: cy, project: two, scores: {a: 4, b: 4, c: 2}}\n",
    )
    for slug in ("one", "two"):
        repo.write(f"submissions/judged/{slug}.md", PROJECT.format(title=slug, slug=slug, extra=""))
        repo.write(f"submissions/judged/{slug}/report.pdf", PDF)
    standings = ranking_of(repo).standings
    assert [(s.project, s.score, s.tied) for s in standings] == [
        ("one", Fraction(16, 5), True),
        ("two", Fraction(16, 5), True),
    ]


def test_the_prize_ladder_gives_places_and_prize_text(judged) -> None:
    awards = propose(ranking_of(judged))
    assert [(a.place, a.project, a.prize) for a in awards] == [(1, "beta", "$2,000"), (2, "alpha", "€1,000")]


def test_without_prizes_the_top_three_are_proposed_without_prize_text(judged) -> None:
    judged.write(
        S, SPRINT.replace("prizes:\n  - {place: 1, amount: 2000}\n  - {place: 2, amount: 1000, currency: EUR}\n", "")
    )
    awards = propose(ranking_of(judged))
    assert [(a.place, a.project, a.prize) for a in awards] == [
        (1, "beta", None),
        (2, "alpha", None),
        (3, "gamma", None),
    ]


def test_two_prizes_for_one_place_make_a_shared_place(judged) -> None:
    judged.write(
        S,
        SPRINT.replace(
            "  - {place: 2, amount: 1000, currency: EUR}\n",
            "  - {place: 2, amount: 500}\n  - {place: 2, amount: 500}\n",
        ),
    )
    awards = propose(ranking_of(judged))
    assert [(a.place, a.project, a.prize) for a in awards] == [
        (1, "beta", "$2,000"),
        (2, "alpha", "$500"),
        (2, "gamma", "$500"),
    ]


@pytest.mark.parametrize("sprint", ["evals-sprint-2026", "interpretability-2026"])
def test_the_example_sprints_awards_match_their_reviews(sprint: str) -> None:
    import datetime as dt

    catalog, problems = load_catalog(ROOT)
    assert problems == []
    subs = [s for s in catalog.submissions.values() if s.sprint == sprint]
    today = utc_day(dt.datetime.now(dt.UTC))
    proposal = propose(rank(catalog.sprints[sprint], catalog.reviews[sprint], subs, today))
    assert proposal == list(catalog.sprints[sprint].fields.awards)


# --------------------------------------------------------------------------- the command


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
    import datetime as dt

    from jamkit.model import Status

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
