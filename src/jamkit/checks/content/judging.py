"""Rules of judging: conflicts of interest, complete reviews, assignments and finalist rankings that name real judges.

Conflicts come from ``conflicts_of``: each is reported with its own code and
severity wherever the pair meets (a review, an assignment, the project file), and
a judge listed by GitHub handle in a team of the sprint is refused outright.

The same rules check ``reviews.yaml``, ``assignments.yaml``, ``finals.yaml`` and a spreadsheet
being imported (``jam review import`` turns its rows into reviews located at
``FILE.csv:row:col`` and runs these), so a judge hears the same thing however
the scores arrive.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from jamkit.checks.content.conflicts import Conflict, conflicts_of, in_teams
from jamkit.checks.registry import assignment_rule, finals_rule, review_rule, sprint_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.identity import name_key
from jamkit.core.model import Assignment, Catalog, FinalRanking, Judge, Position, Review, Sprint, Submission
from jamkit.core.wording import shown
from jamkit.files.layout import has_project, sprint_projects


def judge_fix(text: str, judges: Sequence[Judge]) -> str:
    """The fix for a judge nobody knows: the likeliest judge, else the list of ids."""
    if not judges:
        return "add the judges to the sprint's 'judges' first"
    names = {j.key: j.key for j in judges} | {name_key(j.name): j.key for j in judges}
    wanted = name_key(text)
    close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.6)
    # "Hana K" for "Hana Kovalenko": the start of one judge's name, and of no other's.
    starts = {key for name, key in names.items() if wanted and name.startswith(wanted)}
    if not close and len(starts) == 1:
        close = [next(iter(starts))]
    if close:
        judge = next(j for j in judges if j.key == names[close[0]])
        return f"did you mean '{judge.key}' ({shown(judge.name)})? The judges are: {', '.join(j.key for j in judges)}"
    return f"use one of: {', '.join(j.key for j in judges)}"


def _judge(sprint: Sprint, key: str) -> Judge | None:
    return next((j for j in sprint.fields.judges if j.key == key), None)


def _conflicts(catalog: Catalog, sprint: Sprint, judge: Judge, project: str) -> tuple[Conflict, ...]:
    submission = catalog.submissions.get(f"{sprint.slug}/{project}")
    return conflicts_of(judge, submission, sprint, catalog) if submission else ()


def _projects(catalog: Catalog, sprint: Sprint) -> list[Submission]:
    return [s for s in catalog.submissions.values() if s.sprint == sprint.slug]


def _in_team(judge: Judge, catalog: Catalog, sprint: Sprint, path: str, where: Position) -> Iterator[Diagnostic]:
    """JAM217 at ``where``, when a team of the sprint lists the judge's GitHub handle: refused outright."""
    for submission, index in in_teams(judge, _projects(catalog, sprint))[:1]:
        yield codes.JUDGE_IN_TEAM.at(
            path,
            where,
            f"{judge.key} is a member of the team of '{submission.slug}' (GitHub @{judge.github}), "
            f"so may not judge any project of {sprint.fields.title}",
            f"take {judge.key} off the sprint's judges, or off the team in {submission.path} (line "
            f"{submission.at('members', index).line})",
        )


def repeats(items: Sequence[str]) -> Iterator[tuple[int, str]]:
    """Each item that an earlier one already named, with its place: a list that says one thing twice."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item in seen:
            yield index, item
        seen.add(item)


# --------------------------------------------------------------------------- reviews


@review_rule
def review_without_conflict(review: Review, catalog: Catalog) -> Iterator[Diagnostic]:
    """A judge's score of a project they have a stake in would not be fair to the other teams."""
    sprint = catalog.sprints.get(review.sprint)
    judge = _judge(sprint, review.fields.judge) if sprint else None
    if sprint is None or judge is None:
        return
    project = review.fields.project
    for found in _conflicts(catalog, sprint, judge, project):
        if found.binding:
            message = f"{judge.key} may not review '{project}': {found.why}"
            fix = "remove this review and ask another judge to review the project"
        else:
            message, fix = f"{judge.key}'s review of '{project}': {found.why}", found.fix
        yield found.code.at(review.path, review.at("judge"), message, fix)


@review_rule
def review_scores_every_criterion(review: Review, catalog: Catalog) -> Iterator[Diagnostic]:
    sprint = catalog.sprints.get(review.sprint)
    if sprint is None:
        return
    missing = [c.id for c in sprint.fields.criteria if c.id not in review.fields.scores]
    if missing:
        yield codes.REVIEW_INCOMPLETE.at(
            review.path,
            review.at("scores"),
            f"{review.fields.judge}'s review of '{review.fields.project}' has no score for {', '.join(missing)}",
            f"add a score for {', '.join(missing)} within the scale "
            f"{sprint.fields.scale.min:g} to {sprint.fields.scale.max:g}",
        )


# --------------------------------------------------------------------------- assignments


@assignment_rule
def assignment_refs(assignment: Assignment, catalog: Catalog) -> Iterator[Diagnostic]:
    sprint = catalog.sprints.get(assignment.sprint)
    if sprint is None:
        return
    fields = assignment.fields
    judge = _judge(sprint, fields.judge)
    if judge is None:
        yield codes.ASSIGNMENT_REF.at(
            assignment.path,
            assignment.at("judge"),
            f"'{shown(fields.judge)}' is not a judge of {sprint.fields.title}",
            judge_fix(fields.judge, sprint.fields.judges),
        )
    for index, project in enumerate(fields.projects):
        where = assignment.at("projects", index)
        if not has_project(catalog, f"{sprint.slug}/{project}"):
            yield codes.ASSIGNMENT_REF.at(
                assignment.path,
                where,
                f"'{project}' is not a project of {sprint.fields.title}",
                f"use the slug of a file in {sprint_projects(sprint.slug)}/",
            )
        elif judge is not None:
            yield from _assignment_conflicts(assignment, catalog, sprint, judge, index)
    if judge is not None:
        yield from _in_team(judge, catalog, sprint, assignment.path, assignment.at("judge"))


def _assignment_conflicts(
    assignment: Assignment, catalog: Catalog, sprint: Sprint, judge: Judge, index: int
) -> Iterator[Diagnostic]:
    project = assignment.fields.projects[index]
    for found in _conflicts(catalog, sprint, judge, project):
        if found.binding:
            message = f"{judge.key} may not read '{project}': {found.why}"
            fix = "assign the project to another judge (jam judge assign does this for you)"
        else:
            message, fix = f"{judge.key} reads '{project}': {found.why}", found.fix
        yield found.code.at(assignment.path, assignment.at("projects", index), message, fix)


@sprint_rule
def assigned_once(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """One entry per judge, each project once in it; read once per sprint, not once per entry."""
    first: dict[str, Assignment] = {}
    for assignment in catalog.assignments.get(sprint.slug, ()):
        fields = assignment.fields
        earlier = first.setdefault(fields.judge, assignment)
        if earlier is not assignment:
            yield codes.ASSIGNED_TWICE.at(
                assignment.path,
                assignment.at("judge"),
                f"{fields.judge} already has an entry (line {earlier.at().line})",
                "merge the two entries' projects into one list",
            )
        for index, project in repeats(fields.projects):
            yield codes.ASSIGNED_TWICE.at(
                assignment.path,
                assignment.at("projects", index),
                f"'{project}' is listed twice for {fields.judge}",
                "remove the second one",
            )


# --------------------------------------------------------------------------- finalist rounds


@finals_rule
def finals_refs(final: FinalRanking, catalog: Catalog) -> Iterator[Diagnostic]:
    """A ranking names a judge of the sprint and its projects, none of them one the judge has a conflict with."""
    sprint = catalog.sprints.get(final.sprint)
    if sprint is None:
        return
    judge = _judge(sprint, final.fields.judge)
    if judge is None:
        yield codes.FINALS_REF.at(
            final.path,
            final.at("judge"),
            f"'{shown(final.fields.judge)}' is not a judge of {sprint.fields.title}",
            judge_fix(final.fields.judge, sprint.fields.judges),
        )
    for index, project in enumerate(final.fields.ranking):
        if not has_project(catalog, f"{sprint.slug}/{project}"):
            yield codes.FINALS_REF.at(
                final.path,
                final.at("ranking", index),
                f"'{shown(project)}' is not a project of {sprint.fields.title}",
                f"use the slug of a file in {sprint_projects(sprint.slug)}/",
            )
        elif judge is not None:
            for found in _conflicts(catalog, sprint, judge, project):
                if found.binding:
                    message = f"{judge.key} may not rank '{project}': {found.why}"
                    fix = f"take '{project}' out of {judge.key}'s ranking"
                else:
                    message, fix = f"{judge.key} ranks '{project}': {found.why}", found.fix
                yield found.code.at(final.path, final.at("ranking", index), message, fix)
    if judge is not None:
        yield from _in_team(judge, catalog, sprint, final.path, final.at("judge"))


@sprint_rule
def ranked_once(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """One ranking per judge, each project once in it."""
    first: dict[str, FinalRanking] = {}
    for final in catalog.finals.get(sprint.slug, ()):
        earlier = first.setdefault(final.fields.judge, final)
        if earlier is not final:
            yield codes.RANKED_TWICE.at(
                final.path,
                final.at("judge"),
                f"{final.fields.judge} already has a ranking (line {earlier.at().line})",
                "keep one of the two rankings and delete the other",
            )
        for index, project in repeats(final.fields.ranking):
            yield codes.RANKED_TWICE.at(
                final.path,
                final.at("ranking", index),
                f"'{project}' is ranked twice by {final.fields.judge}",
                "keep the place you mean and remove the other",
            )


@sprint_rule
def judges_outside_the_teams(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """A judge who takes part in the sprint (by GitHub handle) may not judge it at all."""
    for index, judge in enumerate(sprint.fields.judges):
        yield from _in_team(judge, catalog, sprint, sprint.path, sprint.at("judges", index))


# --------------------------------------------------------------------------- projects


@submission_rule
def team_conflicts(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """Where the team's file makes a judge a member: refused (by handle), or to be confirmed (by name alone)."""
    sprint = catalog.sprints.get(submission.sprint)
    if sprint is None:
        return
    for judge in sprint.fields.judges:
        for _, index in in_teams(judge, [submission]):
            yield codes.JUDGE_IN_TEAM.at(
                submission.path,
                submission.at("members", index, "github"),
                f"@{judge.github} is a judge of {sprint.fields.title} ({judge.key}); a judge may not take part "
                "in the sprint they judge",
                f"take @{judge.github} off the team, or a maintainer takes {judge.key} off the sprint's judges",
            )
        for found in conflicts_of(judge, submission, sprint, catalog):
            if not found.binding and found.at:
                yield found.code.at(submission.path, submission.at(*found.at), found.why, found.fix)
