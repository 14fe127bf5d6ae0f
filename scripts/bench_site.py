"""``scripts/bench --site 1000,10000``: the whole pipeline at scale, against plain MkDocs on the same pages.

For each size it writes a realistic repository (sprints of 50 projects; bodies of
150 to 300 words with headings, lists and links, words drawn by Zipf's law from a
vocabulary of 20,000; teams of one to four drawn from a
pool of people who take part more than once; a PDF for one project in three, a
report URL for the others; a publication for every 40 projects), commits it, and
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

import functools
import html
import importlib
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import base_history  # scripts/ is on sys.path: bench.py runs this module

REPO = Path(__file__).resolve().parents[1]
NOW = "2025-06-18T12:00:00Z"
PER_SPRINT = 50
_VOCABULARY = (
    "model evaluation safety refusal steering vector probe layer feature circuit benchmark dataset agent reward "
    "policy oversight deception honesty sparse autoencoder activation attention head prompt jailbreak robustness "
    "interpretability alignment capability risk threshold baseline ablation replication result method sample "
    "we find that the this our results show a an of in on for with across under between while more less than"
)
_SYLLABLES = [
    "ka",
    "to",
    "ri",
    "mu",
    "se",
    "lo",
    "na",
    "vi",
    "pe",
    "da",
    "zu",
    "bro",
    "tel",
    "mar",
    "sin",
    "gol",
    "fer",
    "ux",
    "an",
    "qui",
    "del",
    "por",
    "tam",
]


def _made_up_words(count: int) -> list[str]:
    """Words of two to four syllables, the same on every run: the long tail of a real vocabulary."""
    rng = random.Random(0)
    made: dict[str, None] = {}
    while len(made) < count:
        made["".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(made)


# Real text follows Zipf's law: a few words are everywhere, most are rare. A vocabulary of 70
# words in equal shares would give Pagefind a handful of huge word lists instead of many small
# ones, and flatter its time, memory and download sizes.
WORDS = [*_VOCABULARY.split(), *_made_up_words(20_000)]
_CUMULATIVE = list(itertools.accumulate(1 / rank for rank in range(1, len(WORDS) + 1)))
PR_NOW = "2025-01-18T12:00:00Z"  # the pull request comes in during its sprint
Result = tuple[int, list[float], list[int], list[float]]
Row = tuple[str, int, list[float], list[int], list[float]]
Measure = Callable[[list[str], int], Result]


def _text(rng: random.Random, words: int) -> str:
    picked = rng.choices(WORDS, cum_weights=_CUMULATIVE, k=words)
    picked[0] = picked[0].capitalize()
    return " ".join(picked) + "."


def _body(rng: random.Random, n: int) -> str:
    parts = ["## Summary", "", _text(rng, rng.randint(40, 90)), "", "## Method", ""]
    parts += [f"- {_text(rng, rng.randint(6, 14))}" for _ in range(rng.randint(2, 5))]
    parts += ["", _text(rng, rng.randint(40, 90)), "", "## Results", "", _text(rng, rng.randint(30, 80))]
    parts += ["", f"Code and data: [the repository](https://example.org/code/{n})."]
    return "\n".join(parts) + "\n"


def corpus(root: Path, projects: int, pdf: bytes, git: Callable[..., None]) -> None:
    """The repository: sprints, projects, publications, committed on ``main``; a branch ``pr`` adds one project."""
    rng = random.Random(projects)
    sprints = max(1, projects // PER_SPRINT)
    people = [f"person-{k:05d}" for k in range(max(4, projects * 3 // 2))]
    root.mkdir(parents=True)
    for i in range(sprints):
        path = root / f"sprints/sprint-{i:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: Research Sprint {i}\nstarts: 2025-01-17T09:00:00+00:00\nends: 2025-01-19\n"
            f"topics: [evals, interpretability]\nsites:\n  - {{id: online, name: Online, online: true}}\n---\n"
            f"{_text(rng, 60)}\n"
        )
    for n in range(projects):
        write_project(root, rng, n, people, pdf)
    for k in range(projects // 40):
        refs = ", ".join(f"sprint-{(n % sprints):03d}/project-{n:05d}" for n in rng.sample(range(projects), 2))
        author = rng.choice(people)
        (root / "publications").mkdir(exist_ok=True)
        (root / f"publications/paper-{k:04d}.md").write_text(
            f"---\ntitle: Paper {k} on {_text(rng, 4)}\nauthors:\n  - {{name: {author.title()}, github: {author}}}\n"
            f"venue: Workshop {k % 7}\nyear: 2025\nurl: https://example.org/paper/{k}\nprojects: [{refs}]\n---\n"
            f"{_text(rng, 50)}\n"
        )
    site_files(root)
    base_history(root)
    write_project(root, rng, projects, ["newcomer"], pdf, slug="a-new-project", sprint=0)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a new submission")


def write_project(
    root: Path, rng: random.Random, n: int, people: list[str], pdf: bytes, slug: str = "", sprint: int = -1
) -> None:
    sprints = len(list((root / "sprints").glob("*.md")))
    sprint = sprint if sprint >= 0 else n % sprints
    slug = slug or f"project-{n:05d}"
    folder = root / f"submissions/sprint-{sprint:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    members = "\n".join(
        f"  - {{name: {handle.replace('-', ' ').title()}, github: {handle}}}"
        for handle in rng.sample(people, min(len(people), rng.randint(1, 4)))
    )
    report = f"https://example.org/reports/{n}.pdf"
    if n % 3 == 0:
        (folder / slug).mkdir(exist_ok=True)
        (folder / slug / "report.pdf").write_bytes(pdf)
        report = "report.pdf"
    (folder / f"{slug}.md").write_text(
        f"---\ntitle: {_text(rng, 6)[:-1]}\nmembers:\n{members}\nabstract: {_text(rng, 50)}\nreport: {report}\n"
        f"tags: [{rng.choice(['evals', 'interpretability', 'governance'])}]\nsite: online\n---\n{_body(rng, n)}"
    )


def site_files(root: Path) -> None:
    """This repository's mkdocs.yml (search plugin off: the site searches with Pagefind) and docs."""
    config = (REPO / "mkdocs.yml").read_text()
    (root / "mkdocs.yml").write_text(re.sub(r"(?m)^  - search\n", "", config))
    shutil.copytree(REPO / "docs", root / "docs")


_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def baseline(built: Path, target: Path) -> int:
    """A plain MkDocs project with one Markdown page per generated page: its title and its text, as Markdown."""
    shutil.copytree(REPO / "docs", target / "docs")
    generated = ["sprints/", "projects/", "people/", "publications/", "winners/", "stats/", "lab/", "tags/"]
    count = 0
    for page in sorted(built.rglob("index.html")):
        rel = page.parent.relative_to(built).as_posix()
        if not any(rel.startswith(prefix.rstrip("/")) for prefix in generated) and rel != ".":
            continue
        if rel == ".":
            continue  # docs/index.md stays the hand-written home page
        found = _ARTICLE.search(page.read_text(encoding="utf-8"))
        inner = found.group(1) if found else ""
        title_match = _TITLE.search(inner)
        title = html.unescape(_TAG.sub("", title_match.group(1))).strip() if title_match else rel
        text = " ".join(html.unescape(_TAG.sub(" ", inner)).split())
        paragraphs = [text[i : i + 600] for i in range(0, len(text), 600)]
        dest = target / "docs" / rel / "index.md"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        count += 1
    config = (REPO / "mkdocs.yml").read_text()
    config = re.sub(r"(?m)^  - search\n", "", config)
    config = re.sub(r"(?m)^  - jamkit\b.*\n", "", config)
    config += "not_in_nav: |\n" + "".join(f"  /{prefix}\n" for prefix in generated)
    (target / "mkdocs.yml").write_text(config)
    return count


def site_rows(
    work: Path, sizes: list[int], runs: int, measure: Measure, pdf: bytes, git: Callable[..., None]
) -> list[Row]:
    os.environ.update(JAM_NOW=NOW, NO_MKDOCS_2_WARNING="1")
    os.environ.pop("JAM_CACHE", None)
    rows: list[Row] = []
    for size in sizes:
        root, built = work / f"corpus-{size}", work / f"built-{size}"
        print(f"writing a corpus of {size:,} projects at {root} ...", file=sys.stderr)
        corpus(root, size, pdf, git)
        jam = [sys.executable, "-m", "jamkit.cli.main", "--root", str(root)]
        cache = root / ".cache"
        label = f"{size:,} projects"
        pr = [*jam, "check", "--pr", "--base", "main", "--author", "newcomer", "--now", PR_NOW]
        rows.append((f"`jam check --pr` (one new submission), {label}", *measure(pr, runs)))
        git(root, "checkout", "-q", "main")
        cold = [sys.executable, "-c", "import shutil,sys; shutil.rmtree(sys.argv[1], ignore_errors=True)", str(cache)]
        rows.append((f"`jam check` cold (no cache), {label}", *measure_after(cold, [*jam, "check"], runs, measure)))
        rows.append((f"`jam check` warm, {label}", *measure([*jam, "check"], runs)))
        mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(root / "mkdocs.yml")]
        clean = measure_after(cold, [*mkdocs, "-d", str(built)], runs, measure)
        pages = sum(1 for _ in built.rglob("index.html"))
        rows.append((f"clean strict build, {label} ({pages:,} pages)", *clean))
        os.environ["JAM_WORKERS"] = "1"  # the same build on one core, to compare CPU with the baseline's one process
        serial = measure_after(cold, [*mkdocs, "-d", str(built)], runs, measure)
        os.environ.pop("JAM_WORKERS")
        rows.append((f"clean strict build in one process (`JAM_WORKERS=1`), {label}", *serial))
        changed = root / f"submissions/sprint-000/project-{size // 2 // PER_SPRINT * PER_SPRINT:05d}.md"
        edit = [sys.executable, "-c", EDIT, str(changed)]
        rows.append(
            (
                f"rebuild after one changed submission, {label}",
                *measure_after(edit, [*mkdocs, "-d", str(built)], runs, measure),
            )
        )
        fresh = work / f"published-{size}"  # the publish workflow: the cache restored, the output folder empty
        edit_fresh = [sys.executable, "-c", EDIT_FRESH, str(changed), str(fresh)]
        rows.append(
            (
                f"rebuild after one changed submission into an empty folder (as `publish.yml`), {label}",
                *measure_after(edit_fresh, [*mkdocs, "-d", str(fresh)], runs, measure),
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


def measure_after(before: list[str], command: list[str], runs: int, measure: Measure) -> Result:
    """Each run of ``command`` preceded by ``before`` (emptying the cache, editing a file), which is not timed."""
    walls: list[float] = []
    peaks: list[int] = []
    cpus: list[float] = []
    code = 0
    for _ in range(runs):
        subprocess.run(before, check=True)
        code, wall, peak, cpu = measure(command, 1)
        walls += wall
        peaks += peak
        cpus += cpu
    return code, walls, peaks, cpus


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


def shares(work: Path, size: int, pdf: bytes, git: Callable[..., None]) -> list[str]:
    """Where the wall time of one clean build of ``size`` projects goes, in two processes and in one.

    Each run is a fresh process (``time_parts``) that builds in-process with a
    wall clock around each part, no profiler (cProfile slowed jamkit's many small
    calls more than Material's, and overstated jamkit's share).
    """
    root = work / f"shares-{size}"
    corpus(root, size, pdf, git)
    git(root, "checkout", "-q", "main")
    lines = [f"Where the time of one clean build of {size:,} projects goes (wall time of the building process):", ""]
    lines += ["| part | two processes | one process |", "|---|---|---|"]
    runs = []
    for workers in ("", "1"):
        env = {**os.environ, "JAM_NOW": NOW, "NO_MKDOCS_2_WARNING": "1", "JAM_CACHE": "off", "JAM_WORKERS": workers}
        site = work / "shares-site"
        shutil.rmtree(site, ignore_errors=True)
        done = subprocess.run(
            [sys.executable, __file__, "--time-parts", str(root), str(site)],
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


if __name__ == "__main__" and sys.argv[1:2] == ["--time-parts"]:
    print(json.dumps(time_parts(Path(sys.argv[2]), Path(sys.argv[3]))))
