"""Text that YAML read as a comment: ``title: Refusal drift #2`` is the title "Refusal drift", without a word.

YAML ends a plain value at `` #``; people write ``#2`` or ``#ai`` as part of a
title or a team's name. This finds each text value whose own line goes on
with `` #`` and a letter or digit right after the value, so the loader can
warn with the value as it was read and as it was written. ``# a note``, with a
space after the ``#``, is a comment on purpose and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from jamkit.core.model import Loc, Position

_CUT = re.compile(r"[ \t]+#(?=\w)")


@dataclass(frozen=True)
class Cut:
    """A text value YAML ended at a comment: where the ``#`` is, what was read, and the whole line's rest."""

    loc: Loc
    at: Position
    read: str
    written: str


def cut_values(text: str, line_offset: int, data: Any, locations: dict[Loc, Position]) -> list[Cut]:
    """Every one-line plain text value followed on its line by `` #`` and a word: YAML read it as a comment."""
    lines = text.split("\n")
    found = []
    for loc, value in _texts(data, ()):
        place = locations.get(loc)
        if place is None or not value or "\n" in value:
            continue
        index = place.line - 1 - line_offset
        if not 0 <= index < len(lines):
            continue
        line = lines[index]
        after = place.col - 1 + (len(loc[-1]) + 1 if loc and isinstance(loc[-1], str) else 0)  # past ``key:``
        start = line.find(value, after)
        if start < 0 or line[start - 1 : start] in {"'", '"'}:
            continue  # quoted (YAML kept every character) or not on this line
        rest = line[start + len(value) :]
        cut = _CUT.match(rest)
        if cut is not None:
            comment = rest[cut.end() - 1 :].rstrip()
            found.append(Cut(loc, Position(place.line, start + len(value) + cut.end()), value, f"{value} {comment}"))
    return found


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _texts(child, (*loc, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, (*loc, index))
