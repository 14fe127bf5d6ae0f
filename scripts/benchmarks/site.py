"""``scripts/bench --site 1000,10000``: the whole pipeline at scale, against plain MkDocs on the same pages.

For each size it writes a realistic repository (``benchmarks.site_corpus``), commits it, and
measures, each as a fresh process (wall time, and peak memory as max RSS):

- `jam check` cold (no `.cache/jamkit`) and warm, and `jam check --pr` adding one project;
- the clean strict build (no cache), the same in one process (`JAM_WORKERS=1`), the
  rebuild after one changed submission (cache from the clean build), the same
  into an empty output folder (as the publish workflow, which restores only the cache), and
  `python -m pagefind --site` over the result;
- the baseline: plain MkDocs + Material, the same `mkdocs.yml` theme settings and
  navigation, no jamkit plugin, building one pre-written Markdown page for each page jamkit
  generated (its title and text), with the same hand-written docs.

Material's search plugin is off in both builds (the site indexes with Pagefind).
``--profile N`` also builds N projects twice more, in two processes and in one, with a
wall clock around each part of the work, and says where the time goes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from .corpus import git
from .measure import Row, machine, measure, measure_after, report, timing_table
from .parts import shares
from .site_corpus import NOW, PER_SPRINT, baseline, corpus

PR_NOW = "2025-01-18T12:00:00Z"  # the pull request comes in during its sprint


def site_rows(work: Path, sizes: list[int], runs: int) -> list[Row]:
    """Every timed row at each size, in the order the report shows them."""
    os.environ.update(JAM_NOW=NOW, NO_MKDOCS_2_WARNING="1")
    os.environ.pop("JAM_CACHE", None)
    rows: list[Row] = []
    for size in sizes:
        root, built = work / f"corpus-{size}", work / f"built-{size}"
        print(f"writing a corpus of {size:,} projects at {root} ...", file=sys.stderr)
        corpus(root, size)
        jam = [sys.executable, "-m", "jamkit.cli.main", "--root", str(root)]
        cache = root / ".cache"
        label = f"{size:,} projects"
        pr = [*jam, "check", "--pr", "--base", "main", "--author", "newcomer", "--now", PR_NOW]
        rows.append((f"`jam check --pr` (one new submission), {label}", *measure(pr, runs)))
        git(root, "checkout", "-q", "main")
        cold = [sys.executable, "-c", "import shutil,sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(cache)]
        rows.append((f"`jam check` cold (no cache), {label}", *measure_after(cold, [*jam, "check"], runs)))
        rows.append((f"`jam check` warm, {label}", *measure([*jam, "check"], runs)))
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml")]
        clean = measure_after(cold, [*mkdocs, "-d", str(built)], runs)
        pages = sum(1 for _ in built.rglob("index.html"))
        rows.append((f"clean strict build, {label} ({pages:,} pages)", *clean))
        os.environ["JAM_WORKERS"] = "1"  # the same build on one core, to compare CPU with the baseline's one process
        serial = measure_after(cold, [*mkdocs, "-d", str(built)], runs)
        os.environ.pop("JAM_WORKERS")
        rows.append((f"clean strict build in one process (`JAM_WORKERS=1`), {label}", *serial))
        changed = root / f"submissions/sprint-000/project-{size // 2 // PER_SPRINT * PER_SPRINT:05d}.md"
        edit = [sys.executable, "-c", EDIT, str(changed)]
        rows.append(
            (
                f"rebuild after one changed submission, {label}",
                *measure_after(edit, [*mkdocs, "-d", str(built)], runs),
            )
        )
        fresh = work / f"published-{size}"  # the publish workflow: the cache restored, the output folder empty
        edit_fresh = [sys.executable, "-c", EDIT_FRESH, str(changed), str(fresh)]
        rows.append(
            (
                f"rebuild after one changed submission into an empty folder (as `publish.yml`), {label}",
                *measure_after(edit_fresh, [*mkdocs, "-d", str(fresh)], runs),
            )
        )
        shutil.rmtree(fresh, ignore_errors=True)
        rows.append(
            (
                f"`python -m pagefind --site` (all pages), {label}",
                *measure([sys.executable, "-m", "pagefind", "--site", str(built)], 1),
            )
        )
        plain = work / f"plain-{size}"
        count = baseline(built, plain)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(plain / "mkdocs.yml")]
        rows.append(
            (
                f"baseline: plain MkDocs + Material, {label} ({count:,} Markdown pages)",
                *measure([*command, "-d", str(work / f"plain-built-{size}")], runs),
            )
        )
        shutil.rmtree(plain, ignore_errors=True)
        shutil.rmtree(work / f"plain-built-{size}", ignore_errors=True)
    return rows


EDIT = """\
import sys, pathlib, time
path = pathlib.Path(sys.argv[1])
text = path.read_text()
path.write_text(text.replace("\\ntitle: ", f"\\ntitle: Edited {time.time_ns()} ", 1))
"""

EDIT_FRESH = EDIT + "import shutil; shutil.rmtree(sys.argv[2], ignore_errors=True)\n"


def site_main(args: argparse.Namespace) -> int:
    """``--site``: checks, clean build, rebuild, Pagefind and the plain-MkDocs baseline at each size."""
    sizes = [int(n) for n in args.site.split(",") if n.strip()]
    work = Path(tempfile.mkdtemp(prefix="jam-bench-site-"))
    try:
        rows = site_rows(work, sizes, args.runs)
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
            lines += ["", *shares(work, args.profile)]
        return report(lines, args.write)
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
