"""Conflicts of interest: who must not judge a project, who should be asked about, and why.

``conflicts_of`` is the one answer: the rules on reviews, assignments and
projects, ``jam judge assign``, ``jam judge status`` and the spreadsheet import
all ask it, so every place applies the same rules. Each source of conflicts is
one function in ``SOURCES``. A conflict whose code is an error keeps the judge
away from the project (a member by GitHub handle, the site's organiser, the
judge's own ``conflicts``, work with a member in the repository's history,
matched by handles); a warning does not, because anyone may write it: a member
with the judge's name but no handle to prove it (a team must not get to choose
its judges; a maintainer confirms it by adding the project to the judge's
``conflicts``), history matched by name, or a shared affiliation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from jamkit.checks.content.history import History, Tie
from jamkit.core import codes
from jamkit.core.identity import ANONYMOUS, handle_key, name_key, person_key
from jamkit.core.model import Catalog, Judge, Loc, Member, Sprint, Submission, sites_of


@dataclass(frozen=True)
class Conflict:
    """One reason a judge and a project should be kept apart, and where in the project file it is written."""

    code: codes.Code  # JAM210 (kept apart), JAM216, JAM218 or JAM221 (warnings: reported, not kept apart)
    why: str
    fix: str
    at: Loc = ()  # in the project file; () when the reason is written elsewhere (the sprint file)

    @property
    def binding(self) -> bool:
        """Whether assignment keeps the judge away from the project (and a review of it is refused)."""
        return self.code.severity == "error"


Source = Callable[[Judge, Submission, Sprint, Catalog], Iterator[Conflict]]


def _listed(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> Iterator[Conflict]:
    if submission.slug in judge.conflicts:
        yield Conflict(codes.CONFLICT, f"{judge.name} lists '{submission.slug}' under their own conflicts", "")


def _team(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> Iterator[Conflict]:
    for index, member in enumerate(submission.fields.members):
        if same_handle(judge, member):
            why = f"{judge.name} is a member of the team (GitHub @{member.github})"
            yield Conflict(codes.CONFLICT, why, "", ("members", index, "github"))
        elif _same_name(judge.name, member.name) and not (judge.github and member.github):  # two handles: two people
            unproved = "without a GitHub handle" if not member.github else f"as @{member.github}"
            why = (
                f"the team lists {member.name} {unproved}, the name of judge {judge.key}: "
                "to be confirmed by a maintainer"
            )
            fix = (
                f"if it is the judge, a maintainer adds '{submission.slug}' to {judge.key}'s conflicts in the "
                "sprint file; until then a name alone does not keep the judge away"
            )
            yield Conflict(codes.NAME_ONLY_CONFLICT, why, fix, ("members", index, "name"))


def _site(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> Iterator[Conflict]:
    """An organiser of the team's site, inline or in the site's own file (by name or handle)."""
    site = next((s for s in sites_of(sprint, catalog) if s.id == submission.fields.site), None)
    if site is not None and any(_names(judge, who) for who in (*site.organizers, *site.handles)):
        yield Conflict(codes.CONFLICT, f"{judge.name} organised the team's site, {site.name}", "")


def _affiliation(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> Iterator[Conflict]:
    mine = name_key(judge.affiliation or "")
    for index, member in enumerate(submission.fields.members):
        if mine and name_key(member.affiliation or "") == mine:
            why = f"{judge.name} shares an affiliation with {member.name} ({member.affiliation})"
            fix = f"if they work together, a maintainer adds '{submission.slug}' to {judge.key}'s conflicts"
            yield Conflict(codes.SHARED_AFFILIATION, why, fix, ("members", index, "affiliation"))


def _history(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> Iterator[Conflict]:
    """Work with a member in the repository's records of the last years: a team, a publication, mentoring."""
    history = History.of(catalog)
    for member in submission.fields.members:
        found: dict[str, tuple[Tie, bool]] = {}  # one conflict per member and kind of tie, proved ones first
        for tie, judge_matched, member_matched in history.between(
            (judge.name, judge.github), (member.name, member.github), sprint
        ):
            proved = judge_matched == member_matched == "handle"
            if tie.how not in found or (proved and not found[tie.how][1]):
                found[tie.how] = (tie, proved)
        for tie, proved in found.values():
            yield _tied(judge, member, submission, tie, proved)


def _tied(judge: Judge, member: Member, submission: Submission, tie: Tie, proved: bool) -> Conflict:
    why = f"{judge.name} {tie.how} {member.name} in {tie.where}"
    if proved:
        return Conflict(codes.CONFLICT, why, "")
    fix = (
        f"if it is the same person, a maintainer adds '{submission.slug}' to {judge.key}'s conflicts in the "
        "sprint file; until then a name alone does not keep the judge away"
    )
    return Conflict(codes.HISTORY_BY_NAME, f"{why}, matched by name only: to be confirmed by a maintainer", fix)


SOURCES: tuple[Source, ...] = (_listed, _team, _site, _history, _affiliation)


def conflicts_of(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> tuple[Conflict, ...]:
    """Every conflict between ``judge`` and ``submission``; once one keeps them apart, only those that do.

    ``catalog`` holds the repository's history (earlier teams, publications, cohorts) as far as it was loaded.
    """
    found = tuple(c for source in SOURCES for c in source(judge, submission, sprint, catalog))
    binding = tuple(c for c in found if c.binding)
    return binding or found


def kept_apart(judge: Judge, submission: Submission, sprint: Sprint, catalog: Catalog) -> str | None:
    """Why ``judge`` must not read ``submission``, in words for a message; None when they may."""
    return next((c.why for c in conflicts_of(judge, submission, sprint, catalog) if c.binding), None)


def same_handle(judge: Judge, member: Member) -> bool:
    """Whether a team member is the judge by GitHub handle: the only proof that a listed member is the judge."""
    return bool(judge.github and member.github and handle_key(judge.github) == handle_key(member.github))


def in_teams(judge: Judge, submissions: Iterable[Submission]) -> list[tuple[Submission, int]]:
    """The projects (and member index) that list ``judge`` by GitHub handle: a judge in the sprint they judge."""
    return [(s, i) for s in submissions for i, member in enumerate(s.fields.members) if same_handle(judge, member)]


def _same_name(one: str, other: str) -> bool:
    return person_key(one) == person_key(other) != name_key(ANONYMOUS)


def _names(judge: Judge, text: str) -> bool:
    """Whether ``text`` (a site organiser as written) is this judge: name, handle or id."""
    wanted = person_key(text.lstrip("@"))
    return wanted in {person_key(judge.name), handle_key(judge.github or ""), judge.key.casefold()} - {""}
