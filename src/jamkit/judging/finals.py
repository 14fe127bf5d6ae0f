"""A finalist round: who is in it, the ``finals.yaml`` template, and the places the judges' rankings decide.

When the adjusted ranking cannot tell prize places apart (their intervals
overlap), the judges rank those few projects instead: a ranking of a handful of
finalists is what judges give most reliably. The rankings are fitted with a
Plackett-Luce model (``strengths``: the maximum a posteriori estimate under a
weak Gaussian prior, so a project nobody ranked first still has a finite
strength); the finalists then take the places they held between them in the
adjusted order, best strength first, equal strengths in adjusted order. Every
other project keeps its adjusted place. A bootstrap over the judges says how
firmly each place is held.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import yaml

from jamkit.checks.content.conflicts import in_teams, kept_apart
from jamkit.core.model import Catalog, FinalRanking, Sprint, Submission
from jamkit.core.wording import ordinal, plural
from jamkit.judging.awards import Place, Ranking, Round, Standing, close_pairs

PRIOR = 0.1  # weight of the penalty on log-strengths (choix's ``alpha``): weak, but keeps every strength finite
SAME = 1e-4  # strengths closer than this are equal: the adjusted score breaks the tie
RESAMPLES = 100  # bootstrap resamplings of the judges
SEED = 0  # the same rankings always give the same words
NEWTON_STEPS = 50  # the fit converges in a handful; this bounds it


# --------------------------------------------------------------------------- who is in it


def finalists(ranking: Ranking) -> list[str]:
    """The projects whose places are too close to call: each prize place and the next one, where they overlap."""
    chosen: dict[str, None] = {}
    for index in close_pairs(ranking):
        chosen |= dict.fromkeys((ranking.standings[index].project, ranking.standings[index + 1].project))
    return list(chosen)


def entries(
    ranking: Ranking, projects: Sequence[Submission], chosen: Sequence[str], catalog: Catalog
) -> list[tuple[str, list[str]]]:
    """One template entry per judge who may rank: the finalists in adjusted order, without the judge's conflicts.

    A judge on a team of the sprint, or left with fewer than two finalists to compare, gets no entry.
    """
    sprint = ranking.sprint
    by_slug = {s.slug: s for s in projects}
    result = []
    for judge in sprint.fields.judges:
        if in_teams(judge, projects):
            continue
        mine = [p for p in chosen if p in by_slug and kept_apart(judge, by_slug[p], sprint, catalog) is None]
        if len(mine) >= 2:
            result.append((judge.key, mine))
    return result


def template(sprint: Sprint, chosen: Sequence[str], rows: Sequence[tuple[str, list[str]]]) -> str:
    """``finals.yaml`` as ``jam judge finalists --write`` writes it: a header that says what to do, then the entries."""
    header = [
        f"# The finalist round of {sprint.slug}, written by: jam judge finalists {sprint.slug} --write",
        f"# Finalists, in adjusted order: {', '.join(chosen)}.",
        "# Each judge reorders their own `ranking`, best first (a list left in this order agrees with the",
        "# adjusted order). A judge never ranks a project they have a conflict with.",
        f"# Then: jam award {sprint.slug} places the finalists by these rankings.",
    ]
    return dump(header, rows)


def dump(header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]]) -> str:
    """``finals.yaml``'s text: the comment lines of ``header``, then one ``{judge, ranking}`` entry per row."""
    data = [{"judge": judge, "ranking": list(projects)} for judge, projects in rows]
    body = yaml.safe_dump(data, sort_keys=False, default_flow_style=None, allow_unicode=True, width=10_000)
    return "".join(f"{line}\n" for line in header) + body


def merged(existing: Sequence[FinalRanking], imported: Sequence[FinalRanking]) -> list[tuple[str, list[str]]]:
    """The round's entries with each imported judge's ranking in place of theirs (new judges at the end)."""
    rows = {f.fields.judge: list(f.fields.ranking) for f in existing}
    rows |= {f.fields.judge: list(f.fields.ranking) for f in imported}
    return list(rows.items())


# --------------------------------------------------------------------------- the fit


def strengths(rankings: Sequence[Sequence[str]], projects: Sequence[str], prior: float = PRIOR) -> dict[str, float]:
    """Plackett-Luce log-strengths of ``projects`` from rankings (best first), centred on 0.

    The maximum a posteriori estimate with the penalty ``prior * |theta|^2`` (``choix.opt_rankings``
    with ``alpha=prior`` computes the same); a ranking may name any subset of the projects.
    """
    index = {p: i for i, p in enumerate(projects)}
    choices = []  # each choice of a ranking: the one chosen, and the projects it was chosen from
    for ranked in rankings:
        order = [index[p] for p in ranked if p in index]
        choices += [(order[i], np.array(order[i:])) for i in range(len(order) - 1)]

    theta = np.zeros(len(projects))
    for _ in range(NEWTON_STEPS):  # Newton's method: the penalised log-likelihood is strictly concave
        grad = 2 * prior * theta
        hess = 2 * prior * np.identity(len(projects))
        for chosen, among in choices:
            weights = np.exp(theta[among] - theta[among].max())
            weights /= weights.sum()
            grad[among] += weights
            grad[chosen] -= 1.0
            hess[np.ix_(among, among)] -= np.outer(weights, weights)
            hess[among, among] += weights
        step = np.linalg.solve(hess, grad)
        theta = theta - step
        if float(np.abs(step).max()) < 1e-10:
            break
    theta = theta - theta.mean()
    return {p: float(theta[i]) for p, i in index.items()}


def placed(order: Sequence[str], strength: Mapping[str, float]) -> list[str]:
    """``order`` (the adjusted order) re-sorted by strength; strengths within ``SAME`` keep the adjusted order."""
    groups: list[list[str]] = []
    for project in sorted(order, key=lambda p: (-strength[p], order.index(p))):
        if groups and abs(strength[groups[-1][0]] - strength[project]) < SAME:
            groups[-1].append(project)
        else:
            groups.append([project])
    return [p for group in groups for p in sorted(group, key=order.index)]


# --------------------------------------------------------------------------- the decision


def rankings_of(finals: Sequence[FinalRanking]) -> dict[str, list[str]]:
    """Each judge's ranking, in file order; a judge's second entry is an error ``jam check`` reports, so ignored."""
    found: dict[str, list[str]] = {}
    for final in finals:
        found.setdefault(final.fields.judge, list(dict.fromkeys(final.fields.ranking)))
    return {judge: ranked for judge, ranked in found.items() if ranked}


def settle(ranking: Ranking, finals: Sequence[FinalRanking]) -> Ranking:
    """The ranking with the finalists placed by the judges' rankings; unchanged when the round holds none."""
    by_judge = rankings_of(finals)
    standings = list(ranking.standings)
    slots = {s.project: i for i, s in enumerate(standings)}
    chosen = [s.project for s in standings if any(s.project in r for r in by_judge.values())]
    if len(chosen) < 2:
        return ranking
    strength = strengths(list(by_judge.values()), chosen)
    order = placed(chosen, strength)
    positions = sorted(slots[p] for p in chosen)
    held = _held(list(by_judge.values()), chosen, order)
    by_project = {s.project: s for s in standings}
    places = []
    for position, project in zip(positions, order, strict=True):
        first = sum(1 for r in by_judge.values() if next((p for p in r if p in slots), None) == project)
        place = Place(position + 1, project, strength[project], first, held[project], "")
        places.append(replace(place, why=_why(place, order, strength, by_project, len(by_judge))))
        standings[position] = replace(by_project[project], close=False, tied=False)
    unchanged = tuple(j for j, r in by_judge.items() if r == [p for p in chosen if p in r])
    return replace(ranking, standings=tuple(standings), final=Round(len(by_judge), tuple(places), unchanged))


def _held(rankings: list[list[str]], chosen: list[str], order: list[str]) -> dict[str, float]:
    """For each finalist, the share of bootstrap resamplings of the judges that give it the same place."""
    draw = random.Random(SEED)
    kept = dict.fromkeys(chosen, 0)
    for _ in range(RESAMPLES):
        sample = [rankings[draw.randrange(len(rankings))] for _ in rankings]
        again = placed(chosen, strengths(sample, chosen))
        for project, other in zip(order, again, strict=True):
            kept[project] += project == other
    return {p: n / RESAMPLES for p, n in kept.items()}


def _why(
    place: Place, order: list[str], strength: Mapping[str, float], by_project: Mapping[str, Standing], judges: int
) -> str:
    """One plain sentence: what put this project in this place."""
    firsts = (
        f"{place.first} of {plural(judges, 'judge')} ranked it first" if place.first else "no judge ranked it first"
    )
    text = f"{ordinal(place.place)}, {place.project}: decided in the finalist round; {firsts}"
    tied = [p for p in order if p != place.project and abs(strength[p] - place.strength) < SAME]
    if tied:
        other = tied[0]
        puts = "puts it ahead" if order.index(place.project) < order.index(other) else "puts it after"
        text += (
            f", level with {other} in the rankings, so the adjusted score {puts}"
            f" ({by_project[place.project].score:.2f} against {by_project[other].score:.2f})"
        )
    return text + f"; it holds this place in {place.held:.0%} of {RESAMPLES} resamplings of the judges."
