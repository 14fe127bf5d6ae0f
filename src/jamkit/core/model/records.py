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
    FinalRankingFields,
    PublicationFields,
    ReviewFields,
    Site,
    SprintFields,
    SubmissionFields,
)
from jamkit.core.model.sites import Hosting, Location, SiteFields
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
class LocalSite(Located):
    """``sites/<site>.md``: a local site, written by its organisers; teams name it by its slug."""

    slug: str
    fields: SiteFields
    body: str = ""

    def hosting(self, sprint: str) -> Hosting | None:
        return next((h for h in self.fields.hosts if h.sprint == sprint), None)


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


@dataclass(frozen=True, kw_only=True)
class FinalRanking(Located):
    """One judge's ranking in a finalist round (``finals.yaml``)."""

    sprint: str
    index: int
    fields: FinalRankingFields


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
    finals: Mapping[str, tuple[FinalRanking, ...]] = field(default_factory=dict)
    profiles: Mapping[str, Profile] = field(default_factory=dict)  # by handle as the file names it
    cohorts: Mapping[str, Cohort] = field(default_factory=dict)
    sites: Mapping[str, LocalSite] = field(default_factory=dict)  # local sites' own files, by slug

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


# --------------------------------------------------------------------------- a sprint's sites


@dataclass(frozen=True)
class SprintSite:
    """One site of a sprint, whichever file says so: an inline ``sites`` entry, or a site file that hosts it.

    Checks, judging conflicts, figures and pages all read a sprint's sites as
    these (through ``sites_of``), so a team at a hub counts the same everywhere.
    """

    id: str  # what a project writes in `site`: the inline id, or the site file's slug
    name: str
    city: str | None = None
    country: str | None = None
    online: bool = False
    organizers: tuple[str, ...] = ()  # names as written (an inline `organizer` may be a handle)
    handles: tuple[str, ...] = ()  # the organisers' GitHub handles, from the site's own file
    url: str | None = None
    file: LocalSite | None = None  # the site's own file, when it has one
    hosting: Hosting | None = None  # its entry for this sprint, from that file

    @property
    def organizer(self) -> str | None:
        """The organisers in one line, as the open data and pages have always shown an inline site's."""
        return ", ".join(self.organizers) or None

    @property
    def timezone(self) -> str | None:
        return self.file.fields.timezone if self.file else None

    @property
    def location(self) -> Location | None:
        return self.file.fields.location if self.file else None

    @classmethod
    def inline(cls, site: Site) -> SprintSite:
        organizers = (site.organizer,) if site.organizer else ()
        return cls(site.id, site.name, site.city, site.country, site.online, organizers, url=site.url)

    @classmethod
    def of_file(cls, local: LocalSite, hosting: Hosting | None) -> SprintSite:
        f = local.fields
        names = tuple(o.name for o in f.organizers)
        handles = tuple(o.github for o in f.organizers if o.github)
        return cls(local.slug, f.name, f.city, f.country, False, names, handles, f.url, local, hosting)


def sites_of(sprint: Sprint, catalog: Catalog) -> tuple[SprintSite, ...]:
    """A sprint's sites: its inline ``sites``, then every site file that hosts it (an inline id wins a clash)."""
    inline = tuple(SprintSite.inline(s) for s in sprint.fields.sites)
    taken = {s.id for s in inline}
    hosted = tuple(
        SprintSite.of_file(local, hosting)
        for slug, local in sorted(catalog.sites.items())
        if slug not in taken and (hosting := local.hosting(sprint.slug)) is not None
    )
    return inline + hosted
