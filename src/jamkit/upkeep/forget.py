"""Forgetting a person (``jam forget GITHUB``): their entries become "Anonymous" in every file.

A person who asks to be removed is removed everywhere at once: as a member of
a project, an author of a publication and a judge of a sprint; their own
profile (``people/<github>.md``) is deleted. Each entry that
carries their GitHub handle keeps its place (a team keeps its size, a paper its
author order) but becomes ``{name: Anonymous}``: the handle, affiliation and
ORCID iD go. Front matter is edited with ``jamkit.files.edit`` (only the edited key's
lines change, the result is validated before an atomic write). A judge whose
reviews named them by their handle gets an id of its own (``anonymous-N``), and
the ``judge:`` lines of the sprint's ``reviews.yaml`` and ``assignments.yaml``
follow it, spliced line by line and read back before they are written.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jamkit.core.identity import ANONYMOUS, handle_key
from jamkit.files.edit import Edit, EditError, plan, read, write
from jamkit.files.layout import (
    PROFILE,
    PUBLICATION,
    SPRINT,
    SUBMISSION,
    assignments_file,
    discover,
    kind_of,
    reviews_file,
)
from jamkit.files.load import load_file

# Which list of which kind of file names people, and the fields of an entry that are kept.
PEOPLE = {SPRINT.name: "judges", SUBMISSION.name: "members", PUBLICATION.name: "authors"}
KEPT = {"judges": ("id", "topics", "conflicts"), "members": (), "authors": ()}


@dataclass(frozen=True)
class Forgotten:
    """What ``forget`` changed (``edits``, each with the entries it anonymised) and what it could not."""

    edits: tuple[tuple[Edit, int], ...]
    refused: tuple[tuple[str, str], ...]  # (path, why)
    removed: tuple[str, ...] = ()  # files deleted whole: the person's own profile


def forget(root: Path, github: str, *, dry_run: bool = False) -> Forgotten:
    """Anonymise every entry with ``github`` in sprints, projects and publications; all checked before any write."""
    who = handle_key(github)
    paths, _ = discover(root)
    planned: list[tuple[Edit, int]] = []
    refused: list[tuple[str, str]] = []
    removed = [p for p in paths if kind_of(p) is PROFILE and handle_key(PROFILE.key(p)) == who]
    for path in paths:
        kind = kind_of(path)
        if kind is None or kind.name not in PEOPLE:
            continue
        key = PEOPLE[kind.name]
        try:
            edits = _forget_in(root, path, key, who)
        except EditError as error:
            why = "; ".join([str(error), *(f"{d.code} {d.message}" for d in error.diagnostics[:3])])
            refused.append((path, why))
            continue
        planned += edits
    if not dry_run and not refused:
        for edit, _ in planned:
            write(root, edit)
        for path in removed:
            (root / path).unlink()
    return Forgotten(tuple(planned), tuple(refused), tuple(removed))


def _forget_in(root: Path, path: str, key: str, who: str) -> list[tuple[Edit, int]]:
    records, problems = load_file(root, path, kind_of(path))  # type: ignore[arg-type]
    if problems or not records:
        if _mentions(root, path, who):
            raise EditError(f"{path} has errors; fix them first (see `jam check {path}`)")
        return []
    raw_entries = _raw_list(root, path, key)
    if not any(isinstance(e, dict) and handle_key(str(e.get("github") or "")) == who for e in raw_entries):
        return []
    entries: list[Any] = []
    count = 0
    renamed: dict[str, str] = {}
    for entry in raw_entries:
        if not (isinstance(entry, dict) and handle_key(str(entry.get("github") or "")) == who):
            entries.append(entry)
            continue
        count += 1
        kept = {name: entry[name] for name in KEPT[key] if name in entry}
        if key == "judges" and "id" not in kept:
            kept = {"id": _free_id(raw_entries, count), **kept}
            renamed[str(entry["github"]).lower()] = kept["id"]
        entries.append({"name": ANONYMOUS, **kept})
    edits = [(plan(root, path, {key: entries}), count)]
    if renamed:
        sprint = path.split("/")[-1].removesuffix(".md")
        for listed in (reviews_file(sprint), assignments_file(sprint)):
            splice = _rename_judge(root, listed, renamed)
            if splice is not None:
                edits.append((splice, 0))
    return edits


def _raw_list(root: Path, path: str, key: str) -> list[Any]:
    """The list as written (not as the model fills it in), so kept fields stay exactly as they were."""
    value = read(root, path).doc.data.get(key)
    return list(value) if isinstance(value, list) else []


def _mentions(root: Path, path: str, who: str) -> bool:
    try:
        text = (root / path).read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return False
    return who in text


def _free_id(entries: list[Any], number: int) -> str:
    taken = {str(e.get("id")) for e in entries if isinstance(e, dict)}
    candidate = f"anonymous-{number}"
    while candidate in taken:
        number += 1
        candidate = f"anonymous-{number}"
    return candidate


def _rename_judge(root: Path, path: str, renamed: dict[str, str]) -> Edit | None:
    """``judge: old`` lines of a reviews or assignments file, renamed; the file read back must differ only there."""
    full = root / path
    if not full.is_file():
        return None
    before = full.read_bytes()
    text = before.decode("utf-8")
    pattern = re.compile(r"^(\s*(?:-\s+)?judge:\s*)([\"']?)([A-Za-z0-9-]+)\2([ \t]*(?:#.*)?)$", re.MULTILINE)

    def swap(match: re.Match[str]) -> str:
        new = renamed.get(match.group(3).lower())
        return f"{match.group(1)}{new}{match.group(4)}" if new else match.group(0)

    after = pattern.sub(swap, text).encode("utf-8")
    if after == before:
        return None
    kind = kind_of(path)
    old_records, _ = load_file(root, path, kind)  # type: ignore[arg-type]
    edit = Edit(path, before, after, ("judge",))
    _check_splice(root, path, edit, old_records, renamed)
    return edit


def _check_splice(root: Path, path: str, edit: Edit, old_records: tuple[Any, ...], renamed: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / path
        target.parent.mkdir(parents=True)
        target.write_bytes(edit.after)
        new_records, problems = load_file(Path(folder), path, kind_of(path))  # type: ignore[arg-type]
    expected = [
        r.fields.model_copy(update={"judge": renamed.get(r.fields.judge.lower(), r.fields.judge)}) for r in old_records
    ]
    if problems or [r.fields for r in new_records] != expected:
        raise EditError(f"not written: renaming the judge in {path} would change more than the judge; edit it by hand")
