"""A pull request's change, read from git objects only.

The trusted CI workflow runs the default branch's jamkit against a pull-request
head that was fetched as objects and never checked out, so nothing here looks
at the working tree: the change is ``git diff --raw -z -M`` between the merge
base and the head, file contents come from ``git cat-file``, and the few files
the content rules need are written into a private temporary folder as plain,
non-executable files (symbolic links and submodules are never materialized).

The change must be what merging does to the base branch. With one merge base
that is the diff from the merge base to the head. A criss-cross history has
several merge bases: ``git merge-base`` names one, but GitHub merges against
all of them, so a head can look unchanged against one base while its merge
undoes another team's change. Then the change is read against the merge
itself (``git merge-tree --write-tree``): the diff from the base branch's tip
to the merged tree, whose files are what the check reads.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType

from jamkit.core.model import is_slug

REGULAR, EXECUTABLE, SYMLINK, GITLINK = "100644", "100755", "120000", "160000"
CHUNK = 1 << 20


class GitError(Exception):
    """git failed or a ref does not exist; the message says which, in plain words."""


def git(root: Path, *args: str) -> bytes:
    """Run git in ``root`` with settings that make its output stable and never paged."""
    command = ["git", "-c", "core.quotepath=off", "-c", "diff.renames=false", "--no-pager", *args]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, env=env, check=False)
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


def resolve(root: Path, ref: str) -> str:
    """The commit id of ``ref``; a usage error if it names no commit."""
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git ref")
    try:
        return git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").decode().strip()
    except GitError:
        raise GitError(f"'{ref}' is not a commit in this repository (fetch it first?)") from None


def toplevel(root: Path) -> Path:
    try:
        return Path(git(root, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        raise GitError(f"{root} is not inside a git repository") from None


# --------------------------------------------------------------------------- the change


@dataclass(frozen=True)
class Entry:
    """One line of ``git diff --raw``: a file added, modified, deleted, renamed or retyped."""

    status: str  # A, M, D, R or T (C is never asked for)
    path: str  # the path in the head; for a deletion, the deleted path
    old_path: str  # the path in the merge base; equals ``path`` unless renamed
    old_mode: str
    new_mode: str
    old_blob: str
    new_blob: str

    @property
    def deleted(self) -> bool:
        return self.status == "D"

    @property
    def paths(self) -> tuple[str, ...]:
        """Every path this entry touches: a rename touches both its ends."""
        return (self.old_path, self.path) if self.old_path != self.path else (self.path,)


@dataclass(frozen=True)
class TreeFile:
    path: str
    mode: str
    blob: str
    size: int


@dataclass(frozen=True)
class Change:
    """The change and where its two sides are read: ``merge_base`` (before) and ``tree`` (after).

    With one merge base, ``tree`` is the head commit; with several, ``merge_base``
    is the base branch's tip and ``tree`` the merged tree GitHub would make.
    """

    root: Path
    base: str
    head: str
    merge_base: str
    entries: tuple[Entry, ...]
    tree: str = ""
    merge_bases: int = 1
    conflicted: bool = False  # several merge bases, and the merge does not apply cleanly

    @property
    def after(self) -> str:
        """The tree-ish whose files are checked: the head, or the merged tree of a criss-cross history."""
        return self.tree or self.head

    @property
    def paths(self) -> list[str]:
        """Every touched path, both ends of renames included."""
        return sorted({p for e in self.entries for p in e.paths})

    def in_head(self) -> list[Entry]:
        """Entries whose file exists in the head (everything but deletions)."""
        return [e for e in self.entries if not e.deleted]


def read_change(root: Path, base_ref: str, head_ref: str = "HEAD") -> Change:
    """The change ``base_ref...head_ref``: what the head changes since the merge base."""
    base, head = resolve(root, base_ref), resolve(root, head_ref)
    try:
        merge_bases = git(root, "merge-base", "--all", base, head).decode().split()
    except GitError:
        merge_bases = []
    if not merge_bases:
        raise GitError(f"'{base_ref}' and '{head_ref}' have no common history")
    if len(merge_bases) == 1:
        return Change(root, base, head, merge_bases[0], _diff(root, merge_bases[0], head))
    tree, conflicted = merge_tree(root, base, head)
    return Change(root, base, head, base, _diff(root, base, tree), tree, len(merge_bases), conflicted)


def _diff(root: Path, before: str, after: str) -> tuple[Entry, ...]:
    raw = git(root, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv", before, after, "--")
    return tuple(parse_raw(raw))


def merge_tree(root: Path, base: str, head: str) -> tuple[str, bool]:
    """The tree GitHub's merge of ``head`` into ``base`` would commit, and whether it conflicts.

    ``git merge-tree --write-tree`` (git 2.38 or later) merges against every
    merge base, as GitHub does; a conflicted merge still yields a tree (with
    conflict markers), which is read so the check can report on it.
    """
    command = ["git", "--no-pager", "merge-tree", "--write-tree", "--no-messages", "-z", base, head]
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, env=env, check=False)
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror}") from None
    tree = done.stdout.split(b"\0", 1)[0].split(b"\n", 1)[0].decode("ascii", "replace").strip()
    if done.returncode not in (0, 1) or len(tree) not in (40, 64):
        raise GitError(
            "the pull request's history has several merge bases (a criss-cross merge), and this git cannot merge "
            "it as GitHub does: git 2.38 or later is needed (git merge-tree --write-tree)"
        )
    return tree, done.returncode == 1


def parse_raw(raw: bytes) -> Iterator[Entry]:
    """Parse ``git diff --raw -z`` output: ``:old new oldsha newsha status NUL path [NUL path2] NUL``."""
    fields = raw.split(b"\0")
    i = 0
    while i < len(fields) and fields[i].startswith(b":"):
        old_mode, new_mode, old_blob, new_blob, status = fields[i][1:].decode().split(" ")
        letter = status[0]
        first = fields[i + 1].decode("utf-8", "surrogateescape")
        if letter in "RC":
            second = fields[i + 2].decode("utf-8", "surrogateescape")
            i += 3
            yield Entry("R" if letter == "R" else "A", second, first, old_mode, new_mode, old_blob, new_blob)
        else:
            i += 2
            yield Entry(letter, first, first, old_mode, new_mode, old_blob, new_blob)


def ls_tree(root: Path, commit: str, paths: Iterable[str], *, recursive: bool = True) -> list[TreeFile]:
    """Files of ``commit`` under ``paths`` with mode, blob and size (no working tree involved)."""
    wanted = list(paths)
    if not wanted:
        return []
    args = ["ls-tree", "-z", "-l", *(["-r"] if recursive else []), "--full-tree", commit, "--", *wanted]
    found = []
    for record in git(root, *args).split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, blob, size = meta.decode().split()
        if kind == "blob":
            found.append(TreeFile(name.decode("utf-8", "surrogateescape"), mode, blob, int(size)))
    return found


def list_names(root: Path, commit: str, paths: Iterable[str]) -> list[str]:
    """Every file path under ``paths`` in ``commit``: cheap, no sizes."""
    wanted = list(paths)
    out = git(root, "ls-tree", "-z", "-r", "--name-only", "--full-tree", commit, "--", *wanted)
    return [n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n]


def blob_sizes(root: Path, blobs: Iterable[str]) -> dict[str, int]:
    """The size of each blob, from one ``git cat-file --batch-check`` (ids on its input: no argument list limit)."""
    wanted = sorted({b for b in blobs if b and set(b) != {"0"}})
    if not wanted:
        return {}
    command = ["git", "cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"]
    try:
        done = subprocess.run(command, cwd=root, input="\n".join(wanted).encode() + b"\n", capture_output=True)
    except OSError as err:
        raise GitError(f"cannot run git: {err.strerror}") from None
    found = {}
    for line in done.stdout.decode("ascii", "replace").splitlines():
        name, kind, *rest = line.split()
        if kind == "blob" and rest:
            found[name] = int(rest[0])
    return found


# --------------------------------------------------------------------------- objects


class Objects:
    """One ``git cat-file --batch`` process: many objects read for the price of one git start."""

    def __init__(self, root: Path) -> None:
        self._proc = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def __enter__(self) -> Objects:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._proc.wait()

    def read(self, name: str, limit: int | None = None, into: Path | None = None) -> bytes | None:
        """The object ``name`` (a blob id or ``commit:path``), None if missing or not a blob.

        At most ``limit`` bytes are kept (the rest is read and dropped, so a huge
        blob never fills memory); with ``into`` they are written to that file.
        """
        assert self._proc.stdin and self._proc.stdout
        if "\n" in name:
            return None
        self._proc.stdin.write(name.encode("utf-8", "surrogateescape") + b"\n")
        self._proc.stdin.flush()
        header = self._proc.stdout.readline().decode().split()
        if len(header) != 3:
            return None
        _, kind, size_text = header
        remaining = int(size_text)
        keep = remaining if limit is None else min(limit, remaining)
        kept = bytearray()
        written = 0
        out = into.open("wb") if into is not None else None
        try:
            while remaining:
                chunk = self._proc.stdout.read(min(CHUNK, remaining))
                if not chunk:
                    raise GitError("git cat-file stopped early")
                remaining -= len(chunk)
                part = chunk[: max(0, keep - written)]
                written += len(part)
                if out is not None:
                    out.write(part)
                else:
                    kept += part
        finally:
            if out is not None:
                out.close()
        self._proc.stdout.read(1)  # the newline after the content
        if kind != "blob":
            return None
        return b"" if into is not None else bytes(kept)


def safe_path(path: str) -> bool:
    """A repository path that may be written under a temporary folder."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def project_of(path: str) -> str | None:
    """``<sprint>/<project>`` for a project's file or attachment, else None."""
    parts = path.split("/")
    if len(parts) < 3 or parts[0] != "submissions" or not is_slug(parts[1]):
        return None
    if len(parts) == 3 and parts[2].endswith(".md") and is_slug(parts[2][:-3]):
        return f"{parts[1]}/{parts[2][:-3]}"
    if len(parts) >= 4 and is_slug(parts[2]) and all(p not in ("", ".", "..") for p in parts[3:]):
        return f"{parts[1]}/{parts[2]}"
    return None
