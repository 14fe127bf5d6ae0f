"""``jam award SPRINT [--write] [--method adjusted|mean] [--mention PROJECT]...``: rank a sprint, propose its awards.

The ranking and the proposal come from ``jamkit.judging.awards``; this module checks
the files they are computed from first (the sprint, its projects, reviews and
assignments), prints the ranking, and writes the awards into the sprint's file
only with ``--write``: after the deadline, and once every assigned review is in
(``--force`` overrides both). What is printed as proposed is exactly what
``--write`` writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from jamkit.checks import check
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, parse_now, refused, repository_root, to_stderr
from jamkit.cli.formats import render
from jamkit.core.errors import UsageError
from jamkit.core.model import Award, Catalog, Sprint, Status, is_slug, utc_day
from jamkit.core.wording import plural, printable, shown
from jamkit.files import edit
from jamkit.files.layout import assignments_file, reviews_file, sprint_file, sprint_projects
from jamkit.files.load import load_catalog
from jamkit.judging.awards import (
    DEFAULT_PLACES,
    METHODS,
    Method,
    Ranking,
    as_data,
    awards_diff,
    awards_yaml,
    committed_mentions,
    propose,
    rank,
)
from jamkit.judging.awards import report as ranking_report
from jamkit.judging.status import progress

__all__ = ["METHODS", "run"]


def run(
    root: str | None,
    sprint: str,
    *,
    write: bool = False,
    force: bool = False,
    method: str = "adjusted",
    mentions: Sequence[str] = (),
    now: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print the ranking and the proposed awards; with ``write``, write them into the sprint's file."""
    try:
        if method not in METHODS:
            raise UsageError(f"--method {shown(method)}: use one of {', '.join(METHODS)}")
        return award(
            repository_root(root),
            sprint,
            write=write,
            force=force,
            method=method,  # type: ignore[arg-type]  # checked just above
            mentions=mentions,
            now=parse_now(now),
            out=out,
        )
    except UsageError as error:
        return refused("award", error, err)


def _content_paths(root: Path, slug: str) -> list[str]:
    """The files whose errors would make the ranking wrong: the sprint, its reviews, assignments and projects."""
    folder = sprint_projects(slug)
    projects = sorted(f"{folder}/{p.name}" for p in (root / folder).glob("*.md"))
    return [sprint_file(slug), reviews_file(slug), assignments_file(slug), *projects]


def known_sprints(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "sprints").glob("*.md"))


def award(
    root: Path,
    slug: str,
    *,
    write: bool,
    force: bool,
    now: dt.datetime | None,
    out: Out,
    method: Method = "adjusted",
    mentions: Sequence[str] = (),
) -> int:
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
    ranking = rank(sprint, catalog.reviews.get(slug, ()), submissions, utc_day(now), method)
    missing = _missing_reviews(catalog, sprint, ranking, utc_day(now))
    if write and missing and not force:
        raise UsageError(
            f"{plural(len(missing), 'assigned review')} of {slug} {'is' if len(missing) == 1 else 'are'} "
            f"still missing ({_listed(missing)}), and a ranking without them can change; wait for them "
            f"(jam judge status {slug} shows who), or pass --force to write the awards anyway"
        )
    _check_mentions(ranking, mentions)
    placed = {s.project for s in ranking.standings[: ranking.places]}
    kept = [p for p in committed_mentions(sprint) if p not in mentions and p not in placed]
    proposal = propose(ranking, [*kept, *mentions])
    out(ranking_report(ranking, proposal))
    if kept:
        out(f"\nKept the honorable mentions already in {sprint.path}: {', '.join(printable(p) for p in kept)}.")
    if missing:
        out(f"\nStill missing: {plural(len(missing), 'assigned review')} ({_listed(missing)}).")
    if not proposal:
        if write:
            raise UsageError(f"nothing to write: no project of {slug} can be ranked yet")
        return OK
    prizes = len(sprint.fields.prizes)
    basis = plural(prizes, "prize") if prizes else f"no prizes listed, so the top {DEFAULT_PLACES}"
    named = len([a for a in proposal if a.mention])
    if named:
        basis += f", and {plural(named, 'honorable mention')}"
    out(f"\nProposed awards ({basis}):\n")
    out(awards_yaml(proposal).rstrip("\n"))
    return _write(root, sprint, proposal, write=write, method=method, out=out)


def _missing_reviews(catalog: Catalog, sprint: Sprint, ranking: Ranking, today: dt.date) -> list[tuple[str, str]]:
    """(judge, project) for each assigned review not yet in, of projects still published."""
    slug = sprint.slug
    published = {s.slug for s in catalog.submissions.values() if s.sprint == slug and s.visibility(today) == "public"}
    state = progress(sprint, catalog.assignments.get(slug, ()), catalog.reviews.get(slug, ()))
    return [(j.judge, project) for j in state.judges for project in j.missing if project in published]


def _listed(missing: Sequence[tuple[str, str]]) -> str:
    """``ann: p03, p04; bob: p07``, in judge order."""
    by_judge: dict[str, list[str]] = {}
    for judge, project in missing:
        by_judge.setdefault(judge, []).append(project)
    return "; ".join(f"{printable(j)}: {', '.join(printable(p) for p in ps)}" for j, ps in by_judge.items())


def _check_mentions(ranking: Ranking, mentions: Sequence[str]) -> None:
    """A mention names a ranked project that has no place; a usage error otherwise, with the choices."""
    ranked = [s.project for s in ranking.standings]
    placed = {s.project: index + 1 for index, s in enumerate(ranking.standings[: ranking.places])}
    for project in mentions:
        if project not in ranked:
            choices = ", ".join(p for p in ranked if p not in placed) or "none"
            raise UsageError(
                f"--mention {shown(project)}: not a ranked project of {ranking.sprint.slug}; "
                f"the ranked projects without a place are: {choices}"
            )
        if project in placed:
            raise UsageError(
                f"--mention {shown(project)}: it already has place {placed[project]}; "
                "a mention is for a ranked project without a place"
            )


def _write(root: Path, sprint: Sprint, proposal: list[Award], *, write: bool, method: Method, out: Out) -> int:
    existing = list(sprint.fields.awards)
    path = sprint.path
    if existing == proposal:
        out(f"\n{path} already has exactly these awards; nothing to write.")
        return OK
    if not write:
        if existing:
            out(f"\n{path} already has different awards; --write would change them:\n")
            out(awards_diff(existing, proposal))
        flags = [] if method == "adjusted" else ["--method", method]
        flags += [flag for a in proposal if a.mention for flag in ("--mention", a.project)]
        out(f"\nNothing written. To write these awards: {' '.join(['jam award', sprint.slug, *flags, '--write'])}")
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
