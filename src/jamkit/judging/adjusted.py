"""The leniency-corrected score: a crossed random-effects model of the judges' ratings.

One lenient judge can otherwise decide the prizes. The model is the one
research organisations fit in R,

    lmer(rating ~ 1 + (1|judge) + (1|criterion) + (1|project))

on every individual criterion rating, fitted here by REML the way lme4 fits
it: the profiled REML deviance is minimised over each term's relative standard
deviation, each evaluation solving the penalised least squares problem with a
sparse factorisation (``_Reml``). It reproduces lme4's numbers (see the tests)
and takes about a second for 500 projects, where statsmodels' ``MixedLM``, which
also reproduces them, took from half a minute to six (docs/performance.md).

A project's adjusted score is the intercept plus its own effect (plus the
weighted criterion effects, the same for every project): what an average judge
would give it. When a sprint weighs its
criteria unequally, the model also lets each project's quality differ by
criterion (``(1|project:criterion)``) and the score weighs those differences.

Intervals come from the conditional variance of the project's effects given the
fitted variance components (lme4's ``condVar``). Judges who never share a
project, directly or through others, cannot be compared: then each connected
group is ranked by its raw means and flagged.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

from jamkit.judging.graph import judge_groups

LEVEL = 0.90  # the intervals' coverage; places whose intervals overlap are too close to call
ZERO = 1e-8  # a variance component below this is at its boundary (zero)
_NEAR_ZERO = 1e-3  # a relative standard deviation this small is tried again from 0.5 (see _Reml.optimum)
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


def fit(
    ratings: Sequence[Rating],
    weights: Mapping[str, float] | None = None,
    level: float = LEVEL,
    context: Sequence[Rating] = (),
) -> Fit:
    """The adjusted ranking of ``ratings``; falls back to raw means, with a note, when it cannot fit.

    ``context``: ratings of earlier sprints (their projects and criteria named apart from this sprint's, the
    judges by this sprint's ids). They are fitted with the sprint's own, so a judge's leniency is estimated
    from all their reviews, but only the projects of ``ratings`` are estimated and ranked.
    """
    weights = dict(weights or {})
    raw = raw_scores(ratings, weights)
    reviews = _reviewers(ratings)
    mine = {r.judge for r in ratings}
    everything = [*ratings, *context]
    groups = tuple(g for g in judge_groups((r.judge, r.project) for r in everything) if g & mine)
    context = [r for r in context if any(r.judge in g for g in groups)]  # earlier sprints no judge links to this one
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
            return _fitted(ratings, context, weights, raw, reviews, project_group, groups, level)
        except (ValueError, ArithmeticError, RuntimeError) as err:  # LinAlgError is a ValueError; SuperLU raises
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
    context: Sequence[Rating],
    weights: dict[str, float],
    raw: dict[str, float],
    reviews: dict[str, int],
    project_group: dict[str, int],
    groups: tuple[frozenset[str], ...],
    level: float,
) -> Fit:
    # Imported here, not at the top: scipy takes a while to import, and only `jam award` and a site
    # with published scores fit the model; `jam check` must not pay for it.
    import numpy as np
    from scipy import sparse

    criteria = sorted({r.criterion for r in ratings})
    share = {c: weights.get(c, 1.0) for c in criteria}
    total = sum(share.values())
    share = {c: w / total for c, w in share.items()}
    unequal = len({round(w, 12) for w in share.values()}) > 1
    own = sorted({r.project for r in ratings})
    ratings = [*ratings, *context]
    levels: dict[str, list[str]] = {
        "judge": sorted({r.judge for r in ratings}),
        "project": sorted({r.project for r in ratings}),
    }
    if len({r.criterion for r in ratings}) > 1:
        levels["criterion"] = sorted({r.criterion for r in ratings})
        if unequal:
            levels["cell"] = sorted({_cell(r.project, r.criterion) for r in ratings})
    names = sorted(levels)  # the terms, in a fixed order
    column: dict[tuple[str, str], int] = {}
    for name in names:
        for level_name in levels[name]:
            column[(name, level_name)] = len(column)
    term = np.array([names.index(name) for name, _ in column])
    rows, cols = [], []
    for i, r in enumerate(ratings):
        values = {
            "judge": r.judge,
            "project": r.project,
            "criterion": r.criterion,
            "cell": _cell(r.project, r.criterion),
        }
        for name in names:
            rows.append(i)
            cols.append(column[(name, values[name])])
    y = np.array([r.value for r in ratings])
    z = sparse.csc_array((np.ones(len(rows)), (rows, cols)), shape=(len(ratings), len(column)))
    reml = _Reml(y, z, term)
    with np.errstate(all="ignore"):  # absurd scores overflow: the deviance is then not finite, and we fall back
        theta = reml.optimum(len(names))
        solution = reml.solve(theta)
    sigma2 = solution.r2 / (len(y) - 1)
    variances = {name: float(sigma2 * theta[k] ** 2) for k, name in enumerate(names)}
    variances["residual"] = float(sigma2)
    notes: list[str] = []
    if any(value < ZERO for value in variances.values()):
        notes.append("the fit is singular (a variance is at zero); estimates still hold")
    for name, value in variances.items():
        if name != "residual" and value < ZERO:
            notes.append(f"the {name} variance is zero: {_PLURALS[name]} do not differ beyond noise")
    effects = solution.b

    def effect(name: str, level_name: str) -> float:
        index = column.get((name, level_name))
        return 0.0 if index is None else float(effects[index])

    criterion_part = sum(share[c] * effect("criterion", c) for c in criteria)
    judge_effects = {j: effect("judge", j) for j in sorted({r.judge for r in ratings if r.project in reviews})}
    contrasts = []
    for project in own:
        contrast = {column[("project", project)]: 1.0}
        if "cell" in levels:
            for c in criteria:
                if (index := column.get(("cell", _cell(project, c)))) is not None:
                    contrast[index] = share[c]
        contrasts.append(contrast)
    spread = reml.conditional_variances(theta, solution, contrasts) * sigma2
    z_level = NormalDist().inv_cdf(0.5 + level / 2)
    by_judge: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in ratings:
        by_judge[r.project][r.judge] += 1
    estimates = {}
    for project, contrast, variance in zip(own, contrasts, spread, strict=True):
        score = solution.beta + criterion_part + sum(w * float(effects[i]) for i, w in contrast.items())
        half = z_level * math.sqrt(max(float(variance), 0.0))
        counts = by_judge[project]
        n = sum(counts.values())
        moved = sorted(
            ((j, -judge_effects[j] * k / n) for j, k in counts.items()), key=lambda item: (-abs(item[1]), item[0])
        )
        estimates[project] = Estimate(
            project, raw[project], score, score - half, score + half, reviews[project], tuple(moved),
            project_group[project],
        )  # fmt: skip
    return Fit("adjusted", estimates, judge_effects, variances, groups, tuple(notes))


def _cell(project: str, criterion: str) -> str:
    return f"{project}\x1f{criterion}"


@dataclass(frozen=True)
class _Solution:
    beta: float  # the intercept
    b: Any  # the random effects (numpy array, one per column of Z)
    r2: float  # penalised residual sum of squares
    lu: Any  # the factorisation of Λ Z'Z Λ + I


class _Reml:
    """lme4's profiled REML criterion for ``y = 1 β + Z b + e``, b's terms independent with their own variance.

    As in lme4 (Bates et al. 2015, section 3), b = Λ u with Λ = diag(θ per term), and
    for each θ the penalised least squares problem is solved with a sparse
    factorisation of Λ Z'Z Λ + I, so the cost grows with the number of ratings
    and levels, not with their product (statsmodels' MixedLM, used at first,
    took minutes at 500 projects: it works with dense matrices of every rating).
    """

    def __init__(self, y: Any, z: Any, term: Any) -> None:
        import numpy as np

        self.y, self.z, self.term = y, z, term
        self.ztz = (z.T @ z).tocsc()
        self.zty = z.T @ y
        self.ztx = np.asarray(z.sum(axis=0)).ravel()  # Z'X for X the column of ones
        self.n = len(y)

    def solve(self, theta: Any) -> _Solution:
        import numpy as np
        from scipy import sparse
        from scipy.sparse.linalg import splu

        scale = np.asarray(theta, dtype=float)[self.term]
        lam = sparse.diags_array(scale)
        a = (lam @ self.ztz @ lam + sparse.eye_array(len(scale))).tocsc()
        lu = splu(a, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0, options={"SymmetricMode": True})
        ax = lu.solve(scale * self.ztx)
        ay = lu.solve(scale * self.zty)
        rx = self.n - float((scale * self.ztx) @ ax)  # R_X'R_X, the Schur complement for β
        beta = (float(self.y.sum()) - float((scale * self.ztx) @ ay)) / rx
        u = ay - ax * beta
        b = scale * u
        residual = self.y - beta - self.z @ b
        return _Solution(beta, b, float(residual @ residual + u @ u), (lu, rx))

    def deviance(self, theta: Any) -> float:
        import numpy as np

        solution = self.solve(theta)
        lu, rx = solution.lu
        logdet = float(np.sum(np.log(np.abs(lu.U.diagonal()))))
        dof = self.n - 1
        return logdet + math.log(rx) + dof * (1 + math.log(2 * math.pi * solution.r2 / dof))

    def optimum(self, terms: int) -> Any:
        """The θ of least deviance, each at least 0, starting from 1 as lme4 does.

        The deviance depends on θ², so its slope at θ = 0 is zero: a gradient
        method that reaches a bound stays there. So each θ left at 0 is tried
        again from a positive value, and kept at 0 only if that does no better.
        """
        from scipy.optimize import minimize

        bounds = [(0.0, None)] * terms
        best = minimize(self.deviance, [1.0] * terms, method="L-BFGS-B", bounds=bounds)
        for _ in range(terms):
            zeros = [k for k, t in enumerate(best.x) if t < _NEAR_ZERO]
            if not zeros:
                break
            start = [0.5 if k in zeros else t for k, t in enumerate(best.x)]
            again = minimize(self.deviance, start, method="L-BFGS-B", bounds=bounds)
            if not again.fun < best.fun - 1e-7:
                break
            best = again
        if not math.isfinite(float(best.fun)):
            raise ValueError("the optimiser found no finite likelihood")
        return best.x

    def conditional_variances(self, theta: Any, solution: _Solution, contrasts: Sequence[dict[int, float]]) -> Any:
        """c' Λ (Λ Z'Z Λ + I)^-1 Λ c for each contrast c, to be scaled by σ² (lme4's condVar)."""
        import numpy as np

        scale = np.asarray(theta, dtype=float)[self.term]
        lu, _ = solution.lu
        c = np.zeros((len(scale), len(contrasts)))
        for k, contrast in enumerate(contrasts):
            for index, weight in contrast.items():
                c[index, k] = weight * scale[index]
        return np.einsum("ij,ij->j", c, lu.solve(c))
