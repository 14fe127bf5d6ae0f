"""The pull-request policy: small rules over a change, each with its own JAM3xx code.

``check_pull_request`` reads the change ``BASE...HEAD`` from git objects
(``jamkit.change``), writes just the files the content rules need into a
temporary folder, loads them with ``load_catalog(only=...)`` so the content
rules report on the changed files, and then applies the policy rules below.
Nothing scales with the size of the repository except one ``git ls-tree`` of
file names, so a one-project change is checked in well under a second even in
a repository of 10,000 projects.
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import tempfile
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from jamkit import diagnostics as codes
from jamkit.change import (
    EXECUTABLE,
    GITLINK,
    REGULAR,
    SYMLINK,
    Change,
    Entry,
    GitError,
    Objects,
    TreeFile,
    list_names,
    ls_tree,
    project_of,
    read_change,
    safe_path,
    toplevel,
)
from jamkit.diagnostics import Diagnostic
from jamkit.layout import SPRINT, has_sprint, kind_of
from jamkit.load import Document, load_catalog, load_sprint, read_document
from jamkit.model import MAINTAINER_FIELDS, Catalog, Position, Sprint, Status, position_in, shown

KB, MB = 1024, 1024 * 1024
SNIFF = 512
TOP = Position(1, 1)

# Files that run as code when the site is built or CI runs (see DESIGN.md, "Untrusted input").
PROTECTED_FILES = ("mkdocs.yml", "pyproject.toml")
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
    value = table.get("grace_hours")
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        changes["grace_hours"] = float(value)
    if grace is not None:
        changes["grace_hours"] = grace
    return dataclasses.replace(limits, **changes)  # type: ignore[arg-type]


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

    @property
    def author_handle(self) -> str | None:
        """The author as ``members_of`` spells handles, or None when ownership is not checked."""
        return None if self.maintainer or not self.author else handle(self.author)

    def sprint(self, slug: str) -> Sprint | None:
        """The sprint as on the base branch (a pull request cannot move its own deadline)."""
        return self.base_sprints.get(slug) or (self.head.sprints.get(slug) if self.maintainer else None)

    def anchor(self, ref: str) -> str:
        """The path a diagnostic about a whole project points at: its file, else its first touched path."""
        md = f"submissions/{ref}.md"
        if self.projects[ref].in_head or md in self.change.paths:
            return md
        return next(p for p in self.change.paths if project_of(p) == ref)

    def deadline(self, sprint: Sprint) -> dt.datetime:
        return sprint.fields.ends + dt.timedelta(hours=self.limits.grace_hours)

    def is_late(self, ref: str) -> bool:
        sprint = self.sprint(ref.split("/")[0])
        return sprint is not None and self.now > self.deadline(sprint)


PolicyRule = Callable[[PullRequest], Iterable[Diagnostic]]
POLICY_RULES: list[PolicyRule] = []


def policy_rule(rule: PolicyRule) -> PolicyRule:
    POLICY_RULES.append(rule)
    return rule


def _at(doc: Document | None, *loc: str | int) -> Position:
    return position_in(doc.locations, loc) if doc else TOP


def handle(github: str) -> str:
    """GitHub handles compare case-insensitively, with or without a leading '@'."""
    return github.strip().lower().lstrip("@")


def members_of(doc: Document | None) -> set[str]:
    """Lower-cased GitHub handles in a version's ``members``, however broken the rest is."""
    if doc is None or not isinstance(doc.data.get("members"), list):
        return set()
    return {
        handle(m["github"]) for m in doc.data["members"] if isinstance(m, dict) and isinstance(m.get("github"), str)
    }


# --------------------------------------------------------------------------- rules: paths


@policy_rule
def paths_allowed(pr: PullRequest) -> Iterator[Diagnostic]:
    """A team's pull request stays inside one project's file and folder."""
    if pr.maintainer:
        return
    for path in pr.change.paths:
        if project_of(path) is not None:
            continue
        if is_protected(path):
            yield codes.PR_PROTECTED.at(
                path,
                TOP,
                f"{path} runs as code at build time; a submission may not change it (flagged for maintainer review)",
                "remove this file from the pull request; tooling changes go in a separate pull request",
            )
        else:
            yield codes.PR_PATH.at(
                path,
                TOP,
                f"{path} is outside submissions/<sprint>/<project>; a team's pull request may change only its project",
                f"take it out of the pull request (git restore --source={pr.change.merge_base[:12]} -- {path})",
            )


@policy_rule
def one_project(pr: PullRequest) -> Iterator[Diagnostic]:
    """One project per pull request; a rename across projects touches two."""
    if pr.maintainer or len(pr.projects) < 2:
        return
    refs = sorted(pr.projects)
    for ref in refs[1:]:
        first = pr.anchor(ref)
        yield codes.PR_TWO_PROJECTS.at(
            first,
            TOP,
            f"this pull request changes {len(refs)} projects ({', '.join(refs)}); it may change only one",
            "split it into one pull request per project; a maintainer moves projects between sprints",
        )


# --------------------------------------------------------------------------- rules: people


@policy_rule
def members_only(pr: PullRequest) -> Iterator[Diagnostic]:
    """Only a member on the base branch may change, rename or delete an existing project."""
    author = pr.author_handle
    if author is None:
        return
    for project in pr.projects.values():
        if not project.existed or author in members_of(project.owner_doc):
            continue
        doc = project.head_doc if project.in_head else None
        yield codes.PR_NOT_MEMBER.at(
            pr.anchor(project.ref),
            _at(doc, "members"),
            f"{pr.author} is not a member of {project.ref} on the base branch, so may not change it",
            "ask one of its members to open the pull request; adding yourself to `members` here does not count",
        )


@policy_rule
def author_is_member(pr: PullRequest) -> Iterator[Diagnostic]:
    """Whoever adds a project must be on it, so that they can edit it later."""
    author = pr.author_handle
    if author is None:
        return
    for project in pr.projects.values():
        if project.existed or project.head_doc is None or author in members_of(project.head_doc):
            continue
        yield codes.PR_AUTHOR_NOT_LISTED.at(
            project.md,
            _at(project.head_doc, "members"),
            f"the new project {project.ref} does not list its author {pr.author} in `members`",
            f"add yourself: - {{name: Your Name, github: {pr.author}}}",
        )


@policy_rule
def maintainer_fields(pr: PullRequest) -> Iterator[Diagnostic]:
    """status, retraction, embargo_until and lab are the maintainers' to set."""
    if pr.maintainer:
        return
    missing = object()
    for project in pr.projects.values():
        head = project.head_doc
        if head is None:
            continue
        base = project.origin_doc
        for name in MAINTAINER_FIELDS:
            new = head.data.get(name, missing)
            if base is None:
                if new is not missing:
                    yield codes.PR_MAINTAINER_FIELD.at(
                        project.md,
                        _at(head, name),
                        f"'{name}' is set by maintainers; a new project may not set it",
                        f"remove '{name}:' from the file",
                    )
                continue
            old = base.data.get(name, missing)
            if new != old:
                verb = "add" if old is missing else "remove" if new is missing else "change"
                yield codes.PR_MAINTAINER_FIELD.at(
                    project.md,
                    _at(head, name),
                    f"'{name}' is set by maintainers; this pull request would {verb} it",
                    f"restore '{name}' as it is on the base branch and ask a maintainer",
                )


# --------------------------------------------------------------------------- rules: time


def _when(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@policy_rule
def sprint_open(pr: PullRequest) -> Iterator[Diagnostic]:
    """Submissions go to a sprint that exists on the base branch and has started."""
    if pr.maintainer:
        return
    for project in pr.projects.values():
        sprint = pr.sprint(project.sprint)
        path = pr.anchor(project.ref)
        if sprint is None:
            if project.in_head and not has_sprint(pr.head, project.sprint):
                continue  # JAM201 (sprint does not exist) already says so on this file
            yield codes.PR_NOT_OPEN.at(
                path,
                TOP,
                f"there is no sprint '{project.sprint}' on the base branch",
                "use the folder of an existing sprint: submissions/<sprint>/",
            )
        elif sprint.status(pr.now) is Status.UPCOMING:
            yield codes.PR_NOT_OPEN.at(
                path,
                TOP,
                f"{sprint.fields.title} has not started; it opens for submissions at {_when(sprint.fields.starts)}",
                "open the pull request once the sprint has started",
            )


@policy_rule
def deadline(pr: PullRequest) -> Iterator[Diagnostic]:
    """A change after the deadline (plus grace) is LATE; CI passes the event time as --now."""
    if pr.maintainer:
        return
    for project in pr.projects.values():
        sprint = pr.sprint(project.sprint)
        if sprint is None or not pr.is_late(project.ref):
            continue
        grace = f" plus {pr.limits.grace_hours:g} h grace" if pr.limits.grace_hours else ""
        what = "submission" if not project.existed else "change"
        yield codes.PR_LATE.at(
            pr.anchor(project.ref),
            TOP,
            f"LATE {what}: the deadline of {sprint.fields.title} was {sprint.deadline_aoe:%Y-%m-%d %H:%M} AoE "
            f"({_when(sprint.fields.ends)}){grace}; "
            f"this pull request is at {_when(pr.now)}",
            "none needed from the team; the organizers decide whether to accept late work",
        )


# --------------------------------------------------------------------------- rules: files

MAGIC: tuple[tuple[str, Callable[[bytes], bool]], ...] = (
    ("pdf", lambda b: b.startswith(b"%PDF-")),
    ("png", lambda b: b.startswith(b"\x89PNG\r\n\x1a\n")),
    ("jpeg", lambda b: b.startswith(b"\xff\xd8\xff")),
    ("gif", lambda b: b.startswith((b"GIF87a", b"GIF89a"))),
    ("webp", lambda b: b[:4] == b"RIFF" and b[8:12] == b"WEBP"),
)
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "webp": (".webp",),
    "text": (".txt",),
}
PROGRAMS = (
    (b"\x7fELF", "an ELF program"),
    (b"#!", "a script (#!)"),
    (b"MZ", "a Windows program"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O program"),
    (b"\xce\xfa\xed\xfe", "a Mach-O program"),
    (b"\xfe\xed\xfa\xce", "a Mach-O program"),
    (b"\xfe\xed\xfa\xcf", "a Mach-O program"),
    (b"\xca\xfe\xba\xbe", "a Mach-O program"),
)


def sniff(head: bytes, name: str) -> str | None:
    """The file's type from its first bytes: an allowed type, 'text' for notes, or None."""
    for kind, matches in MAGIC:
        if matches(head):
            return kind
    if name.lower().endswith(".txt") and b"\0" not in head:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return None
        return "text"
    return None


def is_project_file(path: str) -> bool:
    """``submissions/<sprint>/<project>.md`` itself, as opposed to an attachment."""
    return path.endswith(".md") and path.count("/") == 2


def program_in(head: bytes) -> str | None:
    return next((what for magic, what in PROGRAMS if head.startswith(magic)), None)


def _changed_in_projects(pr: PullRequest) -> Iterator[Entry]:
    for entry in pr.change.in_head():
        if project_of(entry.path) is not None:
            yield entry


@policy_rule
def regular_files(pr: PullRequest) -> Iterator[Diagnostic]:
    """No symbolic links or submodules: a link could expose files outside the repository."""
    for entry in _changed_in_projects(pr):
        if entry.new_mode == SYMLINK:
            target = pr.heads.get(entry.path, b"").decode("utf-8", "replace")
            yield codes.PR_SYMLINK.at(
                entry.path,
                TOP,
                f"{entry.path} is a symbolic link (to '{shown(target)}'), not a file",
                "replace the link with a copy of the file itself",
            )
        elif entry.new_mode == GITLINK:
            yield codes.PR_SYMLINK.at(
                entry.path, TOP, f"{entry.path} is a git submodule, not a file", "remove the submodule"
            )


@policy_rule
def no_programs(pr: PullRequest) -> Iterator[Diagnostic]:
    """No executables, whatever their name: by mode (100755) or by content."""
    for entry in _changed_in_projects(pr):
        if entry.new_mode not in (REGULAR, EXECUTABLE):
            continue
        program = program_in(pr.heads.get(entry.path, b""))
        if program:
            yield codes.PR_EXECUTABLE.at(
                entry.path,
                TOP,
                f"{entry.path} is {program}, not a document or image",
                "remove it; link code with `code:` instead",
            )
        elif entry.new_mode == EXECUTABLE:
            yield codes.PR_EXECUTABLE.at(
                entry.path,
                TOP,
                f"{entry.path} has the executable mode (100755)",
                f"git update-index --chmod=-x {entry.path}",
            )


@policy_rule
def attachment_types(pr: PullRequest) -> Iterator[Diagnostic]:
    """PDF, PNG, JPEG, GIF, WebP and .txt notes only, by content, with a matching extension."""
    for entry in _changed_in_projects(pr):
        if is_project_file(entry.path):
            continue  # the project's own file
        if entry.new_mode not in (REGULAR, EXECUTABLE):
            continue
        head = pr.heads.get(entry.path, b"")
        if program_in(head):
            continue  # JAM311 says what it is
        name = PurePosixPath(entry.path).name
        kind = sniff(head, name)
        if kind is None:
            svg = name.lower().endswith((".svg", ".svgz")) or b"<svg" in head.lower()
            yield codes.PR_FILE_TYPE.at(
                entry.path,
                TOP,
                f"{entry.path} is "
                + ("an SVG image, which can carry scripts" if svg else "not a PDF, PNG, JPEG, GIF or WebP file"),
                "export figures as PNG and the report as PDF; link other material with `links:`",
            )
        elif not name.lower().endswith(EXTENSIONS[kind]):
            yield codes.PR_FILE_TYPE.at(
                entry.path,
                TOP,
                f"{entry.path} is a {kind.upper() if kind != 'text' else 'text'} file but its name says otherwise",
                f"rename it to end in {EXTENSIONS[kind][0]}",
            )


def _limit_for(pr: PullRequest, path: str, head: bytes) -> tuple[int, str]:
    if is_project_file(path):
        return pr.limits.markdown, "a project file"
    kind = sniff(head, PurePosixPath(path).name)
    if kind == "pdf":
        return pr.limits.pdf, "a PDF"
    if kind == "text":
        return pr.limits.note, "a text note"
    return pr.limits.image, "an image"


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / KB:.0f} KB"


@policy_rule
def file_sizes(pr: PullRequest) -> Iterator[Diagnostic]:
    """Size limits per file, by what the file really is."""
    sizes = {f.path: f.size for p in pr.projects.values() for f in p.files}
    for entry in _changed_in_projects(pr):
        if entry.new_mode not in (REGULAR, EXECUTABLE) or entry.path not in sizes:
            continue
        limit, what = _limit_for(pr, entry.path, pr.heads.get(entry.path, b""))
        if sizes[entry.path] > limit:
            yield codes.PR_TOO_LARGE.at(
                entry.path,
                TOP,
                f"{entry.path} is {_mb(sizes[entry.path])}; {what} may take at most {_mb(limit)}",
                "compress it, or link a large file with an https URL",
            )


@policy_rule
def project_size(pr: PullRequest) -> Iterator[Diagnostic]:
    """All of a project's folder together stays within the per-project limit."""
    for project in pr.projects.values():
        attachments = [f for f in project.files if f.path != project.md]
        total = sum(f.size for f in attachments)
        if total > pr.limits.project:
            yield codes.PR_PROJECT_TOO_LARGE.at(
                pr.anchor(project.ref),
                TOP,
                f"the folder of {project.ref} holds {_mb(total)}; a project may take at most {_mb(pr.limits.project)}",
                "remove or compress attachments, or link them with https URLs",
            )


@policy_rule
def attachments_have_project(pr: PullRequest) -> Iterator[Diagnostic]:
    """Files in a project's folder need the project's file beside the folder."""
    for entry in _changed_in_projects(pr):
        ref = project_of(entry.path)
        if ref is None or is_project_file(entry.path):
            continue
        if not pr.projects[ref].in_head:
            yield codes.PR_ORPHAN.at(
                entry.path,
                TOP,
                f"{entry.path} belongs to no project: submissions/{ref}.md does not exist",
                f"add submissions/{ref}.md (jam new submission), or move the file to your project's folder",
            )


# --------------------------------------------------------------------------- running the check


@dataclass(frozen=True)
class Outcome:
    """What ``jam check --pr`` prints: the diagnostics, the count, and the change for bots."""

    diagnostics: list[Diagnostic]
    checked: int
    change: dict[str, Any]


def _write(objects: Objects, name: str, target: Path, limit: int | None = None) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    return objects.read(name, limit=limit, into=target) is not None


def _document(objects: Objects, name: str, folder: Path, path: str, limit: int) -> Document | None:
    """A content file's parsed front matter straight from a git object, however broken (None)."""
    if not safe_path(path) or not _write(objects, name, folder / path, limit):
        return None
    doc, _ = read_document(folder, path)
    return doc


def check_pull_request(
    root: Path,
    base_ref: str,
    head_ref: str = "HEAD",
    *,
    author: str | None = None,
    maintainer: bool = False,
    now: dt.datetime | None = None,
    grace: float | None = None,
) -> Outcome:
    """Content rules on the changed files plus the policy rules, all read from git objects.

    Raises ``GitError`` (a usage error) when the refs cannot be read.
    """
    from jamkit.rules import check

    top = toplevel(root)
    change = read_change(top, base_ref, head_ref)
    now = now or dt.datetime.now(dt.UTC)
    refs = sorted({ref for p in change.paths if (ref := project_of(p))})
    with Objects(top) as objects, tempfile.TemporaryDirectory(prefix="jam-pr-") as tmp:
        head_dir, mb_dir, base_dir = Path(tmp, "head"), Path(tmp, "merge-base"), Path(tmp, "base")
        limits = read_limits(objects.read(f"{change.base}:pyproject.toml", limit=MB), grace)

        names = list_names(top, change.head, ["sprints", "submissions", "publications"])
        present = {n for n in names if n.endswith((".md", ".yaml")) and kind_of(n)}
        folders = ls_tree(top, change.head, [f"submissions/{ref}" for ref in refs])
        head_files = {f.path: f for f in ls_tree(top, change.head, [f"submissions/{ref}.md" for ref in refs])}
        head_files |= {f.path: f for f in folders}
        changed = {e.path: e for e in change.in_head()}

        # The head, as far as the content rules need it: sprints, changed content, touched projects.
        wanted = {n for n in present if kind_of(n) is SPRINT}
        wanted |= {p for p in changed if kind_of(p)} | set(head_files)
        blobs = {f.path: (f.mode, f.blob) for f in ls_tree(top, change.head, sorted(wanted - set(head_files)))}
        blobs |= {p: (f.mode, f.blob) for p, f in head_files.items()}
        for path, (mode, blob) in sorted(blobs.items()):
            if mode in (REGULAR, EXECUTABLE) and safe_path(path):
                _write(objects, blob, head_dir / path, limits.largest + 1)
        heads = {
            e.path: objects.read(e.new_blob, limit=SNIFF if e.new_mode != SYMLINK else 1024) or b""
            for e in changed.values()
            if project_of(e.path) and e.new_mode in (REGULAR, EXECUTABLE, SYMLINK)
        }

        projects: dict[str, Project] = {}
        for ref in refs:
            md = f"submissions/{ref}.md"
            origin = next((e.old_path for e in change.entries if e.path == md and not e.deleted), md)
            in_head = md in blobs and blobs[md][0] in (REGULAR, EXECUTABLE)
            head_doc = read_document(head_dir, md)[0] if in_head and (head_dir / md).is_file() else None
            origin_doc = _document(objects, f"{change.merge_base}:{origin}", mb_dir, origin, limits.markdown + 1)
            tip_doc = _document(objects, f"{change.base}:{md}", base_dir, md, limits.markdown + 1)
            mb_doc = origin_doc if origin == md else _document(objects, f"{change.merge_base}:{md}", mb_dir, md, MB)
            projects[ref] = Project(
                ref=ref,
                md=md,
                head_doc=head_doc,
                origin_doc=origin_doc,
                owner_doc=tip_doc or mb_doc,
                existed=tip_doc is not None or mb_doc is not None,
                in_head=in_head,
                files=tuple(f for p, f in sorted(head_files.items()) if p.startswith(f"submissions/{ref}/")),
            )

        base_sprints: dict[str, Sprint] = {}
        for slug in sorted({ref.split("/")[0] for ref in refs}):
            path = f"sprints/{slug}.md"
            if _write(objects, f"{change.base}:{path}", base_dir / path, MB):
                sprint, _ = load_sprint(base_dir, path)
                if sprint is not None:
                    base_sprints[slug] = sprint

        content = sorted({p for p in changed if kind_of(p)} | {p.md for p in projects.values() if p.in_head})
        catalog, found = load_catalog(head_dir, only=content)
        catalog = dataclasses.replace(catalog, present=catalog.present | present)
        found += check(catalog)
        found = [d for d in found if d.path in set(content)]

        pr = PullRequest(change, author, maintainer, now, limits, projects, catalog, base_sprints, heads)
        for rule in POLICY_RULES:
            found += rule(pr)

    sprints = {ref.split("/")[0] for ref in refs}
    sprints |= {p.split("/")[1][:-3] for p in change.paths if kind_of(p) is SPRINT}
    summary = {
        "base": change.base,
        "head": change.head,
        "merge_base": change.merge_base,
        "paths": change.paths,
        "projects": refs,
        "sprints": sorted(sprints),
        "late": any(pr.is_late(ref) for ref in refs),
        "protected": any(is_protected(p) for p in change.paths),
        "author": author,
        "maintainer": maintainer,
    }
    return Outcome(sorted(set(found)), len(change.paths), summary)


def verdict(outcome: Outcome) -> str:
    """One plain sentence for people: what the change is and whether it can be merged."""
    change = outcome.change
    errors = [d for d in outcome.diagnostics if d.severity == "error"]
    what = (
        f"changes project{'s' * (len(change['projects']) > 1)} {', '.join(change['projects'])}"
        if change["projects"]
        else f"changes {len(change['paths'])} file{'s' * (len(change['paths']) != 1)} and no project"
    )
    notes = []
    if change["late"]:
        notes.append("it is LATE (after the sprint's deadline)")
    if change["protected"]:
        notes.append("it touches protected files, so a maintainer must review it")
    if change["author"] is None and not change["maintainer"] and change["projects"]:
        notes.append("membership was not checked because no --author was given")
    tail = f"; {'; '.join(notes)}" if notes else ""
    if errors:
        n = len(errors)
        return f"Pull request verdict: NEEDS CHANGES. It {what}; {n} problem{'s' * (n != 1)} listed above{tail}."
    if not change["paths"]:
        return "Pull request verdict: nothing to check, the pull request changes no files."
    return f"Pull request verdict: READY. It {what} and passes every check{tail}."


__all__ = ["POLICY_RULES", "GitError", "Limits", "Outcome", "check_pull_request", "verdict"]
