"""Where content lives in a jamkit repository: the one table of file kinds.

Each kind names its path pattern (as the docs show it), the pydantic model of
its front matter, and the record the loader builds. Everything that asks
"what is this file?" (the loader, the editor, the pull-request check, the docs,
the JSON Schema) asks ``kind_of`` here, so a new kind is one row below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jamkit.model import (
    Fields,
    Publication,
    PublicationFields,
    Review,
    ReviewFields,
    Sprint,
    SprintFields,
    Submission,
    SubmissionFields,
)

REVIEWS = "reviews.yaml"


@dataclass(frozen=True)
class FileKind:
    """One kind of content file: where it sits, what its fields are, what it loads into."""

    name: str
    pattern: str  # as people read it, e.g. "submissions/<sprint>/<project>.md"
    regex: re.Pattern[str]  # the path's shape; slugs are checked by the loader, not here
    fields: type[Fields]
    record: type
    front_matter: bool = True  # a Markdown file with front matter, else a YAML list of fields

    def matches(self, path: str) -> bool:
        return bool(self.regex.fullmatch(path))


_PART = r"[^/]+"

KINDS: tuple[FileKind, ...] = (
    FileKind("sprint", "sprints/<sprint>.md", re.compile(rf"sprints/{_PART}\.md"), SprintFields, Sprint),
    FileKind(
        "submission",
        "submissions/<sprint>/<project>.md",
        re.compile(rf"submissions/{_PART}/{_PART}\.md"),
        SubmissionFields,
        Submission,
    ),
    FileKind(
        "publication",
        "publications/<slug>.md",
        re.compile(rf"publications/{_PART}\.md"),
        PublicationFields,
        Publication,
    ),
    FileKind(
        "reviews",
        f"sprints/<sprint>/{REVIEWS}",
        re.compile(rf"sprints/{_PART}/{re.escape(REVIEWS)}"),
        ReviewFields,
        Review,
        front_matter=False,
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(path: str) -> FileKind | None:
    """The kind of a repository-relative posix path, or None for any other file."""
    return next((kind for kind in KINDS if kind.matches(path)), None)
