"""Finalist rankings from a spreadsheet: one row per judge, a column per rank or one ``ranking`` column.

Like ``spreadsheet`` for reviews, this only reads: each row becomes the fields
of a ``finals.yaml`` entry (the judge matched to an id), with the row and column
of every value, so the rules that check ``finals.yaml`` point at
``FILE.csv:row:col``. ``is_rankings`` tells such a sheet from a sheet of scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jamkit.core.identity import name_key
from jamkit.core.model import Judge, Position
from jamkit.judging.spreadsheet import Row, SpreadsheetError, cells_of, judges_named

_RANK = re.compile(r"^(?:rank|place)\s*(\d+)$|^(\d+)(?:st|nd|rd|th)?(?:\s*(?:place|rank|choice))?$")
_SPLIT = re.compile(r"\s*(?:,|;|>|\n)\s*")


def _rank(header: str) -> int | None:
    """The rank a column holds ("rank 1", "1st", "2nd place"), else None."""
    found = _RANK.match(name_key(header))
    return int(found.group(1) or found.group(2)) if found else None


def is_rankings(text: str, path: str) -> bool:
    """Whether the sheet holds rankings: a ``ranking`` column, or a column per rank, and no project column."""
    header = [name_key(h) for h in cells_of(text, path)[0]]
    return "project" not in header and ("ranking" in header or any(_rank(h) for h in header))


def read_rankings(text: str, path: str, judges: Sequence[Judge], judge_column: str = "judge") -> list[Row]:
    """Each row's judge and ranking, best first, located at its cells."""
    table = cells_of(text, path)
    header = [name_key(h) for h in table[0]]
    if name_key(judge_column) not in header:
        raise SpreadsheetError(
            f"{path}: no '{judge_column}' column; the columns are: {', '.join(h.strip() for h in table[0])}; "
            "name it with --map judge=COLUMN"
        )
    judge_col = header.index(name_key(judge_column))
    ranks = sorted((rank, col) for col, h in enumerate(header) if (rank := _rank(h)))
    whole = header.index("ranking") if "ranking" in header else None
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cell = [c.strip() for c in cells] + [""] * len(header)
        row = Row({}, {(): Position(number, 1), ("judge",): Position(number, judge_col + 1)})
        row.judges = judges_named(cell[judge_col], judges)
        row.data["judge"] = row.judges[0] if len(row.judges) == 1 else cell[judge_col]
        placed: list[tuple[str, int]] = []
        if whole is not None:
            placed += [(p, whole) for p in _SPLIT.split(cell[whole]) if p]
        placed += [(cell[col], col) for _, col in ranks if cell[col]]
        row.data["ranking"] = [p.casefold() for p, _ in placed]
        for index, (_, col) in enumerate(placed):
            row.locations[("ranking", index)] = Position(number, col + 1)
        rows.append(row)
    return rows
