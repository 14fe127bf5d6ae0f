"""Who has worked with whom, from the repository's own records: one index per catalog, for conflicts of interest.

Three records tie two people together: a team of a sprint (its members), a
publication (its authors) and a fellowship cohort (a team's mentor and the
members of the team's project). Each tie remembers the file and line it comes
from, so a conflict can say where it was found, and its dates, so only ties of
the ``HISTORY_YEARS`` before a sprint's end count for that sprint (a later tie
does not change how an earlier sprint was judged, and a paper or mentoring that
grew out of the sprint's own projects came after its judging). ``History.of`` builds the
index once per catalog, keyed by GitHub handle and by name, so asking about
every judge and project of a large sprint stays cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jamkit.core.identity import ANONYMOUS, handle_key, name_key, person_key
from jamkit.core.model import Catalog, Cohort, Publication, Sprint, Submission

_KEPT = 4  # catalogs whose index is kept: a command checks one, a test a few


@dataclass(frozen=True)
class Person:
    """Someone as a record names them: a name, and a GitHub handle when the record gives one."""

    name: str
    github: str | None = None

    def index_keys(self) -> tuple[str, ...]:
        """What the index files this person under: ``@handle`` and ``~name`` (both, when known)."""
        return _index_keys(self.name, self.github)


@lru_cache(maxsize=65_536)  # asked for each member of each project, for each judge
def _index_keys(name: str, github: str | None) -> tuple[str, ...]:
    named = () if person_key(name) == name_key(ANONYMOUS) else (f"~{person_key(name)}",)
    return ((f"@{handle_key(github)}",) if github else ()) + named


@dataclass(frozen=True)
class Tie:
    """Two people a record puts together, in its words: "shared a team", "co-authored a publication"..."""

    one: Person
    other: Person
    how: str  # what ``one`` did with ``other``, e.g. "mentored" or "shared a team with"
    where: str  # "submissions/interp-2025/x.md:4"
    first: dt.date
    last: dt.date
    # Sprints it says nothing about: its own team's, and those whose projects the paper or the mentoring grew
    # out of (it came after them, with the judging over).
    after: frozenset[str] = frozenset()


def match(person: Person, name: str, github: str | None) -> str | None:
    """How a record's person is someone: "handle" (the proof), "name" (to be confirmed), or None (someone else)."""
    if person.github and github:
        return "handle" if handle_key(person.github) == handle_key(github) else None
    same = person_key(person.name) == person_key(name) != name_key(ANONYMOUS)
    return "name" if same else None


@dataclass
class History:
    """Every tie of a catalog, by each key of each person in it."""

    by_key: dict[str, list[Tie]] = field(default_factory=dict)
    _asked: dict[tuple[str, str | None, str], dict[str, list[tuple[Person, Tie, str]]]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> History:
        """The catalog's index, built on first use and kept while the catalog is among the last few asked about."""
        for index, (known, history) in enumerate(_BUILT):
            if known is catalog:
                _BUILT.insert(0, _BUILT.pop(index))
                return history
        built = cls.build(catalog)
        _BUILT.insert(0, (catalog, built))
        del _BUILT[_KEPT:]
        return built

    @classmethod
    def build(cls, catalog: Catalog) -> History:
        history = cls()
        for tie in _ties(catalog):
            for key in {*tie.one.index_keys(), *tie.other.index_keys()}:
                history.by_key.setdefault(key, []).append(tie)
        return history

    def ties_of(self, name: str, github: str | None, sprint: Sprint) -> dict[str, list[tuple[Person, Tie, str]]]:
        """The person's ties that count for ``sprint``, by the other person's keys: (them, the tie, how I matched)."""
        asked = (name, github, sprint.slug)
        if asked not in self._asked:
            by_other: dict[str, list[tuple[Person, Tie, str]]] = {}
            for found in self._ties_of(name, github, sprint):
                for key in found[0].index_keys():
                    by_other.setdefault(key, []).append(found)
            self._asked[asked] = by_other
        return self._asked[asked]

    def between(
        self, one: tuple[str, str | None], other: tuple[str, str | None], sprint: Sprint
    ) -> Iterator[tuple[Tie, str, str]]:
        """The ties between two people that count for ``sprint``: (the tie, how each of them matched)."""
        ties = self.ties_of(*one, sprint)
        seen: set[int] = set()
        for key in Person(*other).index_keys():
            for them, tie, how in ties.get(key, ()):
                theirs = match(them, *other)
                if theirs and id(tie) not in seen:
                    seen.add(id(tie))
                    yield tie, how, theirs

    def _ties_of(self, name: str, github: str | None, sprint: Sprint) -> Iterator[tuple[Person, Tie, str]]:
        me = Person(name, github)
        ends, since = sprint.ended_on, sprint.history_since
        seen: set[int] = set()
        for key in me.index_keys():
            for tie in self.by_key.get(key, ()):
                if id(tie) in seen or sprint.slug in tie.after or tie.last < since or tie.first > ends:
                    continue
                seen.add(id(tie))
                for mine, theirs in ((tie.one, tie.other), (tie.other, tie.one)):
                    how = match(mine, name, github)
                    if how and match(theirs, name, github) != "handle":  # not the same person twice in one list
                        yield theirs, tie if mine is tie.one else _reversed(tie), how


_BUILT: list[tuple[Catalog, History]] = []


def _reversed(tie: Tie) -> Tie:
    """The tie told from the other person's side: "was mentored by" for "mentored"."""
    how = {"mentored": "was mentored by"}.get(tie.how, tie.how)
    return Tie(tie.other, tie.one, how, tie.where, tie.first, tie.last, tie.after)


def _ties(catalog: Catalog) -> Iterator[Tie]:
    for submission in catalog.submissions.values():
        sprint = catalog.sprints.get(submission.sprint)
        if sprint is not None:
            yield from _team(submission, sprint)
    for publication in catalog.publications.values():
        yield from _authors(publication)
    for cohort in catalog.cohorts.values():
        yield from _mentoring(cohort, catalog)


def _pairs(people: Sequence[tuple[Person, int]]) -> Iterator[tuple[Person, Person, int]]:
    """Each two people of a list, with the line of the second (where the tie is written)."""
    for i, (one, _) in enumerate(people):
        for other, line in people[i + 1 :]:
            yield one, other, line


def _team(submission: Submission, sprint: Sprint) -> Iterator[Tie]:
    day = sprint.ended_on
    people = [
        (Person(m.name, m.github), submission.at("members", i).line) for i, m in enumerate(submission.fields.members)
    ]
    for one, other, line in _pairs(people):
        yield Tie(one, other, "shared a team with", f"{submission.path}:{line}", day, day, frozenset({sprint.slug}))


def _authors(publication: Publication) -> Iterator[Tie]:
    year = publication.fields.year
    grew_from = frozenset(ref.split("/", 1)[0] for ref in publication.fields.projects)
    people = [
        (Person(a.name, a.github), publication.at("authors", i).line) for i, a in enumerate(publication.fields.authors)
    ]
    for one, other, line in _pairs(people):
        where = f"{publication.path}:{line}"
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        yield Tie(one, other, "co-authored a publication with", where, first, last, grew_from)


def _mentoring(cohort: Cohort, catalog: Catalog) -> Iterator[Tie]:
    fields = cohort.fields
    for index, team in enumerate(fields.teams):
        mentor = next((m for m in fields.mentors if team.mentor and _names(team.mentor, m.name, m.github)), None)
        project = catalog.submissions.get(team.project)
        if mentor is None or project is None:
            continue
        where = f"{cohort.path}:{cohort.at('teams', index, 'mentor').line}"
        for member in project.fields.members:
            mentee = Person(member.name, member.github)
            grew_from = frozenset({project.sprint})
            yield Tie(
                Person(mentor.name, mentor.github), mentee, "mentored", where, fields.starts, fields.ends, grew_from
            )


def _names(written: str, name: str, github: str | None) -> bool:
    """Whether a team's ``mentor`` (a handle or a name) is this mentor of the cohort."""
    return bool(github and handle_key(written) == handle_key(github)) or name_key(written) == name_key(name)
