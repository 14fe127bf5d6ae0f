"""A forgotten judge's new id carried into the files that name judges by id (``reviews.yaml``, ``assignments.yaml``).

Those files are YAML lists that people and ``jam review import`` write, so they
are not re-serialized: each ``judge: old`` line is spliced, and the file read
back must hold the same records with only the judge renamed, or nothing is
written. Which files and which keys: every list kind whose model has a
``Holds.JUDGE`` field in ``PERSON_FIELDS``.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from jamkit.core.model.people import PERSON_FIELDS, Holds
from jamkit.files.edit import Edit, EditError
from jamkit.files.layout import KINDS, SPRINT, FileKind
from jamkit.files.load import load_file


def judge_files(sprint_path: str) -> Iterator[tuple[FileKind, str]]:
    """The list files of a sprint that name its judges by id, with their kind."""
    sprint = SPRINT.key(sprint_path)
    for kind in KINDS:
        if not kind.front_matter and Holds.JUDGE in PERSON_FIELDS.get(kind.fields, {}).values():
            yield kind, kind.path(sprint)


def rename_judges(root: Path, kind: FileKind, path: str, renamed: Mapping[str, str]) -> tuple[Edit, int] | None:
    """The file with each judge key in ``renamed`` (lowercased old id to new) spliced in, and how many lines changed.

    None when no line names one of them.
    """
    full = root / path
    if not full.is_file() or full.is_symlink():
        return None
    keys = [name for name, holds in PERSON_FIELDS[kind.fields].items() if holds is Holds.JUDGE]
    before = full.read_bytes()
    pattern = re.compile(
        rf"^(\s*(?:-\s+)?(?:{'|'.join(keys)}):\s*)([\"']?)([A-Za-z0-9_-]+)\2([ \t]*(?:#.*)?)$", re.MULTILINE
    )

    def swap(match: re.Match[str]) -> str:
        new = renamed.get(match.group(3).lower())
        return f"{match.group(1)}{new}{match.group(4)}" if new else match.group(0)

    try:
        text = pattern.sub(swap, before.decode("utf-8"))
        after = text.encode("utf-8")
    except UnicodeDecodeError:
        raise EditError(f"{path} is not UTF-8 text; fix it first (see `jam check {path}`)") from None
    if after == before:
        return None
    edit = Edit(path, before, after, tuple(keys))
    _check(root, kind, edit, keys, renamed)
    return edit, sum(1 for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b)


def _check(root: Path, kind: FileKind, edit: Edit, keys: list[str], renamed: Mapping[str, str]) -> None:
    """The file read back holds the same records, with only the judges renamed."""
    old, problems = load_file(root, edit.path, kind)
    if problems:
        raise EditError(f"{edit.path} has errors; fix them first (see `jam check {edit.path}`)", problems)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / edit.path
        target.parent.mkdir(parents=True)
        target.write_bytes(edit.after)
        new, more = load_file(Path(folder), edit.path, kind)
    expected = [
        r.fields.model_copy(update={k: renamed.get(getattr(r.fields, k).lower(), getattr(r.fields, k)) for k in keys})
        for r in old
    ]
    if more or [r.fields for r in new] != expected:
        raise EditError(
            f"not written: renaming the judge in {edit.path} would change more than the judge; edit it by hand"
        )
