"""What git knows about a sprint's results: the commit that wrote its awards, and each winner's pull request.

``jam github announce`` tags the commit where the sprint file's ``awards`` became
what they are now, so the tag marks the decision, not whatever commit happens
to be newest. It walks ``git log -- sprints/<sprint>.md`` from HEAD, newest
first, reading the file at each commit (one ``git cat-file --batch``), and stops
at the first commit whose awards differ: the one before it wrote them. A typo
fixed in the description later does not move the tag.

A winner's pull request is not read from git: a commit's subject is the team's
own words under rebase or merge-commit merging ("Merge pull request #999 from
..." is a message anyone can write). Git gives the commit that added the file,
and GitHub's record of which pull request merged it
(``GET /repos/{owner}/{repo}/commits/{sha}/pulls``, ``jamkit.github.announcer``)
gives the number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from jamkit.core.model import Award
from jamkit.files.git.change import GitError, Objects, git
from jamkit.files.layout import submission_file
from jamkit.files.load import decode_text, split_document

_SEP = "\x1f"


class HistoryError(Exception):
    """The history cannot say what to announce; the message says why and what to do."""


@dataclass(frozen=True)
class Commit:
    sha: str
    subject: str


@dataclass(frozen=True)
class Origin:
    """Where a project's file came from: the commit that added it."""

    ref: str  # sprint/project
    commit: Commit | None  # None: the file is not in HEAD's history


def _log(root: Path, *args: str) -> list[Commit]:
    out = git(root, "log", f"--format=%H{_SEP}%s", *args).decode("utf-8", "replace")
    return [Commit(*line.split(_SEP, 1)) for line in out.splitlines() if _SEP in line]


def awards_in(path: str, raw: bytes | None) -> tuple[Award, ...] | None:
    """The awards a version of the sprint file holds; None when that version cannot be read as awards."""
    if raw is None:
        return None
    text, _ = decode_text(path, raw)
    document, _ = split_document(path, text) if text is not None else (None, [])
    if document is None:
        return None
    data = document.data.get("awards") or []
    if not isinstance(data, list):
        return None
    try:
        return tuple(Award.model_validate(item) for item in data)
    except ValidationError:
        return None


def awards_commit(root: Path, path: str, current: Sequence[Award]) -> Commit:
    """The commit in HEAD's history where ``path``'s awards became ``current``.

    ``current`` is what the working tree holds; a ``HistoryError`` when HEAD holds
    something else (the awards are not committed).
    """
    wanted = tuple(current)
    try:
        commits = _log(root, "HEAD", "--", path)
        with Objects(root) as objects:
            if awards_in(path, objects.read(f"HEAD:./{path}")) != wanted:
                raise HistoryError(
                    f"the awards in {path} are not committed: HEAD holds other awards than the file does; "
                    "commit them (through a pull request) and run this on the branch that has them"
                )
            found: Commit | None = None
            for commit in commits:
                if awards_in(path, objects.read(f"{commit.sha}:./{path}")) != wanted:
                    break
                found = commit
    except GitError as err:
        raise HistoryError(f"cannot read the history of {path}: {err}") from None
    if found is None:  # pragma: no cover - HEAD holds the awards, so some commit wrote them
        raise HistoryError(f"no commit in HEAD's history wrote the awards of {path}")
    return found


def origin_of(root: Path, ref: str) -> Origin:
    """The commit that added the project's file (the latest addition, if it was re-added)."""
    path = submission_file(ref)
    try:
        added = _log(root, "--diff-filter=A", "--topo-order", "-n", "1", "HEAD", "--", path)
        return Origin(ref, added[0] if added else None)
    except GitError as err:
        raise HistoryError(f"cannot read the history of {path}: {err}") from None
