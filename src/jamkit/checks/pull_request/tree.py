"""The files under ``submissions/`` on disk, judged by the pull-request policy's own file rules.

The build publishes project folders from the working tree, not from git
objects, so it must refuse what a pull request could not bring in: symbolic
links, executables and files that are not allowed attachments. Rather than
say it twice, the tree is read as if every file were added by one change, and
the policy's rules (``regular_files``, ``no_programs``, ``attachment_types``)
judge it, with their codes and their messages.

``jam check`` applies the same rules, sizes included, to the project folders
of the files it checks (``check_attachments``): what the pull request would
refuse, the local check refuses first. Over the whole repository it also
looks for names the build writes in every published folder (``check_outputs``),
which the build itself leaves out with a warning.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from jamkit.checks.pull_request.policy import (
    attachment_types,
    attachments_have_project,
    file_sizes,
    no_programs,
    project_size,
    regular_files,
)
from jamkit.checks.pull_request.publishable import project_files, reserved_names
from jamkit.checks.pull_request.request import Limits, Project, PullRequest, read_limits
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Catalog
from jamkit.core.wording import MB
from jamkit.files.git.change import EXECUTABLE, REGULAR, SYMLINK, Change, Entry, TreeFile, project_of
from jamkit.files.layout import project_folder, submission_file
from jamkit.files.outputs import DOCS
from jamkit.files.sniff import SNIFF

SUBMISSIONS = "submissions"
FILE_RULES = (regular_files, no_programs, attachment_types)
ATTACHMENT_RULES = (*FILE_RULES, file_sizes, project_size, project_files, attachments_have_project, reserved_names)
PUBLISHED = (SUBMISSIONS, "sprints", DOCS.rstrip("/"))  # the folders whose files the build copies into the site
_NO_BLOB = "0" * 40


def tree_entries(root: Path, under: str = SUBMISSIONS) -> tuple[list[Entry], dict[str, bytes]]:
    """Every file and link under ``under`` as a change would list it, and the first bytes of each.

    Links are never followed (a link's "content" is its target, as git stores
    it); hidden regular files are left out, as the site never publishes them.
    """
    entries: list[Entry] = []
    heads: dict[str, bytes] = {}
    base = root / under
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


def check_outputs(catalog: Catalog, folders: Iterable[str] = PUBLISHED) -> list[Diagnostic]:
    """JAM316 over the published ``folders``: by default project and sprint folders, and ``docs/``."""
    root = Path(catalog.root)
    entries: list[Entry] = []
    for under in folders:
        entries += tree_entries(root, under)[0]
    pr = PullRequest(
        change=Change(root, "", "", "", tuple(entries)),
        author=None,
        maintainer=True,
        now=dt.datetime.now(dt.UTC),
        limits=Limits(),
        projects={},
        head=catalog,
        base_sprints={},
    )
    return sorted(reserved_names(pr))


def check_attachments(catalog: Catalog, refs: Iterable[str] | None = None) -> list[Diagnostic]:
    """The pull-request policy's rules on files, sizes included, over the folders of ``refs`` (default: all).

    ``jam check`` calls it so that a local check refuses what the pull request would.
    """
    root = Path(catalog.root)
    entries: list[Entry] = []
    heads: dict[str, bytes] = {}
    for under in [project_folder(ref) for ref in sorted(set(refs))] if refs is not None else [SUBMISSIONS]:
        found, first_bytes = tree_entries(root, under)
        entries += [e for e in found if project_of(e.path) is not None]
        heads |= first_bytes
    by_project: dict[str, list[TreeFile]] = {}  # grouped in one pass: one scan per project is quadratic
    for e in entries:
        if (ref := project_of(e.path)) is not None:
            files = by_project.setdefault(ref, [])
            if e.path.startswith(project_folder(ref) + "/"):
                files.append(TreeFile(e.path, e.new_mode, _NO_BLOB, _size(root / e.path)))
    projects = {}
    for ref in sorted(by_project):
        md = submission_file(ref)
        projects[ref] = Project(ref, md, None, None, None, True, (root / md).is_file(), tuple(by_project[ref]))
    config = root / "pyproject.toml"
    text = config.read_bytes()[:MB] if config.is_file() else None
    pr = PullRequest(
        change=Change(root, "", "", "", tuple(entries)),
        author=None,
        maintainer=True,  # the rules on files apply to everyone; the rules on people and time are not asked
        now=dt.datetime.now(dt.UTC),
        limits=read_limits(text, None),
        projects=projects,
        head=catalog,
        base_sprints={},
        heads=heads,
    )
    return sorted(d for rule in ATTACHMENT_RULES for d in rule(pr))


def _size(full: Path) -> int:
    try:
        return full.lstat().st_size
    except OSError:
        return 0
