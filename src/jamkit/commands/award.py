"""``jam award SPRINT [--write]``: rank a sprint's projects from its reviews; propose, or write, its awards.

The ranking and the proposal come from ``jamkit.awards``; this module checks
the files they are computed from first, prints the ranking, and writes the
awards into the sprint's file only with ``--write`` (and after the deadline,
unless ``--force``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jamkit import edit
from jamkit.awards import DEFAULT_PLACES, as_data, awards_diff, awards_yaml, propose, rank, report
from jamkit.commands import CONTENT_ERRORS, OK, Out, parse_now, refused, repository_root, to_stderr
from jamkit.errors import UsageError
from jamkit.formats import render
from jamkit.layout import reviews_file, sprint_file, sprint_projects
from jamkit.load import load_catalog
from jamkit.model import Award, Sprint, Status, is_slug, utc_day
from jamkit.rules import check
from jamkit.wording import plural, shown


def run(
    root: str | None,
    sprint: str,
    *,
    write: bool = False,
    force: bool = False,
    now: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print the ranking and the proposed awards; with ``write``, write them into the sprint's file."""
    try:
        return award(repository_root(root), sprint, write=write, force=force, now=parse_now(now), out=out)
    except UsageError as error:
        return refused("award", error, err)


def _content_paths(root: Path, slug: str) -> list[str]:
    """The files whose errors would make the ranking wrong: the sprint, its reviews and its projects."""
    folder = sprint_projects(slug)
    projects = sorted(f"{folder}/{p.name}" for p in (root / folder).glob("*.md"))
    return [sprint_file(slug), reviews_file(slug), *projects]


def known_sprints(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "sprints").glob("*.md"))


def award(root: Path, slug: str, *, write: bool, force: bool, now: dt.datetime | None, out: Out) -> int:
    """The command itself; a ``UsageError`` when the sprint is unknown or the awards cannot be written yet."""
    now = now or dt.datetime.now(dt.UTC)
    sprint_path = sprint_file(slug)
    if not is_slug(slug) or not (root / sprint_path).is_file():
        known = ", ".join(known_sprints(root)) or "none yet"
        raise UsageError(f"there is no sprint '{shown(slug)}' ({sprint_file(shown(slug))}); known sprints: {known}")
    paths = _content_paths(root, slug)
    catalog, found = load_catalog(root, paths)
    wanted = set(paths)
    found = [d for d in found + check(catalog) if d.path in wanted]
    if any(d.severity == "error" for d in found):
        out(render(found, "text", len([p for p in paths if (root / p).is_file()])))
        out(f"Fix these first: the awards of {slug} are computed from these files.")
        return CONTENT_ERRORS
    sprint = catalog.sprints[slug]
    status = sprint.status(now)
    if write and status in (Status.UPCOMING, Status.LIVE) and not force:
        raise UsageError(
            f"{slug} is {status.value} (the deadline is {sprint.deadline_aoe.isoformat()}): projects may still "
            "change, so awards are written after it; pass --force to write them anyway"
        )
    submissions = [s for s in catalog.submissions.values() if s.sprint == slug]
    ranking = rank(sprint, catalog.reviews.get(slug, ()), submissions, utc_day(now))
    proposal = propose(ranking)
    out(report(ranking, proposal))
    if not proposal:
        if write:
            raise UsageError(f"nothing to write: no project of {slug} can be ranked yet")
        return OK
    prizes = len(sprint.fields.prizes)
    basis = plural(prizes, "prize") if prizes else f"no prizes listed, so the top {DEFAULT_PLACES}"
    out(f"\nProposed awards ({basis}):\n")
    out(awards_yaml(proposal).rstrip("\n"))
    return _write(root, sprint, proposal, write=write, out=out)


def _write(root: Path, sprint: Sprint, proposal: list[Award], *, write: bool, out: Out) -> int:
    existing = list(sprint.fields.awards)
    path = sprint.path
    if existing == proposal:
        out(f"\n{path} already has exactly these awards; nothing to write.")
        return OK
    if not write:
        if existing:
            out(f"\n{path} already has different awards; --write would change them:\n")
            out(awards_diff(existing, proposal))
        out(f"\nNothing written. To write these awards: jam award {sprint.slug} --write")
        return OK
    try:
        done = edit.update(root, path, {"awards": as_data(proposal)})
    except edit.EditError as error:
        if error.diagnostics:
            out(render(error.diagnostics, "text", 1))
        out(f"jam award: {error}")
        return CONTENT_ERRORS
    what = "Replaced the awards" if existing else f"Wrote {plural(len(proposal), 'award')}"
    out(f"\n{what} in {path}:\n")
    out(done.diff())
    out(
        "\nReview the change, then commit it through a pull request. Once merged, the sprint is finished: "
        "winners lead its page, the judges' comments appear and the feed announces the awards."
    )
    return OK
