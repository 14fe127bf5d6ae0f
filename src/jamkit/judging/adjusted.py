"""The leniency-corrected score: a crossed random-effects model of the judges' ratings.

One lenient judge can otherwise decide the prizes. The model is the one
research organisations fit in R,

    lmer(rating ~ 1 + (1|judge) + (1|criterion) + (1|project))

on every individual criterion rating, fitted here by REML with statsmodels'
``MixedLM`` (one constant group, the three factors as variance components,
which reproduces lme4's fit). A project's adjusted score is the intercept plus
its own effect (plus the weighted criterion effects, the same for every
project): what an average judge would give it. When a sprint weighs its
criteria unequally, the model also lets each project's quality differ by
criterion (``(1|project:criterion)``) and the score weighs those differences.

Intervals come from the conditional variance of the project's effects given the
fitted variance components (lme4's ``condVar``). Judges who never share a
project, directly or through others, cannot be compared: then each connected
group is ranked by its raw means and flagged.
"""

from __future__ import annotations

import math
import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

from jamkit.judging.graph import judge_groups

LEVEL = 0.90  # the intervals' coverage; places whose intervals overlap are too close to call
ZERO = 1e-8  # a variance component below this is at its boundary (zero)
_PLURALS = {"judge": "judges", "criterion": "criteria", "project": "projects", "cell": "projects' criteria"}


@dataclass(frozen=True)
class Rating:
    """One judge's score of one project on one criterion."""

    judge: str
    project: str
    criterion: str
    value: float


@dataclass(frozen=True)
class Estimate:
    """One project's place in the ranking, with what moved it."""

    project: str
    raw: float  # the weighted mean of its criterion means, as judges gave them
    adjusted: float  # corrected for each judge's leniency; equal to ``raw`` when not fitted
    low: float
    high: float
    reviews: int  # judges who scored it
    moved_by: tuple[tuple[str, float], ...]  # (judge, how far their leniency correction moved it), largest first
    group: int  # index of its judges' connected group (0 is the largest)


@dataclass(frozen=True)
class Fit:
    """The fitted model, or the fallback, and what a maintainer should know about it."""

    method: str  # "adjusted", or "mean" when the model could not be fitted
    estimates: Mapping[str, Estimate]
    judge_effects: Mapping[str, float]  # positive: lenient (scores above the average judge)
    variances: Mapping[str, float]  # judge, criterion, project(, project:criterion), residual
    groups: tuple[frozenset[str], ...]
    notes: tuple[str, ...]

    @property
    def connected(self) -> bool:
        return len(self.groups) <= 1


def raw_scores(ratings: Sequence[Rating], weights: Mapping[str, float]) -> dict[str, float]:
    """Each project's weighted mean over criteria of the mean rating on that criterion."""
    by_project: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for r in ratings:
        by_project[r.project][r.criterion].append(r.value)
    scores = {}
    for project, criteria in by_project.items():
        total = sum(weights.get(c, 1.0) for c in criteria)
        scores[project] = sum(weights.get(c, 1.0) * sum(v) / len(v) for c, v in criteria.items()) / total
    return scores


def fit(ratings: Sequence[Rating], weights: Mapping[str, float] | None = None, level: float = LEVEL) -> Fit:
    """The adjusted ranking of ``ratings``; falls back to raw means, with a note, when it cannot fit."""
    weights = dict(weights or {})
    raw = raw_scores(ratings, weights)
    reviews = _reviewers(ratings)
    groups = tuple(judge_groups((r.judge, r.project) for r in ratings))
    group_of = {j: i for i, g in enumerate(groups) for j in g}
    project_group = {r.project: group_of[r.judge] for r in ratings}
    notes: list[str] = []
    if len(groups) > 1:
        notes.append(
            f"the judges form {len(groups)} groups that share no project, so their leniency cannot be compared; "
            "each group is ranked by raw means (assign overlapping projects with `jam judge assign`)"
        )
    elif len({r.judge for r in ratings}) < 2 or len(raw) < 2:
        notes.append("fewer than two judges or projects: nothing to correct, raw means are used")
    else:
        try:
            return _fitted(ratings, weights, raw, reviews, project_group, groups, level)
        except (ValueError, ArithmeticError) as err:  # numpy's LinAlgError is a ValueError
            notes.append(f"the model could not be fitted ({err}); raw means are used")
    return means(ratings, weights, notes)


def means(ratings: Sequence[Rating], weights: Mapping[str, float] | None = None, notes: Sequence[str] = ()) -> Fit:
    """The raw ranking: each project's weighted criterion means, no model, no interval."""
    raw = raw_scores(ratings, dict(weights or {}))
    reviews = _reviewers(ratings)
    groups = tuple(judge_groups((r.judge, r.project) for r in ratings))
    group_of = {j: i for i, g in enumerate(groups) for j in g}
    project_group = {r.project: group_of[r.judge] for r in ratings}
    estimates = {
        p: Estimate(p, score, score, score, score, reviews[p], (), project_group[p]) for p, score in raw.items()
    }
    return Fit("mean", estimates, {}, {}, groups, tuple(notes))


def _reviewers(ratings: Sequence[Rating]) -> dict[str, int]:
    judges: dict[str, set[str]] = defaultdict(set)
    for r in ratings:
        judges[r.project].add(r.judge)
    return {p: len(j) for p, j in judges.items()}


def _fitted(
    ratings: Sequence[Rating],
    weights: dict[str, float],
    raw: dict[str, float],
    reviews: dict[str, int],
    project_group: dict[str, int],
    groups: tuple[frozenset[str], ...],
    level: float,
) -> Fit:
    # Imported here, not at the top: statsmodels and pandas take about 1.6 s to import, and only
    # `jam award` and a site with published scores fit the model; `jam check` must not pay for it.
    import numpy as np
    import pandas as pd
    from statsmodels.regression.mixed_linear_model import MixedLM

    frame = pd.DataFrame(
        {
            "rating": [r.value for r in ratings],
            "judge": [r.judge for r in ratings],
            "criterion": [r.criterion for r in ratings],
            "project": [r.project for r in ratings],
        }
    )
    frame["cell"] = frame["project"] + "\x1f" + frame["criterion"]
    frame["all"] = 1
    criteria = sorted(frame["criterion"].unique())
    share = {c: weights.get(c, 1.0) for c in criteria}
    total = sum(share.values())
    share = {c: w / total for c, w in share.items()}
    unequal = len({round(w, 12) for w in share.values()}) > 1
    components = {"judge": "0 + C(judge)", "project": "0 + C(project)"}
    if len(criteria) > 1:
        components["criterion"] = "0 + C(criterion)"
        if unequal:
            components["cell"] = "0 + C(cell)"
    notes: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = MixedLM.from_formula("rating ~ 1", groups="all", re_formula="0", vc_formula=components, data=frame)
        result = model.fit(reml=True, method=["lbfgs", "powell"])
    if not result.converged:
        raise ValueError("the optimiser did not converge")
    if any("singular" in str(w.message).lower() for w in caught):
        notes.append("the fit is singular (a variance is at zero); estimates still hold")
    names = sorted(components)  # statsmodels orders variance components by name
    variances = {name: max(float(v), 0.0) for name, v in zip(names, result.vcomp, strict=True)}
    variances["residual"] = float(result.scale)
    for name, value in variances.items():
        if name != "residual" and value < ZERO:
            notes.append(f"the {name} variance is zero: {_PLURALS[name]} do not differ beyond noise")
    effects = result.random_effects[1]
    cov = result.random_effects_cov[1]

    def key(component: str, level_name: str) -> str:
        return f"{component}[C({component})[{level_name}]]"

    intercept = float(result.fe_params["Intercept"])
    criterion_part = sum(share[c] * float(effects.get(key("criterion", c), 0.0)) for c in criteria)
    judge_effects = {j: float(effects[key("judge", j)]) for j in sorted(frame["judge"].unique())}
    z = NormalDist().inv_cdf(0.5 + level / 2)
    by_judge: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in ratings:
        by_judge[r.project][r.judge] += 1
    estimates = {}
    for project in sorted(raw):
        contrast = {key("project", project): 1.0}
        if "cell" in components:
            for c in criteria:
                cell = key("cell", f"{project}\x1f{c}")
                if cell in effects.index:
                    contrast[cell] = share[c]
        score = intercept + criterion_part + sum(w * float(effects[k]) for k, w in contrast.items())
        index = list(contrast)
        vector = np.array(list(contrast.values()))
        variance = float(vector @ cov.loc[index, index].to_numpy() @ vector)
        half = z * math.sqrt(max(variance, 0.0))
        counts = by_judge[project]
        n = sum(counts.values())
        moved = sorted(
            ((j, -judge_effects[j] * k / n) for j, k in counts.items()), key=lambda item: (-abs(item[1]), item[0])
        )
        estimates[project] = Estimate(
            project,
            raw[project],
            score,
            score - half,
            score + half,
            reviews[project],
            tuple(moved),
            project_group[project],
        )
    return Fit("adjusted", estimates, judge_effects, variances, groups, tuple(notes))
