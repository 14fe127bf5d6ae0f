"""``jam check [PATH...]`` and ``jam check --pr``: the content rules on files, or a pull request's change.

The report is text for people, GitHub workflow commands, or the JSON verdict
(``jamkit.core.verdict``) that the bot reads; a pull request's text report ends with
the verdict's one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
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
from jamkit.checks.fixes import apply_fixes, plan_fixes
from jamkit.checks.pull_request.check import Outcome, check_pull_request
from jamkit.checks.pull_request.tree import check_attachments
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, Progress, parse_now, refused, repository_root, to_stderr
from jamkit.cli.formats import render, to_verdict
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.verdict import sentence, to_json
from jamkit.core.wording import plural
from jamkit.files.edit import EditError
from jamkit.files.git.change import GitError, project_of
from jamkit.files.layout import discover, kind_of, project_folder, submission_file
from jamkit.files.load import load_catalog
from jamkit.infra.cache import Shelf, Store

FIX_PASSES = 3


def run(
    root: str | None,
    paths: Sequence[str],
    fmt: str = "text",
    *,
    pr: bool = False,
    base: str | None = None,
    head: str | None = None,
    author: str | None = None,
    maintainer: bool = False,
    now: str | None = None,
    grace: float | None = None,
    fix: bool = False,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Check the files named (default: everything), or with ``pr`` the change ``base...head``."""
    try:
        if not (pr or base or head or author or maintainer or now or grace is not None):
            where = repository_root(root)
            if fix:
                _fix(where, paths, out)
            return _files(where, paths, fmt, out)
        if fix:
            raise UsageError("--fix edits files; it does not go with --pr (fix the files, then check the change)")
        if not pr:
            raise UsageError("--base, --head, --author, --maintainer, --now and --grace need --pr")
        if not base:
            raise UsageError("--pr needs --base REF, the branch the pull request goes into (e.g. --base origin/main)")
        if paths:
            raise UsageError("--pr checks the change BASE...HEAD; do not name files as well")
        if grace is not None and grace < 0:
            raise UsageError("--grace must be 0 or more hours")
        where, moment = repository_root(root), parse_now(now)
        try:
            outcome = check_pull_request(
                where, base, head or "HEAD", author=author, maintainer=maintainer, now=moment, grace=grace
            )
        except GitError as error:
            raise UsageError(str(error)) from None
        return _report_pull_request(outcome, fmt, out)
    except UsageError as error:
        return refused("check", error, err)


def _exit_code(found: Sequence[Diagnostic]) -> int:
    return CONTENT_ERRORS if any(d.severity == "error" for d in found) else OK


def relative_paths(root: Path, paths: Sequence[str]) -> list[str]:
    """Repository-relative posix paths for the files named (folders expand to every file in them)."""
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
            result += _attachments_under(root, rel.as_posix() if prefix else "")
        else:
            result.append(rel.as_posix())
    return sorted(set(result))


def _attachments_under(root: Path, folder: str) -> list[str]:
    """The files of project folders at or under ``folder``, so that checking a folder checks its attachments."""
    found = []
    for path in Path(root, folder or ".").rglob("*"):
        rel = path.relative_to(root).as_posix()
        if (path.is_file() or path.is_symlink()) and project_of(rel) and not kind_of(rel):
            found.append(rel)
    return found


def _fix(root: Path, paths: Sequence[str], out: Out) -> None:
    """Apply the mechanical fixes of what the check finds, and say what changed (the check then runs again).

    A fix can let a file load that did not (a misspelled key), and so reveal more: a few passes take them all.
    """
    answered: dict[str, int] = {}
    for _ in range(FIX_PASSES):
        planned = plan_fixes(root, _found(root, paths)[0])
        try:
            apply_fixes(root, planned)
        except EditError as error:
            raise UsageError(str(error)) from None
        for fixed in planned:
            answered[fixed.edit.path] = answered.get(fixed.edit.path, 0) + len(fixed.answered)
            out(fixed.edit.diff())
        if not planned:
            break
    for path, count in sorted(answered.items()):
        out(f"Fixed {plural(count, 'problem')} in {path}.")
    if not answered:
        out("Nothing to fix mechanically.")


def _files(root: Path, paths: Sequence[str], fmt: str, out: Out) -> int:
    found, checked = _found(root, paths)
    out(render(found, fmt, checked))
    return _exit_code(found)


def _found(root: Path, paths: Sequence[str]) -> tuple[list[Diagnostic], int]:
    """What the check finds, and how many files it checked; over everything, the cached answer when nothing changed.

    The answer is kept only when the repository's fingerprint is the same
    after the check as before it, so a file edited meanwhile is never
    answered for with what the check read before the edit.
    """
    with Progress() as progress:
        if paths:
            return _checked(root, paths, progress)
        store = Store.at(root, "checked")
        progress.step("jam check: reading the repository…")
        before = fingerprint(root) if store is not None else None
        if store is None or before is None:
            return _checked(root, paths, progress)
        cached = load_answer(store, answer_key(before))
        if cached is not None:
            return cached
        found, checked = _checked(root, paths, progress)
        progress.step("jam check: keeping the answer in .cache/jamkit for the next check…")
        if fingerprint(root) == before:
            save_answer(store, answer_key(before), found, checked)
            store.prune()
        return found, checked


def _checked(root: Path, paths: Sequence[str], progress: Progress) -> tuple[list[Diagnostic], int]:
    """Every content rule on the files named, and the pull request's rules on files on their projects' folders."""
    named = relative_paths(root, paths) if paths else None
    refs = None if named is None else sorted({ref for p in named if (ref := project_of(p))})
    only = None if named is None else sorted({*named, *(submission_file(ref) for ref in refs or [])})
    bodies = Shelf.at(root, "bodies") if named is None else None
    # Over everything, every body: from the cache, or rendered on every core, a copy starting while the files load.
    with bodies_ahead(root, bodies) if named is None else nullcontext() as early:
        progress.step("jam check: loading the files…")
        catalog, found = load_catalog(root, [p for p in only if kind_of(p)] if only is not None else None)
        if named is None:
            progress.step(f"jam check: rendering {plural(len(bodies_of(catalog)), 'body', 'bodies')}…")
            prime_bodies(bodies_of(catalog), bodies, early=early)
    if bodies is not None:
        bodies.close(complete=True)
    progress.step(f"jam check: the rules on {plural(len(catalog.present), 'file')}…")
    found += check(catalog, processes=None if named is None else 1)  # over everything: on every core
    progress.step("jam check: the attachments…")
    found += check_attachments(catalog, refs)
    # A project's file stands for its folder too; an attachment named alone stands for itself.
    whole = [ref for ref in refs if submission_file(ref) in named] if refs is not None and named is not None else None
    folders = [project_folder(ref) for ref in whole] if whole is not None else ["submissions"]
    attachments = {p for folder in folders for p in _attachments_under(root, folder)}
    if only is not None:
        wanted = set(only) | attachments
        found = [d for d in found if d.path in wanted]
    else:
        wanted = set(catalog.present) | attachments
    return sorted(set(found)), len(wanted)


def _report_pull_request(outcome: Outcome, fmt: str, out: Out) -> int:
    """The diagnostics as asked, the text ending with the verdict's sentence; the JSON is the whole verdict."""
    verdict = to_verdict(outcome.diagnostics, outcome.checked, outcome.change)
    if fmt == "json":
        out(to_json(verdict))
    else:
        out(render(outcome.diagnostics, fmt, outcome.checked) + "\n" + sentence(verdict))
    return _exit_code(outcome.diagnostics)
