"""The write-up as a reader sees it: links that lead somewhere, https only, no placeholder, no stray notes.

These are content rules, so ``jam check FILE``, ``jam check FOLDER`` and the
pull-request check all apply them. Links are read from the Markdown text
(inline links and images, reference definitions and HTML ``src``/``href``),
outside code, and resolved with ``jamkit.files.layout.attachment``, as the site does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from jamkit.checks.content.bodies import limits_broken
from jamkit.checks.content.safety import body_position, strings_of
from jamkit.checks.registry import submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic, Replacement
from jamkit.core.model import Catalog, Position, Submission
from jamkit.core.wording import shown
from jamkit.files.layout import Attachment, Refused, attachment, project_folder, published_files
from jamkit.files.sniff import SNIFF, sniff
from jamkit.files.validate import dotted

# The write-up `jam new` and the browser path write; the first words are enough to know it is still there.
PLACEHOLDER_OPENING = "Replace this with the longer write-up"
PLACEHOLDER_MARK = "REPLACE:"
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?(?:^ {0,3}\1[^\n]*$|\Z)", re.M | re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_INLINE = re.compile(r"!?\[[^\[\]\n]*\]\(\s*<?([^()\s<>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML = re.compile(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]+)""", re.I)
_HTTP = re.compile(r"\bhttp://", re.I)


def _blanked(body: str) -> str:
    """The body with code blocks and code spans blanked out (same length, so indices still match)."""

    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group())

    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, body))


@lru_cache(maxsize=32_768)  # two rules read each body's links
def body_links(body: str) -> tuple[tuple[int, str], ...]:
    """Every link and image target in a Markdown body, with its index in the body.

    A body beyond the rendering limits is not read (JAM040 already refuses it), so no body is read slowly.
    """
    if limits_broken(body) is not None:
        return ()
    text = _blanked(body)
    found = {(m.start(1), m.group(1)) for pattern in (_INLINE, _REFERENCE, _HTML) for m in pattern.finditer(text)}
    return tuple(sorted(found))


def _where(submission: Submission, catalog: Catalog, index: int) -> Position:
    return body_position(catalog.root, submission.path, submission.body, index)


@submission_rule
def links_lead_somewhere(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """Images and links to the project's own files name files that exist and that the site can serve."""
    root = Path(catalog.root)
    for index, target in body_links(submission.body):
        if target.startswith(("#", "mailto:")) or "://" in target:
            continue
        found = attachment(submission.path, target)
        if isinstance(found, Refused):
            yield codes.MISSING_LINKED_FILE.at(
                submission.path, _where(submission, catalog, index), f"'{target}' {found.problem}", found.fix
            )
        elif isinstance(found, Attachment) and not (root / found.path).is_file():
            yield codes.MISSING_LINKED_FILE.at(
                submission.path,
                _where(submission, catalog, index),
                f"'{target}' links {found.path}, which does not exist",
                f"add the file at {found.path}, or correct the path",
            )


@submission_rule
def https_links(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """Plain http links in the write-up (the guide asks for https only)."""
    if limits_broken(submission.body) is not None:
        return
    text = _blanked(submission.body)
    for match in _HTTP.finditer(text):
        where = _where(submission, catalog, match.start())
        swap = Replacement(where.line, where.col, submission.body[match.start() : match.end()], "https://")
        yield codes.HTTP_LINK.at(
            submission.path, where, "the write-up links a plain 'http://' address", "write 'https://' instead", swap
        )


@submission_rule
def no_placeholder(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """The scaffold's write-up and the browser template's REPLACE marks are the team's to replace."""
    for loc, text in strings_of(submission.fields.model_dump(exclude_none=True)):
        if PLACEHOLDER_MARK in text:
            yield codes.PLACEHOLDER.at(
                submission.path,
                submission.at(*loc),
                f"'{dotted(loc)}' is still the template's example ('{shown(text, 60)}')",
                f"write your own value in place of the whole text after '{dotted(loc)}:'",
            )
    body = submission.body
    at = body.find(PLACEHOLDER_OPENING)
    if at >= 0:
        yield codes.PLACEHOLDER.at(
            submission.path,
            _where(submission, catalog, at),
            "the write-up is still the placeholder text of the template",
            "replace that paragraph with your write-up: the question, what you did, what you found",
        )
    at = body.find(PLACEHOLDER_MARK)
    if at >= 0:
        yield codes.PLACEHOLDER.at(
            submission.path,
            _where(submission, catalog, at),
            f"the write-up still holds a '{PLACEHOLDER_MARK}' mark of the template",
            f"replace the text after '{PLACEHOLDER_MARK}' with your own, and delete the mark",
        )


def _is_note(full: Path) -> bool:
    """A text note, by content: published, but not an attachment (anything else not allowed is JAM309's)."""
    try:
        with full.open("rb") as handle:
            head = handle.read(SNIFF)
    except OSError:
        return False
    return sniff(head, full.name) == "text"


@submission_rule
def every_file_linked(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """A warning for each note in the project's folder that neither ``report`` nor the write-up links."""
    root = Path(catalog.root)
    folder = project_folder(submission.ref)
    files = [f"{folder}/{name}" for name, _ in published_files(catalog.root, folder)]
    if not files:
        return
    linked = set()
    for target in [submission.fields.report, *(t for _, t in body_links(submission.body))]:
        found = attachment(submission.path, target)
        if isinstance(found, Attachment):
            linked.add(found.path)
    for path in files:
        if path not in linked and _is_note(root / path):
            yield codes.UNLINKED_FILE.at(
                submission.path,
                Position(1),
                f"{path} is not an attachment (a PDF or an image) but is published on the site, and nothing links it",
                f"link it from the write-up of {submission.path}, or delete it",
            )
