"""Rules that keep what is published safe: no personal contact details, hazards flagged, sizes bounded.

Submissions and publications are public the moment they are merged, and
copied by mirrors and search engines after that, so contact details are
refused before merge (JAM115), a project that mentions one of its sprint's
``hazard_keywords`` gets a warning pointing to the private lane (JAM116), and
the lists a page renders have hard limits (JAM007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jamkit.checks.registry import publication_rule, site_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import (
    EMAIL_RE,
    MAINTAINER_FIELDS,
    Catalog,
    Loc,
    LocalSite,
    Position,
    Publication,
    Submission,
    position_in,
)

EMAIL = EMAIL_RE  # one reading of an address: the site file's `contact` refuses the same
# A phone number: the international form (+ and 8 to 15 digits), or digits right after a word that says so.
PHONE = re.compile(
    r"(?<![\w+])\+\d[\d\s().-]{6,18}\d(?!\w)"
    r"|\b(?:phone|tel|telephone|mobile|cell|whatsapp|call me)\b\W{0,4}\+?\(?\d[\d\s().-]{5,18}\d(?!\w)",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
MAX_LIST = {"members": 50, "authors": 50, "tags": 50, "links": 100}
_FIX = "remove it: people are reached through their GitHub handle (github:) or ORCID (orcid:)"


def contact_details(text: str) -> list[tuple[int, str]]:
    """Where ``text`` holds an e-mail address or a phone number (at least 8 digits), and what."""
    found = [(m.start(), "an e-mail address") for m in EMAIL.finditer(text)] if "@" in text else []
    if _DIGIT.search(text):  # most fields and many bodies have no digit: no phone number to look for
        for m in PHONE.finditer(text):
            if sum(c.isdigit() for c in m.group()) >= 8:
                found.append((m.start(), "a phone number"))
    return sorted(found)


def strings_of(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string inside a value (fields, lists), with where it sits."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings_of(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from strings_of(item, (*loc, index))


def body_position(root: str, path: str, body: str, index: int) -> Position:
    """The file position of ``body[index]``: the body is the end of the file's text."""
    try:
        text = Path(root, path).read_text(encoding="utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except (OSError, UnicodeDecodeError):
        return Position(1)
    start = len(text) - len(body) if text.endswith(body) else 0
    at = start + index
    line = text.count("\n", 0, at) + 1
    return Position(line, at - (text.rfind("\n", 0, at) + 1) + 1)


def _private_data(record: Submission | Publication | LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    data = record.fields.model_dump(mode="json", exclude=set(MAINTAINER_FIELDS), exclude_none=True)
    for loc, value in strings_of(data):
        for _, what in contact_details(value)[:1]:
            dotted = ".".join(str(p) for p in loc)
            yield codes.CONTACT_DETAILS.at(
                record.path, position_in(record.locations, loc), f"'{dotted}' holds {what}", _FIX
            )
    for index, what in contact_details(record.body)[:5]:
        where = body_position(catalog.root, record.path, record.body, index)
        yield codes.CONTACT_DETAILS.at(record.path, where, f"the body holds {what}", _FIX)


def _counts(record: Submission | Publication) -> Iterator[Diagnostic]:
    for name, most in MAX_LIST.items():
        items = getattr(record.fields, name, None)
        if isinstance(items, list) and len(items) > most:
            yield codes.TOO_LARGE.at(
                record.path,
                record.at(name),
                f"'{name}' has {len(items)} entries; at most {most} are allowed",
                f"keep the {most} that matter most",
            )


@submission_rule
def submission_private_data(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """No e-mail addresses or phone numbers in a project, and lists of a size a page can show."""
    yield from _private_data(submission, catalog)
    yield from _counts(submission)


@publication_rule
def publication_private_data(publication: Publication, catalog: Catalog) -> Iterator[Diagnostic]:
    """No e-mail addresses or phone numbers in a publication, and lists of a size a page can show."""
    yield from _private_data(publication, catalog)
    yield from _counts(publication)


@site_rule
def site_private_data(site: LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    """A local site is public too: its organisers are reached through its contact page, never an address."""
    yield from _private_data(site, catalog)


def hazard_matches(keywords: list[str], text: str) -> list[tuple[int, str]]:
    """Where each keyword first appears in ``text``, matched without case on word boundaries."""
    found = []
    for keyword in keywords:
        words = keyword.strip()
        if words:
            hit = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE)
            if hit:
                found.append((hit.start(), words))
    return sorted(found)


@submission_rule
def hazard_keywords(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """A warning when a project mentions one of its sprint's hazard keywords: the private lane may fit better."""
    sprint = catalog.sprints.get(submission.sprint)
    keywords = list(sprint.fields.hazard_keywords) if sprint else []
    if not keywords:
        return
    fix = (
        "if the work may be hazardous, do not publish it here: follow the private lane in docs/policies.md; "
        "if the match is harmless, nothing needs to change"
    )
    places: list[tuple[Position, str]] = []
    for field in ("title", "abstract"):
        hits = hazard_matches(keywords, str(getattr(submission.fields, field, "") or ""))
        places += [(submission.at(field), words) for _, words in hits]
    body = hazard_matches(keywords, submission.body)
    places += [(body_position(catalog.root, submission.path, submission.body, i), w) for i, w in body]
    for where, words in places[:5]:
        yield codes.HAZARD_KEYWORD.at(
            submission.path, where, f"mentions '{words}', one of the sprint's hazard keywords", fix
        )
