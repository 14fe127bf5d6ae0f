"""The default case: ``jam check --pr``, ``jam check FILE`` and ``jam check`` on a repository of many projects."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

from .corpus import build
from .measure import machine, measure, report, timing_table


def check_main(args: argparse.Namespace) -> int:
    """Build (or reuse, with ``--keep``) the repository and time the three checks."""
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
        return report(lines, args.write)
    finally:
        shutil.rmtree(work, ignore_errors=True)
