"""What ``jam check`` found, kept under ``.cache/jamkit/`` so that an unchanged repository is not checked again.

Two kinds of entry, both content-addressed through ``jamkit.infra.cache.Store``:

- ``checked``: the whole answer of ``jam check`` over everything (the sorted
  diagnostics and the number of files checked), keyed by a fingerprint of
  every byte the check can read (``fingerprint``) and of the code that reads
  it (``versions``). Any change at all misses, so reuse is sound without
  knowing which rule reads which file.
- ``bodies``: each Markdown body as ``jamkit.checks.content.bodies.convert`` renders it
  (its HTML, or why it cannot be rendered within the limits: JAM040), filed
  under the hash of its text and the versions, on a ``Shelf``. Rendering is the
  one rule that costs milliseconds a file, and it reads nothing but the text,
  so after an edit only the bodies that changed are rendered again, on every
  core; the site's build reads the same entries for its pages. A body stopped
  by the time limit says how busy the machine was, not what the text is: that
  verdict is never kept.

The check over everything reads only the content folders (``KINDS``), the
files under ``submissions/`` and ``pyproject.toml`` (its limits); none of its
rules reads the clock. A repository holding a symbolic link, a pipe or
anything else but folders and regular files in those places is never served
from the cache: a link may lead outside, to bytes the fingerprint cannot vouch
for (the check refuses such links anyway, so a clean repository has none).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from jamkit.checks.content import bodies as body
from jamkit.checks.content.bodies import Unrenderable
from jamkit.core.codes import BODY_UNRENDERABLE
from jamkit.core.diagnostics import SEVERITIES, Diagnostic, Replacement
from jamkit.core.model import Catalog
from jamkit.files.layout import KINDS, discover, kind_of
from jamkit.files.load import body_of, read_text
from jamkit.files.yaml import loader as yamlsource
from jamkit.infra import parallel
from jamkit.infra.cache import Shelf, Store, code_version, digest
from jamkit.infra.parallel import Begun

CONFIG = "pyproject.toml"
_HEX = frozenset("0123456789abcdef")


def folders() -> tuple[str, ...]:
    """The top-level folders the check reads: every kind's, ``submissions/`` (attachments) and ``docs/`` (JAM316)."""
    return tuple(sorted({kind.pattern.split("/")[0] for kind in KINDS} | {"submissions", "docs"}))


@lru_cache(maxsize=1)
def versions() -> str:
    """What besides the repository decides the answer: jamkit's code, Python, the parser and the libraries."""
    parts: list[str] = [code_version(), sys.version, "libyaml" if yamlsource.libyaml() else "pure"]
    for name in ("Markdown", "pydantic", "pydantic-core", "PyYAML", "pycountry"):
        try:
            parts += [name, metadata.version(name)]
        except metadata.PackageNotFoundError:
            parts += [name, "missing"]
    return digest(*parts)


# --------------------------------------------------------------------------- the whole answer


def fingerprint(root: Path) -> str | None:
    """The hash of every name, kind, mode and byte the check over everything can read, or None.

    None when something there is neither a folder nor a regular file (a link
    could lead to bytes outside), or cannot be read: then nothing is reused.
    """
    sha = hashlib.sha256()
    try:
        top = {entry.name: entry for entry in os.scandir(root)}
    except OSError:
        return None
    for name in (*folders(), CONFIG):
        entry = top.get(name)
        if entry is None:
            sha.update(f"absent {name}\n".encode())
            continue
        try:
            if not _hashed(Path(entry.path), name, sha):
                return None
        except RecursionError:  # folders nested deeper than Python recurses: check them without the cache
            return None
    return sha.hexdigest()


def _hashed(full: Path, rel: str, sha: Any) -> bool:
    """Add ``rel`` (and everything under it) to ``sha``; False when it is not what a cached answer may cover."""
    try:
        info = full.lstat()
    except OSError:
        return False
    if stat.S_ISDIR(info.st_mode):
        sha.update(f"dir {len(rel.encode('utf-8', 'surrogateescape'))} ".encode())
        sha.update(rel.encode("utf-8", "surrogateescape"))
        try:
            names = sorted(os.listdir(full))
        except OSError:
            return False
        return all(_hashed(full / name, f"{rel}/{name}", sha) for name in names)
    if not stat.S_ISREG(info.st_mode):
        return False  # a link, a pipe, a device: the check either refuses it or must not be trusted around it
    try:
        with full.open("rb") as handle:  # in chunks: a large attachment costs time, never memory
            content = hashlib.file_digest(handle, "sha256")
    except OSError:
        return False
    mode = "x" if info.st_mode & 0o111 else "-"
    raw = rel.encode("utf-8", "surrogateescape")
    sha.update(f"file {mode} {len(raw)} {info.st_size} ".encode())
    sha.update(raw)
    sha.update(content.digest())
    return True


def answer_key(print_: str) -> str:
    return digest("checked", versions(), print_)


def load_answer(store: Store, key: str) -> tuple[list[Diagnostic], int] | None:
    """The diagnostics and count stored under ``key``, or None when there is no entry exactly as ``save`` writes."""
    raw = store.get(key)
    if raw is None:
        return None
    try:
        entry = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not (isinstance(entry, dict) and set(entry) == {"checked", "diagnostics"}):
        return None
    checked, rows = entry["checked"], entry["diagnostics"]
    if not (_count(checked) and isinstance(rows, list)):
        return None
    found = [d for row in rows if (d := _diagnostic(row)) is not None]
    if len(found) != len(rows) or found != sorted(set(found)):
        return None
    return found, checked


def save_answer(store: Store, key: str, found: list[Diagnostic], checked: int) -> None:
    """Keep the answer, unless a body was stopped by the clock (then the next check renders it again)."""
    if any(d.code == BODY_UNRENDERABLE.code and d.message == body.TOO_SLOW for d in found):
        return
    entry = {"checked": checked, "diagnostics": [list(astuple(d)) for d in found]}
    store.put(key, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _diagnostic(row: Any) -> Diagnostic | None:
    if not (isinstance(row, list) and len(row) == 8):
        return None
    path, line, col, code, message, fix, severity, replaced = row
    if not (_count(line) and _count(col) and severity in SEVERITIES):
        return None
    if not all(isinstance(text, str) for text in (path, code, message, fix)):
        return None
    replacement = _replacement(replaced)
    if replaced is not None and replacement is None:
        return None
    return Diagnostic(path, line, col, code, message, fix, severity, replacement)


def _replacement(row: Any) -> Replacement | None:
    if not (isinstance(row, list) and len(row) == 4):
        return None
    line, col, old, new = row
    if not (_count(line) and _count(col) and isinstance(old, str) and isinstance(new, str)):
        return None
    return Replacement(line, col, old, new)


# --------------------------------------------------------------------------- bodies


def bodies_of(catalog: Catalog) -> list[str]:
    """Every body the check renders (the records whose rules call ``check_body``)."""
    records: Iterable[Any] = (
        *catalog.sprints.values(),
        *catalog.submissions.values(),
        *catalog.publications.values(),
        *catalog.profiles.values(),
        *catalog.cohorts.values(),
        *catalog.sites.values(),
    )
    return [record.body for record in records]


@contextmanager
def bodies_ahead(root: Path, shelf: Shelf | None, workers: int | None = None) -> Iterator[Begun | None]:
    """Render the repository's bodies that the shelf lacks on another core, from now on, while the files are loaded.

    For ``prime_bodies(..., early=...)`` inside the block; the copy is stopped when the block is left before that.
    """
    early = _start_bodies(root, shelf, workers)
    try:
        yield early
    finally:
        if early is not None:
            early.stop()


def _start_bodies(root: Path, shelf: Shelf | None, workers: int | None) -> Begun | None:
    """Start rendering the repository's bodies that the shelf lacks on another core, before the files are loaded.

    Loading (the YAML, the model) is one process's work; a forked copy finds
    the bodies meanwhile, cut from the files as ``jamkit.files.load`` cuts them,
    leaves those on the shelf and renders the rest, so this process reads
    nothing for it (after an edit there is one body to render, or none).
    ``prime_bodies`` takes what it did and renders what is left on every core.
    A text the records turn out not to hold (a file that does not load) is
    simply not asked for.
    """
    return parallel.begin(body.convert, lambda: _missing_bodies(root, shelf), workers)


def _missing_bodies(root: Path, shelf: Shelf | None) -> list[str]:
    """The bodies of the repository's files that the shelf lacks, each once (in the copy ``begin`` forks)."""
    texts: dict[str, None] = {}
    for path in discover(root)[0]:
        kind = kind_of(path)
        text = read_text(root, path)[0] if kind is not None and kind.front_matter else None
        found = body_of(text) if text is not None else None
        if found is not None and (shelf is None or shelf.get(digest("body", versions(), found)) is None):
            texts[found] = None
    return list(texts)


def prime_bodies(
    texts: Iterable[str],
    shelf: Shelf | None,
    workers: int | None = None,
    early: Begun | None = None,
) -> int:
    """Each body as rendered: from the shelf, else rendered on every core (``body.render_ahead``). How many rendered.

    ``early``: the copy ``bodies_ahead`` started before loading; what it rendered is taken first.
    What ``convert`` gives is kept as it is (unsanitized HTML, or why the body
    cannot be rendered): the site sanitizes every body as it draws it, so the
    cache is never trusted with safety. The caller closes the shelf.
    """
    if early is not None:
        for text, rendered in early.taken().items():
            body.remember(text, rendered)
    wanted = {digest("body", versions(), text): text for text in texts}
    found = {key: entry for key in wanted if (entry := _entry(shelf, key)) is not None}
    missing = [text for key, text in wanted.items() if key not in found]
    body.render_ahead(missing, workers)
    for key, text in wanted.items():
        rendered = found.get(key)
        if rendered is None:
            rendered = body.convert(text)
            if shelf is not None and not timed_out(rendered):
                raw = rendered if isinstance(rendered, str) else [rendered.problem, rendered.fix]
                shelf.put(key, json.dumps(raw, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        body.remember(text, rendered)
    return len(missing)


def timed_out(found: str | Unrenderable) -> bool:
    """Whether the body was stopped by the clock: that says how busy the machine was, so it is never kept."""
    return isinstance(found, Unrenderable) and found.problem == body.TOO_SLOW


def _entry(shelf: Shelf | None, key: str) -> str | Unrenderable | None:
    """The stored rendering, or None when there is none exactly as ``prime_bodies`` writes it."""
    raw = shelf.get(key) if shelf is not None else None
    if raw is None:
        return None
    try:
        row = json.loads(raw.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if isinstance(row, str):
        return row
    if isinstance(row, list) and len(row) == 2 and all(isinstance(part, str) for part in row):
        return Unrenderable(row[0], row[1])
    return None
