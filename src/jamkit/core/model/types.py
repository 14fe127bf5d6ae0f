"""The value types of front matter: slugs, handles, https URLs, dates, and the checks behind them.

Each check raises ``PydanticCustomError`` with a stable error type (``jam_https``...)
that ``jamkit.core.diagnostics`` maps to a rule code, and a ``fix`` for the message.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import pycountry
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from jamkit.core.wording import shown

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MIN, SLUG_MAX = 3, 64
ID_RE = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
GITHUB_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
EMAIL_RE = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
SPDX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
ABSTRACT_MAX_WORDS = 300
AOE = dt.timezone(dt.timedelta(hours=-12), "AoE")
DEFAULT_LICENSE = "CC-BY-4.0"


# --------------------------------------------------------------------------- checks


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


def _timezone(value: str) -> str:
    """An IANA zone name that zoneinfo knows; a near miss in case is named in the fix."""
    try:
        if "/" in value or value == "UTC":
            ZoneInfo(value)
            return value
    except (ZoneInfoNotFoundError, ValueError):
        pass
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith(("Etc/", "posix/", "right/")))
    same = next((z for z in zones if z.casefold() == value.casefold()), None)
    near = same or next(iter(difflib.get_close_matches(value, zones, n=1, cutoff=0.8)), None)
    fix = f"did you mean '{near}'?" if near else "use an IANA name such as Europe/London or America/Sao_Paulo"
    raise PydanticCustomError("jam_timezone", "'{value}' is not a known time zone", {"value": shown(value), "fix": fix})


def _contact(value: str) -> str:
    """A page or form to reach people through, never an e-mail address (the site is public and scraped)."""
    if value.lower().startswith("mailto:") or EMAIL_RE.search(value):
        raise PydanticCustomError(
            "jam_contact",
            "'{value}' is an e-mail address",
            {"value": shown(value), "fix": "give the https URL of a contact form or page instead of an address"},
        )
    return _https(value)


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
TimeZone = Annotated[str, AfterValidator(_timezone), WithJsonSchema({"type": "string"})]
Contact = Annotated[
    str, AfterValidator(_contact), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"})
]
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
