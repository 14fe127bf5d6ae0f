"""``jam upgrade [--check]``: the files jamkit owns brought to the installed jamkit's, with the diff shown.

``jamkit.upkeep.programme.upgrade`` plans and makes the change; this module
prints the diff and the files edited by hand. ``--check`` writes nothing and
exits 1 when something is out of date or a jamkit-owned file was edited.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.core.errors import UsageError
from jamkit.upkeep.programme.upgrade import Upgrade, upgrade


def run(
    root: str | None,
    *,
    check: bool = False,
    version: str | None = None,
    templates: Mapping[str, Path] | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Upgrade the programme (or with ``check``, say whether it is current); the exit code."""
    try:
        folder = repository_root(root)
        extra = {"version": version} if version else {}
        done = upgrade(folder, write=not check, templates=templates, **extra)
    except UsageError as error:
        return refused("upgrade", error, err)
    return _tell_check(done, out) if check else _tell(done, out)


def _edited(done: Upgrade) -> str:
    return f"Edited by hand (differs from what jamkit {done.old} wrote; jam upgrade keeps your edits): " + ", ".join(
        done.edited
    )


def _tell_check(done: Upgrade, out: Out) -> int:
    if done.out_of_date:
        out(done.diff.rstrip())
        out(f"Out of date: jamkit {done.old} -> {done.new} changes {', '.join(done.changed)}; run jam upgrade.")
    if done.edited:
        out(_edited(done))
    if done.conflicts:
        out(
            f"Overlapping: your edits to {', '.join(done.conflicts)} and jamkit {done.new}'s changes touch the same "
            "lines (marked <<<<<<< above); jam upgrade refuses until your edit is taken out of them."
        )
    if not done.out_of_date and not done.edited:
        out(f"Up to date with jamkit {done.new}.")
        return OK
    return CONTENT_ERRORS


def _tell(done: Upgrade, out: Out) -> int:
    if not done.out_of_date:
        out(f"Nothing to upgrade: the files jamkit owns are jamkit {done.new}'s.")
    else:
        out(done.diff.rstrip())
        out(
            f"Upgraded from jamkit {done.old} to {done.new}: {', '.join(done.changed)}. "
            "Review the diff, then commit it: git add -A && git commit -m 'jam upgrade'"
        )
    if done.edited:
        out(_edited(done))
    return OK
