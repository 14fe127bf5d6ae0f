"""The typed records of a jamkit repository.

Front matter is validated by the pydantic models ``*Fields``; they are also the
source of the published JSON Schema and of ``docs/format.md``. The docstring of
each model and the ``description`` of each field are written for the people who
fill in the files, in Markdown: the docs and the schema show them as they are.
The records (``Sprint``, ``Submission``...) pair validated fields with what only
the file system knows: the slug, the path, the body, and where each key sits.

Field-level checks raise ``PydanticCustomError`` with a stable error type
(``jam_https``...) that ``jamkit.diagnostics`` maps to a rule code. This module
imports nothing else of jamkit.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Literal
from urllib.parse import urlsplit

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MIN, SLUG_MAX = 3, 64
ID_RE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
SPDX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
ABSTRACT_MAX_WORDS = 300
AOE = dt.timezone(dt.timedelta(hours=-12), "AoE")
DEFAULT_LICENSE = "CC-BY-4.0"


# --------------------------------------------------------------------------- checks


def shown(value: object, limit: int = 60) -> str:
    """A value as it can safely appear in a one-line message: printable, and short."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_slug(text: str) -> bool:
    return SLUG_MIN <= len(text) <= SLUG_MAX and bool(SLUG_RE.match(text))


def slugify(text: str) -> str:
    """A slug for a name, e.g. a judge id from "Ada Lovelace" -> "ada-lovelace"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def is_https(value: str) -> bool:
    """A full https address: scheme https, a host, no whitespace or control characters."""
    try:
        parts = urlsplit(value)
    except ValueError:  # e.g. an unbalanced '[' in the host
        return False
    return (
        parts.scheme.lower() == "https"
        and bool(parts.hostname)
        and all(c.isprintable() and not c.isspace() for c in value)
    )


def _https(value: str) -> str:
    if not is_https(value):
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        fix = "use a full address that starts with https://"
        if scheme == "http":
            fix = "use the https:// address of the same page"
        raise PydanticCustomError("jam_https", "'{value}' is not an https URL", {"value": shown(value), "fix": fix})
    return value


def _github(value: str) -> str:
    if not GITHUB_RE.match(value):
        if value.startswith("@"):
            fix = f"write the handle without '@': {shown(value.lstrip('@'))}"
        elif "github.com/" in value:
            fix = f"write just the user name: {shown(value.rstrip('/').rsplit('/', 1)[-1])}"
        elif len(value) > 39:
            fix = f"a GitHub handle has at most 39 characters; this one has {len(value)}"
        else:
            fix = "use the GitHub user name: letters, digits and single hyphens, not starting or ending with '-'"
        raise PydanticCustomError("jam_github", "'{value}' is not a GitHub handle", {"value": shown(value), "fix": fix})
    return value


def _slug(value: str) -> str:
    if not is_slug(value):
        raise PydanticCustomError(
            "jam_slug",
            "'{value}' is not a slug",
            {"value": shown(value), "fix": "use 3 to 64 lowercase letters, digits and single hyphens"},
        )
    return value


def _ident(value: str) -> str:
    if not ID_RE.match(value) or len(value) > 64:
        raise PydanticCustomError(
            "jam_slug",
            "'{value}' is not an id",
            {"value": shown(value), "fix": "use lowercase letters, digits, '-' or '_', e.g. 'impact'"},
        )
    return value


def _project_ref(value: str) -> str:
    sprint, _, project = value.partition("/")
    if not (is_slug(sprint) and is_slug(project)):
        raise PydanticCustomError(
            "jam_slug",
            "'{value}' is not a project reference",
            {"value": shown(value), "fix": "write '<sprint>/<project>', e.g. 'interp-2025/probing-deception'"},
        )
    return value


def _country(value: str) -> str:
    if not (len(value) == 2 and pycountry.countries.get(alpha_2=value.upper())):
        raise PydanticCustomError(
            "jam_country",
            "'{value}' is not an ISO 3166-1 alpha-2 country code",
            {"value": shown(value), "fix": "use the two-letter code, e.g. GB, US, DE, NG, IN, BR"},
        )
    return value.upper()


def _orcid(value: str) -> str:
    value = value.removeprefix("https://orcid.org/")
    if not ORCID_RE.match(value):
        raise PydanticCustomError(
            "jam_orcid",
            "'{value}' is not an ORCID iD",
            {"value": shown(value), "fix": "write it as 0000-0002-1825-0097"},
        )
    return value


def _spdx(value: str) -> str:
    if not SPDX_RE.match(value):
        raise PydanticCustomError(
            "jam_license",
            "'{value}' is not an SPDX licence id",
            {"value": shown(value), "fix": "use an SPDX id such as CC-BY-4.0, MIT or Apache-2.0"},
        )
    return value


def _words(value: str) -> str:
    count = len(value.split())
    if count > ABSTRACT_MAX_WORDS:
        raise PydanticCustomError(
            "jam_abstract",
            "the abstract has {count} words, more than {limit}",
            {
                "count": count,
                "limit": ABSTRACT_MAX_WORDS,
                "fix": "shorten it; the body of the file can hold the longer write-up",
            },
        )
    return value


def parse_datetime(value: object, *, bare_date_is_deadline: bool = False) -> dt.datetime:
    """ISO 8601 date-time with an offset; a bare date may mean 23:59:59 AoE."""
    fix = "write a date-time with an offset, e.g. 2026-03-14T09:00:00+00:00"
    if bare_date_is_deadline:
        fix += ", or a bare date such as 2026-03-16 for 23:59:59 Anywhere on Earth"
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime.combine(value, dt.time())
    elif isinstance(value, str):
        text = value.strip()
        if bare_date_is_deadline and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise PydanticCustomError(
                    "jam_datetime", "'{value}' is not a date", {"value": shown(value), "fix": fix}
                ) from None
            return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=AOE)
        try:
            parsed = dt.datetime.fromisoformat(text.replace(" ", "T", 1))
        except ValueError:
            raise PydanticCustomError(
                "jam_datetime", "'{value}' is not an ISO 8601 date-time", {"value": shown(value), "fix": fix}
            ) from None
    else:
        raise PydanticCustomError(
            "jam_datetime", "'{value}' is not an ISO 8601 date-time", {"value": shown(value), "fix": fix}
        )
    if parsed.tzinfo is None:
        raise PydanticCustomError(
            "jam_datetime",
            "'{value}' has no UTC offset",
            {"value": shown(value), "fix": "add the UTC offset, e.g. 2026-03-14T09:00:00+00:00 (or Z for UTC)"},
        )
    return parsed


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise PydanticCustomError(
            "jam_datetime",
            "'{value}' is not an ISO 8601 date",
            {"value": shown(value), "fix": "write the date as YYYY-MM-DD, e.g. 2026-03-16"},
        ) from None


_iso = PlainSerializer(lambda v: v.isoformat(), return_type=str)
HttpsUrl = Annotated[
    str, AfterValidator(_https), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"})
]
GitHub = Annotated[str, AfterValidator(_github), WithJsonSchema({"type": "string", "pattern": GITHUB_RE.pattern})]
Slug = Annotated[
    str,
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern, "minLength": SLUG_MIN, "maxLength": SLUG_MAX}),
]
Ident = Annotated[str, AfterValidator(_ident), WithJsonSchema({"type": "string", "pattern": ID_RE.pattern})]
ProjectRef = Annotated[
    str, AfterValidator(_project_ref), WithJsonSchema({"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$"})
]
Country = Annotated[str, AfterValidator(_country), WithJsonSchema({"type": "string", "pattern": "^[A-Za-z]{2}$"})]
Orcid = Annotated[str, AfterValidator(_orcid), WithJsonSchema({"type": "string", "pattern": ORCID_RE.pattern})]
Spdx = Annotated[str, AfterValidator(_spdx), WithJsonSchema({"type": "string"})]
Abstract = Annotated[
    str,
    AfterValidator(_words),
    WithJsonSchema({"type": "string", "description": f"at most {ABSTRACT_MAX_WORDS} words"}),
]
DateTime = Annotated[
    dt.datetime, BeforeValidator(parse_datetime), _iso, WithJsonSchema({"type": "string", "format": "date-time"})
]
Deadline = Annotated[
    dt.datetime,
    BeforeValidator(lambda v: parse_datetime(v, bare_date_is_deadline=True)),
    _iso,
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}),
]
Date = Annotated[dt.date, BeforeValidator(parse_date), _iso, WithJsonSchema({"type": "string", "format": "date"})]
Text = Annotated[str, Field(min_length=1)]


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
    """A winning project. Maintainers write awards with `jam award SPRINT --write`."""

    place: int = Field(ge=1, description="The place, 1 for first.")
    project: Slug = Field(description="The winning project's slug, in this sprint.")
    prize: str | None = Field(None, description="The prize as shown, e.g. `1,000 USD`.")


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
    sites: list[Site] = Field([], description="Where teams meet; a project names its site.")
    schedule: list[ScheduleItem] = Field([], description="Talks and sessions, published in `/calendar.ics`.")
    resources: list[Resource] = Field([], description="Reading and material for teams.")
    registration: HttpsUrl | None = Field(None, description="Where to sign up.")
    signups: int | None = Field(
        None, ge=0, description="How many people signed up, reported by maintainers for the impact figures."
    )
    awards: list[Award] = Field([], description="The winners. Maintainers only; written by `jam award`.")
    example: bool = Field(False, description="Marks demonstration content on its page.")

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
    example: bool = Field(False, description="Marks demonstration content on its page.")


# --------------------------------------------------------------------------- reviews


class ReviewFields(Fields):
    """One item of `sprints/<sprint>/reviews.yaml`."""

    judge: Text = Field(description="The `id` of one of the sprint's judges.")
    project: Slug = Field(description="The slug of a project of the sprint.")
    scores: dict[str, float] = Field(description="A score for each criterion `id`, within the sprint's `scale`.")
    comment: str | None = Field(None, description="Feedback, shown on the project page once the sprint has awards.")


# --------------------------------------------------------------------------- records


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
class Review(Located):
    sprint: str
    index: int
    fields: ReviewFields


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

    def award_of(self, submission: Submission) -> Award | None:
        sprint = self.sprints.get(submission.sprint)
        if sprint is None:
            return None
        return next((a for a in sprint.fields.awards if a.project == submission.slug), None)

    def publications_of(self, ref: str) -> list[Publication]:
        return [p for p in self.publications.values() if ref in p.fields.projects]
