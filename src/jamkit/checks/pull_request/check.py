"""``jam check --pr``: a pull request read from git objects, checked by the content and policy rules.

``check_pull_request`` reads the change ``BASE...HEAD`` (``jamkit.files.git.change``),
writes just the files the content rules need into a temporary folder
(``jamkit.files.git.checkout``), loads them with ``load_catalog(only=...)`` so the content
rules report on the changed files, and then applies the policy rules.
Nothing scales with the size of the repository except one ``git ls-tree`` of
file names, so a one-project change is checked in well under a second even in
a repository of 10,000 projects.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jamkit.checks import check, check_policy
from jamkit.checks.pull_request.request import (
    Limits,
    Project,
    PullRequest,
    SiteChange,
    hosts_of,
    is_protected,
    read_limits,
)
from jamkit.core import verdict
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Sprint
from jamkit.core.wording import MB
from jamkit.files.git.change import (
    EXECUTABLE,
    REGULAR,
    SYMLINK,
    Change,
    Entry,
    TreeFile,
    blob_sizes,
    list_names,
    ls_tree,
    project_of,
    read_change,
    toplevel,
)
from jamkit.files.git.checkout import Checkout
from jamkit.files.layout import (
    CONTENT_DIRS,
    SITE,
    SPRINT,
    kind_of,
    profile_of,
    project_folder,
    site_file,
    site_of,
    sprint_file,
    submission_file,
)
from jamkit.files.load import load_catalog, load_sprint, read_document
from jamkit.files.sniff import SNIFF


@dataclass(frozen=True)
class Outcome:
    """What ``jam check --pr`` reports: the diagnostics, the number of paths checked, and the change."""

    diagnostics: list[Diagnostic]
    checked: int
    change: verdict.Change


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
    top = toplevel(root)
    change = read_change(top, base_ref, head_ref)
    now = now or dt.datetime.now(dt.UTC)
    refs = sorted({ref for p in change.paths if (ref := project_of(p))})
    with Checkout(top) as checkout:
        limits = read_limits(checkout.read(f"{change.base}:pyproject.toml", limit=MB), grace)
        folders = ls_tree(top, change.after, [project_folder(ref) for ref in refs])
        head_files = {f.path: f for f in ls_tree(top, change.after, [submission_file(ref) for ref in refs])}
        head_files |= {f.path: f for f in folders}
        changed = {e.path: e for e in change.in_head()}
        present, blobs = _write_head(checkout, change, changed, head_files, limits)
        projects = {ref: _project(checkout, change, ref, blobs, head_files, limits) for ref in refs}
        touched = sorted({slug for path in change.paths if (slug := site_of(path))})
        sites = {slug: _site(checkout, change, slug) for slug in touched}
        hosted = {sprint for site in sites.values() for sprint in hosts_of(site.head_doc)}
        base_sprints = _base_sprints(checkout, change, sorted({ref.split("/")[0] for ref in refs} | hosted))

        content = sorted({p for p in changed if kind_of(p)} | {p.md for p in projects.values() if p.in_head})
        catalog, found = load_catalog(checkout.head, only=content)
        catalog = dataclasses.replace(catalog, present=catalog.present | present)
        found += check(catalog)
        reported = set(content) | {p for p in changed if project_of(p)}  # a project's rules read its folder too
        found = [d for d in found if d.path in reported]

        heads = _heads(checkout, changed)
        by_blob = blob_sizes(top, (e.new_blob for e in changed.values()))
        sizes = {path: by_blob.get(e.new_blob, 0) for path, e in changed.items()}
        pr = PullRequest(change, author, maintainer, now, limits, projects, catalog, base_sprints, heads, sizes, sites)
        found += check_policy(pr)

    # Only sprints the base branch has: the bot makes a `sprint:` label for each, so a pull request
    # naming 300 made-up sprints must not make the trusted bot create 300 labels.
    named = {ref.split("/")[0] for ref in refs} | {p.split("/")[1][:-3] for p in change.paths if kind_of(p) is SPRINT}
    in_base = set(list_names(top, change.base, [sprint_file(slug) for slug in sorted(named)])) if named else set()
    sprints = {slug for slug in named if sprint_file(slug) in in_base}
    summary = verdict.Change(
        base=change.base,
        head=change.head,
        merge_base=change.merge_base,
        paths=tuple(change.paths),
        projects=tuple(refs),
        sprints=tuple(sorted(sprints)),
        late=any(pr.is_late(ref) for ref in refs),
        not_open=not maintainer and any(pr.opens_later(ref) for ref in refs),
        protected=any(is_protected(p) for p in change.paths),
        author=author,
        maintainer=maintainer,
    )
    return Outcome(sorted(set(found)), len(change.paths), summary)


def _write_head(
    checkout: Checkout, change: Change, changed: dict[str, Entry], head_files: dict[str, TreeFile], limits: Limits
) -> tuple[set[str], dict[str, tuple[str, str]]]:
    """The head, as far as the content rules need it: sprints, changed content, touched projects.

    Returns every content file of the head (for reference checks) and the mode
    and blob of each file written.
    """
    top = change.root
    names = list_names(top, change.after, list(CONTENT_DIRS))
    present = {n for n in names if n.endswith((".md", ".yaml")) and kind_of(n)}
    wanted = {n for n in present if kind_of(n) in (SPRINT, SITE)}  # few, and every submission's site names one
    wanted |= {p for p in changed if kind_of(p)} | set(head_files)
    blobs = {f.path: (f.mode, f.blob) for f in ls_tree(top, change.after, sorted(wanted - set(head_files)))}
    blobs |= {p: (f.mode, f.blob) for p, f in head_files.items()}
    for path, (mode, blob) in sorted(blobs.items()):
        if mode in (REGULAR, EXECUTABLE):
            checkout.write(blob, checkout.head, path, limits.largest + 1)
    return present, blobs


def _heads(checkout: Checkout, changed: dict[str, Entry]) -> dict[str, bytes]:
    """The first bytes of each changed file in a project (a symbolic link's target), for sniffing."""
    return {
        e.path: checkout.read(e.new_blob, limit=SNIFF if e.new_mode != SYMLINK else 1024) or b""
        for e in changed.values()
        if (project_of(e.path) or profile_of(e.path) or site_of(e.path))
        and e.new_mode in (REGULAR, EXECUTABLE, SYMLINK)
    }


def _project(
    checkout: Checkout,
    change: Change,
    ref: str,
    blobs: dict[str, tuple[str, str]],
    head_files: dict[str, TreeFile],
    limits: Limits,
) -> Project:
    """One touched project with the versions of its file that the policy compares."""
    md = submission_file(ref)
    origin = next((e.old_path for e in change.entries if e.path == md and not e.deleted), md)
    in_head = md in blobs and blobs[md][0] in (REGULAR, EXECUTABLE)
    head_doc = read_document(checkout.head, md)[0] if in_head and (checkout.head / md).is_file() else None
    mb, tip = f"{change.merge_base}:", f"{change.base}:"
    origin_doc = checkout.document(mb + origin, checkout.merge_base, origin, limits.markdown + 1)
    tip_doc = checkout.document(tip + md, checkout.base, md, limits.markdown + 1)
    mb_doc = origin_doc if origin == md else checkout.document(mb + md, checkout.merge_base, md, MB)
    return Project(
        ref=ref,
        md=md,
        head_doc=head_doc,
        origin_doc=origin_doc,
        owner_doc=tip_doc or mb_doc,
        existed=tip_doc is not None or mb_doc is not None,
        in_head=in_head,
        files=tuple(f for p, f in sorted(head_files.items()) if p.startswith(project_folder(ref) + "/")),
    )


def _site(checkout: Checkout, change: Change, slug: str) -> SiteChange:
    """One touched site's file: the head's version, and the base's that decides who may change it."""
    md = site_file(slug)
    head_doc = checkout.document(f"{change.after}:{md}", checkout.head, md, MB)
    owner = checkout.document(f"{change.base}:{md}", checkout.base, md, MB)
    owner = owner or checkout.document(f"{change.merge_base}:{md}", checkout.merge_base, md, MB)
    return SiteChange(slug, md, head_doc, owner, owner is not None)


def _base_sprints(checkout: Checkout, change: Change, slugs: list[str]) -> dict[str, Sprint]:
    """The sprints of the touched projects and sites as on the base branch, which a pull request cannot change."""
    found: dict[str, Sprint] = {}
    for slug in slugs:
        path = sprint_file(slug)
        if checkout.write(f"{change.base}:{path}", checkout.base, path, MB):
            sprint, _ = load_sprint(checkout.base, path)
            if sprint is not None:
                found[slug] = sprint
    return found
