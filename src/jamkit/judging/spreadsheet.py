"""Reviews from a spreadsheet or form export: CSV rows into review fields, with their places.

This module only reads: it turns each row into the fields of a review (judge
matched to an id, decimal commas read, HTML comments made plain text) and
remembers the row and column of every value, so the same rules that check
``reviews.yaml`` can point at ``FILE.csv:row:col``. It checks nothing itself.
A cell that jamkit's own score sheet wrote with a quote in front (so that a
spreadsheet does not run it, ``jamkit.infra.csvfile``) reads back without it.

Two shapes are read: one row per review (a column per criterion), or one row
per rating (``criterion`` and ``score`` columns), as databases export them.
"""

from __future__ import annotations

import csv
import datetime as dt
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
from jamkit.infra.csvfile import restored

FIELDS = ("judge", "project", "comment", "criterion", "score")
FOR_READERS = ("title", "link")  # columns a score sheet carries for the judge to read, never imported
_SCORE_HEADERS = ("score", "rating", "value")
_COMMENT_HEADERS = ("comments", "feedback")  # what forms call the comment column; dropping it unseen would lose them
# What forms call each column when not by its field's name, in the languages jamkit ships (a header holding the word).
_WORDS = {
    "judge": ("judge", "reviewer", "evaluator", "your name", "avaliador", "jurado", "seu nome"),
    "project": ("project", "submission", "projeto", "submissão"),
    "comment": ("comment", "feedback", "note", "remark", "comentário", "comentario", "observaç", "nota"),
    "timestamp": ("timestamp", "submitted at", "carimbo de data", "data/hora"),
}
_PRIVATE = re.compile(r"privat|organi[sz]|internal|interno|confidential|only for")
_SCALE = re.compile(r"\s*(?:[(\[]\s*\d+\s*(?:[-–—/]|to|a)\s*\d+\s*[)\]]|[:(]?\s*\d+\s*[-–—]\s*\d+\)?|/\s*\d+)\s*$")
_TIMES = (
    "%Y/%m/%d %I:%M:%S %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
)
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
    sent: dt.datetime | None = None  # the form's timestamp, which decides between a review sent twice

    @property
    def key(self) -> tuple[str, str]:
        return str(self.data.get("judge", "")), str(self.data.get("project", ""))


@dataclass(frozen=True)
class Sheet:
    """What a file gives: its reviews, the columns nothing reads, and the rows a later copy of a review replaced."""

    rows: list[Row]
    unused: tuple[str, ...] = ()  # headers of columns no field reads: named before anything is written
    replaced: tuple[tuple[int, int], ...] = ()  # (row, the later row kept instead), by the form's timestamps


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
    projects: Mapping[str, str] | None = None,
) -> list[Row]:
    """The reviews in a CSV export (``read_sheet``'s rows)."""
    return read_sheet(text, path, judges, criteria, columns, projects).rows


def read_sheet(
    text: str,
    path: str,
    judges: Sequence[Judge],
    criteria: Mapping[str, str],
    columns: Mapping[str, str] | None = None,
    projects: Mapping[str, str] | None = None,
) -> Sheet:
    """The reviews in a CSV export. ``criteria`` maps criterion id to name; ``columns`` maps a field to a header;
    ``projects`` maps each project's slug to its title, so a form's list of titles reads as the projects."""
    table = cells_of(text, path)
    header = [restored(cell).strip() for cell in table[0]]
    where = _columns(header, criteria, columns or {}, path)
    titles = {name_key(title): slug for slug, title in (projects or {}).items()}
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
                    row.data[name] = titles.get(name_key(value), value.casefold())
                row.locations[(name,)] = Position(number_, col + 1)
        if "timestamp" in where:
            row.sent = _time(cell(where["timestamp"]))
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
    kept, replaced = _latest(found) if "timestamp" in where and not long else (found, ())
    used = set(where.values())
    unused = tuple(h for i, h in enumerate(header) if i not in used and h and name_key(h) not in FOR_READERS)
    return Sheet(kept, unused, replaced)


def _time(text: str) -> dt.datetime | None:
    """A form's timestamp (Google Forms, Microsoft Forms, spreadsheets' own), without its zone name; else None."""
    bare = re.sub(r"\s*(?:GMT|UTC)[+-]?\d*(?::\d\d)?$", "", text.strip())
    for shape in _TIMES:
        try:
            return dt.datetime.strptime(bare, shape)
        except ValueError:
            continue
    return None


def _latest(found: list[Row]) -> tuple[list[Row], tuple[tuple[int, int], ...]]:
    """A review sent twice (the same judge and project): the later by the form's timestamps is kept, in its place.

    Without readable timestamps both stay, and the check refuses the second as a review given twice.
    """
    kept: list[Row] = []
    at: dict[tuple[str, str], int] = {}
    replaced: list[tuple[int, int]] = []
    for row in found:
        index = at.get(row.key)
        earlier = kept[index] if index is not None else None
        if index is None or earlier is None or earlier.sent is None or row.sent is None:
            at.setdefault(row.key, len(kept))
            kept.append(row)
            continue
        old, new = (earlier, row) if earlier.sent <= row.sent else (row, earlier)
        kept[index] = new
        replaced.append((old.locations[()].line, new.locations[()].line))
    return kept, tuple(replaced)


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
        return restored(cells[col]).strip() if col < len(cells) else ""

    return cell


def _holding(keys: Sequence[str], words: Sequence[str], taken: set[int], private: bool) -> list[int]:
    """The free columns whose header holds one of ``words``, those of the earliest word first.

    For comments, which teams read, a header that says the column is private or for organisers never counts.
    """
    found: list[int] = []
    for word in words:
        found += [
            i
            for i, k in enumerate(keys)
            if word in k and i not in taken and i not in found and not (private and _PRIVATE.search(k))
        ]
    return found


def _criterion(text: str, criteria: Mapping[str, str]) -> str:
    wanted = name_key(_SCALE.sub("", text))
    for criterion, name in criteria.items():
        if wanted in {criterion.casefold(), name_key(name)}:
            return criterion
    return text.strip()


def _columns(header: list[str], criteria: Mapping[str, str], columns: Mapping[str, str], path: str) -> dict[str, int]:
    """Which column holds each field: ``--map`` first, then a header equal to the field, criterion id or name (a
    scale after the name, as in "Topic advancement (1-5)", is not part of it), then a header that holds a word
    forms use for the field ("Your name", "Comments for the team"); two such headers are refused, not guessed."""
    keys = [name_key(_SCALE.sub("", h)) for h in header]
    where: dict[str, int] = {}
    for name, title in columns.items():
        wanted = {name_key(title), name_key(_SCALE.sub("", title))}
        if not wanted & set(keys):
            raise SpreadsheetError(
                f"{path}: --map {name}={title}: there is no column '{title}'; the columns are: {', '.join(header)}"
            )
        where[name] = next(i for i, k in enumerate(keys) if k in wanted)
    for name in (*FIELDS, *criteria):
        if name in where:
            continue
        candidates = {name.casefold(), name_key(criteria.get(name, name))}
        if name == "score":
            candidates |= set(_SCORE_HEADERS)
        if name == "comment":
            candidates |= set(_COMMENT_HEADERS)
        col = next((i for i, k in enumerate(keys) if k in candidates and i not in where.values()), None)
        if col is not None:
            where[name] = col
    for name, words in _WORDS.items():
        if name in where:
            continue
        free = _holding(keys, words, set(where.values()), private=name == "comment")
        if len(free) > 1 and name != "comment":
            raise SpreadsheetError(
                f"{path}: the columns {', '.join(repr(header[i]) for i in free)} may each be the {name}; "
                f"say which with --map {name}=COLUMN"
            )
        if free:
            where[name] = free[0]  # (comments: the first; a second comment-like column is named as not imported)
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
