"""``jam init``: a complete programme repository in an empty folder, rendered from the template by copier.

The folder gets the configuration, the workflows, the templates, the guides and
the pinned jamkit, and ``git init``; with ``example`` also a finished example
sprint and project. The answers file names the package as the template's source
(not the temporary repository copier read it from), so ``jam upgrade`` can
rebuild the template wherever it runs.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import copier
import yaml
from copier.errors import CopierError

from jamkit import __version__
from jamkit.files.git.change import GitError, git
from jamkit.upkeep.programme.answers import ANSWERS_FILE, SOURCE, Answers, ProgrammeError
from jamkit.upkeep.programme.source import TEMPLATE, tag, template_repository

EXAMPLE = Path(str(resources.files("jamkit.upkeep.programme") / "example"))


@dataclass(frozen=True)
class Made:
    """What ``jam init`` wrote: the folder and its files, relative to it."""

    root: Path
    files: tuple[str, ...]
    git: bool  # whether the folder is now a git repository


def check_folder(folder: Path) -> None:
    """A programme goes into a folder that does not exist or is empty; anything else is refused."""
    if folder.exists() and not folder.is_dir():
        raise ProgrammeError(f"{folder} is a file; give a new folder, e.g. jam init my-sprints")
    if folder.is_dir() and any(folder.iterdir()):
        raise ProgrammeError(
            f"{folder} is not empty; jam init writes a whole repository, so give a new or empty folder "
            "(to bring an existing programme up to date, run jam upgrade inside it)"
        )


def render(repository: Path, version: str, answers: Answers, into: Path) -> None:
    """The template at ``version`` rendered with ``answers`` into ``into`` (copier, no questions)."""
    try:
        copier.run_copy(
            str(repository), into, data=answers.data(), vcs_ref=tag(version), defaults=True, quiet=True, overwrite=True
        )
    except CopierError as err:
        message = " ".join(str(err).split())
        raise ProgrammeError(f"the template of jamkit {version} cannot be rendered: {message}") from None


def name_the_source(root: Path) -> None:
    """The answers file names the package, not the temporary repository copier read the template from."""
    path = root / ANSWERS_FILE
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    old = f"_src_path: {data['_src_path']}"
    path.write_text(text.replace(old, f"_src_path: {SOURCE}"), encoding="utf-8")


def _empty(folder: Path, *, remove: bool) -> None:
    if remove:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for entry in folder.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def make_programme(
    folder: Path, answers: Answers, *, example: bool = False, version: str = __version__, template: Path = TEMPLATE
) -> Made:
    """Write a new programme repository into ``folder`` (absent or empty) and return what was written."""
    check_folder(folder)
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="jamkit-template-") as scratch:
            render(template_repository({version: template}, Path(scratch)), version, answers, folder)
        name_the_source(folder)
        if example:
            shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    except BaseException:  # half a programme is worse than none: the folder is left as it was found
        _empty(folder, remove=created)
        raise
    files = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))
    try:
        git(folder, "init", "-q", "-b", "main")
        made_git = True
    except GitError:
        made_git = False
    return Made(folder, files, made_git)
