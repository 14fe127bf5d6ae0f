"""The ``jam award`` case of ``scripts/bench``: a judged sprint of many projects, ranked both ways.

Builds a sprint of N projects and J judges, every project read by K judges as
``jam judge assign`` would plan it (``jamkit.judging.assign``), scored 1 to 5 in
half points on three weighted criteria (0.3, 0.4, 0.3, as the example sprints):
score = 3 + the project's quality + the criterion's offset + the judge's
leniency + noise, with one markedly lenient and one markedly harsh judge among
the others' everyday spread. Then it times ``jam award`` (adjusted and mean) as a
fresh process, like the other cases, and splits one in-process run into its
phases (reading and checking the files, then the ranking).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .corpus import PDF
from .measure import machine, measure, report, timing_table

SLUG = "award-bench"
NOW = "2026-06-01T12:00:00Z"  # after the sprint: judging
SPRINT = """\
---
title: Award Benchmark Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
scale: {{min: 1, max: 5}}
criteria:
  - {{id: topic_advancement, name: Topic advancement, weight: 0.3}}
  - {{id: ai_safety_impact, name: AI safety impact, weight: 0.4}}
  - {{id: quality_reproducibility, name: Quality and reproducibility, weight: 0.3}}
prizes:
  - {{place: 1, amount: 2000}}
  - {{place: 2, amount: 1000}}
  - {{place: 3, amount: 600}}
judges:
{judges}---
A synthetic judged sprint for the benchmark.
"""
PROJECT = """\
---
title: Project {n}
members:
  - {{name: Person {n}, github: person-{n}}}
abstract: Project {n} of the award benchmark.
report: report.pdf
---
Project {n}.
"""
CRITERIA = {"topic_advancement": 0.1, "ai_safety_impact": -0.2, "quality_reproducibility": 0.1}


def build(root: Path, projects: int, judges: int, reviews: int, pdf: bytes, seed: int = 7) -> dict[str, float]:
    """Write the sprint, its projects, assignments and reviews; returns each judge's true leniency."""
    from jamkit.judging.assign import Candidate, Reader, assign

    rng = random.Random(seed)
    ids = [f"judge-{j:02d}" for j in range(judges)]
    leniency = {judge: rng.gauss(0.0, 0.35) for judge in ids}
    leniency[ids[0]], leniency[ids[1]] = 1.0, -0.8  # one lenient, one harsh judge
    slugs = [f"project-{n:03d}" for n in range(projects)]
    quality = {slug: rng.gauss(0.0, 0.6) for slug in slugs}
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Bench\n")
    (root / "sprints" / SLUG).mkdir(parents=True)
    listed = "".join(f"  - {{name: Judge {judge[6:]}, github: {judge}}}\n" for judge in ids)
    (root / f"sprints/{SLUG}.md").write_text(SPRINT.format(judges=listed))
    for n, slug in enumerate(slugs):
        folder = root / f"submissions/{SLUG}/{slug}"
        folder.mkdir(parents=True)
        (folder.parent / f"{slug}.md").write_text(PROJECT.format(n=n))
        (folder / "report.pdf").write_bytes(pdf)
    plan = assign([Reader(judge) for judge in ids], [Candidate(slug) for slug in slugs], reviews, seed)
    if plan.unmet:
        raise SystemExit(f"the assignment could not be made: {plan.unmet}")
    lines = [f"- {{judge: {judge}, projects: [{', '.join(ps)}]}}\n" for judge, ps in plan.projects_of.items()]
    (root / f"sprints/{SLUG}/assignments.yaml").write_text("".join(lines))
    written = []
    for judge, ps in plan.projects_of.items():
        for slug in ps:
            scores = ", ".join(
                f"{c}: {_half_point(3 + quality[slug] + offset + leniency[judge] + rng.gauss(0.0, 0.6))}"
                for c, offset in CRITERIA.items()
            )
            written.append(f"- {{judge: {judge}, project: {slug}, scores: {{{scores}}}}}\n")
    (root / f"sprints/{SLUG}/reviews.yaml").write_text("".join(written))
    return leniency


def _half_point(value: float) -> float:
    return min(5.0, max(1.0, round(value * 2) / 2))


def phases(root: Path) -> list[tuple[str, float]]:
    """One in-process run split into reading + checking the files and each ranking."""
    from jamkit.checks import check
    from jamkit.core.model import utc_day
    from jamkit.files.load import load_catalog
    from jamkit.judging.awards import rank
    from jamkit.judging.proposal import content_paths as _content_paths

    now = dt.datetime.fromisoformat(NOW)
    start = time.perf_counter()
    catalog, _ = load_catalog(root, _content_paths(root, SLUG))
    check(catalog)
    loaded = time.perf_counter()
    sprint = catalog.sprints[SLUG]
    subs = [s for s in catalog.submissions.values() if s.sprint == SLUG]
    reviews = catalog.reviews[SLUG]
    adjusted = rank(sprint, reviews, subs, utc_day(now), "adjusted")
    fitted = time.perf_counter()
    rank(sprint, reviews, subs, utc_day(now), "mean")
    done = time.perf_counter()
    print(f"variances: {dict(adjusted.variances or {})}", file=sys.stderr)
    return [
        ("read and check the sprint's files", loaded - start),
        ("rank, adjusted (the model fit, its first call also imports numpy and scipy)", fitted - loaded),
        ("rank, mean", done - fitted),
    ]


def recovered(root: Path, leniency: dict[str, float]) -> str:
    """How well the fit found the judges' true leniency: the correlation, and the two planted extremes."""
    from statistics import correlation

    from jamkit.core.model import utc_day
    from jamkit.files.load import load_catalog
    from jamkit.judging.awards import rank

    catalog, _ = load_catalog(root)
    subs = [s for s in catalog.submissions.values() if s.sprint == SLUG]
    today = utc_day(dt.datetime.fromisoformat(NOW))
    effects = rank(catalog.sprints[SLUG], catalog.reviews[SLUG], subs, today).judge_effects or {}
    judges = sorted(leniency)
    r = correlation([leniency[j] for j in judges], [effects[j] for j in judges])
    return (
        f"The fit recovers the judges' planted leniency (correlation {r:.2f}; the lenient judge +1.00 "
        f"estimated {effects['judge-00']:+.2f}, the harsh one -0.80 estimated {effects['judge-01']:+.2f})."
    )


def award_main(args: argparse.Namespace) -> int:
    """``--award``: build a judged sprint, time `jam award` both ways, and split one run into its phases."""
    projects = args.projects or 500
    work = Path(tempfile.mkdtemp(prefix="jam-bench-award-"))
    root = args.keep or work / "repo"
    try:
        if not root.is_dir():
            print(f"building a sprint of {projects} projects and {args.judges} judges at {root} ...", file=sys.stderr)
            leniency = build(root, projects, args.judges, args.reviews, PDF)
        else:
            leniency = None
        jam = [sys.executable, "-m", "jamkit.cli.main", "--root", str(root), "award", SLUG]
        jam += ["--now", NOW]
        rows = [
            ("`jam award` (adjusted, the default)", *measure(jam, args.runs)),
            ("`jam award --method mean`", *measure([*jam, "--method", "mean"], args.runs)),
        ]
        ratings = 3 * projects * args.reviews
        lines = [
            f"Synthetic judged sprint: {projects:,} projects, {args.judges} judges, {args.reviews} reviews per "
            f"project (assigned by `jamkit.judging.assign`), 3 weighted criteria: {ratings:,} scores.",
            f"Machine: {machine()}.",
            f"Measured {dt.date.today().isoformat()} with `scripts/bench --award --projects {projects} "
            f"--judges {args.judges} --reviews {args.reviews} --runs {args.runs}`.",
            "",
            *timing_table(rows),
        ]
        lines += ["", "One run in-process:", ""]
        lines += [f"- {name}: {seconds:.2f} s" for name, seconds in phases(root)]
        if leniency:
            lines += ["", recovered(root, leniency)]
        return report(lines, args.write)
    finally:
        shutil.rmtree(work, ignore_errors=True)
