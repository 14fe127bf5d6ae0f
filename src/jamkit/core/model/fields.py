"""The front matter of each file kind, as pydantic models: the source of the JSON Schema and ``docs/format.md``.

The docstring of each model and the ``description`` of each field are written for
the people who fill in the files, in Markdown: the docs and the schema show them
as they are.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from jamkit.core.model.types import (
    ABSTRACT_MAX_WORDS,
    DEFAULT_LICENSE,
    Abstract,
    Country,
    Date,
    DateTime,
    Deadline,
    GitHub,
    HttpsUrl,
    Ident,
    Orcid,
    ProjectRef,
    Slug,
    Spdx,
    Text,
    slugify,
)


class Fields(BaseModel):
    """Front matter: unknown keys are errors, records never change once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- sprint


class Partner(Fields):
    """An organisation that runs or supports the sprint. Write just its name, or a mapping."""

    name: Text = Field(description="The organisation's name.")
    url: HttpsUrl | None = Field(None, description="Its website.")

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: object) -> object:
        """A partner may be written as just its name."""
        return {"name": value} if isinstance(value, str) else value


class TeamSize(Fields):
    """How many members a team may have."""

    min: int = Field(1, ge=1, description="Fewest members.")
    max: int = Field(5, ge=1, description="Most members.")

    @model_validator(mode="after")
    def _ordered(self) -> TeamSize:
        if self.min > self.max:
            raise PydanticCustomError(
                "jam_range",
                "min {min} is larger than max {max}",
                {"min": self.min, "max": self.max, "fix": "make min at most max"},
            )
        return self


class Scale(Fields):
    """The range of the scores judges give for each criterion."""

    min: float = Field(1, description="Lowest score.")
    max: float = Field(5, description="Highest score.")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.min >= self.max:
            raise PydanticCustomError(
                "jam_range",
                "min {min} is not below max {max}",
                {"min": self.min, "max": self.max, "fix": "make min smaller than max"},
            )
        return self


class Prize(Fields):
    """A prize for one place."""

    place: int = Field(ge=1, description="The place this prize is for; 1 for first place.")
    amount: float = Field(ge=0, description="How much.")
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$", description="The currency of `amount`, an ISO 4217 code.")


class Criterion(Fields):
    """Something the judges score each project on."""

    id: Ident = Field(description="The key that reviews use in `scores`.")
    name: Text = Field(description="The criterion as readers see it.")
    description: str | None = Field(None, description="What judges look for.")
    weight: float = Field(1, gt=0, description="Its weight in the ranking that `jam award` proposes.")


class Judge(Fields):
    """Someone who reviews projects. Reviews name a judge by `id`."""

    id: Ident | None = Field(
        None, description="The id reviews use to name this judge; defaults to `github`, else a slug of `name`."
    )
    name: Text = Field(description="Full name.")
    affiliation: str | None = Field(None, description="Organisation.")
    github: GitHub | None = Field(None, description="GitHub handle, without `@`.")
    topics: list[Text] = Field(
        [], description="What the judge knows best; `jam judge assign` prefers projects whose `tags` match."
    )
    conflicts: list[Slug] = Field(
        [],
        description="Slugs of projects the judge must not read (a friend's team, a former student...); "
        "membership by GitHub handle and organising a team's site are detected without being listed; a maintainer "
        "confirms a member who only has the judge's name here.",
    )

    @property
    def key(self) -> str:
        """The id reviews use to name this judge."""
        return self.id or (self.github.lower() if self.github else slugify(self.name))


class Site(Fields):
    """A place where teams meet, in person or online. Projects name their site by `id`."""

    id: Ident = Field(description="The id projects use in `site`.")
    name: Text = Field(description="The site's name, e.g. `London hub`.")
    city: str | None = Field(None, description="City.")
    country: Country | None = Field(None, description="Country.")
    online: bool = Field(False, description="Whether this is an online site.")
    organizer: str | None = Field(None, description="Who runs this site.")
    url: HttpsUrl | None = Field(None, description="A page about this site.")


class ScheduleItem(Fields):
    """A talk, session or deadline during the sprint; each becomes an event in `/calendar.ics`."""

    at: DateTime = Field(description="When it starts.")
    title: Text = Field(description="What it is.")
    speaker: str | None = Field(None, description="Who speaks.")
    url: HttpsUrl | None = Field(None, description="Where to join or watch.")


class Resource(Fields):
    """Reading or material that helps teams get started."""

    title: Text = Field(description="Its title.")
    url: HttpsUrl = Field(description="Where it is.")
    kind: str | None = Field(None, description="What kind of resource it is, e.g. paper, notebook, dataset, video.")


class Award(Fields):
    """A winning project, or an honorable mention. Maintainers write awards with `jam award SPRINT --write`."""

    place: int | None = Field(None, ge=1, description="The place, 1 for first; none for an honorable mention.")
    project: Slug = Field(description="The winning project's slug, in this sprint.")
    prize: str | None = Field(None, description="The prize as shown, e.g. `1,000 USD`.")
    mention: bool = Field(False, description="`true` for an honorable mention, which has no place.")

    @model_validator(mode="after")
    def _place_or_mention(self) -> Award:
        if (self.place is None) != self.mention:
            fix = "remove `place` from the mention" if self.mention else "add `place: <n>`, or `mention: true`"
            raise PydanticCustomError(
                "jam_range",
                "an award has a place, or is a mention; not both, not neither",
                {"fix": fix, "loc": "place"},
            )
        return self


class SprintFields(Fields):
    """Front matter of `sprints/<sprint>.md`."""

    title: Text = Field(description="The sprint's name, e.g. `Interpretability Research Sprint`.")
    starts: DateTime = Field(description="When the sprint starts.")
    ends: Deadline = Field(description="Submission deadline; a bare date means 23:59:59 AoE.")
    tagline: str | None = Field(None, description="One line shown under the title and in listings.")
    topics: list[Text] = Field([], description="Research topics, e.g. `[interpretability, evals]`.")
    format: Literal["online", "in-person", "hybrid"] | None = Field(
        None, description="Whether teams meet online, in person, or both."
    )
    partners: list[Partner] = Field(
        [], description="Organisations that run or support the sprint: names, or `{name, url}`."
    )
    team_size: TeamSize = Field(TeamSize(), description="The smallest and largest team allowed.")
    prizes: list[Prize] = Field([], description="Prizes by place.")
    criteria: list[Criterion] = Field([], description="What the judges score; scores use `scale`.")
    scale: Scale = Field(Scale(), description="The range of the judges' scores.")
    judges: list[Judge] = Field([], description="The judges.")
    sites: list[Site] = Field(
        [], description="Where teams meet; a project names its site. Local sites' own files in `sites/` add to these."
    )
    open_sites: bool = Field(
        True, description="`false` stops local sites (`sites/<site>.md`) from adding this sprint to their `hosts`."
    )
    schedule: list[ScheduleItem] = Field([], description="Talks and sessions, published in `/calendar.ics`.")
    resources: list[Resource] = Field([], description="Reading and material for teams.")
    registration: HttpsUrl | None = Field(None, description="Where to sign up.")
    signups: int | None = Field(
        None, ge=0, description="How many people signed up, reported by maintainers for the impact figures."
    )
    awards: list[Award] = Field([], description="The winners. Maintainers only; written by `jam award`.")
    publish_scores: bool = Field(
        False,
        description="`true` to show the raw and leniency-adjusted ranking table on the finished sprint's page.",
    )
    example: bool = Field(False, description="Marks demonstration content on its page.")
    hazard_keywords: list[Text] = Field(
        [],
        description="Words or phrases that may signal hazardous work (e.g. `pathogen enhancement`): `jam check` "
        "warns (JAM116) when a project's title, abstract or body mentions one, and points the team to the "
        "private lane in `docs/policies.md`. Matched without regard to case, on word boundaries.",
    )

    @model_validator(mode="after")
    def _ends_after_starts(self) -> SprintFields:
        if self.ends <= self.starts:
            raise PydanticCustomError(
                "jam_date_order",
                "ends ({ends}) is not after starts ({starts})",
                {
                    "ends": self.ends.isoformat(),
                    "starts": self.starts.isoformat(),
                    "fix": "set `ends` (the submission deadline) later than `starts`",
                    "loc": "ends",
                },
            )
        return self


# --------------------------------------------------------------------------- submission


class Member(Fields):
    """A member of the team."""

    name: Text = Field(description="Full name.")
    github: GitHub | None = Field(None, description="GitHub handle, without `@`; links to the person's page.")
    affiliation: str | None = Field(None, description="University or organisation.")
    orcid: Orcid | None = Field(None, description="ORCID iD, e.g. `0000-0002-1825-0097`.")


class Link(Fields):
    """Another link shown on the project page."""

    title: Text = Field(description="The link's text.")
    url: HttpsUrl = Field(description="Where it points.")


class Retraction(Fields):
    """Why and when a project was retracted. The project page keeps only a notice."""

    date: Date = Field(description="The day of the retraction.")
    reason: Text = Field(description="Why, shown on the notice page.")


class Lab(Fields):
    """For projects taken into the fellowship."""

    status: Text = Field(description="Where the project stands in the fellowship, e.g. `active`.")
    cohort: str | None = Field(None, description="The fellowship cohort, e.g. `2026-spring`.")


class SubmissionFields(Fields):
    """Front matter of `submissions/<sprint>/<project>.md`."""

    title: Text = Field(description="The project's title.")
    members: list[Member] = Field(min_length=1, description="The team; at least one member has `github`.")
    abstract: Abstract = Field(description=f"Plain text, at most {ABSTRACT_MAX_WORDS} words.")
    report: Text = Field(description="A PDF in the project's folder, or an https URL.")
    team: str | None = Field(None, description="The team's name.")
    code: HttpsUrl | None = Field(None, description="The project's code.")
    video: HttpsUrl | None = Field(None, description="A video about the project.")
    links: list[Link] = Field([], description="Other links, e.g. slides or a demo.")
    tags: list[Text] = Field([], description="Keywords.")
    site: Ident | None = Field(None, description="The `id` of the sprint site the team worked from.")
    license: Spdx = Field(DEFAULT_LICENSE, description="The licence of the report and write-up.")
    status: Literal["published", "retracted", "embargoed"] = Field(
        "published",
        description="Maintainers only. `retracted` keeps only a notice page; `embargoed` hides the project "
        "until `embargo_until` (or for good if there is no date).",
    )
    retraction: Retraction | None = Field(
        None, description="Maintainers only: why and when it was retracted; written by `jam retract`."
    )
    embargo_until: Date | None = Field(
        None, description="Maintainers only: the day an embargoed project becomes public."
    )
    lab: Lab | None = Field(None, description="Maintainers only: for projects taken into the fellowship.")
    example: bool = Field(False, description="Marks demonstration content on its page.")

    @model_validator(mode="after")
    def _someone_on_github(self) -> SubmissionFields:
        if not any(m.github for m in self.members):
            raise PydanticCustomError(
                "jam_no_github",
                "no member has a GitHub handle",
                {"fix": "add `github: <handle>` to at least one member", "loc": "members"},
            )
        return self


MAINTAINER_FIELDS = ("status", "retraction", "embargo_until", "lab")


# --------------------------------------------------------------------------- publication


class Author(Fields):
    """An author of the publication."""

    name: Text = Field(description="Full name.")
    github: GitHub | None = Field(None, description="GitHub handle, without `@`; links to the person's page.")


class PublicationFields(Fields):
    """Front matter of `publications/<slug>.md`."""

    title: Text = Field(description="The publication's title.")
    authors: list[Author] = Field(min_length=1, description="The authors, in order.")
    venue: Text = Field(description="Where it appeared, e.g. a conference, workshop, journal or blog.")
    year: int = Field(ge=1900, le=2100, description="The year it appeared.")
    url: HttpsUrl = Field(description="Where to read it.")
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$", description="Its DOI, e.g. `10.1234/abcd.5678`.")
    arxiv: str | None = Field(
        None,
        pattern=r"^\d{4}\.\d{4,5}(v\d+)?$",
        description='Its arXiv id, e.g. `"2604.01234"` (quote it, or YAML reads a number).',
    )
    kind: Literal["paper", "workshop", "preprint", "post"] = Field(
        "paper", description="What kind of publication it is."
    )
    projects: list[ProjectRef] = Field([], description="The sprint projects it grew out of.")
    status: Literal["in preparation", "under review", "accepted", "published"] = Field(
        "published", description="Where it stands; only `accepted` and `published` work counts as published."
    )
    access: Literal["restricted"] | None = Field(
        None,
        description="`restricted` for work under review with restricted access: it is listed by title, venue "
        "and status only (no authors, link, abstract or projects).",
    )
    example: bool = Field(False, description="Marks demonstration content on its page.")

    @property
    def restricted(self) -> bool:
        return self.access == "restricted"


# --------------------------------------------------------------------------- reviews


class AssignmentFields(Fields):
    """One item of `sprints/<sprint>/assignments.yaml`: the projects one judge reads (`jam judge assign`)."""

    judge: Text = Field(description="The `id` of one of the sprint's judges.")
    projects: list[Slug] = Field(description="Slugs of the sprint's projects this judge reviews.")


class FinalRankingFields(Fields):
    """One item of `sprints/<sprint>/finals.yaml`: one judge's ranking of the finalists, best first."""

    judge: Text = Field(description="The `id` of one of the sprint's judges.")
    ranking: list[Slug] = Field(
        description="Slugs of the finalists, best first; a judge may rank a subset, never a project they have "
        "a conflict with. Empty until the judge has ranked."
    )


class ReviewFields(Fields):
    """One item of `sprints/<sprint>/reviews.yaml`."""

    judge: Text = Field(description="The `id` of one of the sprint's judges.")
    project: Slug = Field(description="The slug of a project of the sprint.")
    scores: dict[str, float] = Field(description="A score for each criterion `id`, within the sprint's `scale`.")
    comment: str | None = Field(None, description="Feedback, shown on the project page once the sprint has awards.")
