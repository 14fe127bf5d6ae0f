"""Read a repository from disk into a ``Catalog``, with diagnostics for what cannot be read.

Nothing here raises on bad content: every problem becomes a ``Diagnostic`` that
names the file, the line and the fix, and the broken file is left out of the
catalog (but stays in ``Catalog.present`` so references to it are not reported
twice).
"""

from __future__ import annotations

import difflib
import os
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from jamkit import diagnostics as codes
from jamkit.diagnostics import Diagnostic
from jamkit.model import (
    Catalog,
    Fields,
    Loc,
    Position,
    Publication,
    PublicationFields,
    Review,
    ReviewFields,
    Sprint,
    SprintFields,
    Submission,
    SubmissionFields,
    is_slug,
    position_in,
    shown,
)
from jamkit.yamlsource import YamlProblem, parse

_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)
REVIEWS = "reviews.yaml"


@dataclass(frozen=True)
class Document:
    """A content file split into its parsed front matter and its Markdown body."""

    path: str
    data: dict[str, Any]
    locations: dict[Loc, Position]
    body: str
    body_line: int


# --------------------------------------------------------------------------- reading


def read_text(root: Path, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text with a BOM and CRLF accepted; a JAM001 diagnostic otherwise."""
    try:
        raw = (root / path).read_bytes()
    except OSError as err:
        return None, [codes.NOT_UTF8.at(path, Position(1), f"cannot read the file: {err.strerror}")]
    return decode_text(path, raw)


def decode_text(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file's bytes as the loader reads them, so an edit can be checked before it is written."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        before = raw[line_start : err.start].decode("utf-8-sig" if line_start == 0 else "utf-8", "replace")
        utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
        return None, [
            codes.NOT_UTF8.at(
                path,
                Position(line, len(before) + 1),
                f"byte 0x{raw[err.start]:02x} is not UTF-8 text" + (" (the file looks like UTF-16)" if utf16 else ""),
                "save the file with UTF-8 encoding",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def parse_yaml(path: str, text: str, line_offset: int = 0) -> tuple[Any, dict[Loc, Position], list[Diagnostic]]:
    """YAML with positions; syntax errors and duplicate keys become diagnostics."""
    try:
        parsed = parse(text, line_offset)
    except YamlProblem as problem:
        return (
            None,
            {},
            [
                codes.YAML_SYNTAX.at(
                    path,
                    Position(problem.line, problem.col),
                    f"YAML error: {problem.message}",
                    problem.fix or "fix the YAML syntax; quote values that contain ': ' or start with '@', '*' or '&'",
                )
            ],
        )
    found = [
        codes.DUPLICATE_KEY.at(path, pos, f"key '{_dotted(loc)}' appears more than once", "keep one of them")
        for loc, pos in parsed.duplicates
    ]
    return parsed.data, parsed.locations, found


def read_document(root: Path, path: str) -> tuple[Document | None, list[Diagnostic]]:
    text, problems = read_text(root, path)
    if text is None:
        return None, problems
    return split_document(path, text)


def split_document(path: str, text: str) -> tuple[Document | None, list[Diagnostic]]:
    """Front matter and body of a content file's (decoded) text."""
    start = _BOUNDARY.match(text)
    fix = "start the file with a line '---', then the fields, then a line '---', then the Markdown body"
    if not text.strip():
        return None, [codes.NO_FRONT_MATTER.at(path, Position(1), "the file is empty", fix)]
    if start is None:
        later = _BOUNDARY.search(text)
        if later is not None:
            line = text[: later.start()].count("\n") + 1
            return None, [
                codes.NO_FRONT_MATTER.at(
                    path,
                    Position(1),
                    f"the front matter must start on line 1, but the first '---' is on line {line}",
                    "delete everything above the first '---' line",
                )
            ]
        return None, [codes.NO_FRONT_MATTER.at(path, Position(1), "the file has no front matter", fix)]
    end = _BOUNDARY.search(text, start.end())
    if end is None:
        return None, [
            codes.NO_FRONT_MATTER.at(
                path,
                Position(1),
                "the front matter that starts on line 1 is never closed",
                "add a line '---' after the last field",
            )
        ]
    data, locations, problems = parse_yaml(path, text[start.end() : end.start()])
    if data is None and not problems:
        return None, [codes.NO_FRONT_MATTER.at(path, Position(1), "the front matter is empty", fix)]
    if data is None:
        return None, problems
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return None, [
            codes.NOT_MAPPING.at(
                path,
                locations.get((), Position(2)),
                f"the front matter is {kind}, not fields",
                "write the front matter as 'key: value' lines",
            )
        ]
    body_line = text[: end.end()].count("\n") + 2
    return Document(path, data, locations, text[end.end() :].lstrip("\n"), body_line), problems


# --------------------------------------------------------------------------- validating


def validate(
    model: type[Fields], data: Any, path: str, locations: dict[Loc, Position], prefix: Loc = ()
) -> tuple[Any, list[Diagnostic]]:
    """Validate against ``model``; each pydantic error becomes a diagnostic at its key."""
    try:
        return model.model_validate(data), []
    except ValidationError as err:
        found = [_diagnostic(model, e, path, locations, prefix) for e in err.errors()]
        return None, sorted(set(found))


def _diagnostic(model: type[Fields], error: Any, path: str, locations: dict[Loc, Position], prefix: Loc) -> Diagnostic:
    loc: Loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    if "loc" in ctx:
        loc = (*loc, ctx["loc"])
    full = (*prefix, *loc)
    code = codes.for_error_type(error["type"])
    where = position_in(locations, full)
    name = _dotted(loc)
    if error["type"] == "missing":
        parent = _dotted(loc[:-1])
        inside = f" in '{parent}'" if parent else ""
        return code.at(path, where, f"missing required field '{loc[-1]}'{inside}", f"add '{loc[-1]}:'")
    if error["type"] == "extra_forbidden":
        known = _fields_at(model, loc)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else f"remove it; known fields here: {', '.join(known)}"
        return code.at(path, where, f"unknown field '{name}'", fix)
    if error["type"].startswith("jam_"):
        message = error["msg"] if not name else f"'{name}': {error['msg']}"
        return code.at(path, where, message, str(ctx.get("fix", "")))
    problem, fix = _explain(error, loc)
    if name:
        return code.at(path, where, f"'{name}' {problem}", fix)
    subject = f"review {prefix[-1] + 1}" if prefix and isinstance(prefix[-1], int) else "the front matter"
    return code.at(path, where, f"{subject} {problem}", fix)


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


def _explain(error: Any, loc: Loc) -> tuple[str, str]:
    """A plain-words problem and fix for one of pydantic's own error types."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    field = str(loc[-1]) if loc else "the field"
    if value is None and kind in {"string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type"}:
        return "is empty", f"write a value after '{field}:', or remove the line"
    if kind in {"string_type", "string_sub_type"}:
        quote = "put the value in quotes" if isinstance(value, int | float | bool) else "write it as text"
        return f"must be text, not {_kind(value)}", quote
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number, not {_kind(value)}", "write a whole number such as 3, without quotes"
    if kind in {"float_type", "float_parsing", "finite_number"}:
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
        return f"needs at least {least} entr{'y' if least == 1 else 'ies'}", "add the missing entry"
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


def _dotted(loc: Iterable[str | int]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names allowed in the mapping that holds ``loc[-1]``."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _model_in(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None


# --------------------------------------------------------------------------- records


def load_sprint(root: Path, path: str) -> tuple[Sprint | None, list[Diagnostic]]:
    doc, problems = read_document(root, path)
    if doc is None:
        return None, problems
    fields, invalid = validate(SprintFields, doc.data, path, doc.locations)
    if fields is None:
        return None, problems + invalid
    slug = Path(path).stem
    return Sprint(path=path, locations=doc.locations, slug=slug, fields=fields, body=doc.body), problems


def load_submission(root: Path, path: str) -> tuple[Submission | None, list[Diagnostic]]:
    doc, problems = read_document(root, path)
    if doc is None:
        return None, problems
    fields, invalid = validate(SubmissionFields, doc.data, path, doc.locations)
    if fields is None:
        return None, problems + invalid
    parts = Path(path).parts
    record = Submission(
        path=path, locations=doc.locations, sprint=parts[1], slug=Path(path).stem, fields=fields, body=doc.body
    )
    return record, problems


def load_publication(root: Path, path: str) -> tuple[Publication | None, list[Diagnostic]]:
    doc, problems = read_document(root, path)
    if doc is None:
        return None, problems
    fields, invalid = validate(PublicationFields, doc.data, path, doc.locations)
    if fields is None:
        return None, problems + invalid
    return Publication(path=path, locations=doc.locations, slug=Path(path).stem, fields=fields, body=doc.body), problems


def load_reviews(root: Path, path: str) -> tuple[tuple[Review, ...], list[Diagnostic]]:
    text, problems = read_text(root, path)
    if text is None:
        return (), problems
    data, locations, problems = parse_yaml(path, text)
    if data is None:
        return (), problems
    if not isinstance(data, list):
        kind = "fields" if isinstance(data, dict) else "a single value"
        return (), [
            *problems,
            codes.NOT_MAPPING.at(
                path,
                locations.get((), Position(1)),
                f"reviews.yaml must be a list of reviews, not {kind}",
                "start each review with '- judge: ...'",
            ),
        ]
    sprint = Path(path).parts[1]
    reviews = []
    for index, item in enumerate(data):
        fields, invalid = validate(ReviewFields, item, path, locations, prefix=(index,))
        problems += invalid
        if fields is not None:
            reviews.append(
                Review(path=path, locations=_sub_locations(locations, index), sprint=sprint, index=index, fields=fields)
            )
    return tuple(reviews), problems


def _sub_locations(locations: dict[Loc, Position], index: int) -> dict[Loc, Position]:
    return {loc[1:]: pos for loc, pos in locations.items() if loc[:1] == (index,)}


# --------------------------------------------------------------------------- discovery


def discover(root: Path) -> tuple[list[str], list[Diagnostic]]:
    """Every content file's path (posix, relative to ``root``), and misplaced files."""
    found: list[str] = []
    problems: list[Diagnostic] = []

    def bad(path: str, message: str, fix: str) -> None:
        problems.append(codes.BAD_PATH.at(path, Position(1), message, fix))

    slug_fix = "rename it: 3 to 64 lowercase letters, digits and single hyphens, e.g. 'my-project'"
    for entry in _entries(root / "sprints"):
        rel = f"sprints/{entry.name}"
        if entry.is_file() and entry.name.endswith(".md"):
            found.append(rel)
            if not is_slug(entry.name[:-3]):
                bad(rel, f"'{entry.name[:-3]}' is not a valid sprint slug", slug_fix)
        elif entry.is_dir() and (root / rel / REVIEWS).is_file():
            found.append(f"{rel}/{REVIEWS}")
    for sprint_dir in _entries(root / "submissions"):
        rel = f"submissions/{sprint_dir.name}"
        if sprint_dir.is_file():
            if sprint_dir.name.endswith(".md"):
                bad(rel, "a project file sits directly in submissions/", "move it to submissions/<sprint>/<project>.md")
            continue
        if not is_slug(sprint_dir.name):
            bad(rel, f"'{sprint_dir.name}' is not a valid sprint slug", slug_fix)
            continue
        for entry in _entries(root / rel):
            if entry.name.endswith(".md") and entry.is_file():
                found.append(f"{rel}/{entry.name}")
                if not is_slug(entry.name[:-3]):
                    bad(f"{rel}/{entry.name}", f"'{entry.name[:-3]}' is not a valid project slug", slug_fix)
    for entry in _entries(root / "publications"):
        if entry.is_file() and entry.name.endswith(".md"):
            found.append(f"publications/{entry.name}")
            if not is_slug(entry.name[:-3]):
                bad(f"publications/{entry.name}", f"'{entry.name[:-3]}' is not a valid publication slug", slug_fix)
    return sorted(found), problems


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


def kind_of(path: str) -> str | None:
    """'sprint', 'submission', 'publication', 'reviews', or None for other files."""
    parts = path.split("/")
    if len(parts) == 2 and parts[0] == "sprints" and parts[1].endswith(".md"):
        return "sprint"
    if len(parts) == 3 and parts[0] == "sprints" and parts[2] == REVIEWS:
        return "reviews"
    if len(parts) == 3 and parts[0] == "submissions" and parts[2].endswith(".md"):
        return "submission"
    if len(parts) == 2 and parts[0] == "publications" and parts[1].endswith(".md"):
        return "publication"
    return None


def load_catalog(root: Path | str, only: Iterable[str] | None = None) -> tuple[Catalog, list[Diagnostic]]:
    """Load the repository, or just ``only`` (paths) plus every sprint they depend on.

    A partial load keeps ``jam check FILE`` and the pull-request check fast on a
    large repository: sprints are always loaded (they are few), other files only
    when named, and ``present`` still lists every file for reference checks.
    """
    root = Path(root)
    paths, problems = discover(root)
    present = frozenset(paths)
    wanted = (
        set(paths) if only is None else {p for p in only if kind_of(p)} | {p for p in paths if kind_of(p) == "sprint"}
    )
    if only is not None:
        problems = [d for d in problems if d.path in set(only)]
    sprints: dict[str, Sprint] = {}
    submissions: dict[str, Submission] = {}
    publications: dict[str, Publication] = {}
    reviews: dict[str, tuple[Review, ...]] = {}
    for path in sorted(wanted):
        if not (root / path).is_file():
            continue
        kind = kind_of(path)
        if kind == "sprint":
            sprint, found = load_sprint(root, path)
            if sprint:
                sprints[sprint.slug] = sprint
        elif kind == "submission":
            submission, found = load_submission(root, path)
            if submission:
                submissions[submission.ref] = submission
        elif kind == "publication":
            publication, found = load_publication(root, path)
            if publication:
                publications[publication.slug] = publication
        else:
            loaded, found = load_reviews(root, path)
            reviews[path.split("/")[1]] = loaded
        problems += found
    catalog = Catalog(str(root), sprints, submissions, publications, reviews, present)
    return catalog, problems
