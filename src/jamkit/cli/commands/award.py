"""``jam award SPRINT [--write] [--method M] [--pool|--no-pool] [--mention PROJECT]... [--details]``: rank, propose.

The proposal and when ``--write`` may write it come from ``jamkit.judging.proposal``;
this module checks the files they are computed from first (the sprint, its
projects, reviews and assignments, with ``jamkit.checks.run``), prints the ranking
(``jamkit.cli.award_report``), and writes the awards only with ``--write``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from jamkit.checks.run import check_files
from jamkit.cli.award_report import awards_diff
from jamkit.cli.award_report import report as ranking_report
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, parse_now, refused, repository_root, to_stderr
from jamkit.cli.formats import render
from jamkit.core.errors import UsageError
from jamkit.core.wording import plural, printable, shown
from jamkit.files import edit
from jamkit.judging.awards import DEFAULT_PLACES, METHODS, POOL, Method, awards_yaml
from jamkit.judging.proposal import (
    Proposal,
    Refusal,
    content_paths,
    earlier_ratings,
    listed,
    propose_awards,
    unknown_sprint,
    write_awards,
)

__all__ = ["METHODS", "run"]


def run(
    root: str | None,
    sprint: str,
    *,
    write: bool = False,
    force: bool = False,
    method: str = "adjusted",
    pool: bool = POOL,
    mentions: Sequence[str] = (),
    now: str | None = None,
    details: bool = False,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print the ranking and the proposed awards; with ``write``, write them into the sprint's file."""
    try:
        if method not in METHODS:
            raise UsageError(f"--method {shown(method)}: use one of {', '.join(METHODS)}")
        chosen: Method = "mean" if method == "mean" else "adjusted"
        return award(
            repository_root(root),
            sprint,
            write=write,
            force=force,
            method=chosen,
            pool=pool,
            mentions=mentions,
            now=parse_now(now),
            out=out,
            details=details,
        )
    except UsageError as error:
        return refused("award", error, err)


def award(
    root: Path,
    slug: str,
    *,
    write: bool,
    force: bool,
    now: dt.datetime | None,
    out: Out,
    method: Method = "adjusted",
    pool: bool = POOL,
    mentions: Sequence[str] = (),
    details: bool = False,
) -> int:
    """The command itself; a ``UsageError`` when the sprint is unknown or the awards cannot be written yet."""
    unknown = unknown_sprint(root, slug)
    if unknown is not None:
        raise UsageError(unknown.reason)
    paths = [p for p in content_paths(root, slug) if (root / p).is_file()]
    checked = check_files(root, paths, attachments=False)
    if checked.has_errors or checked.catalog is None:
        out(render(checked.diagnostics, "text", checked.files))
        out(f"Fix these first: the awards of {slug} are computed from these files.")
        return CONTENT_ERRORS
    moment = now or dt.datetime.now(dt.UTC)
    catalog = checked.catalog
    context = earlier_ratings(root, catalog, catalog.sprints[slug]) if pool and method == "adjusted" else []
    proposal = propose_awards(
        catalog, slug, now=moment, method=method, mentions=mentions, write=write, force=force, context=context
    )
    if isinstance(proposal, Refusal):
        raise UsageError(proposal.reason)
    _show(proposal, out, details)
    if proposal.empty is not None:
        if write:
            raise UsageError(proposal.empty)
        return OK
    return _write(root, proposal, write=write, method=method, pool=pool, out=out)


def _show(proposal: Proposal, out: Out, details: bool) -> None:
    """The ranking, the mentions kept, the reviews still missing, and the awards proposed."""
    sprint, awards = proposal.sprint, proposal.awards
    out(ranking_report(proposal.ranking, awards, details))
    if proposal.kept:
        out(
            f"\nKept the honorable mentions already in {sprint.path}: {', '.join(printable(p) for p in proposal.kept)}."
        )
    if proposal.missing:
        out(f"\nStill missing: {plural(len(proposal.missing), 'assigned review')} ({listed(proposal.missing)}).")
    if not awards:
        return
    prizes = len(sprint.fields.prizes)
    basis = plural(prizes, "prize") if prizes else f"no prizes listed, so the top {DEFAULT_PLACES}"
    named = len([a for a in awards if a.mention])
    if named:
        basis += f", and {plural(named, 'honorable mention')}"
    out(f"\nProposed awards ({basis}):\n")
    out(awards_yaml(awards).rstrip("\n"))


def _write(root: Path, proposal: Proposal, *, write: bool, method: Method, pool: bool, out: Out) -> int:
    existing, path = proposal.existing, proposal.sprint.path
    if proposal.unchanged:
        out(f"\n{path} already has exactly these awards; nothing to write.")
        return OK
    if not write:
        if existing:
            out(f"\n{path} already has different awards; --write would change them:\n")
            out(awards_diff(existing, proposal.awards))
        flags = [] if method == "adjusted" else ["--method", method]
        flags += [] if pool == POOL or method != "adjusted" else ["--pool" if pool else "--no-pool"]
        flags += [flag for a in proposal.awards if a.mention for flag in ("--mention", a.project)]
        command = " ".join(["jam award", proposal.sprint.slug, *flags, "--write"])
        out(f"\nNothing written. To write these awards: {command}")
        return OK
    try:
        done = write_awards(root, proposal)
    except edit.EditError as error:
        if error.diagnostics:
            out(render(error.diagnostics, "text", 1))
        out(f"jam award: {error}")
        return CONTENT_ERRORS
    what = "Replaced the awards" if existing else f"Wrote {plural(len(proposal.awards), 'award')}"
    out(f"\n{what} in {path}:\n")
    out(done.diff())
    out(
        "\nReview the change, then commit it through a pull request. Once merged, the sprint is finished: "
        "winners lead its page, the judges' comments appear and the feed announces the awards."
    )
    return OK
