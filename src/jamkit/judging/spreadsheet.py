"""Reviews from a spreadsheet or form export: CSV rows into review fields, with their places.

This module only reads: it turns each row into the fields of a review (judge
matched to an id, decimal commas read, HTML comments made plain text) and
remembers the row and column of every value, so the same rules that check
``reviews.yaml`` can point at ``FILE.csv:row:col``. It checks nothing itself.

Two shapes are read: one row per review (a column per criterion), or one row
per rating (``criterion`` and ``score`` columns), as databases export them.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import nh3

from jamkit.core.identity import handle_key, name_key, person_key
from jamkit.core.model import Judge, Loc, Position
from jamkit.core.wording import clean

FIELDS = ("judge", "project", "comment", "criterion", "score")
_SCORE_HEADERS = ("score", "rating", "value")
_COMMENT_HEADERS = ("comments", "feedback")  # what forms call the comment column; dropping it unseen would lose them
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_DELIMITERS = (",", ";", "\t")
_BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|ul|ol|tr|h[1-6]|blockquote|pre)\s*>", re.IGNORECASE)
_ITEM = re.compile(r"<li(\s[^>]*)?>", re.IGNORECASE)


class SpreadsheetError(ValueError):
    """The file as a whole cannot be read (no header, no judge column...): a usage error."""


@dataclass
class Row:
    """One review read from the file, with where each of its values sits."""

    data: dict[str, Any]
    locations: dict[Loc, Position] = field(default_factory=dict)
    judges: tuple[str, ...] = ()  # every judge the judge cell may name; the row is refused when there are several

    @property
    def key(self) -> tuple[str, str]:
        return str(self.data.get("judge", "")), str(self.data.get("project", ""))


def judges_named(text: str, judges: Sequence[Judge]) -> tuple[str, ...]:
    """The ids of every judge ``text`` may name: by id, GitHub handle or full name, else by a first name.

    More than one is an ambiguity the import refuses (JAM219), never a choice
    made by the order of the judges.
    """
    wanted = person_key(text.lstrip("@"))
    if not wanted:
        return ()
    exact = [j.key for j in judges if wanted in {j.key.casefold(), handle_key(j.github or ""), person_key(j.name)}]
    first = [j.key for j in judges if person_key(j.name).split(" ")[0] == wanted]
    return tuple(dict.fromkeys(exact or first))


def match_judge(text: str, judges: Sequence[Judge]) -> str | None:
    """The id of the one judge ``text`` names; None when it names none, or several."""
    named = judges_named(text, judges)
    return named[0] if len(named) == 1 else None


def plain_text(text: str) -> str:
    """A comment as plain text: tags dropped, entities decoded (``&amp;`` -> ``&``), spacing kept tidy.

    Line breaks and the ends of paragraphs and list items become new lines (a
    list item starts with "- "), so ``<li>a</li><li>b</li>`` does not read "ab";
    control characters are dropped.
    """
    broken = _BLOCK_END.sub("\n", _ITEM.sub("\n- ", text))
    stripped = clean(html.unescape(nh3.clean(broken, tags=set())))
    lines = [" ".join(line.split()) for line in stripped.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def number(text: str) -> float | str:
    """A score as a number when it reads as one (``3,5`` is 3.5); else the text, for the rules to refuse."""
    cleaned = text.strip().replace("\u00a0", "")
    if _NUMBER.match(cleaned):
        return float(cleaned.replace(",", "."))
    return cleaned


def read(
    text: str,
    path: str,
    judges: Sequence[Judge],
    criteria: Mapping[str, str],
    columns: Mapping[str, str] | None = None,
) -> list[Row]:
    """The reviews in a CSV export. ``criteria`` maps criterion id to name; ``columns`` maps a field to a header."""
    table = cells_of(text, path)
    header = [cell.strip() for cell in table[0]]
    where = _columns(header, criteria, columns or {}, path)
    long = "criterion" in where and "score" in where
    rows: dict[tuple[str, str], Row] = {}
    found: list[Row] = []
    for number_, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cell = _cells(cells)
        row = Row({}, {(): Position(number_, 1)})
        for name in ("judge", "project"):
            col = where.get(name)
            if col is not None:
                value = cell(col)
                if name == "judge":
                    row.judges = judges_named(value, judges)
                    row.data[name] = row.judges[0] if len(row.judges) == 1 else value
                else:
                    row.data[name] = value.casefold()
                row.locations[(name,)] = Position(number_, col + 1)
        if long:
            key = row.key
            if key in rows:  # a further rating of the same review
                row = rows[key]
            else:
                rows[key] = row
                found.append(row)
            criterion = _criterion(cell(where["criterion"]), criteria)
            row.data.setdefault("scores", {})[criterion] = number(cell(where["score"]))
            row.locations[("scores", criterion)] = Position(number_, where["score"] + 1)
        else:
            found.append(row)
            row.data["scores"] = {}
            for criterion in criteria:
                col = where.get(criterion)
                if col is not None and cell(col).strip():
                    row.data["scores"][criterion] = number(cell(col))
                    row.locations[("scores", criterion)] = Position(number_, col + 1)
        if "comment" in where and cell(where["comment"]).strip():
            row.data["comment"] = plain_text(cell(where["comment"]))
            row.locations[("comment",)] = Position(number_, where["comment"] + 1)
    return found


def cells_of(text: str, path: str) -> list[list[str]]:
    """The CSV's rows of cells, header first; a ``SpreadsheetError`` when it is not CSV or has no header."""
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        table = list(reader)
    except csv.Error as err:
        raise SpreadsheetError(
            f"{path}: line {reader.line_num} cannot be read as CSV ({err}); re-export the file"
        ) from None
    if not table or not any(cell.strip() for cell in table[0]):
        raise SpreadsheetError(f"{path}: the file is empty; export it with a header row")
    return table


def _delimiter(text: str) -> str:
    """Comma, semicolon (spreadsheets where the decimal mark is a comma) or tab: whichever splits the header most.

    Only the header decides. The cells below hold commas and semicolons of their
    own (``3,5``, comments), which mislead ``csv.Sniffer``; and the sniffer also
    misses the doubled quotes (``""``) of a comment that spans lines.
    """
    header = text.split("\n", 1)[0]
    return max(_DELIMITERS, key=lambda d: (len(next(csv.reader([header], delimiter=d), [])), -_DELIMITERS.index(d)))


def _cells(cells: list[str]) -> Any:
    def cell(col: int) -> str:
        return cells[col].strip() if col < len(cells) else ""

    return cell


def _criterion(text: str, criteria: Mapping[str, str]) -> str:
    wanted = name_key(text)
    for criterion, name in criteria.items():
        if wanted in {criterion.casefold(), name_key(name)}:
            return criterion
    return text.strip()


def _columns(header: list[str], criteria: Mapping[str, str], columns: Mapping[str, str], path: str) -> dict[str, int]:
    """Which column holds each field: ``--map`` first, then a header equal to the field, criterion id or name."""
    keys = [name_key(h) for h in header]
    where: dict[str, int] = {}
    for name, title in columns.items():
        if name_key(title) not in keys:
            raise SpreadsheetError(
                f"{path}: --map {name}={title}: there is no column '{title}'; the columns are: {', '.join(header)}"
            )
        where[name] = keys.index(name_key(title))
    for name in (*FIELDS, *criteria):
        if name in where:
            continue
        candidates = {name.casefold(), name_key(criteria.get(name, name))}
        if name == "score":
            candidates |= set(_SCORE_HEADERS)
        if name == "comment":
            candidates |= set(_COMMENT_HEADERS)
        col = next((i for i, k in enumerate(keys) if k in candidates), None)
        if col is not None:
            where[name] = col
    for needed in ("judge", "project"):
        if needed not in where:
            raise SpreadsheetError(
                f"{path}: no '{needed}' column; the columns are: {', '.join(header)}; "
                f"name it with --map {needed}=COLUMN"
            )
    if not ({"criterion", "score"} <= set(where) or any(c in where for c in criteria)):
        raise SpreadsheetError(
            f"{path}: no score columns: expected a column per criterion ({', '.join(criteria) or 'none defined'}) "
            "or 'criterion' and 'score' columns; name them with --map CRITERION=COLUMN"
        )
    return where
