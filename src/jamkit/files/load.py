"""Read a repository from disk into a ``Catalog``, with diagnostics for what cannot be read.

Nothing here raises on bad content: every problem becomes a ``Diagnostic`` that
names the file, the line and the fix, and the broken file is left out of the
catalog (but stays in ``Catalog.present`` so references to it are not reported
twice).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic, Replacement
from jamkit.core.model import Catalog, Loc, Position, Sprint, sites_of
from jamkit.core.wording import KB, MB, shown
from jamkit.files.layout import (
    COHORT,
    KINDS,
    PUBLICATION,
    SITE,
    SPRINT,
    SUBMISSION,
    FileKind,
    Record,
    discover,
    kind_of,
    sprint_projects,
)
from jamkit.files.validate import Known, dotted, validate
from jamkit.files.yaml import cache as parsecache
from jamkit.files.yaml.comments import cut_values
from jamkit.files.yaml.loader import YamlProblem
from jamkit.infra.cache import Shelf

_BOUNDARY = re.compile(r"^---[ \t]*$", re.MULTILINE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Hard limits, checked before parsing so that a hostile file costs nothing (JAM007).
MAX_FILE_BYTES = 4 * MB
MAX_FRONT_MATTER = 256 * KB
MAX_BODY = 1 * MB
MAX_NAME_BYTES = 128  # one file or folder name
MAX_PATH_BYTES = 255


@dataclass(frozen=True)
class Document:
    """A content file split into its parsed front matter and its Markdown body."""

    path: str
    data: dict[str, Any]
    locations: dict[Loc, Position]
    body: str
    body_line: int


# --------------------------------------------------------------------------- reading


def path_problem(path: str) -> Diagnostic | None:
    """A file name that no tool may be trusted with: not UTF-8, control characters, or too long."""
    raw = path.encode("utf-8", "surrogateescape")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        shown_name = raw.decode("utf-8", "backslashreplace")
        return codes.BAD_PATH.at(
            shown_name,
            Position(1),
            f"the name has byte 0x{raw[err.start]:02x}, which is not UTF-8",
            "rename it with lowercase letters, digits and hyphens",
        )
    if _CONTROL.search(path) or "\n" in path or "\r" in path:
        return codes.CONTROL_CHARACTER.at(
            shown(path), Position(1), "the file name holds a control character", "rename the file"
        )
    longest = max((len(part.encode()) for part in path.split("/")), default=0)
    if longest > MAX_NAME_BYTES or len(raw) > MAX_PATH_BYTES:
        return codes.TOO_LARGE.at(
            shown(path),
            Position(1),
            f"a name of {longest} bytes in a path of {len(raw)} bytes; at most {MAX_NAME_BYTES} and "
            f"{MAX_PATH_BYTES} are allowed",
            "use a shorter file or folder name",
        )
    return None


def _through_link(root: Path, path: str) -> bool:
    """Whether ``path`` is a symbolic link or lies in a linked folder below ``root`` (or leaves it with ``..``).

    One ``lstat`` a part of the path below ``root``: ``os.path.realpath`` on both, as before, took two for every
    folder from ``/`` down, a third of loading 10,000 files.
    """
    current = str(root)
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return True
        current = os.path.join(current, part)
        if os.path.islink(current):
            return True
    return False


def read_text(root: Path, path: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text with a BOM and CRLF accepted; a JAM001 diagnostic otherwise (JAM007 when too large).

    A content file reached through a symbolic link (itself or a folder above it)
    is never read: it could name any file of the machine, such as /etc/passwd.
    """
    full = root / path
    if _through_link(root, path):
        return None, [
            codes.BAD_PATH.at(
                path,
                Position(1),
                "the file is a symbolic link, or inside a linked folder; content files must be regular files",
                "replace the link with the file itself",
            )
        ]
    try:
        with full.open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return None, [codes.NOT_UTF8.at(path, Position(1), f"cannot read the file: {err.strerror}")]
    return decode_text(path, raw)


def decode_text(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file's bytes as the loader reads them, so an edit can be checked before it is written."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            codes.TOO_LARGE.at(
                path,
                Position(1),
                f"the file is larger than {MAX_FILE_BYTES // MB} MB",
                "shorten it; put large material in an attached PDF",
            )
        ]
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


def parse_yaml(
    path: str, text: str, line_offset: int = 0, store: Shelf | None = None
) -> tuple[Any, dict[Loc, Position], list[Diagnostic]]:
    """YAML with positions; syntax errors and duplicate keys become diagnostics. ``store`` caches the parse."""
    try:
        parsed = parsecache.parse(text, line_offset, store)
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
                    problem.replacement,
                )
            ],
        )
    found = [
        codes.DUPLICATE_KEY.at(path, pos, f"key '{dotted(loc)}' appears more than once", "keep one of them")
        for loc, pos in parsed.duplicates
    ]
    found += [
        codes.COMMENT_CUT.at(
            path,
            cut.at,
            f"'{dotted(cut.loc)}' is read as '{shown(cut.read)}': YAML takes ' #' and what follows as a comment",
            f"put the whole value in quotes: {_quoted(cut.written)}",
        )
        for cut in cut_values(text, line_offset, parsed.data, parsed.locations)
    ]
    return parsed.data, parsed.locations, found


def _quoted(text: str) -> str:
    """``text`` as a quoted YAML value: double quotes, or single ones (doubled inside) if it holds a ``"``."""
    return "'" + shown(text).replace("'", "''") + "'" if '"' in text else f'"{shown(text)}"'


def read_document(root: Path, path: str, store: Shelf | None = None) -> tuple[Document | None, list[Diagnostic]]:
    text, problems = read_text(root, path)
    if text is None:
        return None, problems
    return split_document(path, text, store)


def split_document(path: str, text: str, store: Shelf | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Front matter and body of a content file's (decoded) text."""
    start = _BOUNDARY.match(text)
    fix = "start the file with a line '---', then the fields, then a line '---', then the Markdown body"
    if not text.strip():
        return None, [codes.NO_FRONT_MATTER.at(path, Position(1), "the file is empty", fix)]
    if start is None:
        first = next((n for n, line in enumerate(text.split("\n"), 1) if line.strip()), 1)
        if text.split("\n")[first - 1].strip() == "---":  # the opening line, after spaces or blank lines
            before = text[: text.index("---")]
            return None, [
                codes.NO_FRONT_MATTER.at(
                    path,
                    Position(first),
                    "the opening '---' must be the very first thing in the file, with no spaces or blank lines "
                    "before it",
                    f"delete the spaces and blank lines before '---' on line {first}",
                    Replacement(1, 1, before, "") if before.isspace() else None,
                )
            ]
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
    if end.start() - start.end() > MAX_FRONT_MATTER:
        return None, [
            codes.TOO_LARGE.at(
                path,
                Position(2),
                f"the front matter is larger than {MAX_FRONT_MATTER // KB} KB",
                "keep the fields short; the write-up goes in the Markdown body",
            )
        ]
    data, locations, problems = parse_yaml(path, text[start.end() : end.start()], store=store)
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
    body = _body_after(text, end)
    return Document(path, data, locations, body, body_line), problems + _body_problems(path, body, body_line)


def body_of(text: str) -> str | None:
    """The Markdown body of a content file's (decoded) text, cut as ``split_document`` cuts it, the fields unread.

    None when the text has no closed front matter. For rendering bodies before the files are loaded.
    """
    start = _BOUNDARY.match(text)
    end = _BOUNDARY.search(text, start.end()) if start is not None else None
    return _body_after(text, end) if end is not None else None


def _body_after(text: str, end: re.Match[str]) -> str:
    return text[end.end() :].lstrip("\n")


def _body_problems(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """A body too large to render, or holding an invisible control character (a NUL byte...)."""
    if len(body) > MAX_BODY:
        return [
            codes.TOO_LARGE.at(
                path,
                Position(body_line),
                f"the Markdown body is larger than {MAX_BODY // MB} MB",
                "shorten it; put the full write-up in an attached PDF",
            )
        ]
    bad = _CONTROL.search(body)
    if bad is None:
        return []
    line = body_line + body.count("\n", 0, bad.start())
    col = bad.start() - (body.rfind("\n", 0, bad.start()) + 1) + 1
    return [
        codes.CONTROL_CHARACTER.at(
            path,
            Position(line, col),
            f"the body holds the control character U+{ord(bad.group()):04X}",
            "delete the invisible character (retype the line if your editor does not show it)",
        )
    ]


# --------------------------------------------------------------------------- records


def load_file(
    root: Path,
    path: str,
    kind: FileKind,
    known: Mapping[Loc, Known] | None = None,
    store: Shelf | None = None,
) -> tuple[tuple[Record, ...], list[Diagnostic]]:
    """The records one content file holds (one per front-matter file, one per item of a list), and its problems.

    ``known``: values that only another file knows (a sprint's site ids), so that a wrong one is answered with them.
    ``store``: the parse cache, when the caller keeps one.
    """
    if not kind.front_matter:
        return _load_list(root, path, kind, store)
    doc, problems = read_document(root, path, store)
    if doc is None:
        return (), problems
    fields, invalid = validate(kind.fields, doc.data, path, doc.locations, known=known)
    if fields is None:
        return (), problems + invalid
    record = kind.record(path=path, locations=doc.locations, fields=fields, body=doc.body, **kind.parts(path))
    return (record,), problems


def _load_list(
    root: Path, path: str, kind: FileKind, store: Shelf | None
) -> tuple[tuple[Record, ...], list[Diagnostic]]:
    """A YAML file that is a list of items, each validated on its own (``reviews.yaml``)."""
    text, problems = read_text(root, path)
    if text is None:
        return (), problems
    data, locations, problems = parse_yaml(path, text, store=store)
    if data is None:
        return (), problems
    if not isinstance(data, list):
        what = "fields" if isinstance(data, dict) else "a single value"
        first = next(iter(kind.fields.model_fields))
        return (), [
            *problems,
            codes.NOT_MAPPING.at(
                path,
                locations.get((), Position(1)),
                f"{PurePosixPath(path).name} must be a list of {kind.name}, not {what}",
                f"start each {kind.name.removesuffix('s')} with '- {first}: ...'",
            ),
        ]
    records = []
    by_item: dict[Any, dict[Loc, Position]] = {}  # each item's places, gathered in one pass (not one per item)
    for loc, pos in locations.items():
        if loc:
            by_item.setdefault(loc[0], {})[loc[1:]] = pos
    for index, item in enumerate(data):
        fields, invalid = validate(kind.fields, item, path, locations, prefix=(index,))
        problems += invalid
        if fields is not None:
            inner = by_item.get(index, {})
            records.append(kind.record(path=path, locations=inner, index=index, fields=fields, **kind.parts(path)))
    return tuple(records), problems


def load_sprint(root: Path, path: str) -> tuple[Sprint | None, list[Diagnostic]]:
    """One sprint alone: commands and the pull-request check read a sprint's settings before anything else."""
    records, problems = load_file(root, path, SPRINT)
    sprint = records[0] if records else None
    return (sprint if isinstance(sprint, Sprint) else None), problems


def _judged_sprint(path: str) -> str | None:
    """The sprint whose projects a reviews, assignments or finals file is judged against, else None."""
    kind = kind_of(path)
    judged = {"reviews", "assignments", "finals"}
    return kind.parts(path)["sprint"] if kind is not None and kind.collection in judged else None


def _known(collections: dict[str, dict[str, Any]], kind: FileKind, path: str) -> dict[Loc, Known]:
    """For a submission, its sprint's site ids (``sites/`` and ``sprints/`` sort before ``submissions/``)."""
    sprint = collections["sprints"].get(kind.parts(path).get("sprint", "")) if kind is SUBMISSION else None
    if not isinstance(sprint, Sprint):
        return {}
    hubs = Catalog(root="", sprints={}, submissions={}, publications={}, reviews={}, sites=collections["sites"])
    ids = tuple(s.id for s in sites_of(sprint, hubs))
    return {("site",): Known(codes.UNKNOWN_SITE, f"a site of {sprint.fields.title}", ids)}


def _load_into(
    collections: dict[str, dict[str, Any]], root: Path, paths: Iterable[str], store: Shelf | None
) -> list[Diagnostic]:
    """Load each path into its collection; the problems found on the way."""
    problems: list[Diagnostic] = []
    for path in paths:
        kind = kind_of(path)
        if kind is None or not (root / path).is_file():
            continue
        records, found = load_file(root, path, kind, _known(collections, kind, path), store)
        problems += found
        if not kind.front_matter:
            collections[kind.collection][kind.key(path)] = records
        elif records:
            collections[kind.collection][kind.key(path)] = records[0]
    return problems


def _history_paths(paths: Iterable[str], collections: dict[str, dict[str, Any]], judged: set[str]) -> Iterator[str]:
    """The files the judged sprints' conflicts of interest read history from: recent teams, papers, cohorts."""
    sprints: dict[str, Sprint] = collections["sprints"]
    current = [sprint for slug, sprint in sprints.items() if sprint_projects(slug) in judged]
    recent = {
        sprint_projects(slug)
        for slug, past in sprints.items()
        if any(s.history_since <= past.ended_on and past.fields.ends <= s.fields.ends for s in current)
    }
    for path in paths:
        kind = kind_of(path)
        if kind in (PUBLICATION, COHORT) or (kind is SUBMISSION and posixpath.dirname(path) in recent):
            yield path


def load_catalog(root: Path | str, only: Iterable[str] | None = None) -> tuple[Catalog, list[Diagnostic]]:
    """Load the repository, or just ``only`` (paths) plus every sprint they depend on.

    A partial load keeps ``jam check FILE`` and the pull-request check fast on a
    large repository: sprints and local sites are always loaded (they are few), other files only
    when named, and ``present`` still lists every file for reference checks.
    Parsed YAML is cached under ``.cache/jamkit/parsed`` (``jamkit.files.yaml.cache``,
    on a ``Shelf``); a full load also drops the entries of texts no file holds any more.
    """
    root = Path(root)
    store = Shelf.at(root, "parsed")
    paths, problems = discover(root)
    named_badly = {p: bad for p in paths if (bad := path_problem(p))}
    problems = [d for d in problems if d.path not in named_badly] + list(named_badly.values())
    paths = [p for p in paths if p not in named_badly]
    wanted = set(paths)
    judged: set[str] = set()
    if only is not None:
        named = set(only)
        wanted = {p for p in named if kind_of(p)} | {p for p in paths if kind_of(p) in (SPRINT, SITE)}
        # Reviews, assignments and finals are checked against their sprint's projects (conflicts of interest).
        judged = {sprint_projects(sprint) for p in named if (sprint := _judged_sprint(p))}
        wanted |= {p for p in paths if kind_of(p) is SUBMISSION and posixpath.dirname(p) in judged}
        problems = [d for d in problems if d.path in named or d in named_badly.values()]
    collections: dict[str, dict[str, Any]] = {kind.collection: {} for kind in KINDS}
    problems += _load_into(collections, root, sorted(wanted), store)
    if only is not None and judged:
        # Conflicts of interest also come from the history: earlier teams, publications, cohorts (their problems
        # are not the named files' problems).
        _load_into(collections, root, sorted(set(_history_paths(paths, collections, judged)) - wanted), store)
    if store is not None:
        store.close(complete=only is None)
    return Catalog(root=str(root), present=frozenset(paths), **collections), problems
