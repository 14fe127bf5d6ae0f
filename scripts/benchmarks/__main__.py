"""``scripts/bench``: which benchmark the options ask for (see the package's docstring)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import benchmarks

from .award import award_main
from .check import check_main
from .parts import time_parts
from .site import site_main


def main(argv: list[str]) -> int:
    if argv[:1] == ["search"]:  # its own options; it needs the test extras (Playwright)
        from .search import main as search_main

        return search_main(argv[1:])
    if argv[:1] == ["calibration"]:  # no repository: simulated sprints, ranked in process
        from .calibration import calibration_main

        return calibration_main(argv[1:])
    if argv[:1] == ["--time-parts"]:  # one timed build, run by ``parts.shares`` as a fresh process
        print(json.dumps(time_parts(Path(argv[1]), Path(argv[2]))))
        return 0
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description=benchmarks.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
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
    args = parser.parse_args(argv)
    if args.award:
        return award_main(args)
    if args.site:
        return site_main(args)
    return check_main(args)


sys.exit(main(sys.argv[1:]))
