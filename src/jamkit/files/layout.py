"""Where content lives in a jamkit repository: the file kinds, discovery, and attachments.

Each kind names its path pattern (as the docs show it), the pydantic model of
its front matter, and the record the loader builds. Everything that asks
"what is this file?" or "where is that file?" (the loader, the editor, the
pull-request check, the site, the docs) asks here, so a new kind is one row of
``KINDS``.

``attachment`` is the one reading of a reference from a content file to a file
in its folder (a submission's ``report``, an image in a body): the check, the
copy into the site and the link all start from what it returns, so they cannot
name different files. ``published_files`` is the one answer to which files of a
folder the site publishes, for the copy and for the rules on what they say.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import (
    GITHUB_RE,
    Assignment,
    AssignmentFields,
    Catalog,
    Cohort,
    CohortFields,
    Fields,
    FinalRanking,
    FinalRankingFields,
    LocalSite,
    Position,
    Profile,
    ProfileFields,
    Publication,
    PublicationFields,
    Review,
    ReviewFields,
    SiteFields,
    Sprint,
    SprintFields,
    Submission,
    SubmissionFields,
    is_slug,
)
from jamkit.core.wording import shown

REVIEWS = "reviews.yaml"
ASSIGNMENTS = "assignments.yaml"
FINALS = "finals.yaml"
_PLACEHOLDER = re.compile(r"<([a-z]+)>")

# What the loader builds from one file, or from one item of a list file.
Record = Sprint | Submission | Publication | Review | Assignment | FinalRanking | Profile | Cohort | LocalSite


def _segment_regex(segment: str, own: str | None) -> str:
    """A path segment's regex; each placeholder a named group (``own`` names the file's own slug)."""
    out, last = "", 0
    for slot in _PLACEHOLDER.finditer(segment):
        out += re.escape(segment[last : slot.start()]) + f"(?P<{own or slot.group(1)}>[^/]+)"
        last = slot.end()
    return out + re.escape(segment[last:])


@dataclass(frozen=True)
class FileKind:
    """One kind of content file: where it sits, what its fields are, what it loads into.

    The placeholders of ``pattern`` are the slugs the path carries: the one in
    the file's own name is the record's ``slug``, the folders above it name what
    it belongs to (``sprint``). Front-matter files keep their attachments in the
    folder beside them, named like the file without ``.md``.
    """

    name: str
    pattern: str  # as people read it, e.g. "submissions/<sprint>/<project>.md"
    fields: type[Fields]
    record: Callable[..., Record]  # one of the record classes, called with the path, fields and slugs
    collection: str  # the Catalog mapping that holds what it loads
    front_matter: bool = True  # a Markdown file with front matter, else a YAML list of fields
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        *folders, own = self.pattern.split("/")
        regex = "/".join([*(_segment_regex(f, None) for f in folders), _segment_regex(own, "slug")])
        object.__setattr__(self, "regex", re.compile(regex))

    def matches(self, path: str) -> bool:
        return bool(self.regex.fullmatch(path))

    def parts(self, path: str) -> dict[str, str]:
        """The slugs ``path`` carries, by record attribute, e.g. ``{"sprint": "s", "slug": "p"}``."""
        found = self.regex.fullmatch(path)
        return found.groupdict() if found else {}

    def key(self, path: str) -> str:
        """Where the catalog keeps what ``path`` holds: a slug, or ``<sprint>/<project>``."""
        return "/".join(self.parts(path).values())

    def path(self, key: str) -> str:
        """The file that holds ``key`` (a slug, or ``<sprint>/<project>``): the reverse of ``key``."""
        slugs = iter(key.split("/"))
        return _PLACEHOLDER.sub(lambda _: next(slugs), self.pattern)

    @property
    def noun(self) -> str:
        """What one file of this kind is called in messages: "project", "sprint", "publication"."""
        own = _PLACEHOLDER.findall(self.pattern.rsplit("/", 1)[-1])
        return own[0] if own and own[0] not in ("slug", "github") else self.name

    def valid_name(self, slug: str) -> bool:
        """Whether the file's own name is valid: a GitHub login for a profile, a slug otherwise."""
        if self.pattern.endswith("<github>.md"):
            return bool(GITHUB_RE.match(slug))
        return is_slug(slug)


SPRINT = FileKind("sprint", "sprints/<sprint>.md", SprintFields, Sprint, "sprints")
SUBMISSION = FileKind("submission", "submissions/<sprint>/<project>.md", SubmissionFields, Submission, "submissions")
PUBLICATION = FileKind("publication", "publications/<slug>.md", PublicationFields, Publication, "publications")
REVIEWS_FILE = FileKind("reviews", f"sprints/<sprint>/{REVIEWS}", ReviewFields, Review, "reviews", front_matter=False)
ASSIGNMENTS_FILE = FileKind(
    "assignments", f"sprints/<sprint>/{ASSIGNMENTS}", AssignmentFields, Assignment, "assignments", front_matter=False
)
FINALS_FILE = FileKind(
    "finals", f"sprints/<sprint>/{FINALS}", FinalRankingFields, FinalRanking, "finals", front_matter=False
)
PROFILE = FileKind("profile", "people/<github>.md", ProfileFields, Profile, "profiles")
COHORT = FileKind("cohort", "lab/<cohort>.md", CohortFields, Cohort, "cohorts")
SITE = FileKind("site", "sites/<site>.md", SiteFields, LocalSite, "sites")
KINDS: tuple[FileKind, ...] = (
    SPRINT,
    SUBMISSION,
    PUBLICATION,
    REVIEWS_FILE,
    ASSIGNMENTS_FILE,
    FINALS_FILE,
    PROFILE,
    COHORT,
    SITE,
)
BY_NAME = {kind.name: kind for kind in KINDS}
CONTENT_DIRS = tuple(dict.fromkeys(kind.pattern.split("/", 1)[0] for kind in KINDS))


def kind_of(path: str) -> FileKind | None:
    """The kind of a repository-relative posix path, or None for any other file."""
    return next((kind for kind in KINDS if kind.matches(path)), None)


# --------------------------------------------------------------------------- paths


def sprint_file(slug: str) -> str:
    return SPRINT.path(slug)


def submission_file(ref: str) -> str:
    return SUBMISSION.path(ref)


def sprint_projects(slug: str) -> str:
    """The folder that holds a sprint's project files."""
    return posixpath.dirname(SUBMISSION.path(f"{slug}/_"))


def reviews_file(sprint: str) -> str:
    return REVIEWS_FILE.path(sprint)


def assignments_file(sprint: str) -> str:
    return ASSIGNMENTS_FILE.path(sprint)


def finals_file(sprint: str) -> str:
    return FINALS_FILE.path(sprint)


def profile_file(github: str) -> str:
    return PROFILE.path(github)


def cohort_file(slug: str) -> str:
    return COHORT.path(slug)


def site_file(slug: str) -> str:
    return SITE.path(slug)


def profile_of(path: str) -> str | None:
    """The handle whose profile ``path`` belongs to: ``people/<github>.md`` or anything in ``people/<github>/``."""
    parts = path.split("/")
    folder = posixpath.dirname(PROFILE.pattern)
    if len(parts) < 2 or parts[0] != folder:
        return None
    return parts[1].removesuffix(".md") if len(parts) == 2 else parts[1]


def site_of(path: str) -> str | None:
    """The local site ``path`` belongs to: ``sites/<site>.md`` or anything in ``sites/<site>/``."""
    parts = path.split("/")
    if len(parts) < 2 or parts[0] != posixpath.dirname(SITE.pattern):
        return None
    return parts[1].removesuffix(".md") if len(parts) == 2 else parts[1]


def folder_of(path: str) -> str:
    """The attachment folder of a front-matter file: its path without ``.md``."""
    return path.removesuffix(".md")


def project_folder(ref: str) -> str:
    return folder_of(submission_file(ref))


def sprint_folder(slug: str) -> str:
    return folder_of(sprint_file(slug))


# The project name of the file a team starts from in GitHub's web editor (the browser path): a valid slug, so that
# only the marked fields need changing, and refused by the pull-request check (JAM321) until the team renames it.
BROWSER_SLUG = "your-project-name"


def is_browser_template(ref: str) -> bool:
    """``<sprint>/<project>`` still bears the browser template's project name."""
    return ref.rpartition("/")[2] == BROWSER_SLUG


def has_sprint(catalog: Catalog, slug: str) -> bool:
    """The sprint exists: loaded, or its file is present even if it is broken."""
    return slug in catalog.sprints or sprint_file(slug) in catalog.present


def has_project(catalog: Catalog, ref: str) -> bool:
    """The project exists: loaded, or its file is present even if it is broken."""
    return ref in catalog.submissions or submission_file(ref) in catalog.present


# --------------------------------------------------------------------------- discovery


def discover(root: Path) -> tuple[list[str], list[Diagnostic]]:
    """Every content file's path (posix, relative to ``root``), and misplaced files.

    Each kind's pattern is walked from the root: a slug that is not valid, or a
    file one folder too high, is a BAD_PATH diagnostic; anything else in the
    content folders (attachments) is not content and is left alone.
    """
    found: set[str] = set()
    problems: dict[str, Diagnostic] = {}
    for kind in KINDS:
        _walk(root, kind, "", kind.pattern.split("/"), found, problems)
    return sorted(found), sorted(problems.values())


_SLUG_FIX = "rename it: 3 to 64 lowercase letters, digits and single hyphens, e.g. 'my-project'"
_LOGIN_FIX = "name the file after your GitHub login: people/<login>.md, e.g. people/ada-lovelace.md"


def _walk(root: Path, kind: FileKind, here: str, rest: list[str], found: set[str], bad: dict[str, Diagnostic]) -> None:
    """Find the files that match the pattern's remaining segments ``rest`` below the folder ``here``."""
    segment, below = rest[0], rest[1:]
    slot = _PLACEHOLDER.search(segment)
    if not below:  # the file's own name
        for entry in _entries(root / here):
            slug = _slug_in(entry.name, segment)
            if slug is None or not entry.is_file():
                continue
            found.add(here + entry.name)
            if slot and not kind.valid_name(slug):
                if kind is PROFILE:
                    _report(bad, here + entry.name, f"'{shown(slug)}' is not a GitHub login", _LOGIN_FIX)
                else:
                    _report(bad, here + entry.name, f"'{shown(slug)}' is not a valid {kind.noun} slug", _SLUG_FIX)
        return
    if slot is None:
        _walk(root, kind, f"{here}{segment}/", below, found, bad)
        return
    for entry in _entries(root / here):
        path = here + entry.name
        if entry.is_file() and not below[1:] and _slug_in(entry.name, below[0]) is not None:
            _report(bad, path, f"a {kind.noun} file sits directly in {here}", f"move it to {kind.pattern}")
        elif entry.is_dir():
            inside: set[str] = set()
            problems: dict[str, Diagnostic] = {}
            _walk(root, kind, f"{path}/", below, inside, problems)
            if is_slug(entry.name):
                found |= inside
                bad |= problems
            elif inside:
                _report(bad, path, f"'{shown(entry.name)}' is not a valid {slot.group(1)} slug", _SLUG_FIX)


def _slug_in(name: str, segment: str) -> str | None:
    """The slug a file name carries in the shape of ``segment`` ("" for a literal), or None if it has another shape."""
    slot = _PLACEHOLDER.search(segment)
    if slot is None:
        return "" if name == segment else None
    prefix, suffix = segment[: slot.start()], segment[slot.end() :]
    if len(name) <= len(prefix) + len(suffix) or not (name.startswith(prefix) and name.endswith(suffix)):
        return None
    return name[len(prefix) : len(name) - len(suffix)]


def _report(bad: dict[str, Diagnostic], path: str, message: str, fix: str) -> None:
    bad.setdefault(path, codes.BAD_PATH.at(path, Position(1), message, fix))


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return []


# --------------------------------------------------------------------------- attachments


@dataclass(frozen=True)
class Attachment:
    """A file in a content file's attachment folder, as a reference in that file names it."""

    folder: str  # the owner's attachment folder from the repository root, e.g. "submissions/s/p"
    name: str  # the file's path inside that folder, e.g. "report.pdf" or "docs/report.pdf"

    @property
    def path(self) -> str:
        """The file from the repository root: what is checked and what is copied into the site."""
        return f"{self.folder}/{self.name}"


@dataclass(frozen=True)
class Remote:
    """A reference that is a URL (any scheme); whether it may be linked is the https rule's business."""

    url: str


@dataclass(frozen=True)
class Refused:
    """A reference that names no file the site can serve: what is wrong, and the spelling to use instead."""

    problem: str
    fix: str


def add_report_fix(target: str) -> str:
    """How to add a missing report PDF to the same pull request, from the browser or the command line.

    GitHub's upload page on the main repository opens a second pull request for a team without write access,
    so the browser way goes through the pull request's own branch (the sprint page's upload form builds the link).
    """
    return (
        "in the browser: on the sprint's page, type your pull request's branch (e.g. ada:patch-1, after 'from' on "
        "its page) by Upload your report PDF, upload the PDF and commit to that branch; on the command line: add it "
        f"at {target} and push; or give an https URL"
    )


_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


_BROWSER_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_URL_SPACE = "".join(map(chr, range(0x21)))  # what browsers strip from both ends of a URL (C0 controls, space)


def scheme_of(value: str) -> str | None:
    """The scheme a browser reads in ``value`` (lower case), or None for a relative URL.

    Read as the URL standard does: controls and spaces at either end are
    dropped and tabs and newlines anywhere, so ``" java<TAB>script:"`` is ``javascript``.
    """
    text = value.strip(_URL_SPACE).replace("\t", "").replace("\n", "").replace("\r", "")
    found = _BROWSER_SCHEME.match(text)
    return found.group(1).lower() if found else None


def attachment(owner: str, reference: str) -> Attachment | Remote | Refused:
    """What a reference in the content file ``owner`` names: a file in its folder, a URL, or nothing servable.

    Accepted, for a project ``submissions/<sprint>/<project>.md`` (and alike for a
    sprint): a path inside the project's folder (``report.pdf``, ``./report.pdf``,
    ``docs/report.pdf``), the same from the repository root
    (``submissions/<sprint>/<project>/report.pdf``), or from the Markdown file
    (``<project>/report.pdf``), as GitHub resolves links. The answer depends on
    the text alone, never on which files exist, so that every reader agrees.
    """
    scheme = scheme_of(reference)
    if "://" in reference or (scheme is not None and len(scheme) > 1):  # one letter is a drive: `C:/`
        return Remote(reference)
    folder = folder_of(owner)
    kind = kind_of(owner)
    noun = kind.noun if kind else "file"
    outside = Refused(
        f"is outside the {noun}'s folder",
        f"put the file in {folder}/ and write its path inside that folder, e.g. report.pdf",
    )
    if _DRIVE.match(reference):
        return outside
    if any(not c.isprintable() for c in reference):
        return _repaired(
            owner, "".join(c for c in reference if c.isprintable()), "contains an invisible or control character"
        )
    if "\\" in reference:
        return _repaired(owner, reference.replace("\\", "/"), "uses '\\' between folders; links use '/'")
    for mark in "?#":
        if mark in reference:
            cut = reference.split(mark, 1)[0]
            return _repaired(owner, cut, f"contains '{mark}', which a link reads as the end of the file name")
    if "%" in reference:
        plain = unquote(reference)
        if plain != reference:
            return _repaired(owner, plain, "contains a percent-escape; links would read the name differently")
        return Refused("contains '%', which links read as an escape", "rename the file without '%' and write its name")
    if reference.startswith("/"):  # GitHub reads it from the repository root; a web server from the site's
        rooted = reference.lstrip("/")
        found = attachment(owner, rooted) if rooted.startswith(f"{folder}/") else outside
        if isinstance(found, Attachment):
            return Refused("starts with '/'", f"write '{found.name}', the path inside {folder}/")
        return outside
    text = reference.removeprefix("./")
    if text.rstrip("/") == folder:
        name = ""
    elif text.startswith(f"{folder}/"):
        name = text[len(folder) + 1 :]
    elif text.split("/", 1)[0] in CONTENT_DIRS:
        return outside
    elif text.startswith(f"{posixpath.basename(folder)}/"):
        name = text[len(posixpath.basename(folder)) + 1 :]
    else:
        name = text
    return _inside(folder, name, noun, outside)


def _inside(folder: str, name: str, noun: str, outside: Refused) -> Attachment | Refused:
    """``name`` as a path inside ``folder``, or why it is not one a link reaches as written."""
    parts = name.split("/")
    if name in ("", ".") or parts[-1] in ("", ".", ".."):
        return Refused(
            "names a folder, not a file", f"write the path of the file inside it, e.g. {_example(folder, name)}"
        )
    if ".." in parts or "." in parts or "" in parts:
        tidy = posixpath.normpath(f"{folder}/{name}")
        if not tidy.startswith(f"{folder}/"):
            return outside
        return Refused(
            "is not written as the plain path (it has '..', '.' or '//')", f"write '{tidy[len(folder) + 1 :]}'"
        )
    if ":" in name:  # `javascript:alert(1)` is a file name on disk and a script to a browser
        return Refused(
            "contains ':', which a browser reads as the start of a URL",
            "rename the file without ':' and write its name",
        )
    hidden = next((part for part in parts if part.startswith(".")), None)
    if hidden is not None:
        return Refused(
            f"names a hidden file or folder ('{shown(hidden)}'), which the site does not publish",
            f"rename '{shown(hidden)}' without the leading '.'",
        )
    return Attachment(folder, name)


def published_files(root: str, folder: str) -> list[tuple[str, str]]:
    """The files of a content file's folder that the site publishes: (name inside the folder, path on disk).

    Hidden files are left out (``attachment`` refuses to name them), and so are
    content files such as a sprint's ``reviews.yaml``, and symbolic links and
    whatever they lead to: nothing outside the folder is ever published.
    """
    base = os.path.join(root, folder)
    if os.path.islink(base) or not os.path.isdir(base):
        return []
    real = os.path.realpath(base)
    found: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(base):  # never into a linked folder
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and not os.path.islink(os.path.join(dirpath, d))
        )
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, base).replace(os.sep, "/")
            if name.startswith(".") or kind_of(f"{folder}/{rel}") is not None or not own_file(path, real):
                continue
            found.append((rel, path))
    return found


def own_file(path: str, folder: str) -> bool:
    """A regular file that is really inside ``folder`` (a real path): no link, nothing reached through one."""
    return (
        not os.path.islink(path)
        and os.path.isfile(path)
        and os.path.commonpath([os.path.realpath(path), folder]) == folder
    )


def _example(folder: str, name: str) -> str:
    inside = posixpath.normpath(f"{folder}/{name}")
    inside = inside[len(folder) + 1 :] if inside.startswith(f"{folder}/") else ""
    return f"{inside}/report.pdf" if inside else "report.pdf"


def _repaired(owner: str, candidate: str, problem: str) -> Refused:
    """Refuse with ``problem``; the fix names the repaired spelling when that one is accepted."""
    found = attachment(owner, candidate)
    if isinstance(found, Attachment):
        return Refused(problem, f"write '{found.name}'")
    if isinstance(found, Refused):
        return Refused(problem, found.fix)
    return Refused(problem, "write the path of the file inside its folder, e.g. report.pdf")
