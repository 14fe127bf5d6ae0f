"""The realistic repository of ``scripts/bench --site``, and the plain-MkDocs baseline built from its pages.

Sprints of 50 projects; bodies of 150 to 300 words with headings, lists and links,
words drawn by Zipf's law from a vocabulary of 20,000; teams of one to four drawn
from a pool of people who take part more than once; a PDF for one project in
three, a report URL for the others; a publication for every 40 projects.
"""

from __future__ import annotations

import html
import itertools
import random
import re
import shutil
from pathlib import Path

from .corpus import PDF, base_history, git
from .measure import REPO

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


def corpus(root: Path, projects: int) -> None:
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
        write_project(root, rng, n, people)
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
    write_project(root, rng, projects, ["newcomer"], slug="a-new-project", sprint=0)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a new submission")


def write_project(root: Path, rng: random.Random, n: int, people: list[str], slug: str = "", sprint: int = -1) -> None:
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
        (folder / slug / "report.pdf").write_bytes(PDF)
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
