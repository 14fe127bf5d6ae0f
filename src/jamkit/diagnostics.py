"""Diagnostics and the registry of rule codes.

Every problem jamkit reports carries a stable code (``JAM101``...). The codes
live here, each with the one-line summary and the explanation that
``docs/rules.md`` shows, so documentation and behaviour cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from jamkit.model import Position

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str = ""
    severity: Severity = "error"


@dataclass(frozen=True)
class Code:
    code: str
    summary: str
    explanation: str
    group: str

    def at(self, path: str, where: Position, message: str, fix: str = "") -> Diagnostic:
        return Diagnostic(path, where.line, where.col, self.code, message, fix)


CODES: dict[str, Code] = {}

GROUPS = {
    "file": "Reading files",
    "field": "Fields and values",
    "reference": "References between files",
    "policy": "Pull-request policy",
}


def code(code: str, summary: str, explanation: str, group: str) -> Code:
    """Register a rule code; each code is declared exactly once."""
    if code in CODES:
        raise ValueError(f"rule code {code} is declared twice")
    CODES[code] = Code(code, summary, explanation, group)
    return CODES[code]


# --------------------------------------------------------------------------- reading files

NOT_UTF8 = code(
    "JAM001",
    "File is not UTF-8",
    "Content files must be UTF-8 text. A UTF-8 byte-order mark and Windows (CRLF) line "
    "endings are accepted. Re-save the file as UTF-8.",
    "file",
)
YAML_SYNTAX = code(
    "JAM002",
    "YAML syntax error",
    "The front matter is not valid YAML. Tabs cannot indent YAML: use spaces. Quote values "
    "that contain `: ` or start with a special character.",
    "file",
)
NO_FRONT_MATTER = code(
    "JAM003",
    "No front matter",
    "A content file starts with a line `---`, then YAML fields, then another `---` line, "
    "then the Markdown body. The file is empty, or its front matter is missing or not closed.",
    "file",
)
NOT_MAPPING = code(
    "JAM004",
    "Front matter is not a mapping",
    "The front matter must be `key: value` fields, not a list or a single value.",
    "file",
)
DUPLICATE_KEY = code(
    "JAM005",
    "Duplicate key",
    "A key appears twice in the same mapping; YAML would silently keep only the last one. Remove or merge one of them.",
    "file",
)
BAD_PATH = code(
    "JAM006",
    "File name or location is not valid",
    "Slugs come from file names: 3 to 64 lowercase letters, digits and single hyphens "
    "(`^[a-z0-9]+(-[a-z0-9]+)*$`). Sprints live at `sprints/<sprint>.md`, projects at "
    "`submissions/<sprint>/<project>.md`, publications at `publications/<slug>.md`.",
    "file",
)

# --------------------------------------------------------------------------- fields

MISSING = code(
    "JAM101",
    "Required field missing",
    "A required field is absent. `docs/format.md` lists the required fields of each file.",
    "field",
)
UNKNOWN = code(
    "JAM102",
    "Unknown field",
    "The field is not part of the format, often a typo; the message suggests the nearest "
    "known field. Unknown fields are errors so that typos never go unnoticed.",
    "field",
)
WRONG_TYPE = code(
    "JAM103",
    "Wrong type or value",
    "The value has the wrong type (text, number, list, mapping) or is outside the allowed values or range.",
    "field",
)
BAD_SLUG = code(
    "JAM104",
    "Not a slug or id",
    "Ids and slugs are lowercase letters, digits and hyphens (ids may also use `_`).",
    "field",
)
BAD_DATE = code(
    "JAM105",
    "Date or time not valid",
    "Dates are ISO 8601: `2026-03-14T09:00:00+00:00` (a date-time must carry its UTC offset). "
    "A sprint's `ends` may be a bare date, meaning 23:59:59 Anywhere on Earth (UTC-12).",
    "field",
)
DATE_ORDER = code(
    "JAM106", "Sprint ends before it starts", "`ends` (the submission deadline) must be later than `starts`.", "field"
)
NOT_HTTPS = code(
    "JAM107",
    "URL is not https",
    "Every link must be a full `https://` address: plain http, `javascript:` and relative links are refused.",
    "field",
)
BAD_GITHUB = code(
    "JAM108",
    "GitHub handle not valid",
    "A GitHub handle is 1 to 39 letters, digits and single hyphens, with no `@` and no URL.",
    "field",
)
ABSTRACT_LONG = code(
    "JAM109",
    "Abstract too long",
    "The abstract is plain text of at most 300 words. Put the longer write-up in the body.",
    "field",
)
NO_GITHUB_MEMBER = code(
    "JAM110",
    "No member with a GitHub handle",
    "At least one member needs `github:` so the team can be reached and can edit its entry.",
    "field",
)
BAD_COUNTRY = code(
    "JAM111",
    "Country code not valid",
    "`country` is an ISO 3166-1 alpha-2 code such as `GB`, `US`, `KE` or `IN`.",
    "field",
)
BAD_IDENTIFIER = code(
    "JAM112",
    "ORCID or licence not valid",
    "`orcid` is written `0000-0002-1825-0097`; `license` is an SPDX id such as `CC-BY-4.0`.",
    "field",
)
BAD_RANGE = code("JAM113", "Range not valid", "In `team_size` and `scale`, `min` must not exceed `max`.", "field")
DUPLICATE_ID = code(
    "JAM114",
    "Duplicate id",
    "Ids of criteria, judges and sites must be unique within a sprint, and each project may receive one award.",
    "field",
)

# --------------------------------------------------------------------------- references

UNKNOWN_SPRINT = code(
    "JAM201",
    "Sprint does not exist",
    "A project lives in `submissions/<sprint>/`, and `sprints/<sprint>.md` must exist.",
    "reference",
)
TEAM_SIZE = code(
    "JAM202",
    "Team size outside the sprint's bounds",
    "The number of members must lie within the sprint's `team_size` (default 1 to 5).",
    "reference",
)
UNKNOWN_SITE = code("JAM203", "Unknown site", "`site` must be the `id` of one of the sprint's `sites`.", "reference")
REPORT_MISSING = code(
    "JAM204",
    "Report not found",
    "`report` is a PDF file inside the project's folder `submissions/<sprint>/<project>/` "
    "(written relative to that folder, e.g. `report.pdf`), or an https URL. The file must "
    "exist and be a real PDF.",
    "reference",
)
UNKNOWN_PROJECT = code(
    "JAM205",
    "Unknown project",
    "A publication's `projects` and a sprint's `awards` must name projects that exist, as "
    "`<sprint>/<project>` and `<project>` respectively.",
    "reference",
)
REVIEW_JUDGE = code(
    "JAM206",
    "Review names an unknown judge",
    "`judge` in `reviews.yaml` must be the `id` of one of the sprint's judges (the id "
    "defaults to the judge's GitHub handle, else a slug of the name).",
    "reference",
)
REVIEW_PROJECT = code(
    "JAM207",
    "Review names an unknown project",
    "`project` in `reviews.yaml` must be the slug of a project of the same sprint.",
    "reference",
)
REVIEW_SCORE = code(
    "JAM208",
    "Review score not valid",
    "Each key of `scores` must be a criterion `id` of the sprint, and each score must lie within the sprint's `scale`.",
    "reference",
)


# --------------------------------------------------------------------------- pydantic

_BY_ERROR_TYPE = {
    "missing": MISSING,
    "extra_forbidden": UNKNOWN,
    "jam_slug": BAD_SLUG,
    "jam_datetime": BAD_DATE,
    "jam_date_order": DATE_ORDER,
    "jam_https": NOT_HTTPS,
    "jam_github": BAD_GITHUB,
    "jam_abstract": ABSTRACT_LONG,
    "jam_no_github": NO_GITHUB_MEMBER,
    "jam_country": BAD_COUNTRY,
    "jam_orcid": BAD_IDENTIFIER,
    "jam_license": BAD_IDENTIFIER,
    "jam_range": BAD_RANGE,
}


def for_error_type(error_type: str) -> Code:
    """The code for a pydantic validation error type; anything else is a type error."""
    return _BY_ERROR_TYPE.get(error_type, WRONG_TYPE)
