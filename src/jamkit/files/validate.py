"""Validating fields against their model: each pydantic error becomes a diagnostic at its key, in plain words.

The loader validates every file with ``validate``; the editor, ``jam new`` and the
spreadsheet import validate what they are about to write with it too, so a wrong
value reads the same wherever it comes from.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic, Replacement
from jamkit.core.model import Fields, Loc, Position, position_in
from jamkit.core.model.hints import SAID_FOR, TEAM_HIDDEN
from jamkit.core.wording import plural, shown


@dataclass(frozen=True)
class Known:
    """The values a field may take that only another file knows (a sprint's site ids), for a fix that lists them."""

    code: codes.Code
    what: str  # e.g. "a site of Demo Sprint"
    ids: tuple[str, ...]

    def meant(self, value: Any) -> str | None:
        """The one that differs only in case or spelling, if any."""
        text = str(value)
        close = [i for i in self.ids if i.lower() == text.lower()] or difflib.get_close_matches(text, self.ids, n=1)
        return close[0] if close else None

    def fix(self, value: Any) -> str:
        """Did you mean the one that differs only in case or spelling, and the whole list."""
        meant = self.meant(value)
        listed = f"use one of: {', '.join(self.ids)}" if self.ids else "remove it: there are none to choose from"
        return f"did you mean '{meant}'? ({listed})" if meant else listed


def validate(
    model: type[Fields],
    data: Any,
    path: str,
    locations: dict[Loc, Position],
    prefix: Loc = (),
    known: Mapping[Loc, Known] | None = None,
    *,
    cells: bool = False,
) -> tuple[Any, list[Diagnostic]]:
    """Validate against ``model``; each pydantic error becomes a diagnostic at its key.

    ``cells``: the values come from a spreadsheet's cells, so fixes speak of cells, not of YAML.
    """
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        errors = err.errors()
        glued = {
            (*e["loc"][:-1], str(e["loc"][-1]).partition(":")[0]) for e in errors if e["type"] == "extra_forbidden"
        }
        # ``title:"A: B"`` is one mistake: the unknown key ``title:"A`` says so, so ``title`` is not also "missing"
        errors = [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in glued)]
        found = [_diagnostic(model, e, path, locations, prefix, known or {}, cells) for e in errors]
        return None, sorted(set(found))


def _diagnostic(
    model: type[Fields],
    error: Any,
    path: str,
    locations: dict[Loc, Position],
    prefix: Loc,
    known: Mapping[Loc, Known],
    cells: bool = False,
) -> Diagnostic:
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    if "loc" in ctx:
        loc = (*loc, ctx["loc"])
    full = (*prefix, *loc)
    code = codes.for_error_type(error["type"])
    where = position_in(locations, full)
    name = dotted(loc)
    if loc in known and isinstance(error.get("input"), str):
        hint, value = known[loc], error["input"]
        meant = hint.meant(value)  # the value is after its key on the key's line
        sure = meant if meant is not None and one_meaning(value, hint.ids) == meant else None
        swap = Replacement(where.line, where.col + len(str(loc[-1])), value, sure) if sure else None
        return hint.code.at(path, where, f"'{name}': '{shown(value)}' is not {hint.what}", hint.fix(value), swap)
    if error["type"] == "missing":
        parent = dotted(loc[:-1])
        inside = f" in '{parent}'" if parent else ""
        return code.at(path, where, f"missing required field '{loc[-1]}'{inside}", f"add '{loc[-1]}:'")
    if error["type"] == "extra_forbidden":
        return _unknown_field(model, loc, path, where, code)
    if error["type"].startswith("jam_"):
        message = error["msg"] if not name else f"'{name}': {error['msg']}"
        return code.at(path, where, message, str(ctx.get("fix", "")))
    problem, fix = _explain(error, loc, cells)
    if name:
        return code.at(path, where, f"'{name}' {problem}", fix)
    subject = f"review {prefix[-1] + 1}" if prefix and isinstance(prefix[-1], int) else "the front matter"
    return code.at(path, where, f"{subject} {problem}", fix)


def _unknown_field(model: type[Fields], loc: Loc, path: str, where: Position, code: codes.Code) -> Diagnostic:
    """An unknown key: a fix only for a misspelling of one field; a hint for what people write for another."""
    holder = _model_at(model, loc)
    hidden = TEAM_HIDDEN.get(holder, ()) if holder else ()
    allowed = [name for name in (holder.model_fields if holder else ()) if name not in hidden]
    key = str(loc[-1])
    head, colon, _ = key.partition(":")
    said = SAID_FOR.get(holder, {}).get(key.strip().lower().replace("-", "_")) if holder else None
    sure = None if said or colon else one_meaning(key, allowed)
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
    if colon and head in allowed:  # ``title:"A: B"`` reads as the key ``title:"A`` without the space
        fix = f"write a space after the colon: '{head}: '"
    elif said is not None and said.field not in hidden:
        fix = said.how
    elif sure or close:
        fix = f"did you mean '{sure or close[0]}'?"
    else:
        fix = f"remove it; known fields here: {', '.join(allowed)}"
    swap = Replacement(where.line, where.col, key, sure) if sure else None
    return code.at(path, where, f"unknown field '{dotted(loc)}'", fix, swap)


def one_meaning(written: str, known: Iterable[str]) -> str | None:
    """The one known name ``written`` misspells, if exactly one is that close: a fix that leaves no choice.

    Case, spaces and ``-`` for ``_`` aside, a misspelling is one edit away (two for names of eight letters or
    more): a letter added, dropped, changed, or two swapped. ``repo`` is two edits from ``report`` and short, so it
    is no misspelling of it; two names equally close leave a choice, so neither is the fix.
    """
    norm = written.strip().lower().replace("-", "_")
    names = list(known)
    same = [name for name in names if name.lower() == norm]
    if same:
        return same[0] if len(same) == 1 else None
    if len(norm) < 4:
        return None
    limit = 2 if len(norm) >= 8 else 1
    near = [name for name in names if _edits(norm, name.lower(), limit) <= limit]
    return near[0] if len(near) == 1 else None


def _edits(a: str, b: str, limit: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (insert, delete, change, swap two neighbours)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        before, row = row, current
    return row[-1]


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "fields (a mapping)"
    return f"'{shown(value)}'"


_PATTERN_FIXES = {
    "doi": "write the bare DOI, e.g. 10.48550/arXiv.2401.00001",
    "arxiv": "write the bare arXiv id, e.g. 2401.00001",
    "currency": "write a three-letter ISO 4217 code in capitals, e.g. USD, EUR, GBP",
}


def _explain(error: Any, loc: Loc, cells: bool = False) -> tuple[str, str]:
    """A plain-words problem and fix for one of pydantic's own error types (in a spreadsheet's terms for ``cells``)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = str(loc[-1]) if loc else "the field"
    if value is None and kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type"}:
        return "is empty", f"write a value after '{field}:', or remove the line"
    if kind in {"string_type", "string_sub_type"}:
        quote = "put the value in quotes" if isinstance(value, int | float | bool) else "write it as text"
        return f"must be text, not {_kind(value)}", quote
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        if cells:
            return f"must be a whole number, not {_kind(value)}", "type a whole number such as 3 in the cell"
        return f"must be a whole number, not {_kind(value)}", "write a whole number such as 3, without quotes"
    if kind in {"float_type", "float_parsing", "finite_number"}:
        if cells:
            fix = "type a number such as 4.5 in the cell (4,5 works too); leave it empty if there is no score"
            return f"must be a number, not {_kind(value)}", fix
        return f"must be a number, not {_kind(value)}", "write a number such as 4.5, without quotes"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, not {_kind(value)}", "write true or false"
    if kind == "list_type":
        return f"must be a list, not {_kind(value)}", "write one '- item' per line below it, or [first, second]"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return (
            f"must be fields ('key: value' lines), not {_kind(value)}",
            "write the fields as 'key: value' lines indented below it",
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        return f"is {_kind(value)}, which is not one of {expected}", f"use one of {expected}"
    if kind == "too_short":
        least = ctx.get("min_length", 1)
        return f"needs at least {plural(least, 'entry', 'entries')}", "add the missing entry"
    if kind == "string_too_short":
        return "is empty", f"write a value after '{field}:', or remove the line"
    if kind == "string_pattern_mismatch":
        return f"is {_kind(value)}, which is not in the expected form", _PATTERN_FIXES.get(
            field, "see docs/format.md for the expected form"
        )
    if kind in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        words = {"greater_than": "above", "greater_than_equal": "at least", "less_than": "below"}.get(kind, "at most")
        bound = next(iter(ctx.values()), "")
        return f"is {_kind(value)}, but must be {words} {bound}", f"use a value {words} {bound}"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"is not valid: {message[:1].lower()}{message[1:]}", "see docs/format.md for what this field accepts"


def dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(model: type[Fields], loc: Loc) -> type[Fields] | None:
    """The model of the mapping that holds ``loc[-1]``."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return current if current is not None and issubclass(current, Fields) else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
