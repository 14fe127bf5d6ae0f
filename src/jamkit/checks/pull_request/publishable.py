"""A pull request's files as the site will publish them: nothing on the build's own outputs, and not too much.

A folder ``index.html/`` beside a project's page is a file the build cannot
write: every build of the default branch after the merge would stop. Where each
file lands and what the build writes come from one table
(``jamkit.files.outputs``); these rules only compare. The limits on how much a
project and a pull request may hold come from the base branch's ``[tool.jamkit]``
(``jamkit.checks.pull_request.request.Limits``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jamkit.checks.pull_request.request import PullRequest
from jamkit.checks.registry import policy_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Position
from jamkit.core.wording import shown, size
from jamkit.files.outputs import clash, path_key, published_at

TOP = Position(1, 1)
_LONG = 200  # characters of a path shown in a message
_RENAME = "rename it, for example the folder index.html/ to figures/, and update the links to it"


# --------------------------------------------------------------------------- names


def _published_names(paths: Iterable[str], seen: dict[str, tuple[str, str]]) -> None:
    """Every published folder and file of ``paths`` by its key: the first path to take a key keeps it."""
    for path in paths:
        site = published_at(path)
        if site is None:
            continue
        parts = site.split("/")
        for depth in range(1, len(parts) + 1):
            prefix = "/".join(parts[:depth])
            seen.setdefault(path_key(prefix), (prefix, path))


def _twin(path: str, site: str, seen: dict[str, tuple[str, str]]) -> str | None:
    """Another path published as ``site`` (``docs/a.md`` and ``docs/a/index.md``), or as a name that differs from
    it only in case, normalisation or trailing dots."""
    parts = site.split("/")
    for depth in range(1, len(parts) + 1):
        prefix = "/".join(parts[:depth])
        other = seen.get(path_key(prefix))
        if other is not None and (other[0] != prefix or (depth == len(parts) and other[1] != path)):
            return other[1]
    return None


@policy_rule
def reserved_names(pr: PullRequest) -> Iterator[Diagnostic]:
    """No file lands on, or under, what the build writes, nor on another file's name but for case."""
    changed = [e.path for e in pr.change.in_head()]
    seen: dict[str, tuple[str, str]] = {}
    _published_names(sorted({f.path for p in pr.projects.values() for f in p.files} - set(changed)), seen)
    _published_names(sorted(changed), seen)  # files already there keep their names; the newcomer is refused
    for path in changed:
        site = published_at(path)
        if site is None:
            continue
        taken = clash(site)
        if taken is not None:
            yield codes.PR_RESERVED_NAME.at(
                path,
                TOP,
                f"{shown(path, _LONG)} would be published as {shown(site, _LONG)}, on {taken}: "
                "the build cannot write both",
                _RENAME,
            )
            continue
        twin = _twin(path, site, seen)
        if twin is not None:
            yield codes.PR_RESERVED_NAME.at(
                path,
                TOP,
                f"{shown(path, _LONG)} and {shown(twin, _LONG)} would be published as one file (their names differ "
                "at most in case, Unicode form or trailing dots and spaces, as macOS, Windows and many servers "
                "compare names)",
                "give one of them another name, and update the links to it",
            )


# --------------------------------------------------------------------------- how much


def _over(count: int, limit: int) -> str:
    return f"{count - limit} over"


@policy_rule
def project_files(pr: PullRequest) -> Iterator[Diagnostic]:
    """A project's folder holds at most ``max_project_files`` files."""
    limit = pr.limits.project_files
    for project in pr.projects.values():
        count = sum(1 for f in project.files if f.path != project.md)
        if count > limit:
            yield codes.PR_PROJECT_FILES.at(
                pr.anchor(project.ref),
                TOP,
                f"the folder of {project.ref} holds {count} files; a project may hold at most {limit} "
                f"({_over(count, limit)})",
                "keep the report and the figures the page shows; link the rest with https URLs under `links:`",
            )


def _anchor(pr: PullRequest) -> str:
    """Where a diagnostic about the whole pull request points: its project's file, else its first path."""
    return pr.anchor(min(pr.projects)) if pr.projects else (pr.change.paths or ["."])[0]


@policy_rule
def pull_request_files(pr: PullRequest) -> Iterator[Diagnostic]:
    """A team's pull request adds or changes at most ``max_pr_files`` files."""
    count, limit = len(pr.change.in_head()), pr.limits.pr_files
    if pr.maintainer or count <= limit:
        return
    yield codes.PR_TOO_MANY_FILES.at(
        _anchor(pr),
        TOP,
        f"this pull request adds or changes {count} files; a pull request may change at most {limit} "
        f"({_over(count, limit)})",
        "take out the files the project does not need, or link them with https URLs",
    )


@policy_rule
def pull_request_size(pr: PullRequest) -> Iterator[Diagnostic]:
    """The files a team's pull request adds or changes take at most ``max_pr_mb`` together."""
    total = sum(pr.sizes.get(e.path, 0) for e in pr.change.in_head())
    limit = pr.limits.pr_bytes
    if pr.maintainer or total <= limit:
        return
    yield codes.PR_TOO_BIG.at(
        _anchor(pr),
        TOP,
        f"the files this pull request adds or changes take {size(total)}; a pull request may take at most "
        f"{size(limit)} ({size(total - limit)} over)",
        "compress the PDF and images, or link large files with https URLs",
    )
