"""The pull request as the policy rules see it: its limits, the projects it touches, who sent it, and when.

``jamkit.checks.pull_request.check`` builds one ``PullRequest`` per check from git objects;
the rules in ``policy`` only look at it. Limits come from the base branch's
``[tool.jamkit]``, sprints from the base branch too, so a pull request can
neither raise its own limits nor move its own deadline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from typing import Any

from jamkit.core.identity import handle_key
from jamkit.core.model import Catalog, Sprint
from jamkit.core.wording import KB, MB
from jamkit.files.git.change import Change, TreeFile, project_of
from jamkit.files.layout import submission_file
from jamkit.files.load import Document

# Files that run as code when the site is built or CI runs: a team's pull request must not change them.
# requirements.txt is what a programme made by `jam init` installs in every workflow (its pinned jamkit).
PROTECTED_FILES = ("mkdocs.yml", "pyproject.toml", "requirements.txt")
PROTECTED_DIRS = ("hooks/", "src/", "scripts/", "tests/", ".github/", ".ci/")


def is_protected(path: str) -> bool:
    """Build-time code and configuration; any other top-level dot-file counts too."""
    return path in PROTECTED_FILES or path.startswith(PROTECTED_DIRS) or path.startswith(".")


# --------------------------------------------------------------------------- limits


@dataclass(frozen=True)
class Limits:
    """Size limits and the grace period; maintainers set them in ``[tool.jamkit]`` of pyproject.toml."""

    pdf: int = 20 * MB
    image: int = 5 * MB
    project: int = 30 * MB
    note: int = 64 * KB
    markdown: int = 1 * MB
    grace_hours: float = 0.0
    project_files: int = 50  # files in one project's folder
    pr_files: int = 100  # files a team's pull request adds or changes
    pr_bytes: int = 40 * MB  # their size together

    @property
    def largest(self) -> int:
        return max(self.pdf, self.image, self.note, self.markdown)


def read_limits(pyproject: bytes | None, grace: float | None = None) -> Limits:
    """Limits from the BASE branch's pyproject.toml (a pull request cannot raise its own limits)."""
    limits = Limits()
    table: dict[str, Any] = {}
    if pyproject:
        try:
            table = tomllib.loads(pyproject.decode("utf-8")).get("tool", {}).get("jamkit", {})
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            table = {}
    changes: dict[str, float] = {}
    for key, name in (("max_pdf_mb", "pdf"), ("max_image_mb", "image"), ("max_project_mb", "project")):
        value = table.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            changes[name] = int(value * MB)
    for key, name in (("max_project_files", "project_files"), ("max_pr_files", "pr_files")):
        value = table.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            changes[name] = value
    value = table.get("max_pr_mb")
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        changes["pr_bytes"] = int(value * MB)
    value = table.get("grace_hours")
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        changes["grace_hours"] = float(value)
    if grace is not None:
        changes["grace_hours"] = grace
    return dataclasses.replace(limits, **changes)  # type: ignore[arg-type]


def members_of(doc: Document | None) -> set[str]:
    """Lower-cased GitHub handles in a version's ``members``, however broken the rest is."""
    if doc is None or not isinstance(doc.data.get("members"), list):
        return set()
    return {
        handle_key(m["github"]) for m in doc.data["members"] if isinstance(m, dict) and isinstance(m.get("github"), str)
    }


def organizers_of(doc: Document | None) -> set[str]:
    """Lower-cased GitHub handles in a site file's ``organizers``, however broken the rest is."""
    if doc is None or not isinstance(doc.data.get("organizers"), list):
        return set()
    found = doc.data["organizers"]
    return {handle_key(o["github"]) for o in found if isinstance(o, dict) and isinstance(o.get("github"), str)}


def hosts_of(doc: Document | None) -> dict[str, tuple[int, Any]]:
    """A site file's ``hosts`` entries by the sprint they name (with their index), however broken the rest is."""
    if doc is None or not isinstance(doc.data.get("hosts"), list):
        return {}
    entries = enumerate(doc.data["hosts"])
    return {h["sprint"]: (i, h) for i, h in entries if isinstance(h, dict) and isinstance(h.get("sprint"), str)}


# --------------------------------------------------------------------------- the pull request


@dataclass(frozen=True)
class Project:
    """One project the change touches, with its base and head versions."""

    ref: str
    md: str  # submissions/<sprint>/<project>.md
    head_doc: Document | None  # None: not in the head (deleted) or unreadable
    origin_doc: Document | None  # merge-base version of the file the head's came from (renames)
    owner_doc: Document | None  # base version deciding membership: base tip, else merge base
    existed: bool  # the project's file is on the base branch or in the merge base
    in_head: bool
    files: tuple[TreeFile, ...]  # every file of its folder in the head

    @property
    def sprint(self) -> str:
        return self.ref.split("/")[0]


@dataclass(frozen=True)
class SiteChange:
    """One local site's file the change touches: the version that decides who owns it, and the head's."""

    slug: str
    md: str  # sites/<site>.md
    head_doc: Document | None  # None: deleted, or not readable
    owner_doc: Document | None  # base tip, else merge base: its organisers may change it
    existed: bool


@dataclass(frozen=True)
class PullRequest:
    """Everything a policy rule may look at; built once per check."""

    change: Change
    author: str | None
    maintainer: bool
    now: dt.datetime
    limits: Limits
    projects: dict[str, Project]
    head: Catalog
    base_sprints: dict[str, Sprint]
    heads: dict[str, bytes] = field(default_factory=dict)  # first bytes of each changed head file
    sizes: dict[str, int] = field(default_factory=dict)  # bytes of each changed head file
    sites: dict[str, SiteChange] = field(default_factory=dict)  # local sites' files the change touches

    @property
    def author_handle(self) -> str | None:
        """The author as ``members_of`` spells handles, or None when ownership is not checked."""
        return None if self.maintainer or not self.author else handle_key(self.author)

    def sprint(self, slug: str) -> Sprint | None:
        """The sprint as on the base branch (a pull request cannot move its own deadline)."""
        return self.base_sprints.get(slug) or (self.head.sprints.get(slug) if self.maintainer else None)

    def anchor(self, ref: str) -> str:
        """The path a diagnostic about a whole project points at: its file, else its first touched path."""
        md = submission_file(ref)
        if self.projects[ref].in_head or md in self.change.paths:
            return md
        return next(p for p in self.change.paths if project_of(p) == ref)

    def deadline(self, sprint: Sprint) -> dt.datetime:
        return sprint.fields.ends + dt.timedelta(hours=self.limits.grace_hours)

    def is_late(self, ref: str) -> bool:
        sprint = self.sprint(ref.split("/")[0])
        return sprint is not None and self.now > self.deadline(sprint)

    def opens_later(self, ref: str) -> bool:
        """The project's sprint exists but has not started: the team waits, there is nothing to fix."""
        sprint = self.sprint(ref.split("/")[0])
        return sprint is not None and self.now < sprint.fields.starts
