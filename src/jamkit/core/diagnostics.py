"""Diagnostics: one problem in one file, and the rule code it is reported under.

A ``Diagnostic`` is what every check returns; a ``Code`` is one entry of the
catalogue (``jamkit.core.codes``, where every code is declared). A rule makes
its diagnostics with ``Code.at``, so the severity is the code's, declared once.
A diagnostic may carry its fix as data (``Replacement``), which ``jam check
--fix`` applies; its ``fix`` text is the same advice for people. A code's
``anchor`` is the id of its heading in ``docs/rules.md``, which the bot links to.

This module and the catalogue use the standard library only: the bot reads
them without loading the content model.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from jamkit.core.model import Position

Severity = Literal["error", "warning"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")


@dataclass(frozen=True, order=True)
class Replacement:
    """The fix that leaves no choice: on ``line`` (1-based), from column ``col``, ``old`` becomes ``new``.

    ``line`` 0 means the start of the file, before the first line (the spaces
    before the opening ``---``). ``old`` is the text as the rule read it, so a
    file edited since is left alone.
    """

    line: int
    col: int
    old: str
    new: str


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str = ""
    severity: Severity = "error"
    replacement: Replacement | None = field(default=None, compare=False)  # follows from the rest: not compared


@dataclass(frozen=True)
class Code:
    code: str
    summary: str
    explanation: str
    group: str
    severity: Severity = "error"

    def at(
        self, path: str, where: Position, message: str, fix: str = "", replacement: Replacement | None = None
    ) -> Diagnostic:
        """A diagnostic of this code at ``where`` in ``path``, with this code's severity."""
        return Diagnostic(path, where.line, where.col, self.code, message, fix, self.severity, replacement)

    @property
    def heading(self) -> str:
        """The code's heading in ``docs/rules.md``, e.g. ``JAM101 Required field missing``."""
        return f"{self.code} {self.summary}"

    @property
    def anchor(self) -> str:
        """The id of the code's heading in ``docs/rules.md``, e.g. ``jam101-required-field-missing``."""
        return heading_id(self.heading)


def heading_id(title: str) -> str:
    """The id Python-Markdown's ``toc`` extension gives a heading (its default ``slugify``)."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


CODES: dict[str, Code] = {}

# A code's group is its hundreds digit: JAM0xx, JAM1xx, JAM2xx, JAM3xx.
GROUPS = {
    "file": "Reading files",
    "field": "Fields and values",
    "reference": "References between files",
    "policy": "Pull-request policy",
}
_CODE_RE = re.compile(r"^JAM([0-3])\d\d$")


def code(number: str, summary: str, explanation: str, severity: Severity = "error") -> Code:
    """Register a rule code; each is declared exactly once, in ``jamkit.core.codes``, in numeric order."""
    shape = _CODE_RE.match(number)
    if shape is None:
        raise ValueError(f"rule code {number} is not JAM followed by three digits, 0xx to 3xx")
    if number in CODES:
        raise ValueError(f"rule code {number} is declared twice")
    if CODES and number < max(CODES):
        raise ValueError(f"rule code {number} is declared after {max(CODES)}: keep the catalogue in numeric order")
    CODES[number] = Code(number, summary, explanation, list(GROUPS)[int(shape.group(1))], severity)
    return CODES[number]
