"""Helpers for the site tests: a small fixture repository, a real MkDocs build, and an HTML tree.

The HTML tree uses only the standard library's parser, so the tests read pages
the way a browser's DOM would (elements, attributes, text) without a new
dependency.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import yaml

from tests.helpers import EXAMPLE_NOW as EXAMPLE_NOW  # the site tests take it from here
from tests.helpers import PDF

ROOT = Path(__file__).resolve().parents[2]
BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "br", "pre", "blockquote"}
BLOCK |= {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "nav"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# --------------------------------------------------------------------------- HTML tree


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls} {attrs}> in <{self.tag}>"
        return found[0]

    def has(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> bool:
        return bool(self.find_all(tag, cls, **attrs))

    @property
    def text(self) -> str:
        """Text as a reader sees it: whitespace collapsed, block elements apart."""
        return " ".join(self._raw().split())

    def _raw(self) -> str:
        parts = [child if isinstance(child, str) else child._raw() for child in self.children]
        inner = "".join(parts)
        return f" {inner} " if self.tag in BLOCK else inner

    def next(self, tag: str) -> Node:
        """The next sibling element named ``tag``."""
        assert self.parent is not None
        siblings = self.parent.children
        for child in siblings[siblings.index(self) + 1 :]:
            if isinstance(child, Node) and child.tag == tag:
                return child
        raise AssertionError(f"no <{tag}> after <{self.tag}>")

    def links(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


class Site:
    """A built site folder; ``page("projects/a/b/")`` parses that URL's index.html."""

    def __init__(self, root: Path, log: str = "") -> None:
        self.root = root
        self.log = log

    def file(self, url: str) -> Path:
        path = self.root / url
        return path / "index.html" if url.endswith("/") or not url else path

    def exists(self, url: str) -> bool:
        return self.file(url).is_file()

    def page(self, url: str) -> Node:
        return parse(self.file(url).read_text(encoding="utf-8"))

    def content(self, url: str) -> Node:
        """The page's article: what jamkit put there, without Material's chrome."""
        return self.page(url).find("article", cls="md-content__inner")

    def html_pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


# --------------------------------------------------------------------------- builds


def build(repo: Path, dest: Path, now: str, engine: str = "mkdocs") -> Site:
    """The real ``mkdocs build --strict`` (or ``engine``'s, e.g. ProperDocs'); fails the test with the engine's own
    output on any warning."""
    env = {**os.environ, "JAM_NOW": now, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("JAM_SITE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(repo / "mkdocs.yml"), "-d", str(dest)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "WARNING" not in log, log
    assert "Traceback" not in log, log
    return Site(dest, log)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its ``!ENV`` tags."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def nav_docs(config: Path) -> list[str]:
    """The hand-written pages mkdocs.yml's navigation names (generated pages sit in folders)."""

    def walk(item: object) -> Iterator[str]:
        if isinstance(item, str):
            yield item
        elif isinstance(item, list):
            for child in item:
                yield from walk(child)
        elif isinstance(item, dict):
            for child in item.values():
                yield from walk(child)

    nav = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)["nav"]
    return [p for p in walk(nav) if p.endswith(".md") and "/" not in p and p != "index.md"]


def developer_docs(config: Path) -> list[str]:
    """jamkit's own developer pages: built, but kept out of the programme's navigation (``not_in_nav``)."""
    listed = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader).get("not_in_nav") or ""
    return [line.strip().lstrip("/") for line in listed.splitlines() if line.strip().endswith(".md")]


def site_skeleton(repo: Path) -> None:
    """The real mkdocs.yml (its jamkit plugin is the installed package), with one-line stand-ins for the docs.

    The docs are another part's content (they may link to each other's anchors);
    the build of the repository itself covers them. A stand-in keeps the real page's
    ``##`` and ``###`` headings, whose anchors the footer (``code_of_conduct``, ``privacy``) and the sprint
    pages (``submit/#attach-your-report-pdf``) link.
    """
    repo.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    (repo / "docs").mkdir(exist_ok=True)
    for name in nav_docs(ROOT / "mkdocs.yml"):  # the real page's headings: the footer links to their anchors
        real = (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines()
        headings = "".join(f"{line}\n\nStand-in.\n\n" for line in real if line.startswith(("## ", "### ")))
        (repo / "docs" / name).write_text(f"# {name[:-3].title()}\n\nStand-in page.\n\n{headings}", encoding="utf-8")


# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ff"
    "ff3f0005fe02fea7d6a4a50000000049454e44ae426082"
)

NOW = "2024-03-02T12:00:00+00:00"

FILES: dict[str, str] = {
    "sprints/past-sprint.md": """\
---
title: Past Interpretability Sprint
example: true
tagline: Look inside the models.
topics: [interpretability]
format: hybrid
starts: 2024-01-19T09:00:00+00:00
ends: 2024-01-21
registration: https://example.org/register
signups: 120
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 1000, currency: EUR}
criteria:
  - {id: impact, name: AI safety impact, description: "Does it reduce risk?", weight: 2}
  - {id: quality, name: Quality, description: "Is it sound?"}
judges:
  - {name: Ada Judge, affiliation: Judge Institute, github: Ada-Judge}
  - {name: Quinn Nohandle, affiliation: Quiet Institute}
sites:
  - {id: online, name: Online hub, online: true}
  - {id: london, name: London hub, city: London, country: GB, organizer: LDN Safety}
  - {id: lagos, name: Lagos hub, city: Lagos, country: NG}
schedule:
  - {at: 2024-01-19T09:00:00+00:00, title: Opening keynote, speaker: Ada Judge}
  - {at: 2024-01-20T15:00:00+00:00, title: Check-in}
resources:
  - {title: Starter notebook, url: "https://example.org/nb", kind: notebook}
partners:
  - Partner Org
  - {name: Linked Partner, url: "https://example.org/partner"}
awards:
  - {place: 1, project: winner-proj, prize: "$2,000"}
  - {place: 2, project: second-proj}
  - {project: alpha-first, mention: true, prize: Honorable mention}
---
Welcome to the **past** sprint. ![banner](past-sprint/banner.png)
""",
    "sprints/past-sprint/reviews.yaml": """\
- judge: ada-judge
  project: winner-proj
  scores: {impact: 5, quality: 4}
  comment: REVIEW-SHOWN clear and careful work.
- judge: quinn-nohandle
  project: winner-proj
  scores: {impact: 4, quality: 4}
- judge: ada-judge
  project: second-proj
  scores: {impact: 4, quality: 3}
- judge: quinn-nohandle
  project: second-proj
  scores: {impact: 3, quality: 4}
- judge: quinn-nohandle
  project: alpha-first
  scores: {impact: 3, quality: 3}
  comment: MENTION-REVIEW a brave first attempt.
- judge: ada-judge
  project: gone-proj
  scores: {impact: 5, quality: 5}
- judge: ada-judge
  project: hidden-proj
  scores: {impact: 5, quality: 5}
""",
    # The two places were settled in a finalist round: both judges ranked the two projects.
    "sprints/past-sprint/finals.yaml": """\
- judge: ada-judge
  ranking: [winner-proj, second-proj]
- judge: quinn-nohandle
  ranking: [winner-proj, second-proj]
""",
    "sprints/judging-sprint.md": """\
---
title: Judging Evals Sprint
starts: 2024-02-16T09:00:00+00:00
ends: 2024-02-18
judges:
  - {name: Ada Judge, github: ada-judge}
---
In judging.
""",
    "sprints/judging-sprint/reviews.yaml": """\
- judge: ada-judge
  project: pending-proj
  scores: {impact: 3}
  comment: REVIEW-TOO-EARLY not yet public.
""",
    "sprints/live-sprint.md": """\
---
title: Live Agents Sprint
starts: 2024-03-01T17:00:00+00:00
ends: 2024-03-03
registration: https://example.org/live
---
Happening now.
""",
    "sprints/future-sprint.md": """\
---
title: Future Governance Sprint
starts: 2024-06-07T17:00:00+00:00
ends: 2024-06-09T23:59:00+00:00
---
Coming soon.
""",
    "submissions/past-sprint/alpha-first.md": """\
---
title: Aardvark Comes First Alphabetically
members:
  - {name: Cy Coder, github: cy}
abstract: An unranked project.
report: https://example.org/alpha.pdf
site: online
---
Plain body.
""",
    "submissions/past-sprint/winner-proj.md": """\
---
title: Zebra Winner Project
example: true
team: Stripes
members:
  - {name: Bea Builder, github: Bea, affiliation: Uni of Tests, orcid: 0000-0002-1825-0097}
  - {name: No Handle}
abstract: We probe a small model for deceptive behaviour.
report: report.pdf
code: https://github.com/example/zebra
video: https://example.org/video
links:
  - {title: Demo, url: "https://example.org/demo"}
tags: [interpretability, probing]
site: london
license: MIT
---
## Method

See the figure: ![figure](winner-proj/figure.png) and [the data](data/table.txt).
""",
    "submissions/past-sprint/second-proj.md": """\
---
title: Middle Second Place
members:
  - {name: Bea Builder, github: bea}
abstract: Second best.
report: https://example.org/second.pdf
site: lagos
---
""",
    "submissions/past-sprint/evil-proj.md": """\
---
title: "<b>Bold</b> & <script>alert('title')</script>"
team: "<i>Team</i>"
members:
  - {name: "<img src=x onerror=alert('member')>", github: mallory}
abstract: "<script>alert('abstract')</script> An abstract."
report: https://example.org/evil.pdf
tags: ["<img src=x onerror=alert('tag')>"]
---
Hello <script>alert('body')</script>

<img src="https://example.org/x.png" onerror="alert('img')">

[click me](javascript:alert('link'))

[styled](https://example.org){onclick="alert('attr')"}

<a href="https://example.org" onmouseover="alert('raw')">raw link</a>

<iframe src="https://example.org"></iframe>
""",
    "submissions/past-sprint/gone-proj.md": """\
---
title: Withdrawn Work
members:
  - {name: Dee Withdrawn, github: dee}
abstract: SECRET-ABSTRACT of hazardous work.
report: report.pdf
status: retracted
retraction: {date: 2024-02-01, reason: It described a hazardous capability in detail.}
---
SECRET-BODY details.
""",
    "submissions/past-sprint/hidden-proj.md": """\
---
title: HIDDEN-TITLE Embargoed Work
members:
  - {name: Hidden Person, github: hidden-person}
abstract: HIDDEN-ABSTRACT.
report: report.pdf
status: embargoed
embargo_until: 2099-01-01
---
HIDDEN-BODY.
""",
    "submissions/past-sprint/embargo-over.md": """\
---
title: Embargo Has Ended
members:
  - {name: Eve Later, github: eve}
abstract: Published after its embargo.
report: https://example.org/later.pdf
status: embargoed
embargo_until: 2024-02-01
---
""",
    "submissions/judging-sprint/pending-proj.md": """\
---
title: Pending Evaluation Project
members:
  - {name: Fay Pending, github: fay}
abstract: Waiting for the judges.
report: https://example.org/pending.pdf
---
""",
    "publications/grown-paper.md": """\
---
title: A Paper That Grew
example: true
authors:
  - {name: Bea Builder, github: bea}
  - {name: Outside Author}
venue: Workshop on Tests
year: 2024
url: https://example.org/paper
arxiv: "2401.01234"
projects: [past-sprint/winner-proj, past-sprint/hidden-proj]
---
The paper's abstract.
""",
    "publications/older-paper.md": """\
---
title: An Older Paper
authors:
  - {name: Cy Coder, github: cy}
venue: Old Venue
year: 2022
url: https://example.org/old
kind: preprint
---
""",
}

BINARY: dict[str, bytes] = {
    "submissions/past-sprint/winner-proj/figure.png": PNG,
    "submissions/past-sprint/winner-proj/data/table.txt": b"a,b\n1,2\n",
    "submissions/past-sprint/gone-proj/report.pdf": b"%PDF-1.4 SECRET-REPORT\n",
    "submissions/past-sprint/hidden-proj/report.pdf": b"%PDF-1.4 HIDDEN-REPORT\n",
    "sprints/past-sprint/banner.png": PNG,
}


def write_content(repo: Path) -> None:
    """The fixture's sprints, projects and publications (every page kind and visibility)."""
    for path, text in FILES.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for path, data in {**BINARY, "submissions/past-sprint/winner-proj/report.pdf": PDF}.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# Pagefind writes its filter files, and so its metadata and entry point that name them by hash, differently from run
# to run on the same pages (two runs of Pagefind 1.5 over one folder differ there: its filters are written in hash-map
# order). Those are compared by kind and number only. Everything else, the word index shards and every page's
# fragment (what a search finds and shows) included, must be byte for byte the same.
UNORDERED = re.compile(r"pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _unordered(found: dict[str, bytes]) -> Counter[str]:
    return Counter(name.rsplit("/", 1)[0] + "/" + name.rsplit(".", 1)[-1] for name in found)


def assert_same_site(cached: Path, clean: Path, same: Callable[[bytes], bytes] = lambda data: data) -> None:
    """The same files with the same bytes (``same`` first sets aside what may differ), the search index alike."""
    left, right = ({name: same(data) for name, data in files(root).items()} for root in (cached, clean))
    fixed = {name for name in left | right if not UNORDERED.fullmatch(name)}
    assert sorted(n for n in left if n in fixed) == sorted(n for n in right if n in fixed)
    differ = [name for name in fixed if left[name] != right[name]]
    assert not differ, f"differ from a clean build: {differ[:10]}"
    assert any(UNORDERED.fullmatch(name) for name in left), "the site has no search index"
    unordered = [{n: d for n, d in side.items() if UNORDERED.fullmatch(n)} for side in (left, right)]
    assert _unordered(unordered[0]) == _unordered(unordered[1])
