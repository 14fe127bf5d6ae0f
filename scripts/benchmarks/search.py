"""Benchmark the site search: what a reader downloads for a first search, and how long Pagefind takes to index.

Not a timed test. Give it a site built by ``scripts/build`` (Pagefind's index in
``pagefind/``) and, to compare, the same content built with Material's own search
plugin (``search/search_index.json``). A first search is measured in Chromium: the
page ``/search/?q=QUERY`` is opened on a local server, and the bytes of every
response from ``pagefind/`` (Pagefind's interface, its WebAssembly, the metadata,
the index shards and the result fragments the query needs) are counted. Indexing is
measured both ways: Pagefind's CLI over the finished site (what the build did until
issue 12), and Pagefind's service fed each page's body (what the build does now), with
Pagefind's own CPU time and peak memory.

    scripts/bench search --site SITE [--material SITE_WITH_MATERIAL_SEARCH] [--query TEXT] [--runs 3]
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "site"))

from browserkit import ARGS, CHROMIUM, served  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from jamkit.site.search import FOLDER, StreamedIndex, cli_command  # noqa: E402

TEXT = (".js", ".css", ".json")  # a web host (GitHub Pages) sends these gzipped; Pagefind's own files already are


def first_search_bytes(site: Path, query: str) -> tuple[int, int, int, int]:
    """(bytes from pagefind/, the same as a host sends them gzipped, requests, results shown) for one first search.

    The local server sends files as they are; the second figure gzips the text files as GitHub Pages does.
    """
    counted: list[tuple[int, int]] = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()

        def count(response: object) -> None:
            url = response.url  # type: ignore[attr-defined]
            if f"/{FOLDER}/" in url:
                body = response.body()  # type: ignore[attr-defined]
                wire = len(gzip.compress(body, 6)) if url.split("?")[0].endswith(TEXT) else len(body)
                counted.append((len(body), wire))

        page.on("response", count)
        page.goto(base + "search/?q=" + query.replace(" ", "+"))
        page.wait_for_selector(".jam-search-page__title", timeout=60_000)
        page.wait_for_load_state("networkidle")
        shown = page.locator(".jam-search-page__result").count()
        browser.close()
    return sum(c[0] for c in counted), sum(c[1] for c in counted), len(counted), shown


ROWS = (
    "Pagefind's CLI over the finished site (`index_site`)",
    "Pagefind fed each page's body (`StreamedIndex`), all of its work",
    "of which writing the index, which a build waits for after its last page",
)
Run = tuple[float, float, int]  # wall seconds, CPU seconds, peak resident memory in KB


def index_both(site: Path) -> tuple[Run, Run, Run]:
    """Index ``site`` with the CLI, then by feeding its pages from disk as a build does; CPU and memory are
    Pagefind's own (the CLI's process tree; the service's process), never this script's reading of the pages."""
    start = time.perf_counter()
    cli = subprocess.Popen(cli_command(site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(cli.pid, 0)
    cli.returncode = os.waitstatus_to_exitcode(status)
    if cli.returncode:
        raise SystemExit(f"Pagefind's CLI failed (exit {cli.returncode})")
    cli_run = (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    streamed = StreamedIndex()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        if rel.parts[0] != FOLDER:
            url = rel.as_posix().removesuffix("index.html")
            streamed.add(url, page.read_text(encoding="utf-8"))
    indexed = streamed.write(site)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    peak = indexed.peak_kb or 0
    return cli_run, (time.perf_counter() - start, cpu, peak), (indexed.seconds, float("nan"), peak)


def median_row(runs: tuple[Run, ...]) -> str:
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    peak = max(run[2] for run in runs)
    return f"{wall:.1f} s wall" + (f", {cpu:.1f} s CPU" if cpu == cpu else "") + f", peak {peak / 1024:,.0f} MiB"


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/bench search", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, required=True, help="a site built by scripts/build")
    parser.add_argument("--material", type=Path, help="the same content built with Material's search plugin")
    parser.add_argument(
        "--query",
        action="append",
        help="what the reader searches for (repeatable; default: a full title, two words, one word)",
    )
    parser.add_argument("--runs", type=int, default=3, help="indexing runs")
    args = parser.parse_args(argv)
    pages = sum(1 for _ in args.site.rglob("index.html"))
    runs = [index_both(args.site) for _ in range(args.runs)]
    queries = args.query or ["Project 4242 of sprint 42", "Project 4242", "interpretability"]
    print(f"site: {args.site} ({pages:,} pages)")
    print("| what | value |")
    print("|---|---|")
    for name, row in zip(ROWS, zip(*runs, strict=True), strict=True):
        print(f"| {name}, median of {args.runs} | {median_row(row)} |")
    print(f"| Pagefind index on disk (`{FOLDER}/`) | {folder_bytes(args.site / FOLDER) / 1e6:.1f} MB |")
    for query in queries:
        loaded, wire, requests, shown = first_search_bytes(args.site, query)
        found = f"{wire / 1e3:.0f} KB gzipped as served ({loaded / 1e3:.0f} KB raw), {requests} requests, {shown} shown"
        print(f"| first search with Pagefind, `{query}` | {found} |")
    if args.material:
        index = (args.material / "search" / "search_index.json").read_bytes()
        packed = len(gzip.compress(index, 6))
        sizes = f"{len(index) / 1e6:.1f} MB ({packed / 1e6:.1f} MB gzipped)"
        print(f"| first search with Material (`search_index.json`) | {sizes} |")
    return 0
