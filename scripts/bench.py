"""Benchmark ``jam check --pr`` and ``jam check`` on a synthetic repository of many projects, or ``jam award``.

Not a timed test: it builds a committed git repository of N projects (each with
a PDF), opens a pull-request branch that adds one submission, and measures the
wall time and peak memory (max RSS of jam and its git children, from
``getrusage(RUSAGE_CHILDREN)`` in a fresh wrapper process per run).

    scripts/bench [--projects 10000] [--sprints 50] [--runs 5] [--keep DIR] [--write docs/performance.md]
    scripts/bench --site 1000,10000 [--runs 1] [--profile 1000] [--write FILE]
    scripts/bench --award [--projects 500] [--judges 60] [--reviews 3] [--runs 3]

``--site`` times the whole pipeline on realistic repositories of those sizes,
against plain MkDocs on the same pages (``scripts/bench_site.py``); ``--award``
times ``jam award`` on one judged sprint (``scripts/bench_award.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
SPRINT = """\
---
title: Sprint {i}
starts: 2025-01-17T09:00:00+00:00
ends: 2025-01-19
team_size: {{min: 1, max: 5}}
sites:
  - {{id: online, name: Online, online: true}}
---
Sprint {i}.
"""
PROJECT = """\
---
title: Project {n} of sprint {i}
members:
  - {{name: Person {n}, github: person-{n}}}
  - {{name: Helper {n}, github: helper-{n}, affiliation: Somewhere}}
abstract: We study thing number {n} with care and report what we found in {i}.
report: report.pdf
tags: [evals, interpretability]
site: online
---
## Summary

The write-up of project {n}.
"""
WRAPPER = """\
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(code, wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def base_history(root: Path) -> None:
    """Commit the corpus as ``main`` and start the branch ``pr`` that a submission is added on."""
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "bench@example.org")
    git(root, "config", "user.name", "Bench")
    git(root, "config", "commit.gpgsign", "false")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "pr")


def build(root: Path, projects: int, sprints: int) -> None:
    """A committed repository: ``sprints`` sprints sharing ``projects`` projects, each with a PDF."""
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: Bench\n")
    (root / "sprints").mkdir()
    for i in range(sprints):
        (root / f"sprints/sprint-{i:03d}.md").write_text(SPRINT.format(i=i))
    for n in range(projects):
        i = n % sprints
        folder = root / f"submissions/sprint-{i:03d}"
        (folder / f"project-{n:05d}").mkdir(parents=True, exist_ok=True)
        (folder / f"project-{n:05d}.md").write_text(PROJECT.format(n=n, i=i))
        (folder / f"project-{n:05d}/report.pdf").write_bytes(PDF)
    base_history(root)
    new = root / "submissions/sprint-000/a-new-project"
    new.mkdir()
    (new / "report.pdf").write_bytes(PDF)
    (root / "submissions/sprint-000/a-new-project.md").write_text(
        PROJECT.format(n="new", i=0).replace("person-new", "newcomer")
    )
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a new submission")


REPO = Path(__file__).resolve().parents[1]


Row = tuple[str, int, list[float], list[int], list[float]]  # name, exit code, walls, peaks, CPU times


def measure(command: list[str], runs: int) -> tuple[int, list[float], list[int], list[float]]:
    """Exit code, wall times, peak memories (MiB) and CPU times (user + system) of ``runs`` fresh runs.

    On a shared machine the wall time grows with the other jobs' load; the CPU
    time much less, so the table shows both.
    """
    walls, peaks, cpus, code = [], [], [], 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True)
        code_text, wall, peak, cpu = out.stdout.split()
        code = int(code_text)
        walls.append(float(wall))
        peaks.append(int(peak) // 1024)  # KiB -> MiB on Linux
        cpus.append(float(cpu))
    return code, walls, peaks, cpus


def _report(lines: list[str], write: Path | None) -> int:
    """Print the benchmark's report and, with --write, save it for docs/performance.md."""
    report = "\n".join(lines)
    print(report)
    if write:
        write.write_text(report + "\n")
    return 0


def timing_table(rows: list[Row]) -> list[str]:
    """The Markdown table of timed commands, as docs/performance.md shows them."""
    lines = [
        "| command | exit | runs | median wall | max wall | median CPU (user + sys) | peak memory (max RSS) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, code, walls, peaks, cpus in rows:
        lines.append(
            f"| {name} | {code} | {len(walls)} | {statistics.median(walls):.2f} s | {max(walls):.2f} s "
            f"| {statistics.median(cpus):.2f} s | {max(peaks)} MiB |"
        )
    return lines


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {git_version}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, help="default 10,000; with --award, 500")
    parser.add_argument("--sprints", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--site", default="", metavar="N,N", help="time checks, builds and the baseline at these sizes instead"
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="with --site: where the time of a clean build of N goes"
    )
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    parser.add_argument("--write", type=Path, help="write the results as Markdown to this file")
    parser.add_argument("--award", action="store_true", help="time `jam award` on one judged sprint instead")
    parser.add_argument("--judges", type=int, default=60, help="with --award: the sprint's judges")
    parser.add_argument("--reviews", type=int, default=3, help="with --award: reviews per project")
    args = parser.parse_args()
    if args.award:
        return award_main(args)
    if args.site:
        return site_main(args)
    args.projects = args.projects or 10_000

    work = Path(tempfile.mkdtemp(prefix="jam-bench-"))
    root = args.keep or work / "repo"
    try:
        if not (root / ".git").is_dir():
            print(f"building {args.projects} projects in {args.sprints} sprints at {root} ...", file=sys.stderr)
            build(root, args.projects, args.sprints)
        jam = [sys.executable, "-m", "jamkit.cli.main", "--root", str(root)]
        now = "2025-01-18T12:00:00Z"
        pr = [*jam, "check", "--pr", "--base", "main", "--author", "newcomer", "--now", now]
        rows = [
            ("`jam check --pr` (one new submission)", *measure(pr, args.runs)),
            (
                "`jam check FILE` (the new submission)",
                *measure([*jam, "check", str(root / "submissions/sprint-000/a-new-project.md")], args.runs),
            ),
            (f"`jam check` (all {args.projects:,} projects)", *measure([*jam, "check"], max(1, args.runs // 2))),
        ]
        lines = [
            f"Synthetic repository: {args.projects:,} projects (each a Markdown file and a PDF) in "
            f"{args.sprints} sprints, committed; the pull request adds one project.",
            f"Machine: {machine()}.",
            f"Measured {dt.date.today().isoformat()} with "
            f"`scripts/bench --projects {args.projects} --sprints {args.sprints} --runs {args.runs}`.",
            "",
            *timing_table(rows),
        ]
        return _report(lines, args.write)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def site_main(args: argparse.Namespace) -> int:
    """``--site``: checks, clean build, rebuild, Pagefind and the plain-MkDocs baseline at each size."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_site

    sizes = [int(n) for n in args.site.split(",") if n.strip()]
    work = Path(tempfile.mkdtemp(prefix="jam-bench-site-"))
    try:
        rows = bench_site.site_rows(work, sizes, args.runs, measure, PDF, git)
        lines = [
            f"Machine: {machine()}.",
            f"Measured {dt.date.today().isoformat()} with `scripts/bench --site {args.site} --runs {args.runs}"
            + (f" --profile {args.profile}`." if args.profile else "`."),
            "",
            *timing_table(rows),
            "",
            *summary(rows, sizes),
        ]
        if args.profile:
            lines += ["", *bench_site.shares(work, args.profile, PDF, git)]
        return _report(lines, args.write)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def summary(rows: list[Row], sizes: list[int]) -> list[str]:
    """Per size: the clean build against the baseline, time per page, and the rebuild with its search index."""

    def find(start: str, size: int) -> tuple[float, float, str]:
        for name, _, walls, _, cpus in rows:
            if name.startswith(start) and f", {size:,} projects" in name:
                return statistics.median(walls), statistics.median(cpus), name
        return float("nan"), float("nan"), ""

    lines = []
    for size in sizes:
        clean, clean_cpu, name = find("clean strict build,", size)
        pages = int(name.rsplit("(", 1)[1].split()[0].replace(",", "")) if "(" in name else 0
        serial, serial_cpu, _ = find("clean strict build in one process", size)
        base, base_cpu, _ = find("baseline", size)
        rebuild, _, _ = find("rebuild after one changed submission,", size)
        published, _, _ = find("rebuild after one changed submission into an empty folder", size)
        lines.append(
            f"- {size:,} projects ({pages:,} pages): the clean build takes {clean / base:.2f}× the baseline's wall "
            f"time and {clean_cpu / base_cpu:.2f}× its CPU time, every process counted "
            f"({1000 * clean / max(pages, 1):.2f} ms a page); in one process {serial / base:.2f}× its wall time "
            f"and {serial_cpu / base_cpu:.2f}× its CPU time; a rebuild after one changed submission takes "
            f"{rebuild:.1f} s, search index included (Pagefind indexes every page again), and {published:.1f} s into "
            "an empty folder, as the publish workflow builds."
        )
    return lines


def award_main(args: argparse.Namespace) -> int:
    """``--award``: build a judged sprint, time `jam award` both ways, and split one run into its phases."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_award

    projects = args.projects or 500
    work = Path(tempfile.mkdtemp(prefix="jam-bench-award-"))
    root = args.keep or work / "repo"
    try:
        if not root.is_dir():
            print(f"building a sprint of {projects} projects and {args.judges} judges at {root} ...", file=sys.stderr)
            leniency = bench_award.build(root, projects, args.judges, args.reviews, PDF)
        else:
            leniency = None
        jam = [sys.executable, "-m", "jamkit.cli.main", "--root", str(root), "award", bench_award.SLUG]
        jam += ["--now", bench_award.NOW]
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
        lines += [f"- {name}: {seconds:.2f} s" for name, seconds in bench_award.phases(root)]
        if leniency:
            lines += ["", bench_award.recovered(root, leniency)]
        return _report(lines, args.write)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
