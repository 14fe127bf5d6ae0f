"""``jam check [PATH...]`` and ``jam check --pr``: the content rules on files, or a pull request's change.

The report is text for people, GitHub workflow commands, or the JSON verdict
(``jamkit.core.verdict``) that the bot reads; a pull request's text report ends with
the verdict's one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jamkit.checks.fixes import apply_fixes, plan_fixes
from jamkit.checks.pull_request.check import Outcome, check_pull_request
from jamkit.checks.run import Checked, check_files, check_repository, relative_paths
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, Progress, parse_now, refused, repository_root, to_stderr
from jamkit.cli.formats import render, to_verdict
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.verdict import sentence, to_json
from jamkit.core.wording import plural
from jamkit.files.edit import EditError
from jamkit.files.git.change import GitError

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


def _fix(root: Path, paths: Sequence[str], out: Out) -> None:
    """Apply the mechanical fixes of what the check finds, and say what changed (the check then runs again).

    A fix can let a file load that did not (a misspelled key), and so reveal more: a few passes take them all.
    """
    answered: dict[str, int] = {}
    for _ in range(FIX_PASSES):
        planned = plan_fixes(root, _found(root, paths).diagnostics)
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
    done = _found(root, paths)
    out(render(done.diagnostics, fmt, done.files))
    return _exit_code(done.diagnostics)


def _found(root: Path, paths: Sequence[str]) -> Checked:
    """What the check finds in the files named, or over everything (then cached), the steps shown on a terminal."""
    with Progress() as progress:
        if paths:
            return check_files(root, relative_paths(root, paths), step=progress.step)
        return check_repository(root, step=progress.step)


def _report_pull_request(outcome: Outcome, fmt: str, out: Out) -> int:
    """The diagnostics as asked, the text ending with the verdict's sentence; the JSON is the whole verdict."""
    verdict = to_verdict(outcome.diagnostics, outcome.checked, outcome.change)
    if fmt == "json":
        out(to_json(verdict))
    else:
        out(render(outcome.diagnostics, fmt, outcome.checked) + "\n" + sentence(verdict))
    return _exit_code(outcome.diagnostics)
