"""The ranking behind `jam award`: its arithmetic on a hand-checked example, and the proposal it makes."""

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


def write_judged(repo):
    """The judged sprint, its reviews and its six projects (shared with the command's tests)."""
    repo.write(S, SPRINT)
    repo.write(R, REVIEWS)
    for slug in ("alpha", "beta", "gamma", "delta", "eps", "zeta"):
        repo.write(
            f"submissions/judged/{slug}.md", PROJECT.format(title=slug.title(), slug=slug, extra=EXTRA.get(slug, ""))
        )
        repo.write(f"submissions/judged/{slug}/report.pdf", PDF)
    return repo


@pytest.fixture
def judged(repo):
    return write_judged(repo)


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
