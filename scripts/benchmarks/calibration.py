"""How often the ranking finds the true top three: judges calibrated per sprint, or pooled over earlier sprints.

Simulates a series of sprints judged by one pool of judges, each with a lasting
leniency. Each sprint draws its panel from the pool; every project is read by K
judges as ``jam judge assign`` plans it (``jamkit.judging.assign``) and scored
1 to 5 in half points on three criteria: 3 + the project's quality + the
criterion's offset + the judge's leniency + noise. The last sprint is then
ranked three ways: raw means, the leniency-corrected model fitted on the sprint
alone, and the same model with the earlier sprints' ratings as context
(``jam award --pool``), and the share of simulations whose top three (as a set)
is the true one is counted, for 2, 3 and 4 reviews per project. Seeded, so
anyone can rerun it and get the table of docs/judging.md:

    scripts/bench calibration            # the table (a few minutes)
    scripts/bench calibration --runs 5   # a quick look
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

from jamkit.judging.adjusted import Rating, fit, raw_scores
from jamkit.judging.assign import Candidate, Reader, assign

CRITERIA = ("advancement", "impact", "quality")


@dataclass(frozen=True)
class Setting:
    """The shape of the simulated series of sprints."""

    pool: int = 12  # judges who come back from sprint to sprint
    panel: int = 6  # judges of one sprint, drawn from the pool
    projects: int = 24  # projects per sprint
    earlier: int = 3  # sprints before the one ranked
    quality: float = 0.6  # standard deviation of the projects' quality
    leniency: float = 0.5  # of the judges' leniency
    noise: float = 0.7  # of one rating around its expected value


def _score(value: float) -> float:
    return min(5.0, max(1.0, round(value * 2) / 2))


def sprint_ratings(
    rng: random.Random, setting: Setting, leniency: dict[str, float], reviews: int, name: str
) -> tuple[list[Rating], dict[str, float]]:
    """One sprint's ratings (projects and criteria named after the sprint) and its projects' true quality."""
    panel = sorted(rng.sample(sorted(leniency), setting.panel))
    quality = {f"{name}/p{n:02d}": rng.gauss(0, setting.quality) for n in range(setting.projects)}
    offset = {c: rng.gauss(0, 0.2) for c in CRITERIA}
    plan = assign([Reader(j) for j in panel], [Candidate(p) for p in quality], reviews, rng.randrange(10**6))
    ratings = [
        Rating(judge, project, f"{name}:{c}", _score(3 + q + offset[c] + leniency[judge] + rng.gauss(0, setting.noise)))
        for judge, projects in plan.projects_of.items()
        for project in projects
        for q in (quality[project],)
        for c in CRITERIA
    ]
    return ratings, quality


def one_series(seed: int, setting: Setting, reviews: int) -> dict[str, bool]:
    """Whether each method finds the last sprint's true top three."""
    rng = random.Random(seed)
    leniency = {f"judge{n:02d}": rng.gauss(0, setting.leniency) for n in range(setting.pool)}
    context: list[Rating] = []
    for k in range(setting.earlier):
        context += sprint_ratings(rng, setting, leniency, reviews, f"s{k}")[0]
    ratings, quality = sprint_ratings(rng, setting, leniency, reviews, "now")
    truth = set(sorted(quality, key=quality.__getitem__, reverse=True)[:3])

    def top(scores: dict[str, float]) -> set[str]:
        return set(sorted(scores, key=scores.__getitem__, reverse=True)[:3])

    alone = fit(ratings)
    pooled = fit(ratings, context=context)
    return {
        "mean": top(raw_scores(ratings, {})) == truth,
        "per sprint": top({p: e.adjusted for p, e in alone.estimates.items()}) == truth,
        "pooled": top({p: e.adjusted for p, e in pooled.estimates.items()}) == truth,
    }


def table(runs: int, setting: Setting, seed: int = 2026) -> str:
    """The Markdown table: for each number of reviews per project, how often each method found the top three."""
    lines = [
        "| reviews per project | raw means | adjusted, per sprint | adjusted, pooled (`--pool`) "
        "| only pooled right : only per sprint right |",
        "|---:|---:|---:|---:|---:|",
    ]
    for reviews in (2, 3, 4):
        found = [one_series(seed * 1000 + run, setting, reviews) for run in range(runs)]
        share = {m: sum(f[m] for f in found) / runs for m in ("mean", "per sprint", "pooled")}
        wins = sum(f["pooled"] and not f["per sprint"] for f in found)
        losses = sum(f["per sprint"] and not f["pooled"] for f in found)
        lines.append(
            f"| {reviews} | {share['mean']:.0%} | {share['per sprint']:.0%} | {share['pooled']:.0%} "
            f"| {wins} : {losses} |"
        )
    return "\n".join(lines)


def calibration_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench calibration", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=300, help="simulated series per setting (default: 300)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    setting = Setting()
    started = time.perf_counter()
    print(table(args.runs, setting, args.seed))
    print(
        f"\n{args.runs} series per row: {setting.earlier} earlier sprints, then the one ranked; "
        f"{setting.projects} projects each, a panel of {setting.panel} from {setting.pool} returning judges "
        f"({time.perf_counter() - started:.0f} s)."
    )
    return 0
