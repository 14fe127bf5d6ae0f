"""Assignment: balanced, conflict-free, connected, reproducible, and honest about what it cannot do."""

from __future__ import annotations

import random

from jamkit.judging.assign import Candidate, Plan, Reader, assign
from jamkit.judging.graph import judge_groups


def loads(plan: Plan) -> list[int]:
    return [len(p) for p in plan.projects_of.values()]


def groups(plan: Plan) -> list[frozenset[str]]:
    return judge_groups((j, p) for j, ps in plan.projects_of.items() for p in ps)


def sprint(judges: int, projects: int, seed: int = 0) -> tuple[list[Reader], list[Candidate]]:
    rng = random.Random(seed)
    readers = [Reader(f"j{i:02d}", frozenset({rng.choice(["evals", "interp", "policy"])})) for i in range(judges)]
    candidates = [
        Candidate(
            f"p{i:03d}",
            frozenset({rng.choice(["evals", "interp", "policy"])}),
            frozenset(rng.sample([r.id for r in readers], k=rng.randint(0, 2))),
        )
        for i in range(projects)
    ]
    return readers, candidates


def test_every_project_gets_k_judges_without_conflicts_with_balanced_loads_and_one_group() -> None:
    for judges, projects, k in ((6, 11, 3), (60, 500, 3), (7, 40, 2), (12, 30, 4)):
        readers, candidates = sprint(judges, projects, seed=judges)
        plan = assign(readers, candidates, k, seed=1)
        assert plan.unmet == ()
        for c in candidates:
            chosen = plan.judges_of(c.slug)
            assert len(chosen) == k and not set(chosen) & c.conflicts
        assert max(loads(plan)) - min(loads(plan)) <= 1
        assert len(groups(plan)) == 1


def test_the_same_seed_gives_the_same_plan_and_another_seed_another() -> None:
    readers, candidates = sprint(8, 30)
    assert assign(readers, candidates, 3, seed=5) == assign(list(reversed(readers)), candidates[::-1], 3, seed=5)
    assert assign(readers, candidates, 3, seed=5) != assign(readers, candidates, 3, seed=6)


def test_judges_whose_topics_match_are_preferred() -> None:
    readers = [Reader("evals-1", frozenset({"evals"})), Reader("evals-2", frozenset({"Evals"}))]
    readers += [Reader(f"other-{i}", frozenset({"policy"})) for i in range(4)]
    candidates = [Candidate("bench", frozenset({"evals"}))] + [Candidate(f"x{i}") for i in range(5)]
    plan = assign(readers, candidates, 2, seed=0)
    assert plan.judges_of("bench") == ["evals-1", "evals-2"]


def test_too_few_judges_is_explained() -> None:
    readers, candidates = sprint(2, 5)
    plan = assign(readers, candidates, 3)
    assert plan.unmet[0].startswith("3 reviews per project need at least 3 judges, and the sprint has 2")
    assert "--reviews 2" in plan.unmet[0]


def test_a_project_every_judge_conflicts_with_is_named() -> None:
    readers = [Reader(f"j{i}") for i in range(4)]
    candidates = [
        Candidate("ok-1"),
        Candidate("ok-2"),
        Candidate("blocked", conflicts=frozenset(r.id for r in readers)),
    ]
    plan = assign(readers, candidates, 2)
    assert plan.judges_of("blocked") == []
    assert "blocked: every judge has a conflict with it; add a judge who has none" in plan.unmet


def test_groups_that_cannot_be_joined_are_reported() -> None:
    readers = [Reader(f"j{i}") for i in range(4)]
    left = [Candidate(f"a{i}", conflicts=frozenset({"j2", "j3"})) for i in range(3)]
    right = [Candidate(f"b{i}", conflicts=frozenset({"j0", "j1"})) for i in range(3)]
    plan = assign(readers, left + right, 2)
    assert len(groups(plan)) == 2
    assert any("split into groups that share no project" in line for line in plan.unmet)


def test_groups_are_joined_by_swaps_when_conflicts_allow() -> None:
    # Greedy filling by load alone would pair j0/j1 and j2/j3 on separate projects.
    readers = [Reader(f"j{i}") for i in range(4)]
    candidates = [Candidate(f"p{i}") for i in range(4)]
    for seed in range(20):
        plan = assign(readers, candidates, 2, seed=seed)
        assert len(groups(plan)) == 1 and plan.unmet == ()
        assert max(loads(plan)) - min(loads(plan)) <= 1


def test_one_review_per_project_says_leniency_cannot_be_estimated() -> None:
    readers, candidates = sprint(3, 6)
    assert any("one review per project" in line for line in assign(readers, candidates, 1).unmet)
