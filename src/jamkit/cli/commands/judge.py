"""``jam judge assign``, ``status`` and ``finalists``: who reads what, how far the judges are, the close calls.

``assign`` plans with ``jamkit.judging.assign`` (K readers per public project,
balanced loads, no conflict of interest, a connected judge graph), prints the
plan and what it could not satisfy, and writes ``assignments.yaml`` only with
``--write``: never while something is unmet, unless ``--force``. ``status``
prints each judge's progress from ``jamkit.judging.status`` and, with
``--templates DIR``, writes each judge a score sheet that ``jam review import``
reads back as it is. ``finalists`` names the projects whose prize places are
too close to call (``jamkit.judging.finals``) and writes the ``finals.yaml``
template with ``--write``; it never overwrites a round already begun.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from jamkit.checks import check
from jamkit.checks.content.conflicts import conflicts_of, in_teams
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, parse_now, refused, repository_root, site_url_of, to_stderr
from jamkit.cli.formats import render
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.model import Catalog, Judge, Sprint, Status, Submission, is_slug, utc_day
from jamkit.core.wording import noun, plural, printable, shown
from jamkit.files import edit
from jamkit.files.layout import assignments_file as assignments_path
from jamkit.files.layout import finals_file, reviews_file, sprint_file, sprint_projects, submission_file
from jamkit.files.load import load_catalog
from jamkit.judging import assignments_file, finals, template
from jamkit.judging.assign import DEFAULT_REVIEWS, Candidate, Plan, Reader, assign
from jamkit.judging.awards import Ranking, rank
from jamkit.judging.graph import judge_groups
from jamkit.judging.status import Progress, progress
from jamkit.site.urls import project_url

LISTED = 10  # names listed in one line of output; the rest are counted

# --------------------------------------------------------------------------- shared with jam review


@dataclass(frozen=True)
class Judging:
    """A sprint loaded for judging: its catalog (sprint, projects, reviews, assignments) and their problems."""

    catalog: Catalog
    problems: tuple[Diagnostic, ...]  # errors and warnings in those files, from loading and from the rules
    projects: tuple[str, ...]  # the sprint's project files

    def errors_in(self, *paths: str) -> list[Diagnostic]:
        return [d for d in self.problems if d.severity == "error" and d.path in paths]


def known_sprint(root: Path, slug: str) -> None:
    """A usage error unless ``sprints/<slug>.md`` exists; it lists the sprints there are."""
    if not is_slug(slug) or not (root / sprint_file(slug)).is_file():
        known = ", ".join(sorted(p.stem for p in (root / "sprints").glob("*.md"))) or "none yet"
        raise UsageError(f"there is no sprint '{shown(slug)}' ({sprint_file(shown(slug))}); known sprints: {known}")


def load_judging(root: Path, slug: str) -> Judging:
    """The sprint, its projects, reviews and assignments, checked by the rules (only these files' problems kept)."""
    known_sprint(root, slug)
    folder = root / sprint_projects(slug)
    projects = sorted(f"{sprint_projects(slug)}/{p.name}" for p in folder.glob("*.md"))
    paths = (sprint_file(slug), reviews_file(slug), assignments_path(slug), finals_file(slug), *projects)
    catalog, found = load_catalog(root, paths)
    problems = tuple(sorted(d for d in found + check(catalog) if d.path in paths))
    return Judging(catalog, problems, tuple(projects))


def projects_of(catalog: Catalog, slug: str) -> list[Submission]:
    return sorted((s for s in catalog.submissions.values() if s.sprint == slug), key=lambda s: s.slug)


def listed(items: Sequence[str], most: int = LISTED) -> str:
    """Items joined by commas; past ``most``, the rest counted ("and 12 more")."""
    shown_ = ", ".join(items[:most])
    return shown_ + (f" and {len(items) - most} more" if len(items) > most else "")


def table(rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> str:
    """Columns padded to their widest cell; the columns in ``right`` aligned right (numbers)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


# --------------------------------------------------------------------------- jam judge assign


def run_assign(
    root: str | None,
    sprint: str,
    *,
    reviews: int = DEFAULT_REVIEWS,
    seed: int = 0,
    write: bool = False,
    force: bool = False,
    now: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print the plan; with ``write``, write ``assignments.yaml`` (not while anything is unmet, unless ``force``)."""
    try:
        if reviews < 1:
            raise UsageError(f"--reviews {reviews}: each project needs at least 1 review")
        moment = parse_now(now) or dt.datetime.now(dt.UTC)
        return _assign(repository_root(root), sprint, reviews, seed, write=write, force=force, now=moment, out=out)
    except UsageError as error:
        return refused("judge", error, err)


def _assign(
    root: Path, slug: str, reviews: int, seed: int, *, write: bool, force: bool, now: dt.datetime, out: Out
) -> int:
    judging = load_judging(root, slug)
    refused = [d for d in judging.problems if d.code == codes.JUDGE_IN_TEAM.code]
    blocking = [d for d in judging.errors_in(sprint_file(slug), *judging.projects) if d not in refused]
    if blocking:
        out(render(blocking, "text", len({d.path for d in blocking})))
        out(f"Fix these first: the assignments of {slug} are planned from these files.")
        return CONTENT_ERRORS
    catalog = judging.catalog
    sprint = catalog.sprints[slug]
    judges = sprint.fields.judges
    eligible = [s for s in projects_of(catalog, slug) if s.visibility(utc_day(now)) == "public"]
    if not eligible:
        out(f"{slug} has no public projects yet: nothing to assign.")
        return OK
    teams = projects_of(catalog, slug)
    outside = [j for j in judges if not in_teams(j, teams)]  # a judge in a team of the sprint reads nothing
    readers = [Reader(j.key, frozenset(j.topics)) for j in outside]
    apart = {s.slug: _kept_apart(outside, s, catalog) for s in eligible}
    candidates = [Candidate(s.slug, frozenset(s.fields.tags), frozenset(apart[s.slug])) for s in eligible]
    plan = assign(readers, candidates, reviews, seed)
    command = f"jam judge assign {slug}" + (f" --reviews {reviews}" if reviews != DEFAULT_REVIEWS else "")
    command += f" --seed {seed}" if seed else ""
    _print_plan(sprint, plan, candidates, apart, reviews, seed, now, out)
    _print_conflicts(catalog, sprint, outside, eligible, refused, out)
    if plan.unmet:
        out("\nCould not satisfy:")
        out("\n".join(f"  - {printable(line)}" for line in plan.unmet))
        if not (write and force):
            anyway = "pass --force" if write else f"run {command} --write --force"
            out(f"\nNothing written: add judges or settle the conflicts above, or {anyway} to write this plan anyway.")
            return CONTENT_ERRORS
    order = [j.key for j in outside]
    text = assignments_file.render(slug, order, plan.projects_of, reviews, seed)
    return _write_plan(root, slug, text, write=write, command=command, out=out)


def _kept_apart(judges: Sequence[Judge], submission: Submission, catalog: Catalog) -> dict[str, str]:
    """The judges assignment keeps away from ``submission``, each with why: only the conflicts that bind."""
    sprint = catalog.sprints[submission.sprint]
    found = {j.key: conflicts_of(j, submission, sprint, catalog) for j in judges}
    return {
        key: next(c.why for c in conflicts if c.binding)
        for key, conflicts in found.items()
        if conflicts and conflicts[0].binding
    }


def _print_kept_apart(apart: dict[str, dict[str, str]], out: Out) -> None:
    """Each judge-project pair the plan avoided, with the reason, so a maintainer can see where it comes from."""
    pairs = [f"{judge}/{slug} ({why})" for slug, judges in apart.items() for judge, why in sorted(judges.items())]
    if pairs:
        out(f"\nConflicts of interest kept out: {plural(len(pairs), 'judge–project pair')}: {listed(pairs)}")


def _print_conflicts(
    catalog: Catalog,
    sprint: Sprint,
    judges: Sequence[Judge],
    projects: Sequence[Submission],
    refused: Sequence[Diagnostic],
    out: Out,
) -> None:
    """Judges given nothing (in a team of the sprint), and the warnings assignment did not act on."""
    for problem in refused:
        if problem.path == sprint_file(sprint.slug):
            out(f"Not assigned anything: {printable(problem.message)} ({problem.code}).")
    warned = [
        f"{j.key}/{s.slug} ({c.code.code}: {c.why})"
        for s in projects
        for j in judges
        for c in conflicts_of(j, s, sprint, catalog)
        if not c.binding
    ]
    if warned:
        confirm = "a maintainer confirms one by adding the project to the judge's conflicts"
        out(f"Warnings, not kept out ({confirm}): {listed(warned)}")


def _print_plan(
    sprint: Sprint,
    plan: Plan,
    candidates: Sequence[Candidate],
    apart: dict[str, dict[str, str]],
    reviews: int,
    seed: int,
    now: dt.datetime,
    out: Out,
) -> None:
    judges = sprint.fields.judges
    tags = {c.slug: {t.casefold() for t in c.tags} for c in candidates}
    out(
        f"Assignment plan for {sprint.slug}: {plural(len(candidates), 'public project')}, "
        f"{plural(len(judges), 'judge')}, {plural(reviews, 'review')} per project (seed {seed})"
    )
    if sprint.status(now) in (Status.UPCOMING, Status.LIVE):
        out(f"Note: {sprint.slug} is {sprint.status(now).value}; projects submitted later are not in this plan.")
    rows = [["judge", "load", "on topic", "projects"]]
    for judge in judges:
        mine = plan.projects_of.get(judge.key, ())
        topics = {t.casefold() for t in judge.topics}
        matches = sum(1 for p in mine if topics & tags[p])
        rows.append([judge.key, str(len(mine)), str(matches), ", ".join(mine) or "-"])
    out("")
    out(table(rows, right=(1, 2)))
    _print_kept_apart(apart, out)
    groups = judge_groups((j, p) for j, ps in plan.projects_of.items() for p in ps)
    if len(groups) <= 1:
        out(
            "Connected: every two judges are linked through shared projects, "
            "so each judge's leniency can be measured against the others."
        )
    else:
        each = "; ".join(", ".join(sorted(g)) for g in groups)
        out(f"Not connected: the judges fall into {len(groups)} groups that share no project ({each}).")


def _write_plan(root: Path, slug: str, text: str, *, write: bool, command: str, out: Out) -> int:
    path = assignments_path(slug)
    full = root / path
    try:
        before = full.read_bytes() if full.exists() else b""
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    change = edit.Edit(path, before, text.encode("utf-8"), ())
    if not change.changed:
        out(f"\n{path} already holds exactly this plan; nothing to write.")
        return OK
    if not write:
        if before:
            out(f"\n{path} holds a different plan; --write would replace it:\n")
            out(change.diff())
        else:
            out(f"\n--write would create {path} with this plan.")
        out(f"\nNothing written. To write this plan: {command} --write")
        return OK
    try:
        edit.write(root, change)
    except edit.EditError as error:
        out(f"jam judge: {error}")
        return CONTENT_ERRORS
    if before:
        out(f"\nReplaced the plan in {path}:\n")
        out(change.diff())
    else:
        out(f"\nWrote {path}.")
    out(
        f"\nCommit it through a pull request, then send each judge their list (jam judge status {slug} "
        "--templates DIR writes each a score sheet)."
    )
    return OK


# --------------------------------------------------------------------------- jam judge status


def run_status(
    root: str | None,
    sprint: str,
    *,
    templates: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print each judge's assigned, done and missing reviews; with ``templates``, write their score sheets."""
    try:
        return _status(repository_root(root), sprint, templates, out=out)
    except UsageError as error:
        return refused("judge", error, err)


def _status(root: Path, slug: str, templates: str | None, *, out: Out) -> int:
    folder = _templates_folder(templates) if templates is not None else None
    judging = load_judging(root, slug)
    catalog = judging.catalog
    if slug not in catalog.sprints:
        out(render(list(judging.problems), "text", 1))
        out(f"Fix {sprint_file(slug)} first: the judges and criteria are read from it.")
        return CONTENT_ERRORS
    sprint = catalog.sprints[slug]
    errors = [d for d in judging.problems if d.severity == "error"]
    if errors:
        out(render(errors, "text", len({d.path for d in errors})))
        out("Note: the status below counts only the reviews and assignments that load without errors.\n")
    assignments = catalog.assignments.get(slug, ())
    reviews = catalog.reviews.get(slug, ())
    found = progress(sprint, assignments, reviews)
    _print_status(sprint, found, bool(assignments), len(reviews), out)
    _print_assigned_conflicts(catalog, sprint, out)
    _print_finals(catalog, sprint, dt.datetime.now(dt.UTC), out)
    if folder is not None:
        _write_templates(root, catalog, sprint, found, folder, out)
    return OK


def _print_status(sprint: Sprint, found: Progress, assigned: bool, reviews: int, out: Out) -> None:
    total = sum(len(j.assigned) for j in found.judges)
    done = sum(len(j.done) for j in found.judges)
    out(
        f"Judging of {sprint.slug}: {plural(len(found.judges), 'judge')}, {done} of "
        f"{plural(total, 'assigned review')} done, {plural(reviews, 'review')} in {reviews_file(sprint.slug)}"
    )
    if not assigned:
        out(f"No assignments yet ({assignments_path(sprint.slug)}): jam judge assign {sprint.slug} --write plans them.")
    rows = [["judge", "assigned", "done", "missing", "not assigned"]]
    for j in found.judges:
        rows.append(
            [
                shown(j.judge),
                str(len(j.assigned)),
                str(len(j.done)),
                ", ".join(j.missing) or "-",
                ", ".join(j.extra) or "-",
            ]
        )
    out("")
    out(table(rows, right=(1, 2)))
    if found.short:
        listed = ", ".join(f"{p} ({n} of {k})" for p, n, k in found.short)
        out(f"\nStill short of reviews: {listed}")
    elif assigned:
        out("\nEvery assigned review is in.")


def _print_assigned_conflicts(catalog: Catalog, sprint: Sprint, out: Out) -> None:
    """The assigned pairs that ``conflicts_of`` objects to, refused or to be confirmed, with their codes."""
    judges = {j.key: j for j in sprint.fields.judges}
    teams = projects_of(catalog, sprint.slug)
    lines = [f"{j.key} reads nothing: in the team of {s.slug}" for j in judges.values() for s, _ in in_teams(j, teams)]
    for assignment in catalog.assignments.get(sprint.slug, ()):
        judge = judges.get(assignment.fields.judge)
        for project in assignment.fields.projects if judge is not None else ():
            submission = catalog.submissions.get(f"{sprint.slug}/{project}")
            if judge is None or submission is None:
                continue
            for c in conflicts_of(judge, submission, sprint, catalog):
                lines.append(f"{judge.key}/{project}: {c.code.code} {'refused' if c.binding else 'warning'}, {c.why}")
    if lines:
        out("\nConflicts of interest in the assignments:")
        out("\n".join(f"  - {printable(line)}" for line in lines))


def _print_finals(catalog: Catalog, sprint: Sprint, now: dt.datetime, out: Out) -> None:
    """Who has ranked in the finalist round, and whose list is still the template's order."""
    entries = catalog.finals.get(sprint.slug, ())
    if not entries:
        return
    ranking = rank(sprint, catalog.reviews.get(sprint.slug, ()), projects_of(catalog, sprint.slug), utc_day(now))
    chosen = [s.project for s in ranking.standings]
    rows = [["judge", "ranking", "state"]]
    for entry in entries:
        ranked = list(entry.fields.ranking)
        state = (
            "not ranked" if not ranked else "as written" if ranked == [p for p in chosen if p in ranked] else "ranked"
        )
        rows.append([shown(entry.fields.judge), " > ".join(ranked) or "-", state])
    done = sum(1 for row in rows[1:] if row[2] == "ranked")
    out(f"\nFinalist round ({finals_file(sprint.slug)}): {done} of {plural(len(entries), 'judge')} reordered the list.")
    out(table(rows))
    if any(row[2] == "as written" for row in rows[1:]):
        out("'as written': still in the adjusted order, as the template wrote it; it counts as agreeing with it.")


def _templates_folder(given: str) -> Path:
    folder = Path(given)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--templates {given}: that is a file; name a folder for the score sheets")
    return folder


def _to_score(root: Path, catalog: Catalog, sprint: Sprint, project: str) -> template.ToScore:
    """A project as its judge's sheet names it: the title, and its page (or, without a site URL, its file)."""
    ref = f"{sprint.slug}/{project}"
    sub = catalog.submissions.get(ref)
    site = site_url_of(root, None)
    link = urljoin(site.rstrip("/") + "/", project_url(ref)) if site else submission_file(ref)
    return template.ToScore(project, sub.fields.title if sub is not None else "", link)


def _write_templates(root: Path, catalog: Catalog, sprint: Sprint, found: Progress, folder: Path, out: Out) -> None:
    """One sheet per judge of the sprint with reviews missing; a sheet already filled in is never overwritten."""
    criteria = [c.id for c in sprint.fields.criteria]
    scale = (sprint.fields.scale.min, sprint.fields.scale.max)
    missing = {j.judge: [_to_score(root, catalog, sprint, p) for p in j.missing] for j in found.judges if j.missing}
    written: list[str] = []
    for judge in (j.key for j in sprint.fields.judges if j.key in missing):
        path = f"{judge}.csv"
        full = folder / path
        try:
            before = full.read_bytes() if full.exists() else b""
        except OSError as error:
            out(f"Not written: {full}: {error.strerror}")
            continue
        if _filled(before):
            out(f"Not written: {full} already has scores in it; import it first, or move it away.")
            continue
        try:
            edit.write(
                folder, edit.Edit(path, before, template.sheet(judge, missing[judge], criteria, scale).encode(), ())
            )
        except edit.EditError as error:
            out(f"Not written: {error}")
            continue
        written.append(f"{path} ({plural(len(missing[judge]), 'project')})")
    if written:
        out(f"\nWrote {len(written)} score {noun(len(written), 'sheet')} to {folder}: {listed(written)}")
        out(f"Each judge fills in theirs; import it with: jam review import {sprint.slug} {folder / '<judge>.csv'}")
    elif not missing:
        out("\nNo score sheets to write: no judge has a review missing.")


def _filled(raw: bytes) -> bool:
    """Whether a score sheet has anything typed in beyond the judge and project columns."""
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8", "replace"))))
    except csv.Error:
        return True  # not a sheet jam wrote: leave it alone
    return any(cell.strip() for row in rows[1:] for cell in row[2:])


# --------------------------------------------------------------------------- jam judge finalists


def run_finalists(
    root: str | None,
    sprint: str,
    *,
    write: bool = False,
    now: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Name the projects whose places are too close to call; with ``write``, write the ``finals.yaml`` template."""
    try:
        moment = parse_now(now) or dt.datetime.now(dt.UTC)
        return _finalists(repository_root(root), sprint, write=write, now=moment, out=out)
    except UsageError as error:
        return refused("judge", error, err)


def _finalists(root: Path, slug: str, *, write: bool, now: dt.datetime, out: Out) -> int:
    judging = load_judging(root, slug)
    blocking = judging.errors_in(sprint_file(slug), reviews_file(slug), *judging.projects)
    if blocking:
        out(render(blocking, "text", len({d.path for d in blocking})))
        out(f"Fix these first: the finalists of {slug} are chosen from the ranking these files give.")
        return CONTENT_ERRORS
    catalog = judging.catalog
    projects = projects_of(catalog, slug)
    ranking = rank(catalog.sprints[slug], catalog.reviews.get(slug, ()), projects, utc_day(now))
    chosen = finals.finalists(ranking)
    if not ranking.standings:
        out(f"No project of {slug} can be ranked yet: {reviews_file(slug)} holds no scores of a published project.")
        return OK
    if not chosen:
        out(f"No close calls among the prize places of {slug}: the ranking decides them (jam award {slug}).")
        return OK
    _print_finalists(ranking, chosen, out)
    rows = finals.entries(ranking, projects, chosen, catalog)
    left = [j.key for j in ranking.sprint.fields.judges if j.key not in dict(rows)]
    out("\nOne ranking per judge (a judge never ranks a project they have a conflict with):")
    out(table([["judge", "ranks"], *([judge, ", ".join(mine)] for judge, mine in rows)]))
    if left:
        out(f"Left out (in a team of the sprint, or fewer than two finalists without a conflict): {', '.join(left)}")
    return _write_finals(root, slug, finals.template(ranking.sprint, chosen, rows), write=write, out=out)


def _print_finalists(ranking: Ranking, chosen: Sequence[str], out: Out) -> None:
    by_project = {s.project: (i + 1, s) for i, s in enumerate(ranking.standings)}
    out(f"Too close to call in {ranking.sprint.slug}: {plural(len(chosen), 'finalist')}, in adjusted order:")
    for project in chosen:
        place, s = by_project[project]
        out(f"  {place}. {printable(project)}  {s.score:.2f} ({s.low:.2f}-{s.high:.2f})")


def _write_finals(root: Path, slug: str, text: str, *, write: bool, out: Out) -> int:
    path = finals_file(slug)
    full = root / path
    try:
        before = full.read_bytes() if full.exists() else b""
    except OSError as error:
        raise UsageError(f"cannot read {path}: {error.strerror}") from None
    if before == text.encode("utf-8"):
        out(f"\n{path} already holds exactly this template; nothing to write.")
        return OK
    if before:
        out(f"\nNot written: {path} already holds a finalist round, perhaps with the judges' rankings in it.")
        out(f"To start the round again, delete {path} first; jam judge status {slug} shows who has ranked.")
        return OK
    if not write:
        out(f"\nNothing written. To write the template: jam judge finalists {slug} --write")
        return OK
    try:
        edit.write(root, edit.Edit(path, b"", text.encode("utf-8"), ()))
    except edit.EditError as error:
        out(f"jam judge: {error}")
        return CONTENT_ERRORS
    out(f"\nWrote {path}.")
    out(
        f"Commit it through a pull request; each judge reorders their own ranking, best first. Then jam award {slug} "
        "places the finalists by the rankings."
    )
    return OK
