"""``jam upgrade``: the files jamkit owns brought to the installed jamkit's, by copier's three-way update.

The update runs in a scratch clone of the programme's last commit, so nothing
is written until it is known to be clean: the programme's own edits to a file
jamkit owns are kept where they do not overlap jamkit's changes, and where they
do the upgrade is refused, naming the files. Content (``sprints/`` and the
other content folders) is excluded by the template itself, and the files the
programme owns after ``jam init`` (``mkdocs.yml``, ``README.md``, ``docs/``,
``CODEOWNERS``) are skipped. ``--check`` also names every jamkit-owned file that
differs from what jamkit wrote, such as a workflow edited by hand.
"""

from __future__ import annotations

import filecmp
import fnmatch
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import copier
import yaml
from copier.errors import CopierError

from jamkit import __version__
from jamkit.files.git.change import GitError, git
from jamkit.files.layout import CONTENT_DIRS
from jamkit.upkeep.programme.answers import ANSWERS_FILE, SOURCE, Answers, ProgrammeError, read_answers
from jamkit.upkeep.programme.init import render
from jamkit.upkeep.programme.source import IDENTITY, TEMPLATE, released_template, tag, template_repository

CONFLICT = "<<<<<<< "


@dataclass(frozen=True)
class Upgrade:
    """What an upgrade from ``old`` to ``new`` changes (``diff``), and the jamkit-owned files edited by hand."""

    old: str
    new: str
    diff: str  # a unified diff of every file the upgrade writes or deletes, empty when nothing changes
    changed: tuple[str, ...]
    edited: tuple[str, ...]  # jamkit-owned files that differ from what jamkit `old` wrote
    conflicts: tuple[str, ...] = ()  # files where those edits overlap jamkit's changes: an upgrade is refused

    @property
    def out_of_date(self) -> bool:
        return bool(self.changed)


def _answers(recorded: Mapping[str, Any]) -> Answers:
    return Answers(*(str(recorded.get(key, "")) for key in ("name", "organisation", "repo", "language")))


def _owned(rendered: Path, template: Path) -> list[str]:
    """The files of a fresh render that jamkit owns: not skipped after init, not the answers file."""
    settings = yaml.safe_load((template / "copier.yml").read_text(encoding="utf-8"))
    skipped = [str(p).rstrip("/") for p in settings.get("_skip_if_exists", [])]
    files = [str(p.relative_to(rendered)) for p in rendered.rglob("*") if p.is_file() and ".git" not in p.parts]
    return sorted(
        f
        for f in files
        if f != ANSWERS_FILE and not any(fnmatch.fnmatch(f, s) or f.startswith(f"{s}/") for s in skipped)
    )


def _edited(root: Path, repository: Path, version: str, recorded: Mapping[str, Any], template: Path) -> list[str]:
    """Jamkit-owned files that differ from what jamkit ``version`` wrote with the programme's answers."""
    with tempfile.TemporaryDirectory(prefix="jamkit-render-") as scratch:
        rendered = Path(scratch)
        render(repository, version, _answers(recorded), rendered)
        return [
            f
            for f in _owned(rendered, template)
            if not (root / f).is_file() or not filecmp.cmp(root / f, rendered / f, shallow=False)
        ]


def _refuse_uncommitted(root: Path) -> None:
    try:
        status = git(root, "status", "--porcelain", "--untracked-files=no").decode("utf-8", "replace")
        git(root, "rev-parse", "--verify", "-q", "HEAD")
    except GitError:
        raise ProgrammeError(
            f"{root} is not a git repository with a commit; jam upgrade merges into the last commit, so run "
            "git add -A && git commit -m 'Start the programme' first"
        ) from None
    changed = [line[3:] for line in status.splitlines() if line[3:].split("/", 1)[0] not in CONTENT_DIRS]
    if changed:
        raise ProgrammeError(
            f"uncommitted changes to {', '.join(changed)}; jam upgrade merges into the last commit, "
            "so commit or stash them first (git stash), then run jam upgrade again"
        )


def _update(clone: Path, repository: Path, new: str) -> None:
    """Copier's update of the scratch clone to ``new``, its answers pointing at the scratch template repository."""
    answers = clone / ANSWERS_FILE
    answers.write_text(
        answers.read_text(encoding="utf-8").replace(f"_src_path: {SOURCE}", f"_src_path: {repository}"),
        encoding="utf-8",
    )
    git(clone, "add", "-A")
    git(clone, *IDENTITY, "commit", "-q", "--allow-empty", "-m", "template from scratch")
    try:
        copier.run_update(
            clone, vcs_ref=tag(new), defaults=True, overwrite=True, quiet=True, conflict="inline", skip_answered=True
        )
    except CopierError as err:
        raise ProgrammeError(f"the update to jamkit {new} failed: {' '.join(str(err).split())}") from None
    answers.write_text(
        answers.read_text(encoding="utf-8").replace(f"_src_path: {repository}", f"_src_path: {SOURCE}"),
        encoding="utf-8",
    )


def _changes(clone: Path, base: str) -> tuple[list[str], str]:
    git(clone, "add", "-A")
    names = git(clone, "diff", "--cached", "--name-only", base).decode("utf-8").split()
    diff = git(clone, "diff", "--cached", "--no-color", base).decode("utf-8", "replace")
    return names, diff


def _conflicts(clone: Path, changed: list[str]) -> list[str]:
    found = []
    for name in changed:
        path = clone / name
        if name.endswith(".rej") or (path.is_file() and CONFLICT in path.read_text(encoding="utf-8", errors="replace")):
            found.append(name.removesuffix(".rej"))
    return found


def _templates(old: str, new: str, given: Mapping[str, Path] | None, scratch: Path) -> dict[str, Path]:
    templates = dict(given or {})
    templates.setdefault(new, TEMPLATE)
    if old not in templates:
        templates[old] = released_template(old, scratch / "released")
    return {old: templates[old], new: templates[new]}


def upgrade(
    root: Path, *, write: bool, version: str = __version__, templates: Mapping[str, Path] | None = None
) -> Upgrade:
    """Plan (and with ``write``, make) the upgrade of the programme at ``root`` to jamkit ``version``.

    ``templates`` maps versions to template folders (the installed one by default; others from their wheels).
    """
    recorded = read_answers(root)
    old = str(recorded["_commit"]).removeprefix("v")
    with tempfile.TemporaryDirectory(prefix="jamkit-upgrade-") as scratch_name:
        scratch = Path(scratch_name)
        chosen = _templates(old, version, templates, scratch)
        repository = template_repository(chosen, scratch / "template")
        edited = _edited(root, repository, old, recorded, chosen[old])
        if old == version:
            return Upgrade(old, version, "", (), tuple(edited))
        if write:
            _refuse_uncommitted(root)
        clone = _clone(root, scratch / "programme", committed=write)
        base = git(clone, "rev-parse", "HEAD").decode().strip()
        _update(clone, repository, version)
        changed, diff = _changes(clone, base)
        conflicts = tuple(_conflicts(clone, changed))
        if conflicts and write:
            raise ProgrammeError(
                f"your edits to {', '.join(conflicts)} overlap jamkit {version}'s changes there; nothing was written. "
                "jam upgrade --check shows where (<<<<<<< marks them); take your edit out of those files, commit, "
                "run jam upgrade, then make your edit again"
            )
        if write:
            _copy_back(clone, root, changed)
        return Upgrade(old, version, diff, tuple(changed), tuple(edited), conflicts)


def _clone(root: Path, into: Path, *, committed: bool) -> Path:
    """A scratch copy to update: the last commit (to write, so the update merges into what is in git),
    else the files as they are (``--check``, which also works on a folder that is not a git repository)."""
    if committed:
        git(root.parent, "clone", "-q", "--no-hardlinks", str(root), str(into))
        return into
    shutil.copytree(root, into, ignore=shutil.ignore_patterns(".git", *CONTENT_DIRS, "site", ".cache", ".venv"))
    git(into, "init", "-q", "-b", "main")
    git(into, "add", "-A")
    git(into, *IDENTITY, "commit", "-q", "-m", "programme")
    return into


def _copy_back(clone: Path, root: Path, changed: list[str]) -> None:
    for name in changed:
        source, target = clone / name, root / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        elif target.is_file():
            target.unlink()
