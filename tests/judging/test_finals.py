"""The finalist round's arithmetic: the Plackett-Luce fit against choix, the tie-break, and the places it decides."""

from __future__ import annotations

import random

import choix
import pytest

from jamkit.core.model import FinalRanking, FinalRankingFields, Sprint, SprintFields
from jamkit.judging.awards import Ranking, Standing
from jamkit.judging.finals import PRIOR, finalists, placed, settle, strengths


@pytest.mark.parametrize("seed", range(12))
def test_the_fit_agrees_with_choix_on_random_rankings(seed: int) -> None:
    draw = random.Random(seed)
    projects = [f"p{i}" for i in range(draw.randint(2, 7))]
    rankings = [draw.sample(projects, draw.randint(2, len(projects))) for _ in range(draw.randint(1, 9))]
    mine = strengths(rankings, projects)
    data = [tuple(projects.index(p) for p in r) for r in rankings]
    theirs = choix.opt_rankings(len(projects), data, alpha=PRIOR, tol=1e-10)
    theirs = theirs - theirs.mean()
    assert [round(mine[p], 4) for p in projects] == [round(float(v), 4) for v in theirs]


def test_equal_strengths_keep_the_adjusted_order() -> None:
    # a > b once, b > a once: equal strengths, so the adjusted order (b first) decides; c lost both times.
    strength = strengths([["a", "b", "c"], ["b", "a", "c"]], ["b", "a", "c"])
    assert abs(strength["a"] - strength["b"]) < 1e-6 and strength["c"] < strength["a"]
    assert placed(["b", "a", "c"], strength) == ["b", "a", "c"]
    assert placed(["a", "b", "c"], strength) == ["a", "b", "c"]


SPRINT = Sprint(
    path="sprints/s.md",
    slug="s",
    fields=SprintFields.model_validate(
        {
            "title": "S",
            "starts": "2025-01-01T00:00:00+00:00",
            "ends": "2025-01-02",
            "criteria": [{"id": "charlie", "name": "C"}],
        }
    ),
)


def standing(project: str, score: float, low: float, high: float) -> Standing:
    return Standing(project, project.upper(), score, score, low, high, 3, {"charlie": score})


def ranking() -> Ranking:
    """Hand-made: alpha, bravo, charlie overlap, charlie overlaps delta (the first place without a prize)."""
    rows = [
        standing("alpha", 4.0, 3.6, 4.4),
        standing("bravo", 3.9, 3.5, 4.3),
        standing("charlie", 3.8, 3.4, 4.2),
        standing("delta", 3.5, 3.1, 3.9),
        standing("echo", 2.0, 1.8, 2.2),
    ]
    return Ranking(SPRINT, tuple(rows), ())


def final(judge: str, *order: str, index: int = 0) -> FinalRanking:
    fields = FinalRankingFields(judge=judge, ranking=list(order))
    return FinalRanking(path="sprints/s/finals.yaml", sprint="s", index=index, fields=fields)


def test_the_finalists_are_the_prize_places_that_overlap_and_the_next_one() -> None:
    assert finalists(ranking()) == ["alpha", "bravo", "charlie", "delta"]


def test_the_round_places_the_finalists_and_every_other_project_keeps_its_place() -> None:
    # delta first with three of four judges; charlie last every time.
    rounds = [
        final("j1", "delta", "alpha", "bravo", "charlie"),
        final("j2", "delta", "bravo", "alpha", "charlie"),
        final("j3", "delta", "alpha", "bravo", "charlie"),
    ]
    rounds.append(final("j4", "alpha", "delta", "bravo", "charlie"))
    settled = settle(ranking(), rounds)
    assert [s.project for s in settled.standings] == ["delta", "alpha", "bravo", "charlie", "echo"]
    assert settled.final is not None and settled.final.judges == 4
    first = settled.final.places[0]
    assert (first.place, first.project, first.first) == (1, "delta", 3)
    assert first.why.startswith("1st, delta: decided in the finalist round; 3 of 4 judges ranked it first; it holds")
    assert settled.final.places[3].why.startswith(
        "4th, charlie: decided in the finalist round; no judge ranked it first"
    )
    assert not any(s.close for s in settled.standings[:4])


def test_a_tie_in_the_rankings_is_broken_by_the_adjusted_score_and_said_so() -> None:
    settled = settle(ranking(), [final("j1", "bravo", "alpha"), final("j2", "alpha", "bravo")])
    assert [s.project for s in settled.standings] == ["alpha", "bravo", "charlie", "delta", "echo"]
    assert settled.final is not None
    assert "level with bravo in the rankings, so the adjusted score puts it ahead (4.00 against 3.90)" in (
        settled.final.places[0].why
    )


def test_a_round_without_rankings_changes_nothing() -> None:
    before = ranking()
    assert settle(before, [final("j1")]) is before
    assert settle(before, []) is before
