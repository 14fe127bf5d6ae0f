"""Who reads what: a balanced, conflict-free, connected assignment of projects to judges.

The design of the assignment matters more than the model fitted afterwards:
judges who share no project cannot be calibrated against each other. So every
project gets K judges without a conflict, judge loads stay within one of each
other, and the judge–project graph is made connected by swaps that keep the
loads. Judges whose topics match a project's tags are preferred. All choices
are drawn from one seeded generator over sorted inputs: the same seed gives the
same plan.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jamkit.judging.graph import judge_groups

DEFAULT_REVIEWS = 3
_MAX_REPAIRS = 10_000  # bound on balancing and connecting moves; far above what real sprints need


Match = Callable[[str, str], bool]  # does this judge's topic match this project?


@dataclass(frozen=True)
class Reader:
    """A judge as the assignment sees them."""

    id: str
    topics: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Candidate:
    """A project to be read, and the judges who must not read it."""

    slug: str
    tags: frozenset[str] = frozenset()
    conflicts: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Plan:
    """Each judge's projects, and what could not be satisfied (empty when all was)."""

    projects_of: dict[str, tuple[str, ...]]
    unmet: tuple[str, ...]

    def judges_of(self, project: str) -> list[str]:
        return sorted(j for j, projects in self.projects_of.items() if project in projects)


def assign(
    judges: Sequence[Reader], projects: Sequence[Candidate], reviews: int = DEFAULT_REVIEWS, seed: int = 0
) -> Plan:
    rng = random.Random(seed)
    readers = sorted(judges, key=lambda j: j.id)
    candidates = sorted(projects, key=lambda p: p.slug)
    unmet: list[str] = []
    if len(readers) < reviews:
        unmet.append(
            f"{reviews} reviews per project need at least {reviews} judges, and the sprint has {len(readers)}: "
            f"add judges, or use --reviews {max(len(readers), 1)}"
        )
    topics = {j.id: {t.casefold() for t in j.topics} for j in readers}
    load = {j.id: 0 for j in readers}
    chosen: dict[str, list[str]] = {}
    eligible = {p.slug: [j.id for j in readers if j.id not in p.conflicts] for p in candidates}
    order = sorted(candidates, key=lambda p: (len(eligible[p.slug]), rng.random()))
    for project in order:
        allowed = eligible[project.slug]
        if not allowed:
            unmet.append(f"{project.slug}: every judge has a conflict with it; add a judge who has none")
        elif len(allowed) < reviews <= len(readers):
            unmet.append(f"{project.slug}: only {len(allowed)} judges have no conflict with it, fewer than {reviews}")
        tags = {t.casefold() for t in project.tags}
        tiebreak = {j: rng.random() for j in allowed}
        ranked = sorted(allowed, key=lambda j: (load[j], not (topics[j] & tags), tiebreak[j]))
        chosen[project.slug] = ranked[:reviews]
        for judge in chosen[project.slug]:
            load[judge] += 1
    _balance(chosen, eligible, load, unmet)
    tags_of = {p.slug: {t.casefold() for t in p.tags} for p in candidates}

    def matches(judge: str, project: str) -> bool:
        return bool(topics[judge] & tags_of[project])

    _prefer_topics(chosen, eligible, matches)
    if reviews >= 2:
        _connect(chosen, eligible, matches, unmet)
    elif len(readers) > 1 and candidates:
        unmet.append("with one review per project no two judges share a project, so leniency cannot be estimated")
    projects_of = {j.id: tuple(sorted(p for p, js in chosen.items() if j.id in js)) for j in readers}
    return Plan(projects_of, tuple(unmet))


def _balance(
    chosen: dict[str, list[str]], eligible: dict[str, list[str]], load: dict[str, int], unmet: list[str]
) -> None:
    """Move projects from the busiest judge to the least busy until loads are within one."""
    for _ in range(_MAX_REPAIRS):
        if not load or max(load.values()) - min(load.values()) <= 1:
            return
        busy = sorted(load, key=lambda j: (-load[j], j))
        idle = sorted(load, key=lambda j: (load[j], j))
        move = next(
            (
                (project, hi, lo)
                for hi in busy
                if load[hi] > min(load.values()) + 1
                for lo in idle
                if load[lo] < load[hi] - 1
                for project, js in sorted(chosen.items())
                if hi in js and lo not in js and lo in eligible[project]
            ),
            None,
        )
        if move is None:
            break
        project, hi, lo = move
        chosen[project][chosen[project].index(hi)] = lo
        load[hi] -= 1
        load[lo] += 1
    unmet.append("judge loads differ by more than one: conflicts leave no way to even them out")


def _prefer_topics(chosen: dict[str, list[str]], eligible: dict[str, list[str]], matches: Match) -> None:
    """Swap judges between two projects when that gives one a judge of its topic and costs the other none.

    Each swap adds a topic match, so the sweeps end; loads are unchanged.
    """
    judges = sorted({j for js in eligible.values() for j in js})
    for _ in range(_MAX_REPAIRS):
        swapped = False
        projects_of = {j: sorted(p for p, js in chosen.items() if j in js) for j in judges}
        for p, ps in sorted(chosen.items()):
            for a in [a for a in ps if not matches(a, p)]:
                swap = next(
                    (
                        (q, b)
                        for b in judges
                        if b not in ps and b in eligible[p] and matches(b, p)
                        for q in projects_of[b]
                        if a not in chosen[q] and a in eligible[q] and matches(a, q) >= matches(b, q)
                    ),
                    None,
                )
                if swap is not None:
                    q, b = swap
                    ps[ps.index(a)] = b
                    chosen[q][chosen[q].index(b)] = a
                    projects_of[b] = sorted({*projects_of[b], p} - {q})
                    projects_of[a] = sorted({*projects_of[a], q} - {p})
                    swapped = True
        if not swapped:
            return


def _connect(chosen: dict[str, list[str]], eligible: dict[str, list[str]], matches: Match, unmet: list[str]) -> None:
    """Join groups of judges that share no project by swapping two judges between two projects.

    A swap that keeps every topic match is taken first; any allowed swap otherwise.
    """
    for _ in range(_MAX_REPAIRS):
        groups = judge_groups((j, p) for p, js in chosen.items() for j in js)
        if len(groups) <= 1:
            return
        first, other = groups[0], groups[1]
        swaps = [
            (p, a, q, b)
            for p, ps in sorted(chosen.items())
            if len(ps) >= 2 and ps[0] in first
            for a in ps
            for q, qs in sorted(chosen.items())
            if qs and qs[0] in other
            for b in qs
            if b not in ps and a not in qs and b in eligible[p] and a in eligible[q]
        ]
        if not swaps:
            break
        swap = next(
            ((p, a, q, b) for p, a, q, b in swaps if matches(b, p) + matches(a, q) >= matches(a, p) + matches(b, q)),
            swaps[0],
        )
        p, a, q, b = swap
        chosen[p][chosen[p].index(a)] = b
        chosen[q][chosen[q].index(b)] = a
    unmet.append(
        "the judges split into groups that share no project (conflicts leave no swap to join them), "
        "so leniency is compared only within each group"
    )
