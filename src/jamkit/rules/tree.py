"""The files under ``submissions/`` on disk, judged by the pull-request policy's own file rules.

The build publishes project folders from the working tree, not from git
objects, so it must refuse what a pull request could not bring in: symbolic
links, executables and files that are not allowed attachments. Rather than
say it twice, the tree is read as if every file were added by one change, and
the policy's rules (``regular_files``, ``no_programs``, ``attachment_types``)
judge it, with their codes and their messages.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from jamkit.change import EXECUTABLE, REGULAR, SYMLINK, Change, Entry
from jamkit.diagnostics import Diagnostic
from jamkit.model import Catalog
from jamkit.rules.policy import attachment_types, no_programs, regular_files
from jamkit.rules.pull_request import Limits, PullRequest
from jamkit.sniff import SNIFF

SUBMISSIONS = "submissions"
FILE_RULES = (regular_files, no_programs, attachment_types)
_NO_BLOB = "0" * 40


def tree_entries(root: Path) -> tuple[list[Entry], dict[str, bytes]]:
    """Every file and link under ``submissions/`` as a change would list it, and the first bytes of each.

    Links are never followed (a link's "content" is its target, as git stores
    it); hidden regular files are left out, as the site never publishes them.
    """
    entries: list[Entry] = []
    heads: dict[str, bytes] = {}
    base = root / SUBMISSIONS
    for dirpath, dirnames, filenames in os.walk(base):
        here = Path(dirpath)
        kept = []
        for name in sorted(dirnames + filenames):
            full = here / name
            path = full.relative_to(root).as_posix()
            try:
                info = full.lstat()
            except OSError:
                continue
            if stat.S_ISLNK(info.st_mode):
                mode = SYMLINK
                heads[path] = os.fsencode(os.readlink(full))
            elif stat.S_ISDIR(info.st_mode):
                kept.append(name)
                continue
            elif stat.S_ISREG(info.st_mode):
                if name.startswith("."):
                    continue
                mode = EXECUTABLE if info.st_mode & 0o111 else REGULAR
                heads[path] = _head(full)
            else:
                continue  # sockets, pipes, devices: git cannot hold them and the site never copies them
            entries.append(Entry("A", path, path, "000000", mode, _NO_BLOB, _NO_BLOB))
        dirnames[:] = [d for d in dirnames if d in kept]
    return entries, heads


def _head(full: Path) -> bytes:
    try:
        with full.open("rb") as handle:
            return handle.read(SNIFF)
    except OSError:
        return b""


def check_tree(catalog: Catalog, now: dt.datetime) -> list[Diagnostic]:
    """What the policy's file rules say about every file under ``submissions/`` in ``catalog.root``."""
    root = Path(catalog.root)
    entries, heads = tree_entries(root)
    change = Change(root, "", "", "", tuple(entries))
    pr = PullRequest(
        change=change,
        author=None,
        maintainer=True,  # the rules on files apply to everyone; the rules on people and time are not asked
        now=now,
        limits=Limits(),
        projects={},
        head=catalog,
        base_sprints={},
        heads=heads,
    )
    return sorted(d for rule in FILE_RULES for d in rule(pr))
