"""The person forgotten in every file of a repository at once: every edit planned and checked before any is written.

First every entry with the person's handle teaches the names they go by; then
each front-matter file is walked (``fields``), a sprint's renamed judges are
carried into its reviews and assignments (``references``), and their own
profile, with its folder, is marked for deletion. A file with errors that
names them stops everything: nothing is written until it is fixed. Last, the
lines that still name them (prose, comments, a name inside a longer text) are
listed, for a maintainer to edit by hand.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jamkit.core.identity import handle_key, name_key
from jamkit.core.model.people import WHOLE_FILE
from jamkit.files.edit import Current, Edit, EditError, plan, plan_in_place, read, write
from jamkit.files.layout import SPRINT, discover, folder_of, kind_of
from jamkit.upkeep.forget.fields import Ids, forget_in
from jamkit.upkeep.forget.references import judge_files, rename_judges
from jamkit.upkeep.forget.who import Who, person_entries

JUDGE_IDS = "judge ids"  # what a reviews or assignments file changes: the judge's id, not a person entry


@dataclass(frozen=True)
class Change:
    """One file's checked edit, and what it forgets: (field, how many), e.g. ("speaker in schedule", 1)."""

    edit: Edit
    what: tuple[tuple[str, int], ...]

    @property
    def entries(self) -> int:
        return sum(count for label, count in self.what if label != JUDGE_IDS)


@dataclass(frozen=True)
class Forgotten:
    """What ``forget`` changed, deleted and could not change, and what it leaves for a person to edit."""

    who: Who
    changes: tuple[Change, ...]
    refused: tuple[tuple[str, str], ...]  # (path, why)
    removed: tuple[str, ...] = ()  # the person's own profile, and its folder
    left: tuple[tuple[str, int], ...] = ()  # (path, line): lines that still name them
    namesakes: tuple[str, ...] = ()  # handles of other people who go by one of their names, left alone


def forget(root: Path, github: str | None, names: Sequence[str] = (), *, dry_run: bool = False) -> Forgotten:
    """Forget the person with ``github`` and/or ``names`` in every file; ``dry_run`` writes nothing."""
    paths, _ = discover(root)
    who = Who.given(github, names)
    removed = [p for p in paths if _own_profile(p, who)]
    current, refused = _read_all(root, [p for p in paths if p not in removed], who)
    who = who.knowing(_names_of(root, who, current, removed))
    changes: list[Change] = []
    for path, file in current.items():
        try:
            changes += _forget_file(root, path, file, who)
        except EditError as error:
            refused.append((path, _why(error)))
    removed += [folder_of(p) for p in removed if (root / folder_of(p)).is_dir()]
    if not dry_run and not refused:
        for change in changes:
            write(root, change.edit)
        for path in removed:
            _delete(root / path)
    after = {c.edit.path: c.edit.after for c in changes}
    left = tuple(_lines_naming(root, [p for p in paths if p not in removed], after, who))
    return Forgotten(who, tuple(changes), tuple(refused), tuple(removed), left, _namesakes(who, current))


def _why(error: EditError) -> str:
    return "; ".join([str(error), *(f"{d.code} {d.message}" for d in error.diagnostics[:3])])


def _own_profile(path: str, who: Who) -> bool:
    kind = kind_of(path)
    return kind is not None and kind.fields in WHOLE_FILE and handle_key(kind.key(path)) in who.handles


def _read_all(root: Path, paths: list[str], who: Who) -> tuple[dict[str, Current], list[tuple[str, str]]]:
    """Every front-matter file as the loader reads it; a file with errors that names the person is refused."""
    current: dict[str, Current] = {}
    refused: list[tuple[str, str]] = []
    for path in paths:
        kind = kind_of(path)
        if kind is None or not kind.front_matter:
            continue
        try:
            current[path] = read(root, path)
        except EditError as error:
            if _names_them(root / path, who):
                refused.append((path, _why(error)))
    return current, refused


def _entries(current: Mapping[str, Current]) -> Iterator[Mapping[str, Any]]:
    for path, file in current.items():
        kind = kind_of(path)
        if kind is not None:
            yield from person_entries(file.doc.data, kind.fields)


def _names_of(root: Path, who: Who, current: Mapping[str, Current], profiles: list[str]) -> list[str]:
    """The names every entry with their handle gives them, and their own profile's."""
    found = [
        str(entry["name"])
        for entry in _entries(current)
        if entry.get("github") and handle_key(str(entry["github"])) in who.handles and entry.get("name")
    ]
    for path in profiles:
        try:
            found.append(str(read(root, path).doc.data.get("name") or ""))
        except EditError:
            continue
    return found


def _namesakes(who: Who, current: Mapping[str, Current]) -> tuple[str, ...]:
    """Other people (another handle) who go by one of their names: never forgotten by name alone."""
    others = {
        handle_key(str(entry["github"]))
        for entry in _entries(current)
        if entry.get("github")
        and handle_key(str(entry["github"])) not in who.handles
        and name_key(str(entry.get("name") or "")) in who.names
    }
    return tuple(sorted(others))


def _forget_file(root: Path, path: str, file: Current, who: Who) -> list[Change]:
    tally: Counter[str] = Counter()
    ids = Ids()
    data = file.doc.data
    kind = kind_of(path)
    if kind is None:
        return []
    new = forget_in(data, kind.fields, who, ids, tally)
    edited = {key: new.get(key) for key in data if new.get(key) != data[key]}
    if not edited:
        return []
    lists = {key: value for key, value in edited.items() if isinstance(value, list)}
    edit = plan_in_place(root, path, lists) if lists == edited else plan(root, path, edited)
    changes = [Change(edit, tuple(tally.items()))]
    if ids.renamed and kind is SPRINT:
        for kind, listed in judge_files(path):
            spliced = rename_judges(root, kind, listed, ids.renamed)
            if spliced is not None:
                changes.append(Change(spliced[0], ((JUDGE_IDS, spliced[1]),)))
    return changes


def _names_them(full: Path, who: Who) -> bool:
    try:
        text = full.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return any(who.in_text(line) for line in text.splitlines())


def _lines_naming(root: Path, paths: list[str], after: dict[str, bytes], who: Who) -> list[tuple[str, int]]:
    """Each line of a content file that still names them, as the files will be once the edits are written."""
    found: list[tuple[str, int]] = []
    for path in paths:
        try:
            raw = after[path] if path in after else (root / path).read_bytes()
        except OSError:
            continue
        text = raw.decode("utf-8", errors="replace")
        found += [(path, number) for number, line in enumerate(text.splitlines(), 1) if who.in_text(line)]
    return found


def _delete(full: Path) -> None:
    """The profile, or its folder of attachments (a link is removed, never followed)."""
    if full.is_dir() and not full.is_symlink():
        shutil.rmtree(full)
    else:
        full.unlink(missing_ok=True)
