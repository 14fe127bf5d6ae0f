"""``jam check --fix``: the fixes a diagnostic spells out exactly, applied to the file as written.

Only fixes that leave no choice are applied: the spaces before the opening
``---`` (JAM003), ``http://`` in the write-up (JAM117), and a "did you mean
'x'?" for an unknown field (JAM102) or site (JAM203). Each is a text edit at
the diagnostic's line, so every other byte stays; ``jamkit.files.edit.write`` writes
each file atomically. Whoever applies them re-runs the check to show the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jamkit.core.diagnostics import Diagnostic
from jamkit.files.edit import Edit, write

FIXABLE = ("JAM003", "JAM102", "JAM117", "JAM203")
_MEANT = re.compile(r"did you mean '([^']+)'\?")
_OPENING = re.compile(rb"\A(?:\xef\xbb\xbf)?([ \t\r\n]+)---")


@dataclass(frozen=True)
class Fixed:
    """One file's fixes: the edit written, and the diagnostics it answers."""

    edit: Edit
    answered: tuple[Diagnostic, ...]


def _line_edit(lines: list[bytes], found: Diagnostic) -> bool:
    """Apply one fix to the line it points at; False when the line is not as the diagnostic describes."""
    index = found.line - 1
    if not 0 <= index < len(lines):
        return False
    line = lines[index]
    if found.code == "JAM117":
        at = line.lower().find(b"http://", max(found.col - 1, 0))
        if at < 0:
            return False
        lines[index] = line[:at] + b"https://" + line[at + len(b"http://") :]
        return True
    meant = _MEANT.search(found.fix)
    if meant is None:
        return False
    word = meant.group(1).encode()
    if found.code == "JAM102":  # the key is wrong: `sitte: london` -> `site: london`
        match = re.match(rb"(\s*)([^:\s]+)(\s*:)", line)
        if match is None:
            return False
        lines[index] = match.group(1) + word + line[match.end(2) :]
        return True
    match = re.match(rb"(\s*site\s*:\s*)(['\"]?)([^'\"#\r\n]*?)\2(\s*(?:#.*)?\r?\n?)$", line)  # JAM203
    if match is None:
        return False
    lines[index] = match.group(1) + word + match.group(4)
    return True


def plan_fixes(root: Path, found: Iterable[Diagnostic]) -> list[Fixed]:
    """The edits that apply every mechanical fix among ``found``, one per file, nothing written yet."""
    by_path: dict[str, list[Diagnostic]] = {}
    for d in found:
        if d.code in FIXABLE and ((d.code != "JAM102" and d.code != "JAM203") or _MEANT.search(d.fix)):
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


def _fixed(before: bytes, diagnostics: Sequence[Diagnostic]) -> tuple[bytes, list[Diagnostic]]:
    answered = []
    text = before
    for d in diagnostics:
        if d.code == "JAM003":
            opening = _OPENING.match(text)
            if opening is not None:
                text = text[: opening.start(1)] + text[opening.end(1) :]
                answered.append(d)
    lines = text.splitlines(keepends=True)
    for d in sorted((d for d in diagnostics if d.code != "JAM003"), key=lambda d: (d.line, -d.col)):
        if _line_edit(lines, d):
            answered.append(d)
    return b"".join(lines), answered


def apply_fixes(root: Path, planned: Sequence[Fixed]) -> None:
    """Write every planned edit, each file atomically."""
    for fixed in planned:
        write(root, fixed.edit)
