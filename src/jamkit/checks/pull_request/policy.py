"""The pull-request policy: small rules over a change, each with its own JAM3xx code.

Each rule looks at one ``PullRequest`` (``jamkit.checks.pull_request.request``): which
paths the change touches, who sent it and when, and what its files really are.
A maintainer (``--maintainer``) is exempt from the rules on paths, people and
time; the rules on files apply to everyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from jamkit.checks.pull_request.request import (
    PullRequest,
    SiteChange,
    hosts_of,
    is_protected,
    members_of,
    organizers_of,
)
from jamkit.checks.registry import policy_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.identity import handle_key
from jamkit.core.model import MAINTAINER_FIELDS, Position, Status, position_in
from jamkit.core.wording import shown, size, utc_stamp
from jamkit.files.git.change import EXECUTABLE, GITLINK, REGULAR, SYMLINK, Entry, project_of
from jamkit.files.layout import (
    BROWSER_SLUG,
    has_sprint,
    is_browser_template,
    profile_file,
    profile_of,
    site_file,
    site_of,
)
from jamkit.files.load import Document, path_problem
from jamkit.files.sniff import EXTENSIONS, program_in, sniff

TOP = Position(1, 1)


def _at(doc: Document | None, *loc: str | int) -> Position:
    return position_in(doc.locations, loc) if doc else TOP


# --------------------------------------------------------------------------- rules: paths


@policy_rule
def names_readable(pr: PullRequest) -> Iterator[Diagnostic]:
    """Every path the change touches has a name that every tool can hold: UTF-8, printable, not too long."""
    for path in pr.change.paths:
        found = path_problem(path)
        if found is not None:
            yield found


@policy_rule
def merges_cleanly(pr: PullRequest) -> Iterator[Diagnostic]:
    """A criss-cross history is read against GitHub's merge; one that conflicts cannot be read at all."""
    if pr.change.conflicted:
        yield codes.PR_MERGE_CONFLICT.at(
            (pr.change.paths or ["."])[0],
            TOP,
            f"the head and the base branch have {pr.change.merge_bases} merge bases (a criss-cross history) "
            "and their merge conflicts, so what the pull request changes cannot be read",
            "rebase the branch onto the base branch (git rebase origin/main) and push it again",
        )


@policy_rule
def paths_allowed(pr: PullRequest) -> Iterator[Diagnostic]:
    """A team's pull request stays inside one project's file and folder."""
    if pr.maintainer:
        return
    for path in pr.change.paths:
        if project_of(path) is not None or profile_of(path) is not None or site_of(path) is not None:
            continue  # a profile's paths are `own_profile`'s business, a site's the site rules'
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
def renamed_from_template(pr: PullRequest) -> Iterator[Diagnostic]:
    """The browser template's project name is a placeholder: published, it would stay the project's address."""
    for entry in _changed_in_projects(pr):
        ref = project_of(entry.path)
        if ref is None or not is_browser_template(ref):
            continue
        sprint = ref.partition("/")[0]
        if is_project_file(entry.path):
            fix = (
                "in the browser: open the file (Files changed, ⋯, Edit file), click the file name at the top of the "
                "editor, type your project's slug, e.g. refusal-drift.md, and commit to the same branch; on the "
                "command line: git mv it to <your-project>.md"
            )
        else:
            fix = (
                "in the browser: delete it (⋯, Delete file) and upload it again into your project's folder, "
                f"submissions/{sprint}/<your-project>/; on the command line: git mv it there"
            )
        yield codes.PR_TEMPLATE_NAME.at(
            entry.path,
            TOP,
            f"{entry.path} still has the template's name {BROWSER_SLUG}; it would be published at "
            f"/projects/{sprint}/{BROWSER_SLUG}/ for ever",
            fix,
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
def own_profile(pr: PullRequest) -> Iterator[Diagnostic]:
    """``people/<github>.md`` is changed by that GitHub user (or a maintainer) only, and has no folder."""
    if pr.maintainer:
        return
    author = pr.author_handle
    for path in pr.change.paths:
        github = profile_of(path)
        if github is None:
            continue
        if path != profile_file(github):
            yield codes.PR_NOT_PROFILE_OWNER.at(
                path,
                TOP,
                f"{path} is inside a profile's folder; a profile has no attachments",
                f"take it out of the pull request; link pictures and pages under `links:` in {profile_file(github)}",
            )
        elif author is not None and handle_key(github) != author:
            yield codes.PR_NOT_PROFILE_OWNER.at(
                path,
                TOP,
                f"{path} is the profile of @{shown(github)}; {pr.author} may not add, change or delete it",
                f"take it out of the pull request; your own profile is {profile_file(author)} (jam new profile)",
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


@policy_rule
def site_organizers_only(pr: PullRequest) -> Iterator[Diagnostic]:
    """A site's file is changed, renamed or deleted by its organisers on the base branch (or a maintainer)."""
    author = pr.author_handle
    for site in pr.sites.values():
        if author is None or not site.existed or author in organizers_of(site.owner_doc):
            continue
        yield codes.PR_NOT_SITE_ORGANIZER.at(
            site.md,
            _at(site.head_doc, "organizers"),
            f"{pr.author} is not one of the organisers of {site.md} on the base branch, so may not change it",
            "ask one of its organisers to open the pull request; adding yourself to `organizers` here does not count",
        )


@policy_rule
def site_lists_its_author(pr: PullRequest) -> Iterator[Diagnostic]:
    """Anyone may add a site, as one of its organisers, so that they can edit it later."""
    author = pr.author_handle
    for site in pr.sites.values():
        if author is None or site.existed or site.head_doc is None or author in organizers_of(site.head_doc):
            continue
        yield codes.PR_SITE_AUTHOR_NOT_LISTED.at(
            site.md,
            _at(site.head_doc, "organizers"),
            f"the new site {site.md} does not list its author {pr.author} in `organizers`",
            f"add yourself: - {{name: Your Name, github: {pr.author}}}",
        )


@policy_rule
def site_is_one_file(pr: PullRequest) -> Iterator[Diagnostic]:
    """A site is its file alone: nothing may be added in ``sites/<site>/``."""
    if pr.maintainer:
        return
    for entry in pr.change.in_head():
        slug = site_of(entry.path)
        if slug is not None and entry.path != site_file(slug):
            yield codes.PR_SITE_FOLDER.at(
                entry.path,
                TOP,
                f"{entry.path} is inside a site's folder; a local site is the one file {site_file(slug)}",
                "take it out of the pull request; link pictures and pages with https URLs in the site's file",
            )


@policy_rule
def sites_join_open_sprints(pr: PullRequest) -> Iterator[Diagnostic]:
    """A ``hosts`` entry is added or changed only for an upcoming or live sprint that takes local sites."""
    if pr.maintainer:
        return
    for site in pr.sites.values():
        before = hosts_of(site.owner_doc)
        for slug, (index, entry) in hosts_of(site.head_doc).items():
            if before.get(slug, (None, None))[1] == entry:
                continue  # unchanged: a site keeps the sprints it hosted
            problem = _closed(pr, site, slug)
            if problem:
                yield codes.PR_SITE_SPRINT_CLOSED.at(
                    site.md,
                    _at(site.head_doc, "hosts", index, "sprint"),
                    problem,
                    "take the entry out of `hosts`, or ask a maintainer to add it",
                )


def _closed(pr: PullRequest, site: SiteChange, slug: str) -> str | None:
    """Why a site may not add or change its entry for the sprint ``slug`` now; None when it may."""
    sprint = pr.sprint(slug)
    if sprint is None:
        return None if not has_sprint(pr.head, slug) else f"there is no sprint '{slug}' on the base branch"
    status = sprint.status(pr.now)
    if status not in (Status.UPCOMING, Status.LIVE):
        return (
            f"{sprint.fields.title} ended at {utc_stamp(sprint.fields.ends)}; a site may join a sprint only while "
            "it is upcoming or live"
        )
    if not sprint.fields.open_sites:
        return f"{sprint.fields.title} sets `open_sites: false`: it takes no new local sites"
    return None


# --------------------------------------------------------------------------- rules: time


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
                f"{sprint.fields.title} has not started; it opens for submissions at {utc_stamp(sprint.fields.starts)}",
                "nothing to fix: wait until the sprint starts, then push again (or ask a maintainer to re-run it)",
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
            f"({utc_stamp(sprint.fields.ends)}){grace}; "
            f"this pull request is at {utc_stamp(pr.now)}",
            "nothing to fix: the organisers decide whether to accept late work; the pull request waits for them",
        )


# --------------------------------------------------------------------------- rules: files


def is_project_file(path: str) -> bool:
    """``submissions/<sprint>/<project>.md`` itself, as opposed to an attachment."""
    return path.endswith(".md") and path.count("/") == 2


def _changed_in_projects(pr: PullRequest) -> Iterator[Entry]:
    """Changed files in the head that teams and people may own: projects' files and folders, profiles, sites."""
    for entry in pr.change.in_head():
        if project_of(entry.path) is not None or profile_of(entry.path) is not None or site_of(entry.path) is not None:
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
        if is_project_file(entry.path) or profile_of(entry.path) is not None or site_of(entry.path) is not None:
            continue  # the project's own file; a profile's or site's folder is refused by its own rule
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
                f"{entry.path} is {size(sizes[entry.path])}; {what} may take at most {size(limit)}",
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
                f"the folder of {project.ref} holds {size(total)}; "
                f"a project may take at most {size(pr.limits.project)}",
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
