"""``jam check [PATH...]`` and ``jam check --pr``: the content rules on files, or a pull request's change.

The report is text for people, GitHub workflow commands, or the JSON verdict
(``jamkit.verdict``) that the bot reads; a pull request's text report ends with
the verdict's one sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from jamkit.change import GitError
from jamkit.commands import CONTENT_ERRORS, OK, Out, parse_now, refused, repository_root, to_stderr
from jamkit.diagnostics import Diagnostic
from jamkit.errors import UsageError
from jamkit.formats import render, to_verdict
from jamkit.layout import discover
from jamkit.load import load_catalog
from jamkit.pr_check import Outcome, check_pull_request
from jamkit.rules import check
from jamkit.verdict import sentence, to_json


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
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Check the files named (default: everything), or with ``pr`` the change ``base...head``."""
    try:
        if not (pr or base or head or author or maintainer or now or grace is not None):
            return _files(repository_root(root), paths, fmt, out)
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
    """Repository-relative posix paths for the files named (folders expand)."""
    result: list[str] = []
    for given in paths:
        full = Path(given).resolve()
        if not full.exists():
            raise UsageError(f"{given}: no such file or folder")
        try:
            rel = full.relative_to(root.resolve())
        except ValueError:
            raise UsageError(f"{given}: not inside the repository {root}") from None
        if full.is_dir():
            prefix = "" if rel == Path(".") else f"{rel.as_posix()}/"
            result += [p for p in discover(root)[0] if p.startswith(prefix)]
        else:
            result.append(rel.as_posix())
    return result


def _files(root: Path, paths: Sequence[str], fmt: str, out: Out) -> int:
    only = relative_paths(root, paths) if paths else None
    catalog, found = load_catalog(root, only)
    found += check(catalog)
    if only is not None:
        wanted = set(only)
        found = [d for d in found if d.path in wanted]
    checked = len(only) if only is not None else len(catalog.present)
    out(render(found, fmt, checked))
    return _exit_code(found)


def _report_pull_request(outcome: Outcome, fmt: str, out: Out) -> int:
    """The diagnostics as asked, the text ending with the verdict's sentence; the JSON is the whole verdict."""
    verdict = to_verdict(outcome.diagnostics, outcome.checked, outcome.change)
    if fmt == "json":
        out(to_json(verdict))
    else:
        out(render(outcome.diagnostics, fmt, outcome.checked) + "\n" + sentence(verdict))
    return _exit_code(outcome.diagnostics)
