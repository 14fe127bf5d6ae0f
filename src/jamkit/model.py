"""The typed records of a jamkit repository.

Front matter is validated by the pydantic models ``*Fields``; they are also the
source of the published JSON Schema and of ``docs/format.md``. The records
(``Sprint``, ``Submission``...) pair validated fields with what only the file
system knows: the slug, the path, the body, and where each key sits.

Field-level checks raise ``PydanticCustomError`` with a stable error type
(``jam_https``...) that ``jamkit.codes`` maps to a rule code. This module imports
nothing else of jamkit.
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
    name: Text
    url: HttpsUrl | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, value: object) -> object:
        """A partner may be written as just its name."""
        return {"name": value} if isinstance(value, str) else value


class TeamSize(Fields):
    min: int = Field(1, ge=1)
    max: int = Field(5, ge=1)

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
    min: float = 1
    max: float = 5

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
    place: int = Field(ge=1, description="1 for first place")
    amount: float = Field(ge=0)
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$", description="ISO 4217 code")


class Criterion(Fields):
    id: Ident
    name: Text
    description: str | None = None
    weight: float = Field(1, gt=0)


class Judge(Fields):
    id: Ident | None = Field(None, description="defaults to `github`, else a slug of `name`")
    name: Text
    affiliation: str | None = None
    github: GitHub | None = None

    @property
    def key(self) -> str:
        """The id reviews use to name this judge."""
        return self.id or (self.github.lower() if self.github else slugify(self.name))


class Site(Fields):
    id: Ident
    name: Text
    city: str | None = None
    country: Country | None = None
    online: bool = False
    organizer: str | None = None
    url: HttpsUrl | None = None


class ScheduleItem(Fields):
    at: DateTime
    title: Text
    speaker: str | None = None
    url: HttpsUrl | None = None


class Resource(Fields):
    title: Text
    url: HttpsUrl
    kind: str | None = Field(None, description="e.g. paper, notebook, dataset, video")


class Award(Fields):
    place: int = Field(ge=1)
    project: Slug
    prize: str | None = None


class SprintFields(Fields):
    """Front matter of ``sprints/<sprint>.md``."""

    title: Text
    starts: DateTime
    ends: Deadline = Field(description="submission deadline; a bare date means 23:59:59 AoE")
    tagline: str | None = None
    topics: list[Text] = []
    format: Literal["online", "in-person", "hybrid"] | None = None
    partners: list[Partner] = Field([], description="names, or `{name, url}`")
    team_size: TeamSize = TeamSize()
    prizes: list[Prize] = []
    criteria: list[Criterion] = []
    scale: Scale = Scale()
    judges: list[Judge] = []
    sites: list[Site] = []
    schedule: list[ScheduleItem] = []
    resources: list[Resource] = []
    registration: HttpsUrl | None = None
    signups: int | None = Field(None, ge=0)
    awards: list[Award] = Field([], description="maintainers only; written by `jam award`")
    example: bool = Field(False, description="marks demonstration content on its page")

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
    name: Text
    github: GitHub | None = None
    affiliation: str | None = None
    orcid: Orcid | None = None


class Link(Fields):
    title: Text
    url: HttpsUrl


class Retraction(Fields):
    date: Date
    reason: Text


class Lab(Fields):
    status: Text
    cohort: str | None = None


class SubmissionFields(Fields):
    """Front matter of ``submissions/<sprint>/<project>.md``."""

    title: Text
    members: list[Member] = Field(min_length=1)
    abstract: Abstract
    report: Text = Field(description="a PDF in the project's folder, or an https URL")
    team: str | None = None
    code: HttpsUrl | None = None
    video: HttpsUrl | None = None
    links: list[Link] = []
    tags: list[Text] = []
    site: Ident | None = None
    license: Spdx = DEFAULT_LICENSE
    status: Literal["published", "retracted", "embargoed"] = "published"
    retraction: Retraction | None = None
    embargo_until: Date | None = None
    lab: Lab | None = None
    example: bool = Field(False, description="marks demonstration content on its page")

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
    name: Text
    github: GitHub | None = None


class PublicationFields(Fields):
    """Front matter of ``publications/<slug>.md``."""

    title: Text
    authors: list[Author] = Field(min_length=1)
    venue: Text
    year: int = Field(ge=1900, le=2100)
    url: HttpsUrl
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$")
    arxiv: str | None = Field(None, pattern=r"^\d{4}\.\d{4,5}(v\d+)?$")
    kind: Literal["paper", "workshop", "preprint", "post"] = "paper"
    projects: list[ProjectRef] = []
    example: bool = Field(False, description="marks demonstration content on its page")


# --------------------------------------------------------------------------- reviews


class ReviewFields(Fields):
    """One item of ``sprints/<sprint>/reviews.yaml``."""

    judge: Text
    project: Slug
    scores: dict[str, float]
    comment: str | None = None


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
