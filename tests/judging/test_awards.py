"""The ranking behind `jam award`: its arithmetic on a hand-checked example, and the proposal it makes."""

from __future__ import annotations

import datetime as dt

import pytest

from jamkit.core.model import utc_day
from jamkit.files.load import load_catalog
from jamkit.judging.awards import Method, committed_mentions, propose, rank
from tests.helpers import PDF, example_root
from tests.helpers.judged import AFTER, PROJECT, SPRINT, R, S, write_judged, write_messy


@pytest.fixture
def judged(repo):
    return write_judged(repo)


def ranking_of(repo, slug: str = "judged", now: str = AFTER, method: Method = "mean"):
    catalog, problems = load_catalog(repo.root)
    assert problems == []
    subs = [s for s in catalog.submissions.values() if s.sprint == slug]
    today = utc_day(dt.datetime.fromisoformat(now))
    return rank(catalog.sprints[slug], catalog.reviews.get(slug, ()), subs, today, method)


# --------------------------------------------------------------------------- arithmetic


def test_ranking_is_the_weighted_mean_of_per_criterion_means(judged) -> None:
    ranking = ranking_of(judged)
    assert [(s.project, s.score, s.reviews) for s in ranking.standings] == [
        ("beta", 4.0, 3),
        ("alpha", pytest.approx(11 / 3), 2),
        ("gamma", pytest.approx(11 / 3), 2),
    ]
    gamma = ranking.standings[2]
    assert gamma.means == {"impact": 4.0, "quality": 3.0}
    assert (ranking.method, ranking.fitted, ranking.judge_effects) == ("mean", "mean", None)


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
        ("one", pytest.approx(3.2), True),
        ("two", pytest.approx(3.2), True),
    ]
    assert standings[0].score != standings[1].score  # not the same float: the tie is within awards.TIE


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
    catalog, problems = load_catalog(example_root())
    assert problems == []
    subs = [s for s in catalog.submissions.values() if s.sprint == sprint]
    today = utc_day(dt.datetime.now(dt.UTC))
    mentions = committed_mentions(catalog.sprints[sprint])
    proposal = propose(rank(catalog.sprints[sprint], catalog.reviews[sprint], subs, today), mentions)
    assert proposal == list(catalog.sprints[sprint].fields.awards)


# --------------------------------------------------------------------------- the adjusted ranking


@pytest.fixture
def messy(repo):
    return write_messy(repo)


def test_the_adjusted_ranking_takes_the_prize_from_the_lenient_judges_favourite(messy) -> None:
    adjusted = ranking_of(messy, "messy", method="adjusted")
    mean = ranking_of(messy, "messy", method="mean")
    assert mean.standings[0].project == "p11"  # read only by mira, the lenient judge
    assert (adjusted.fitted, adjusted.standings[0].project) == ("adjusted", "p10")
    p11 = next(s for s in adjusted.standings if s.project == "p11")
    assert p11.moved_by[0][0] == "mira" and p11.moved_by[0][1] == pytest.approx(-0.895, abs=1e-3)
    assert max(adjusted.judge_effects, key=adjusted.judge_effects.get) == "mira"
    assert (adjusted.judges, adjusted.reviews, adjusted.ratings) == (6, 31, 93)
    assert set(adjusted.variances) == {"judge", "criterion", "project", "residual"}
    assert [a.project for a in propose(adjusted)] == ["p10", "p07", "p09"]
    assert all(s.low < s.score < s.high for s in adjusted.standings)


def test_prize_places_whose_intervals_overlap_the_next_are_too_close_to_call(messy) -> None:
    standings = ranking_of(messy, "messy", method="adjusted").standings
    assert [s.close for s in standings[:4]] == [True, True, True, False]  # 4th place gets no prize
    assert standings[0].high >= standings[1].low


def test_symmetric_projects_tie_exactly_under_the_adjusted_ranking(repo) -> None:
    """x and y have the same judges, the same totals per judge and per criterion: the model cannot part them."""
    repo.write(S, SPRINT.replace("weight: 2}", "weight: 1}"))
    repo.write(
        R,
        "- {judge: ann, project: one, scores: {impact: 4, quality: 3}}\n"
        "- {judge: bob, project: one, scores: {impact: 3, quality: 4}}\n"
        "- {judge: ann, project: two, scores: {impact: 3, quality: 4}}\n"
        "- {judge: bob, project: two, scores: {impact: 4, quality: 3}}\n"
        "- {judge: bob, project: three, scores: {impact: 5, quality: 5}}\n"
        "- {judge: cy, project: three, scores: {impact: 4, quality: 4}}\n"
        "- {judge: cy, project: four, scores: {impact: 2, quality: 1}}\n"
        "- {judge: ann, project: four, scores: {impact: 2, quality: 2}}\n",
    )
    for slug in ("one", "two", "three", "four"):
        repo.write(f"submissions/judged/{slug}.md", PROJECT.format(title=slug, slug=slug, extra=""))
        repo.write(f"submissions/judged/{slug}/report.pdf", PDF)
    ranking = ranking_of(repo, method="adjusted")
    assert ranking.fitted == "adjusted"
    assert [(s.project, s.tied) for s in ranking.standings] == [
        ("three", False),
        ("one", True),
        ("two", True),
        ("four", False),
    ]


def test_judges_who_share_no_project_fall_back_to_raw_means_flagged_by_group(judged) -> None:
    judged.write(
        R,
        "- {judge: ann, project: alpha, scores: {impact: 5, quality: 5}}\n"
        "- {judge: ann, project: beta, scores: {impact: 2, quality: 2}}\n"
        "- {judge: bob, project: gamma, scores: {impact: 4, quality: 4}}\n"
        "- {judge: cy, project: gamma, scores: {impact: 3, quality: 3}}\n",
    )
    ranking = ranking_of(judged, method="adjusted")
    assert (ranking.method, ranking.fitted, ranking.groups) == ("adjusted", "mean", 2)
    assert "share no project" in ranking.notes[0]
    assert [(s.project, s.score, s.group) for s in ranking.standings] == [
        ("alpha", 5.0, 1),
        ("gamma", 3.5, 0),
        ("beta", 2.0, 1),
    ]


def test_mentions_follow_the_places_and_a_placed_project_gets_none(messy) -> None:
    awards = propose(ranking_of(messy, "messy", method="adjusted"), ["p11", "p10", "p11", "p02"])
    assert [(a.place, a.project, a.mention) for a in awards] == [
        (1, "p10", False),
        (2, "p07", False),
        (3, "p09", False),
        (None, "p11", True),
        (None, "p02", True),
    ]
