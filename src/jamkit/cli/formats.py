"""Diagnostics as text for people, workflow commands for GitHub, or JSON for tools (the verdict)."""

from __future__ import annotations

from collections.abc import Sequence

from jamkit.core.codes import CODES
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.verdict import Change, Problem, Verdict, to_json
from jamkit.core.wording import plural, printable

FORMATS = ("text", "github", "json")


def render(found: Sequence[Diagnostic], fmt: str, checked: int) -> str:
    return {"text": as_text, "github": as_github, "json": as_json}[fmt](sorted(found), checked)


def as_text(found: Sequence[Diagnostic], checked: int) -> str:
    lines = []
    for d in found:
        fix = f" (fix: {printable(d.fix)})" if d.fix else ""
        lines.append(f"{printable(d.path)}:{d.line}:{d.col}: {d.code} {printable(d.message)}{fix}")
    files = len({d.path for d in found})
    if found:
        lines.append(f"{plural(len(found), 'problem')} in {files} of {plural(checked, 'file')} checked")
    else:
        lines.append(f"{plural(checked, 'file')} checked: all good")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(found: Sequence[Diagnostic], checked: int) -> str:
    """GitHub Actions workflow commands: each becomes an annotation on the file's line."""
    lines = []
    for d in found:
        title = f"{d.code} {CODES[d.code].summary}" if d.code in CODES else d.code
        fix = f" Fix: {d.fix}" if d.fix else ""
        props = f"file={_escape_property(d.path)},line={d.line},col={d.col},title={_escape_property(title)}"
        lines.append(f"::{d.severity} {props}::{_escape_data(printable(d.message) + '.' + printable(fix))}")
    lines.append(as_text(found, checked).rsplit("\n", 1)[-1])
    return "\n".join(lines)


def to_verdict(found: Sequence[Diagnostic], checked: int, change: Change | None = None) -> Verdict:
    """The verdict of a check that found ``found`` in ``checked`` files (and, for a pull request, its change)."""
    problems = (
        Problem(d.path, d.line, d.col, d.code, d.severity, d.message, d.fix, d.replacement) for d in sorted(found)
    )
    return Verdict.of(problems, checked, change)


def as_json(found: Sequence[Diagnostic], checked: int) -> str:
    return to_json(to_verdict(found, checked))
