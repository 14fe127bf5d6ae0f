"""``jam check --fix``: the replacements diagnostics carry, applied to the file as written.

A rule that knows the one right fix attaches it to its diagnostic as data
(``jamkit.core.diagnostics.Replacement``): the spaces before the opening
``---`` (JAM003), an unknown field or site that misspells exactly one known
name (JAM102, JAM203; ``jamkit.files.validate.one_meaning``: never a rename into
a field of another meaning), ``http://`` in the write-up (JAM117), and the YAML
mistakes whose mending reads back with one meaning (JAM002: tabs, a field out
of line, ``@`` before a handle, a value to quote; ``jamkit.files.yaml.explain``). "Fixable" means exactly that:
a diagnostic with a replacement; the English ``fix`` text is never read here.

Positions count as the loader reads a file (after a byte-order mark, any line
break as one), and ``old`` must still be there, as a whole word where it
starts or ends with one, on the line the diagnostic names: a file edited since
is left alone. Every other byte stays; ``jamkit.files.edit.write`` writes each
file atomically. Whoever applies them re-runs the check to show the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jamkit.core.diagnostics import Diagnostic, Replacement
from jamkit.files.edit import Edit, write

_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


@dataclass(frozen=True)
class Fixed:
    """One file's fixes: the edit written, and the diagnostics it answers."""

    edit: Edit
    answered: tuple[Diagnostic, ...]


def fixable(found: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics that carry their fix as data."""
    return [d for d in found if d.replacement is not None]


def plan_fixes(root: Path, found: Iterable[Diagnostic]) -> list[Fixed]:
    """The edits that apply every replacement among ``found``, one per file, nothing written yet."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in fixable(found):
        by_path.setdefault(d.path, []).append(d)
    planned = []
    for path, diagnostics in sorted(by_path.items()):
        full = root / path
        if full.is_symlink() or not full.is_file():
            continue
        before = full.read_bytes()
        after, answered = _fixed(before, diagnostics)
        if answered:
            planned.append(Fixed(Edit(path, before, after, ()), tuple(answered)))
    return planned


def _pattern(old: str) -> re.Pattern[str]:
    """``old`` as written in a file: a line break in it is any line break, a word at its edge a whole word."""
    body = "".join(r"(?:\r\n|\r|\n)" if ch == "\n" else re.escape(ch) for ch in old)
    before = r"(?<!\w)" if old[:1].isalnum() or old[:1] == "_" else ""
    after = r"(?!\w)" if old[-1:].isalnum() or old[-1:] == "_" else ""
    return re.compile(before + body + after)


def _line_starts(text: str) -> list[int]:
    start = 1 if text.startswith(_BOM) else 0
    return [start, *(m.end() for m in _BREAK.finditer(text))]


def _span(text: str, starts: list[int], change: Replacement) -> tuple[int, int] | None:
    """Where ``change.old`` is in ``text``: the first at or after its column, starting on its line."""
    if not change.old or not 1 <= change.line <= len(starts):
        return None
    first = starts[change.line - 1]
    end = starts[change.line] if change.line < len(starts) else len(text)
    found = _pattern(change.old).search(text, first + max(change.col - 1, 0))
    if found is None or found.start() >= end:
        return None
    return found.span()


def _fixed(before: bytes, diagnostics: Sequence[Diagnostic]) -> tuple[bytes, list[Diagnostic]]:
    """``before`` with each replacement applied, from the end back so earlier positions hold; overlaps skipped."""
    text = before.decode("utf-8", "surrogateescape")
    starts = _line_starts(text)
    spans = [
        (span, d, d.replacement) for d in diagnostics if d.replacement and (span := _span(text, starts, d.replacement))
    ]
    answered: list[Diagnostic] = []
    limit = len(text)
    for (start, end), d, change in sorted(spans, key=lambda s: s[0], reverse=True):
        if end > limit:
            continue  # overlaps a replacement after it, already applied
        text = text[:start] + change.new + text[end:]
        answered.append(d)
        limit = start
    return text.encode("utf-8", "surrogateescape"), answered[::-1]


def apply_fixes(root: Path, planned: Sequence[Fixed]) -> None:
    """Write every planned edit, each file atomically."""
    for fixed in planned:
        write(root, fixed.edit)
