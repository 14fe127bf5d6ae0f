"""Change top-level fields of a content file's front matter, keeping every other byte.

Maintainers' commands (``jam award --write``, ``jam retract``) edit files that
people also edit by hand, so comments, key order, quoting and the body must
survive. The file is never re-serialized: only the lines of the edited keys are
replaced (a new key goes just before the closing ``---``). The result is read
back with the real loader and validated with the model before anything is
written, and the write is atomic (a temporary file in the same folder, then
``os.replace``): the file is either as it was or fully edited, never half-written.
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Fields
from jamkit.core.wording import printable
from jamkit.files.layout import kind_of
from jamkit.files.load import Document, decode_text, split_document
from jamkit.files.validate import validate
from jamkit.files.yaml.loader import YamlProblem, parse

# One line with its own line break; the loader counts each of \r\n, \r and \n as one break.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class EditError(Exception):
    """The edit cannot be made safely, so nothing was written; ``diagnostics`` say what is wrong with the file."""

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key (``awards:`` then ``  - place: 1``), as the repository's files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump_field(key: str, value: Any) -> str:
    """``key: value`` as block-style YAML by ``yaml.safe_dump``'s rules, so quoting is always right."""
    return yaml.dump(
        {key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )


@dataclass(frozen=True)
class Current:
    """A content file as it is on disk: its bytes, front matter and validated fields."""

    path: str
    raw: bytes
    doc: Document
    fields: Any


@dataclass(frozen=True)
class Edit:
    """A checked edit of one file: its bytes before and after, and the keys it sets."""

    path: str
    before: bytes
    after: bytes
    keys: tuple[str, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff for people; each line made printable, as file content is untrusted."""
        old = self.before.decode("utf-8-sig").splitlines()
        new = self.after.decode("utf-8-sig").splitlines()
        lines = difflib.unified_diff(old, new, f"a/{self.path}", f"b/{self.path}", n=1, lineterm="")
        return "\n".join(printable(line) for line in lines)


# --------------------------------------------------------------------------- reading


def _model(path: str) -> type[Fields]:
    kind = kind_of(path)
    if kind is None or not kind.front_matter:
        raise EditError(f"{path} is not a sprint, project or publication file; jam edits only those")
    return kind.fields


def _parse(path: str, raw: bytes, model: type[Fields], problem: str) -> Current:
    """The loader's reading of ``raw``; any diagnostic at all refuses the edit."""
    text, found = decode_text(path, raw)
    doc, fields = None, None
    if text is not None:
        doc, found = split_document(path, text)
    if doc is not None:
        fields, invalid = validate(model, doc.data, path, doc.locations)
        found += invalid
    if doc is None or fields is None or found:
        raise EditError(problem, found)
    return Current(path, raw, doc, fields)


def read(root: Path, path: str) -> Current:
    """The file as the loader sees it; an ``EditError`` with its diagnostics if it has errors."""
    model = _model(path)
    full = root / path
    if full.is_symlink():
        raise EditError(f"{path} is a symbolic link; jam edits only regular files")
    try:
        raw = full.read_bytes()
    except OSError as err:
        raise EditError(f"cannot read {path}: {err.strerror}") from None
    return _parse(path, raw, model, f"{path} has errors; fix them first (see `jam check {path}`), nothing was written")


# --------------------------------------------------------------------------- planning


def _key_spans(current: Current, lines: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Each top-level key's lines as a slice of ``lines``: from its line to the next key or the closing ``---``.

    Blank lines and comments at the left margin just above the next key are left
    out: they introduce what follows, so they stay where they are.
    """
    top = sorted((pos.line, pos.col, str(loc[0])) for loc, pos in current.doc.locations.items() if len(loc) == 1)
    if any(col != 1 for _, col, _ in top) or len({line for line, _, _ in top}) != len(top):
        raise EditError(
            f"{current.path}: the front matter is not written as one 'key: value' per line at the left margin, "
            "so jam cannot edit it safely; nothing was written, edit the file by hand"
        )
    closing = current.doc.body_line - 1  # the line of the closing '---'
    spans: dict[str, tuple[int, int]] = {}
    for index, (line, _, key) in enumerate(top):
        stop = (top[index + 1][0] if index + 1 < len(top) else closing) - 1
        while stop > line and (not lines[stop - 1].strip() or lines[stop - 1].startswith("#")):
            stop -= 1
        spans[key] = (line - 1, stop)
    return spans


def plan(root: Path, path: str, changes: Mapping[str, Any]) -> Edit:
    """The edited file, checked with the loader and the model; nothing is written."""
    current = read(root, path)
    text = current.raw.decode("utf-8-sig")
    lines = _LINE.findall(text)
    newline = next((line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n")
    spans = _key_spans(current, lines)
    blocks = {key: dump_field(key, value).replace("\n", newline) for key, value in changes.items()}
    starts = {spans[key][0]: key for key in changes if key in spans}
    added = [blocks[key] for key in changes if key not in spans]
    closing = current.doc.body_line - 2  # index of the closing '---' in ``lines``
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index in starts:
            out.append(blocks[starts[index]])
            index = spans[starts[index]][1]
            continue
        if index == closing:
            out += added
        out.append(lines[index])
        index += 1
    bom = codecs.BOM_UTF8 if current.raw.startswith(codecs.BOM_UTF8) else b""
    after = bom + "".join(out).encode("utf-8")
    edited = _parse(path, after, _model(path), f"not written: the edit would make {path} invalid")
    _same_elsewhere(current, edited, changes)
    return Edit(path, current.raw, after, tuple(changes))


def plan_in_place(root: Path, path: str, changes: Mapping[str, list[Any]]) -> Edit:
    """Like ``plan`` for lists of the same length, but only the items that differ change; the others keep every byte.

    Each item written on lines of its own (``  - ...``) is replaced in place, in the
    style it was written in (a one-line ``{...}`` stays on one line). When a list is
    written another way (``key: [...]``) or changes length, the keys are rewritten
    whole, as ``plan`` does.
    """
    current = read(root, path)
    text = current.raw.decode("utf-8-sig")
    lines = _LINE.findall(text)
    replaced: list[tuple[int, int, str]] = []
    for key, new in changes.items():
        old = current.doc.data.get(key)
        spans = _item_spans(current, lines, key, len(old)) if isinstance(old, list) and len(old) == len(new) else None
        if spans is None or not isinstance(old, list):
            return plan(root, path, changes)
        for (start, stop, prefix), before, after in zip(spans, old, new, strict=True):
            if before != after:
                flow = stop == start + 1 and lines[start][len(prefix) :].startswith("{")
                replaced.append((start, stop, _item_text(prefix, after, flow)))
    newline = next((line[len(line.rstrip("\r\n")) :] for line in lines if line.endswith(("\n", "\r"))), "\n")
    for start, stop, item in sorted(replaced, reverse=True):
        lines[start:stop] = [item.replace("\n", newline)]
    bom = codecs.BOM_UTF8 if current.raw.startswith(codecs.BOM_UTF8) else b""
    after_bytes = bom + "".join(lines).encode("utf-8")
    edited = _parse(path, after_bytes, _model(path), f"not written: the edit would make {path} invalid")
    _same_elsewhere(current, edited, changes)
    return Edit(path, current.raw, after_bytes, tuple(changes))


def _item_spans(current: Current, lines: Sequence[str], key: str, count: int) -> list[tuple[int, int, str]] | None:
    """Each item's lines (start, stop) and its ``  - `` prefix; None unless every item starts a line of its own."""
    found = _key_spans(current, lines).get(key)
    if found is None:
        return None
    first, last = found
    starts = [current.doc.locations.get((key, index)) for index in range(count)]
    if any(pos is None for pos in starts):
        return None
    rows = [pos.line - 1 for pos in starts if pos is not None]
    prefixes = [lines[row][: pos.col - 1] for row, pos in zip(rows, starts, strict=True) if pos is not None]
    if rows != sorted(set(rows)) or (rows and rows[0] <= first) or any(not _ITEM.fullmatch(p) for p in prefixes):
        return None
    spans = []
    for index, row in enumerate(rows):
        stop = rows[index + 1] if index + 1 < len(rows) else last
        while stop > row + 1 and (not lines[stop - 1].strip() or lines[stop - 1].lstrip().startswith("#")):
            stop -= 1
        spans.append((row, stop, prefixes[index]))
    return spans


_ITEM = re.compile(r"[ ]*- ")


def _item_text(prefix: str, value: Any, flow: bool) -> str:
    """One list item as YAML, indented like the item it replaces."""
    style = {"Dumper": _Dumper, "allow_unicode": True, "sort_keys": False}
    if flow or not isinstance(value, (dict, list)):
        one = yaml.dump(value, default_flow_style=True, width=10**9, **style)  # type: ignore[call-overload]
        return prefix + str(one).removesuffix("...\n").rstrip("\n") + "\n"
    block = str(yaml.dump([value], default_flow_style=False, width=100, **style))  # type: ignore[call-overload]
    indent = prefix[:-2]
    return "".join(indent + line for line in block.splitlines(keepends=True))


def _same_elsewhere(before: Current, after: Current, changes: Mapping[str, Any]) -> None:
    """The edited keys read back as written, and every other key and the body as they were."""
    for key, value in changes.items():
        try:
            expected = parse(dump_field(key, value)).data[key]
        except YamlProblem as problem:  # the value cannot be written as YAML
            raise EditError(f"not written: '{key}' cannot be written as YAML ({problem.message})") from None
        if after.doc.data.get(key) != expected:
            raise EditError(f"not written: '{key}' would not read back as written in {before.path}")
    for key, value in before.doc.data.items():
        if key not in changes and after.doc.data.get(key) != value:
            raise EditError(f"not written: the edit would also change '{key}' in {before.path}; edit it by hand")
    if after.doc.body != before.doc.body:
        raise EditError(f"not written: the edit would change the body of {before.path}; edit it by hand")


# --------------------------------------------------------------------------- writing


def write(root: Path, edit: Edit) -> None:
    """Replace the file atomically, keeping its mode; refuse if it changed since it was read.

    An edit whose ``before`` is empty may also create the file (``reviews.yaml``,
    ``assignments.yaml``), with its folder; it is refused if the file appeared meanwhile.
    """
    if not edit.changed:
        return
    full = root / edit.path
    try:
        creating = not edit.before and not full.exists()
        if creating:
            full.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o644 if creating else stat.S_IMODE(full.stat().st_mode)
        handle, temp = tempfile.mkstemp(prefix=f".{full.name}.", suffix=".jam-edit", dir=full.parent)
    except OSError as err:
        raise EditError(f"cannot write {edit.path}: {err.strerror}; the file is unchanged") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(edit.after)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        if (full.exists() or not creating) and full.read_bytes() != edit.before:
            raise EditError(f"{edit.path} changed while jam was editing it; nothing was written, run the command again")
        os.replace(temp, full)
    except OSError as err:
        raise EditError(f"cannot write {edit.path}: {err.strerror}; the file is unchanged") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def update(root: Path, path: str, changes: Mapping[str, Any]) -> Edit:
    """Plan, check and write an edit of ``path``'s front matter; see ``plan``."""
    edit = plan(root, path, changes)
    write(root, edit)
    return edit
