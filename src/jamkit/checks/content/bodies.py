"""Markdown bodies rendered under limits of size, nesting and time, for the check and the build alike.

Python-Markdown recurses once per nested block (600 nested ``<div markdown>``
or about 300 list levels end in ``RecursionError``) and reads unbalanced
brackets in quadratic time (20 KB of ``[`` takes over a minute). A body that
passed the check must not stop the site from updating, so both render through
``convert`` here: what is too large or too deep is refused before any parsing,
what takes too long is stopped, and either becomes a JAM040 diagnostic in
``jam check`` and a placeholder in the build. Results are cached by text, so
the build renders each body once.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from types import FrameType

import markdown

from jamkit.checks.registry import publication_rule, sprint_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Catalog, Cohort, LocalSite, Profile, Publication, Sprint, Submission
from jamkit.core.wording import KB, size
from jamkit.infra import parallel

MAX_BYTES = 256 * KB  # a long write-up is about 40 KB
MAX_DEPTH = 32  # nested lists, quotes and HTML blocks; real writing stays under 6
MAX_BRACKETS = 4000  # '[' characters: each one starts a link the parser tries to close
MAX_SECONDS = 2.0
TOO_SLOW = f"the body takes more than {MAX_SECONDS:g} s to render"  # the one verdict that depends on the machine

_HTML_BLOCK = re.compile(r"<(/?)(div|details|section|article|aside|blockquote|ul|ol|li|table)\b[^>]*?(/?)>", re.I)
_QUOTES = re.compile(r"^[ \t]*((?:>[ \t]*)+)", re.M)


@dataclass(frozen=True)
class Unrenderable:
    """Why a body is not rendered, and what its author can do."""

    problem: str
    fix: str


class _TooSlow(Exception):
    pass


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=["extra", "admonition", "sane_lists"], output_format="html")


def depth(text: str) -> int:
    """How deeply the body nests: list indentation, quote markers, or HTML blocks, whichever is deepest."""
    deepest = 0
    for line in text.split("\n"):
        stripped = line.lstrip(" \t")
        if stripped:
            indent = len(line[: len(line) - len(stripped)].expandtabs(4))
            deepest = max(deepest, indent // 4)  # Python-Markdown nests a list at every 4 spaces
    for quotes in _QUOTES.finditer(text):
        deepest = max(deepest, quotes.group(1).count(">"))
    level = 0
    for tag in _HTML_BLOCK.finditer(text):
        if tag.group(3):
            continue
        level = max(0, level - 1) if tag.group(1) else level + 1
        deepest = max(deepest, level)
    return deepest


@lru_cache(maxsize=32_768)  # asked of each body by the rendering and by the rules that read its links
def limits_broken(text: str) -> Unrenderable | None:
    """What the body's size or shape alone rules out, found without parsing it."""
    length = len(text.encode("utf-8", "surrogatepass"))
    if length > MAX_BYTES:
        return Unrenderable(
            f"the body is {size(length)}; a body may take at most {size(MAX_BYTES)}",
            "shorten it, and put the full text in the report (PDF)",
        )
    if "\0" in text:
        return Unrenderable("the body contains a NUL character", "remove it: re-save the file as plain UTF-8 text")
    found = depth(text)
    if found > MAX_DEPTH:
        return Unrenderable(
            f"the body nests {found} levels deep (lists, quotes or HTML blocks); at most {MAX_DEPTH} are rendered",
            "flatten the lists and blocks",
        )
    if text.count("[") > MAX_BRACKETS:
        return Unrenderable(
            f"the body has {text.count('[')} '[' characters; at most {MAX_BRACKETS} are rendered",
            "remove stray brackets, or put the material in an attachment",
        )
    return None


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ``_TooSlow`` after ``seconds`` (on the main thread, where Unix signals arrive; else no limit)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_RENDERED: dict[str, str | Unrenderable] = {}  # rendered in other processes, or read from the cache
_MAX_RENDERED = 131_072


@lru_cache(maxsize=32_768)  # every body of a large site: the build's check and its pages share one rendering
def convert(text: str) -> str | Unrenderable:
    """The body as (unsanitized) HTML, or why it cannot be rendered within the limits."""
    ahead = _RENDERED.get(text)
    if ahead is not None:
        return ahead
    broken = limits_broken(text)
    if broken is not None:
        return broken
    md = _markdown()
    try:
        with _deadline(MAX_SECONDS):
            md.reset()
            return md.convert(text)
    except _TooSlow:
        _markdown.cache_clear()  # a parser stopped half-way keeps no state for the next body
        return Unrenderable(
            TOO_SLOW,
            "look for unbalanced brackets or deeply nested blocks, and simplify them",
        )
    except RecursionError:
        _markdown.cache_clear()
        return Unrenderable("the body nests too deeply to render", "flatten the lists and blocks")


def remember(text: str, rendered: str | Unrenderable) -> None:
    """Record what ``text`` renders to (``jamkit.checks.answers`` learns it from its store or from worker processes)."""
    if len(_RENDERED) >= _MAX_RENDERED:  # a long ``mkdocs serve`` sees every edit of every body
        _RENDERED.clear()
    _RENDERED[text] = rendered


def verdict(text: str) -> Unrenderable | None:
    """Why the body cannot be rendered within the limits, or None when it can: all the check needs of ``convert``."""
    found = convert(text)
    return found if isinstance(found, Unrenderable) else None


def check_body(record: Submission | Sprint | Publication | Profile | Cohort | LocalSite) -> Iterator[Diagnostic]:
    """JAM040 when the record's body cannot be rendered within the limits."""
    found = verdict(record.body)
    if found is not None:
        yield codes.BODY_UNRENDERABLE.at(record.path, record.at(), found.problem, found.fix)


@submission_rule
def submission_body(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(submission)


@sprint_rule
def sprint_body(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(sprint)


@publication_rule
def publication_body(publication: Publication, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(publication)


# --------------------------------------------------------------------------- rendering ahead, on every core

PARALLEL_FROM = 64  # fewer bodies than this render faster here than worker processes start


def render_ahead(texts: Iterable[str], processes: int | None = None) -> int:
    """Render bodies on every core (default: all of them): this process takes its share, forked copies the rest.

    ``convert`` then answers from what was rendered, for the check's verdicts
    and the build's pages alike. Returns how many bodies the copies rendered
    (0 when there were too few to be worth it). Each copy renders on its own
    main thread, so the time limit holds there too. Only for a process without
    other threads (``jam check``, a build; not ``mkdocs serve``): it forks.
    """
    todo = list(dict.fromkeys(text for text in texts if text not in _RENDERED))
    count = parallel.processes_for(len(todo), processes, PARALLEL_FROM)
    if count == 1:
        return 0
    for text, found in zip(todo, parallel.map_forked(convert, todo, count), strict=True):
        remember(text, found)
    return len(todo) - len(todo[::count])
