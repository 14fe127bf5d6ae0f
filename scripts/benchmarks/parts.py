"""Where the time of one clean build goes: a clock around each part of the work, in a fresh build process.

``shares`` runs ``python -m benchmarks --time-parts ROOT SITE`` (``time_parts``)
twice, in two processes and in one, and makes the table of ``--profile``.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from .corpus import git
from .site_corpus import NOW, corpus

SCRIPTS = Path(__file__).resolve().parents[1]
PARTS: tuple[tuple[str, str, str], ...] = (  # (module, attribute, the part it belongs to)
    ("jamkit.site.build.load", "load_catalog", "jamkit: loading the repository"),
    ("jamkit.site.build.load", "check_tree", "jamkit: checking files and rendering bodies"),
    ("jamkit.site.build.load", "prime_bodies", "jamkit: checking files and rendering bodies"),
    ("jamkit.site.build.load", "build_pages", "jamkit: the pages' model"),
    ("jamkit.site.render", "Renderer.render", "jamkit: drawing the pages"),
    ("jamkit.site.api", "outputs", "jamkit: open data, feed, calendar"),
    *(
        ("jamkit.site.build.plugin", f"JamkitPlugin.{hook}", "jamkit: the rest of its events")
        for hook in ("on_config", "on_files", "on_nav", "on_page_markdown", "on_page_content", "on_env", "on_post_page")
    ),
    ("jamkit.site.build.plugin", "search_record", "search: each page's record for Pagefind"),
    ("jamkit.site.search", "StreamedIndex.add_record", "search: handing records to Pagefind"),
    ("jamkit.site.search", "StreamedIndex.write", "after the last page: Pagefind's write, the copies closing"),
    ("jamkit.site.build.plugin", "JamkitPlugin.on_post_build", "after the last page: Pagefind, the copy closing"),
    ("mkdocs.commands.build", "_build_page", "MkDocs and Material: each page's template"),
    ("mkdocs.utils", "write_file", "MkDocs: writing files"),
)
OTHER = "MkDocs: the rest (reading docs, navigation, static files, sitemap)"


def shares(work: Path, size: int) -> list[str]:
    """Where the wall time of one clean build of ``size`` projects goes, in two processes and in one.

    Each run is a fresh process (``time_parts``) that builds in-process with a
    wall clock around each part, no profiler (cProfile slowed jamkit's many small
    calls more than Material's, and overstated jamkit's share).
    """
    root = work / f"shares-{size}"
    corpus(root, size)
    git(root, "checkout", "-q", "main")
    lines = [f"Where the time of one clean build of {size:,} projects goes (wall time of the building process):", ""]
    lines += ["| part | two processes | one process |", "|---|---|---|"]
    runs = []
    for workers in ("", "1"):
        env = {**os.environ, "JAM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", "JAM_CACHE": "off", "JAM_WORKERS": workers}
        site = work / "shares-site"
        shutil.rmtree(site, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks", "--time-parts", str(root), str(site)],
            cwd=SCRIPTS,  # where ``python -m`` finds this package
            env={k: v for k, v in env.items() if v},
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return [*lines[:1], f"(the timed build failed: {done.stderr.strip().splitlines()[-1:]})"]
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    labels = [*dict.fromkeys(label for _, _, label in PARTS), OTHER]
    for label in labels:
        seconds = [run["parts"].get(label, 0.0) for run in runs]
        cells = [f"{part / run['total']:.0%} ({part:.1f} s)" for part, run in zip(seconds, runs, strict=True)]
        lines.append(f"| {label} | {' | '.join(cells)} |")
    own = [sum(s for label, s in run["parts"].items() if label.startswith("jamkit")) / run["total"] for run in runs]
    lines.append(f"| **jamkit's own share** (every part marked jamkit) | **{own[0]:.0%}** | **{own[1]:.0%}** |")
    lines.append(f"| the whole build | {runs[0]['total']:.1f} s | {runs[1]['total']:.1f} s |")
    return lines


class _Clock:
    """Wall time of each part on the main thread, less the time of the parts it calls (so the parts add up)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.stack: list[list[float]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        clock = self

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is not threading.main_thread():
                return original(*args, **kwargs)
            start = time.perf_counter()
            clock.stack.append([0.0])
            try:
                return original(*args, **kwargs)
            finally:
                (inner,) = clock.stack.pop()
                elapsed = time.perf_counter() - start
                clock.spent[label] = clock.spent.get(label, 0.0) + elapsed - inner
                if clock.stack:
                    clock.stack[-1][0] += elapsed

        setattr(owner, name, timed)


def time_parts(root: Path, site: Path) -> dict[str, Any]:
    """One strict build of ``root`` in this process, with ``PARTS`` timed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    clock = _Clock()
    for module, attribute, label in PARTS:
        owner: Any = importlib.import_module(module)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step)
        clock.wrap(owner, name, label)
    os.chdir(root)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    start = time.perf_counter()
    build(config)
    total = time.perf_counter() - start
    parts = dict(clock.spent)
    parts[OTHER] = total - sum(parts.values())
    return {"total": total, "parts": parts}
