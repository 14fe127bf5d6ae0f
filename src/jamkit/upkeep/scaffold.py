"""Scaffolding a new sprint, submission or profile file that is valid from the start (``jam new``).

The point is that a team's first file is valid: values are validated with the
same models the loader uses, and with the same rules as ``jam check`` (team
size, site), before anything is written; the YAML is written by
``yaml.safe_dump`` (so quoting is always right and it round-trips through the
loader); an existing file is never overwritten; and ``jam check`` runs on the
new file, so the command can say what is still missing.

A submission's write-up starts as placeholder text (``SUBMISSION_BODY``), which
``jam check`` refuses (JAM118) until the team replaces it: the command lists it
as a step, like the report PDF, rather than as a problem. The project's folder is
made empty, for the PDF; nothing is written in it: a note there would be published on the site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from jamkit.checks import check
from jamkit.checks.content.links import PLACEHOLDER_OPENING
from jamkit.checks.content.records import site_is_known, team_size
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.model import (
    ABSTRACT_MAX_WORDS,
    GITHUB_RE,
    Catalog,
    ProfileFields,
    SiteFields,
    Sprint,
    SprintFields,
    Submission,
    SubmissionFields,
    is_slug,
)
from jamkit.files.git.change import GitError, git
from jamkit.files.layout import BROWSER_SLUG, profile_file, site_file, sprint_file, submission_file
from jamkit.files.load import load_catalog, load_sprint
from jamkit.files.validate import validate

SLUG_FIX = "3 to 64 lowercase letters, digits and single hyphens, e.g. probing-deception"
REPORT = "report.pdf"
# The rules a new submission must pass before it is written: the rest can be fixed in the file later.
BEFORE_WRITING = (team_size, site_is_known)

SUBMISSION_BODY = f"""\
## Summary

{PLACEHOLDER_OPENING}: the question, what you did, what you found,
and what comes next. Markdown works here; the abstract above stays plain text.
"""

SPRINT_BODY = """\
Describe the sprint here in Markdown: the theme, who it is for, what teams will
work on, and how the weekend runs.
"""


class ScaffoldError(UsageError):
    """The command was used wrongly (bad slug, missing value, file exists): nothing was written."""


@dataclass(frozen=True)
class Scaffolded:
    """What ``jam new`` wrote, and what ``jam check`` says about the new file."""

    path: str  # the new content file
    written: tuple[str, ...]  # every file written, the content file first
    found: tuple[Diagnostic, ...]  # the new file's diagnostics, except the report and write-up still to come
    report_pending: str | None  # where the report PDF goes, when only it is missing
    sprint: Sprint | None  # a submission's sprint, for notes about its dates
    write_up_pending: bool = False  # the write-up is still the placeholder
    author: str | None = None  # the handle of whoever opens the pull request (the first member with one)


def parse_member(spec: str) -> dict[str, str]:
    """``Name[:github[:affiliation]]`` into a member mapping; the handle may be empty, the affiliation hold ':'."""
    parts = [p.strip() for p in spec.split(":", 2)]
    if not parts[0]:
        raise ScaffoldError(
            f"member '{spec}': write it as Name[:github[:affiliation]], e.g. 'Ada Lovelace:ada:Oxford', "
            "'Grace Hopper' (no GitHub account) or 'Alan Turing::Manchester'"
        )
    member = {"name": parts[0]}
    if len(parts) > 1 and parts[1]:
        member["github"] = parts[1].removeprefix("@")
    if len(parts) == 3 and parts[2]:
        member["affiliation"] = parts[2]
    return member


def problem_with(
    model: type[SubmissionFields] | type[SprintFields] | type[SiteFields], key: str, data: Mapping[str, Any]
) -> str | None:
    """What the model says about ``key`` in ``data`` (other fields' problems aside), in plain words, or None."""
    _, problems = validate(model, dict(data), "answer", {})
    mine = [d for d in problems if d.message.startswith((f"'{key}'", f"'{key}[", f"'{key}."))]
    if not mine:
        return None
    first = mine[0]
    return first.message + (f" ({first.fix})" if first.fix else "")


def _refuse(problems: Sequence[Diagnostic]) -> ScaffoldError:
    lines = [f"{d.message}" + (f" (fix: {d.fix})" if d.fix else "") for d in problems]
    return ScaffoldError("not written, the values are not valid:\n  " + "\n  ".join(lines))


def _validated(
    model: type[SubmissionFields] | type[SprintFields] | type[ProfileFields] | type[SiteFields],
    data: dict[str, Any],
    path: str,
) -> Any:
    """The fields, or refuse values the loader would refuse, before writing anything."""
    fields, problems = validate(model, data, path, {})
    if fields is None:
        raise _refuse(problems)
    return fields


def dump(data: Mapping[str, Any], body: str) -> str:
    """Front matter by ``yaml.safe_dump`` (correct quoting, keys in the given order) and the body."""
    front = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)
    return f"---\n{front}---\n{body}"


def _create(path: Path, text: str) -> None:
    """Write a new file; refuse to overwrite (``x`` mode also wins a race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; edit it instead") from None


def _check(root: Path, rel: str) -> list[Diagnostic]:
    """The same checks as ``jam check FILE``."""
    catalog, found = load_catalog(root, [rel])
    found += check(catalog)
    return [d for d in found if d.path == rel]


# --------------------------------------------------------------------------- submission


def _slug(slug: str, kind: str) -> str:
    """``slug`` when it is one, else the refusal that says what a slug is."""
    if not is_slug(slug):
        raise ScaffoldError(f"'{slug}' is not a valid {kind} slug: use {SLUG_FIX}")
    return slug


def _unwritten(root: Path, rel: str) -> str:
    """``rel``, a new file's path; refused when the file is already there (``jam new`` never overwrites)."""
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} already exists; edit it instead")
    return rel


def submission_path(root: Path, sprint_slug: str, slug: str) -> str:
    """The new project's file; bad slugs, an unknown sprint or an existing file are refused before any question."""
    if not is_slug(sprint_slug):
        raise ScaffoldError(f"'{sprint_slug}' is not a sprint slug ({SLUG_FIX})")
    _slug(slug, "project")
    if slug == BROWSER_SLUG:  # the pull request would be refused (JAM321): say so before any question
        raise ScaffoldError(
            f"'{slug}' is the browser template's placeholder; give your project its own name ({SLUG_FIX})"
        )
    sprint_rel = sprint_file(sprint_slug)
    if not (root / sprint_rel).is_file():
        known = sorted(p.stem for p in (root / "sprints").glob("*.md"))
        raise ScaffoldError(f"there is no sprint '{sprint_slug}' ({sprint_rel}); known: {', '.join(known) or 'none'}")
    return _unwritten(root, submission_file(f"{sprint_slug}/{slug}"))


def new_submission(root: Path, sprint_slug: str, slug: str, values: Mapping[str, Any]) -> Scaffolded:
    """Write ``submissions/<sprint>/<slug>.md`` (and its folder's note) from the values of ``jam new``'s flags."""
    rel = submission_path(root, sprint_slug, slug)
    report_url = values.get("report_url")
    if report_url and not (report_url.startswith("https://") and urlsplit(report_url).hostname):
        raise ScaffoldError(f"--report-url '{report_url}' is not an https URL; leave it out to attach report.pdf")
    data: dict[str, Any] = {"title": values["title"]}
    if values.get("team"):
        data["team"] = values["team"]
    data["members"] = [parse_member(m) for m in values["member"]]
    data["abstract"] = values["abstract"]
    data["report"] = report_url or REPORT
    if values.get("tag"):
        data["tags"] = list(values["tag"])
    if values.get("site"):
        data["site"] = values["site"]
    # An abstract a few words too long is written as it is, for the team to shorten in the file, not retyped.
    fields = _validated(SubmissionFields, {**data, "abstract": _within_limit(data["abstract"])}, rel)

    sprint, _ = load_sprint(root, sprint_file(sprint_slug))
    if sprint is not None:
        record = Submission(path=rel, sprint=sprint_slug, slug=slug, fields=fields)
        catalog = Catalog(str(root), {sprint_slug: sprint}, {}, {}, {})
        problems = [d for rule in BEFORE_WRITING for d in rule(record, catalog)]
        if problems:
            raise _refuse(problems)

    _create(root / rel, dump(data, SUBMISSION_BODY))
    folder = rel.removesuffix(".md")
    written: tuple[str, ...] = (rel,)
    if not report_url:  # the report goes in the project's folder: make it, so the PDF has its place
        (root / folder).mkdir(exist_ok=True)
        written = (rel, folder + "/")
    report_rel = f"{folder}/{REPORT}"
    found = _check(root, rel)
    pending = [d for d in found if not report_url and d.code == codes.REPORT_MISSING.code and report_rel in d.message]
    placeholder = [d for d in found if d.code == codes.PLACEHOLDER.code]
    rest = tuple(d for d in found if d not in pending and d not in placeholder)
    author = handle_of(values)
    return Scaffolded(rel, written, rest, report_rel if pending else None, sprint, bool(placeholder), author)


def _within_limit(abstract: Any) -> Any:
    """The abstract cut to the longest the model takes, to check everything else it holds."""
    return " ".join(abstract.split()[:ABSTRACT_MAX_WORDS]) if isinstance(abstract, str) else abstract


def abstract_too_long(text: str) -> str | None:
    """What is wrong with an abstract when it is only too long (which the team mends in the file), else None."""
    count = len(text.split())
    if count <= ABSTRACT_MAX_WORDS:
        return None
    return f"the abstract has {count} words, {count - ABSTRACT_MAX_WORDS} more than {ABSTRACT_MAX_WORDS}"


def handle_of(values: Mapping[str, Any]) -> str | None:
    """The GitHub handle of the first member given: whoever opens the pull request."""
    for spec in values.get("member") or []:
        handle = parse_member(spec).get("github")
        if handle:
            return handle
    return None


# --------------------------------------------------------------------------- the browser path

BROWSER_TEMPLATE = """\
---
title: "REPLACE: the title of your project"
members:
  # One entry per team member; `github` may be left out for people without a GitHub account,
  # but whoever opens the pull request must be listed with theirs.
  - name: "REPLACE: your name"
    github: "REPLACE: your GitHub handle"
abstract: "REPLACE: what you asked, did and found, in at most 300 words of plain text"
report: "REPLACE: report.pdf once you upload it into the project's folder, or an https:// link to your PDF"
---
{body}"""


def browser_submission(sprint_slug: str) -> tuple[str, str]:
    """The file a team starts from in GitHub's web editor: its path, and text whose marked fields they fill in.

    ``jam check`` refuses it until every ``REPLACE:`` mark and the placeholder write-up are gone (JAM118),
    and the pull-request check until the team renames it in the editor: its name is the project's slug (JAM321).
    """
    return submission_file(f"{sprint_slug}/{BROWSER_SLUG}"), BROWSER_TEMPLATE.format(body=SUBMISSION_BODY)


# --------------------------------------------------------------------------- sprint


def sprint_path(root: Path, slug: str) -> str:
    """The new sprint's file; a bad slug or an existing file is refused before any question."""
    return _unwritten(root, sprint_file(_slug(slug, "sprint")))


def new_sprint(root: Path, slug: str, values: Mapping[str, Any]) -> Scaffolded:
    """Write ``sprints/<slug>.md`` from the values of ``jam new sprint``'s flags."""
    rel = sprint_path(root, slug)
    data: dict[str, Any] = {"title": values["title"]}
    if values.get("tagline"):
        data["tagline"] = values["tagline"]
    data["starts"] = values["starts"]
    data["ends"] = values["ends"]
    if values.get("format"):
        data["format"] = values["format"]
    if values.get("topic"):
        data["topics"] = list(values["topic"])
    if values.get("registration"):
        data["registration"] = values["registration"]
    _validated(SprintFields, data, rel)
    _create(root / rel, dump(data, SPRINT_BODY))
    return Scaffolded(rel, (rel,), tuple(_check(root, rel)), None, None)


# --------------------------------------------------------------------------- profile

PROFILE_BODY = """\
A few lines about you, in Markdown: what you work on, and what you are looking for.
Everything in this file is published on your page; leave out what you do not want to share.
"""


def github_user(root: Path) -> str | None:
    """The GitHub login git knows for whoever runs ``jam``: ``git config github.user``."""
    try:
        found = git(root, "config", "--get", "github.user").decode("utf-8", "replace").strip()
    except GitError:
        return None
    return found.lstrip("@") or None


def new_profile(root: Path, values: Mapping[str, Any]) -> Scaffolded:
    """Write ``people/<github>.md`` for the person running ``jam new profile``: their login, else git's."""
    github = (values.get("github") or github_user(root) or "").strip().lstrip("@")
    if not github:
        raise ScaffoldError(
            "which GitHub login is yours? pass --github LOGIN (or set it once: git config --global github.user LOGIN)"
        )
    if not GITHUB_RE.match(github):
        raise ScaffoldError(f"'{github}' is not a GitHub login (1 to 39 letters, digits and single hyphens)")
    rel = profile_file(github.lower())
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} already exists; edit it instead")
    data: dict[str, Any] = {}
    for key in ("name", "pronouns", "affiliation", "orcid"):
        if values.get(key):
            data[key] = values[key]
    if values.get("unlisted"):
        data["listed"] = False
    data["milestones"] = []
    _validated(ProfileFields, data, rel)
    _create(root / rel, dump(data, PROFILE_BODY))
    return Scaffolded(rel, (rel,), tuple(_check(root, rel)), None, None)


# --------------------------------------------------------------------------- local site

SITE_BODY = """\
A few lines about the site, in Markdown: where you meet, who it is for, and what to bring.
Everything in this file is published on the site's page.
"""


def site_path(root: Path, slug: str) -> str:
    """The new site's file; a bad slug or an existing file is refused before any question."""
    return _unwritten(root, site_file(_slug(slug, "site")))


def new_site(root: Path, slug: str, values: Mapping[str, Any]) -> Scaffolded:
    """Write ``sites/<slug>.md`` from ``jam new site``'s flags: the organisers first, then the sprints it hosts."""
    rel = site_path(root, slug)
    data: dict[str, Any] = {key: values[key] for key in ("name", "city", "country", "timezone")}
    data["organizers"] = [
        {k: v for k, v in parse_member(spec).items() if k != "affiliation"} for spec in values["organizer"]
    ]
    data["contact"] = values["contact"]
    if values.get("url"):
        data["url"] = values["url"]
    data["hosts"] = [{"sprint": sprint} for sprint in values.get("host") or []]
    data["country"] = _validated(SiteFields, data, rel).country  # as the loader reads it: upper case
    _create(root / rel, dump(data, SITE_BODY))
    return Scaffolded(
        rel, (rel,), tuple(_check(root, rel)), None, None, author=handle_of({"member": values["organizer"]})
    )
