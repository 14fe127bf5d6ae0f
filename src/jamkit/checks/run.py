"""Checking files or the whole repository, as one call: what ``jam check`` prints and ``jam award`` relies on.

Loading, the content rules, the attachment and tree rules and, over the whole
repository, the cached answer of ``jamkit.checks.answers``, with a plain result
back and nothing printed. Given only some paths, the catalog still loads what
their cross-file rules read (``load_catalog``), and only the paths' own
diagnostics are kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from jamkit.checks import check
from jamkit.checks.answers import (
    answer_key,
    bodies_ahead,
    bodies_of,
    fingerprint,
    load_answer,
    prime_bodies,
    save_answer,
)
from jamkit.checks.pull_request.tree import PUBLISHED, SUBMISSIONS, check_attachments, check_outputs
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.model import Catalog
from jamkit.core.wording import plural
from jamkit.files.git.change import project_of
from jamkit.files.layout import discover, kind_of, project_folder, submission_file
from jamkit.files.load import load_catalog
from jamkit.infra.cache import Shelf, Store

Step = Callable[[str], None]


def quiet(_: str) -> None:
    """Where nobody watches the steps of a check."""


@dataclass(frozen=True)
class Checked:
    """What a check found and in how many files; the catalog it loaded, unless the answer came from the cache."""

    diagnostics: list[Diagnostic]
    files: int
    catalog: Catalog | None = None

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.diagnostics)


def relative_paths(root: Path, paths: Sequence[str]) -> list[str]:
    """Repository-relative posix paths for the files named (folders expand to every file in them).

    A ``UsageError`` for a path that does not exist or lies outside the repository.
    """
    result: list[str] = []
    for given in paths:
        full = Path(given).absolute()
        if not full.exists() and not full.is_symlink():
            raise UsageError(f"{given}: no such file or folder")
        try:
            rel = full.parent.resolve().joinpath(full.name).relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"{given}: not inside the repository {root}") from None
        if full.is_dir() and not full.is_symlink():
            prefix = "" if rel in (Path("."), Path("")) else f"{rel.as_posix()}/"
            result += [p for p in discover(root)[0] if p.startswith(prefix)]
            result += attachments_under(root, rel.as_posix() if prefix else "")
        else:
            result.append(rel.as_posix())
    return sorted(set(result))


def attachments_under(root: Path, folder: str) -> list[str]:
    """The files of project folders at or under ``folder``, so that checking a folder checks its attachments."""
    found = []
    for path in Path(root, folder or ".").rglob("*"):
        rel = path.relative_to(root).as_posix()
        if (path.is_file() or path.is_symlink()) and project_of(rel) and not kind_of(rel):
            found.append(rel)
    return found


def check_repository(root: Path, step: Step = quiet) -> Checked:
    """Every rule over everything; the cached answer when nothing changed since it was kept.

    The answer is kept only when the repository's fingerprint is the same
    after the check as before it, so a file edited meanwhile is never
    answered for with what the check read before the edit.
    """
    store = Store.at(root, "checked")
    step("jam check: reading the repository…")
    before = fingerprint(root) if store is not None else None
    if store is None or before is None:
        return check_files(root, None, step=step)
    cached = load_answer(store, answer_key(before))
    if cached is not None:
        return Checked(*cached)
    done = check_files(root, None, step=step)
    step("jam check: keeping the answer in .cache/jamkit for the next check…")
    if fingerprint(root) == before:
        save_answer(store, answer_key(before), done.diagnostics, done.files)
        store.prune()
    return done


def check_files(root: Path, named: Sequence[str] | None, *, attachments: bool = True, step: Step = quiet) -> Checked:
    """Every content rule on the repository-relative files ``named`` (None: every file), never cached.

    With ``attachments``, the pull request's rules on the files of the named
    projects' folders too: a project's file stands for its folder, an
    attachment named alone for itself.
    """
    refs = None if named is None else sorted({ref for p in named if (ref := project_of(p))})
    only = None if named is None else sorted({*named, *(submission_file(ref) for ref in refs or [])})
    catalog, found = _loaded(root, only, step)
    step(f"jam check: the rules on {plural(len(catalog.present), 'file')}…")
    found += check(catalog, processes=None if named is None else 1)  # over everything: on every core
    attached: set[str] = set()
    if attachments:
        step("jam check: the attachments…")
        found += check_attachments(catalog, refs)
        if named is None:  # sprint folders and docs/ are published too: no name there may be the build's
            found += check_outputs(catalog, [folder for folder in PUBLISHED if folder != SUBMISSIONS])
        attached = _attached(root, named, refs)
    if only is not None:
        wanted = set(only) | attached
        found = [d for d in found if d.path in wanted]
    else:
        wanted = set(catalog.present) | attached
    return Checked(sorted(set(found)), len(wanted), catalog)


def _attached(root: Path, named: Sequence[str] | None, refs: list[str] | None) -> set[str]:
    """The attachments checked: a named project's file stands for its folder; None named stands for every folder."""
    if named is None or refs is None:
        return set(attachments_under(root, "submissions"))
    whole = [ref for ref in refs if submission_file(ref) in named]
    return {p for ref in whole for p in attachments_under(root, project_folder(ref))}


def _loaded(root: Path, only: list[str] | None, step: Step) -> tuple[Catalog, list[Diagnostic]]:
    """The catalog of the files ``only`` (None: all); over all, every body rendered too, from the cache or anew."""
    bodies = Shelf.at(root, "bodies") if only is None else None
    # Over everything, every body: from the cache, or rendered on every core, a copy starting while the files load.
    with bodies_ahead(root, bodies) if only is None else nullcontext() as early:
        step("jam check: loading the files…")
        catalog, found = load_catalog(root, [p for p in only if kind_of(p)] if only is not None else None)
        if only is None:
            step(f"jam check: rendering {plural(len(bodies_of(catalog)), 'body', 'bodies')}…")
            prime_bodies(bodies_of(catalog), bodies, early=early)
    if bodies is not None:
        bodies.close(complete=True)
    return catalog, found
