"""Rules that keep what is published safe: no personal contact details, hazards flagged, sizes bounded.

Submissions and publications are public the moment they are merged, and
copied by mirrors and search engines after that, so contact details are
refused before merge (JAM115: in every field, in the body as written and as
rendered, and in the text files published beside a project, all read by
``jamkit.checks.content.contacts``), a project that mentions one of its sprint's
``hazard_keywords`` gets a warning pointing to the private lane (JAM116), and
the lists a page renders have hard limits (JAM007).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jamkit.checks.content.bodies import convert
from jamkit.checks.content.contacts import contact_details, in_markdown
from jamkit.checks.registry import publication_rule, site_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import MAINTAINER_FIELDS, Catalog, Loc, LocalSite, Position, Publication, Submission, position_in
from jamkit.core.wording import MB
from jamkit.files.layout import project_folder, published_files
from jamkit.files.sniff import MAGIC, SNIFF, text_of

MAX_LIST = {"members": 50, "authors": 50, "tags": 50, "links": 100}
_FIX = "remove it: people are reached through their GitHub handle (github:) or ORCID (orcid:)"
TEXT_READ = MB  # of a text attachment, the part read for contact details (a text note may take 64 KB)
MARKDOWN = (".md", ".markdown")  # attachments the site renders as pages


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
    return position_at(text, start + index)


def position_at(text: str, at: int) -> Position:
    """The line and column of ``text[at]``."""
    line = text.count("\n", 0, at) + 1
    return Position(line, at - (text.rfind("\n", 0, at) + 1) + 1)


def _private_data(record: Submission | Publication | LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    data = record.fields.model_dump(mode="json", exclude=set(MAINTAINER_FIELDS), exclude_none=True)
    for loc, value in strings_of(data):
        for found in contact_details(value)[:1]:
            dotted = ".".join(str(p) for p in loc)
            yield codes.CONTACT_DETAILS.at(
                record.path, position_in(record.locations, loc), f"'{dotted}' holds {found.what}", _FIX
            )
    rendered = convert(record.body)
    for found in in_markdown(record.body, rendered if isinstance(rendered, str) else None)[:5]:
        where = body_position(catalog.root, record.path, record.body, found.index)
        yield codes.CONTACT_DETAILS.at(record.path, where, f"the body holds {found.what}", _FIX)


def text_attachments(root: str, folder: str) -> Iterator[tuple[str, str]]:
    """Each published file of ``folder`` that is text (by content, whatever its name), and its text.

    PDFs and images are known by their first bytes; any other file that
    ``text_of`` reads is text a reader can open: notes, CSV, JSON, Markdown.
    """
    for name, full in published_files(root, folder):
        try:
            with open(full, "rb") as handle:
                raw = handle.read(SNIFF)
                if any(matches(raw) for _, matches in MAGIC):
                    continue  # a PDF or an image: only its first bytes are read
                raw += handle.read(TEXT_READ - SNIFF)
        except OSError:
            continue
        text = text_of(raw)
        if text is not None:
            yield f"{folder}/{name}", text.replace("\r\n", "\n").replace("\r", "\n")


def _attachments(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """Contact details in the text files published beside the project's page."""
    for path, text in text_attachments(catalog.root, project_folder(submission.ref)):
        if path.lower().endswith(MARKDOWN):
            rendered = convert(text)
            found = in_markdown(text, rendered if isinstance(rendered, str) else None)
        else:
            found = contact_details(text)
        for contact in found[:5]:
            yield codes.CONTACT_DETAILS.at(
                path,
                position_at(text, contact.index),
                f"{path.rsplit('/', 1)[-1]} holds {contact.what}; the file is published with the project",
                _FIX,
            )


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
    """No e-mail addresses or phone numbers in a project or its text files, and lists of a size a page can show."""
    yield from _private_data(submission, catalog)
    yield from _attachments(submission, catalog)
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
