"""The records a repository loads into: validated fields paired with what only the file system knows.

A record holds the slug, the path, the body and where each key sits, so any rule
can point at a line; the ``Catalog`` holds every record that loaded cleanly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

from jamkit.core.model.fellowship import CohortFields, ProfileFields
from jamkit.core.model.fields import (
    AssignmentFields,
    Award,
    PublicationFields,
    ReviewFields,
    SprintFields,
    SubmissionFields,
)
from jamkit.core.model.types import AOE


@dataclass(frozen=True, order=True)
class Position:
    line: int
    col: int = 1


Loc = tuple[str | int, ...]


def position_in(locations: Mapping[Loc, Position], loc: Loc) -> Position:
    """Position of the deepest known prefix of ``loc``; the file's start at worst."""
    for end in range(len(loc), -1, -1):
        found = locations.get(tuple(loc[:end]))
        if found:
            return found
    return Position(1, 1)


@dataclass(frozen=True, kw_only=True)
class Located:
    """Where each key of a file's YAML sits, so any rule can point at its line."""

    path: str
    locations: Mapping[Loc, Position] = field(default_factory=dict, repr=False, compare=False)

    def at(self, *loc: str | int) -> Position:
        return position_in(self.locations, loc)


def utc_day(now: dt.datetime) -> dt.date:
    """The day embargoes are judged against: the UTC date of ``now``, the same for pages and data."""
    return now.astimezone(dt.UTC).date()


HISTORY_YEARS = 3  # a shared team, paper or mentoring this recent (before the sprint's end) is a conflict


class Status(StrEnum):
    UPCOMING = "upcoming"
    LIVE = "live"
    JUDGING = "judging"
    FINISHED = "finished"


@dataclass(frozen=True, kw_only=True)
class Sprint(Located):
    slug: str
    fields: SprintFields
    body: str = ""

    def status(self, now: dt.datetime) -> Status:
        """Derived from time and awards, never stored."""
        if now < self.fields.starts:
            return Status.UPCOMING
        if now < self.fields.ends:
            return Status.LIVE
        return Status.FINISHED if self.fields.awards else Status.JUDGING

    @property
    def ended_on(self) -> dt.date:
        """The UTC day of the deadline: the day the sprint's teams are dated by in its history."""
        return self.fields.ends.astimezone(dt.UTC).date()

    @property
    def history_since(self) -> dt.date:
        """The first day whose ties between people still count as a conflict of interest for this sprint."""
        ends = self.ended_on
        return ends.replace(year=ends.year - HISTORY_YEARS, day=min(ends.day, 28) if ends.month == 2 else ends.day)

    @property
    def deadline_aoe(self) -> dt.datetime:
        return self.fields.ends.astimezone(AOE)


@dataclass(frozen=True, kw_only=True)
class Submission(Located):
    sprint: str
    slug: str
    fields: SubmissionFields
    body: str = ""

    @property
    def ref(self) -> str:
        return f"{self.sprint}/{self.slug}"

    def visibility(self, today: dt.date) -> Literal["public", "retracted", "hidden"]:
        """What readers may see: retracted work keeps a notice page, embargoed work nothing."""
        if self.fields.status == "retracted":
            return "retracted"
        if self.fields.status == "embargoed" and (
            self.fields.embargo_until is None or today < self.fields.embargo_until
        ):
            return "hidden"
        return "public"


@dataclass(frozen=True, kw_only=True)
class Publication(Located):
    slug: str
    fields: PublicationFields
    body: str = ""


@dataclass(frozen=True, kw_only=True)
class Profile(Located):
    """``people/<github>.md``: the slug is the GitHub handle the file is named after, as written."""

    slug: str
    fields: ProfileFields
    body: str = ""

    @property
    def github(self) -> str:
        return self.slug


@dataclass(frozen=True, kw_only=True)
class Cohort(Located):
    """``lab/<cohort>.md``: one fellowship cohort."""

    slug: str
    fields: CohortFields
    body: str = ""


@dataclass(frozen=True, kw_only=True)
class Review(Located):
    sprint: str
    index: int
    fields: ReviewFields


@dataclass(frozen=True, kw_only=True)
class Assignment(Located):
    sprint: str
    index: int
    fields: AssignmentFields


@dataclass(frozen=True)
class Catalog:
    """Everything that loaded cleanly, plus every file that exists on disk.

    ``present`` names each content file found, valid or not (``sprints/x.md``,
    ``submissions/x/y.md``...), so that references to a broken file are not
    reported twice and a partial load can still resolve references.
    """

    root: str
    sprints: Mapping[str, Sprint]
    submissions: Mapping[str, Submission]
    publications: Mapping[str, Publication]
    reviews: Mapping[str, tuple[Review, ...]]
    present: frozenset[str] = frozenset()
    assignments: Mapping[str, tuple[Assignment, ...]] = field(default_factory=dict)
    profiles: Mapping[str, Profile] = field(default_factory=dict)  # by handle as the file names it
    cohorts: Mapping[str, Cohort] = field(default_factory=dict)

    def award_of(self, submission: Submission) -> Award | None:
        sprint = self.sprints.get(submission.sprint)
        if sprint is None:
            return None
        return next((a for a in sprint.fields.awards if a.project == submission.slug), None)

    def publications_of(self, ref: str) -> list[Publication]:
        return list(self._publications_by_project.get(ref, ()))

    @cached_property
    def _publications_by_project(self) -> dict[str, tuple[Publication, ...]]:
        """Built once: asking each of 10,000 projects by scanning every publication was quadratic."""
        found: dict[str, list[Publication]] = {}
        for publication in self.publications.values():
            for ref in dict.fromkeys(publication.fields.projects):
                found.setdefault(ref, []).append(publication)
        return {ref: tuple(pubs) for ref, pubs in found.items()}
