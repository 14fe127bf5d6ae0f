"""``jam new``: write a valid sprint or submission file from flags or prompts.

The point is that a team's first file is valid: values are validated with the
same models the loader uses before anything is written, the YAML is written by
``yaml.safe_dump`` (so quoting is always right and it round-trips through the
loader), an existing file is never overwritten, and the same checks as
``jam check`` run on the new file before the next steps are printed.

A submission gets a folder ``submissions/<sprint>/<project>/`` with a short
``README.txt`` saying where the report goes. The note is a plain-text file,
which the pull-request policy allows in a project folder (JAM309: UTF-8 ``.txt``
notes up to 64 KB); it is not Markdown, so neither discovery (which reads only
``submissions/<sprint>/*.md``) nor the site treats it as a page.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from jamkit.diagnostics import Diagnostic
from jamkit.formats import render
from jamkit.load import load_catalog, load_sprint, validate
from jamkit.model import SprintFields, Status, SubmissionFields, is_slug

Ask = Callable[[str], str]
Out = Callable[[str], None]
SLUG_FIX = "3 to 64 lowercase letters, digits and single hyphens, e.g. probing-deception"
REPORT = "report.pdf"
NOTE = "README.txt"

SUBMISSION_BODY = """\
## Summary

Replace this with the longer write-up: the question, what you did, what you found,
and what comes next. Markdown works here; the abstract above stays plain text.
"""

SPRINT_BODY = """\
Describe the sprint here in Markdown: the theme, who it is for, what teams will
work on, and how the weekend runs.
"""

NOTE_TEXT = """\
This folder holds the attachments of the project {ref}.

Put the report here as {report} (a PDF, at most 20 MB), and figures as PNG,
JPEG, GIF or WebP images (at most 5 MB each, 30 MB for the whole folder).
The project's fields and write-up are in ../{slug}.md.
This note may stay or be deleted.
"""


class ScaffoldError(Exception):
    """The command was used wrongly (bad slug, missing value, file exists): nothing was written."""


def terminal_prompt() -> Ask | None:
    """Prompt only when a person is at the keyboard; in CI and pipes, flags are required."""
    return input if sys.stdin.isatty() else None


def _fill(values: dict[str, Any], required: Mapping[str, str], ask: Ask | None) -> None:
    """Ask for each missing required value, or fail naming every missing flag at once."""
    missing = [flag for key, flag in required.items() if not values.get(key)]
    if not missing:
        return
    if ask is None:
        raise ScaffoldError(
            f"missing {', '.join(missing)} (stdin is not a terminal, so jam cannot ask for them); "
            "pass them as flags, see --help"
        )
    for key, flag in required.items():
        if values.get(key):
            continue
        if key == "member":
            values[key] = _ask_members(ask)
        else:
            while not values.get(key):
                values[key] = ask(f"{flag.removeprefix('--').capitalize()}: ").strip()


def _ask_members(ask: Ask) -> list[str]:
    members: list[str] = []
    while True:
        hint = "Name:github[:affiliation]" + (", empty to finish" if members else ", yourself first")
        answer = ask(f"Member {len(members) + 1} ({hint}): ").strip()
        if not answer:
            if members:
                return members
            continue
        members.append(answer)


def parse_member(spec: str) -> dict[str, str]:
    """``Name:github[:affiliation]`` into a member mapping; the affiliation may contain ':'."""
    parts = [p.strip() for p in spec.split(":", 2)]
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise ScaffoldError(f"--member '{spec}': write it as Name:github[:affiliation], e.g. 'Ada Lovelace:ada:Oxford'")
    member = {"name": parts[0], "github": parts[1].removeprefix("@")}
    if len(parts) == 3 and parts[2]:
        member["affiliation"] = parts[2]
    return member


def _validated(model: type[SubmissionFields] | type[SprintFields], data: dict[str, Any], path: str) -> None:
    """Refuse values the loader would refuse, before writing anything."""
    fields, problems = validate(model, data, path, {})
    if fields is None:
        lines = [f"{d.message}" + (f" (fix: {d.fix})" if d.fix else "") for d in problems]
        raise ScaffoldError("not written, the values are not valid:\n  " + "\n  ".join(lines))


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
    from jamkit.rules import check

    catalog, found = load_catalog(root, [rel])
    found += check(catalog)
    return [d for d in found if d.path == rel]


# --------------------------------------------------------------------------- submission


def new_submission(
    root: Path, sprint_slug: str, slug: str, options: Mapping[str, Any], *, ask: Ask | None = None, out: Out = print
) -> int:
    """Scaffold ``submissions/<sprint>/<slug>.md`` and its folder; 0 when the new file checks clean."""
    ask = ask if ask is not None else terminal_prompt()
    if not is_slug(sprint_slug):
        raise ScaffoldError(f"'{sprint_slug}' is not a sprint slug ({SLUG_FIX})")
    if not is_slug(slug):
        raise ScaffoldError(f"'{slug}' is not a valid project slug: use {SLUG_FIX}")
    sprint_rel = f"sprints/{sprint_slug}.md"
    if not (root / sprint_rel).is_file():
        known = sorted(p.stem for p in (root / "sprints").glob("*.md"))
        raise ScaffoldError(f"there is no sprint '{sprint_slug}' ({sprint_rel}); known: {', '.join(known) or 'none'}")
    rel = f"submissions/{sprint_slug}/{slug}.md"
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} already exists; edit it instead")

    values: dict[str, Any] = {
        "title": options.get("title"),
        "member": list(options.get("member") or []),
        "abstract": options.get("abstract"),
    }
    _fill(values, {"title": "--title", "member": "--member", "abstract": "--abstract"}, ask)
    report_url = options.get("report_url")
    if report_url and not (report_url.startswith("https://") and urlsplit(report_url).hostname):
        raise ScaffoldError(f"--report-url '{report_url}' is not an https URL; leave it out to attach report.pdf")
    data: dict[str, Any] = {"title": values["title"]}
    if options.get("team"):
        data["team"] = options["team"]
    data["members"] = [parse_member(m) for m in values["member"]]
    data["abstract"] = values["abstract"]
    data["report"] = report_url or REPORT
    if options.get("tag"):
        data["tags"] = list(options["tag"])
    if options.get("site"):
        data["site"] = options["site"]
    _validated(SubmissionFields, data, rel)

    sprint, _ = load_sprint(root, sprint_rel)
    if sprint is not None:
        sites = [s.id for s in sprint.fields.sites]
        if options.get("site") and options["site"] not in sites:
            raise ScaffoldError(
                f"--site '{options['site']}' is not a site of {sprint.fields.title}; "
                + (f"use one of: {', '.join(sites)}" if sites else "this sprint has no sites, leave --site out")
            )
        bounds, count = sprint.fields.team_size, len(data["members"])
        if not bounds.min <= count <= bounds.max:
            raise ScaffoldError(
                f"{count} member(s) given; {sprint.fields.title} allows teams of {bounds.min} to {bounds.max}"
            )

    _create(root / rel, dump(data, SUBMISSION_BODY))
    folder = root / "submissions" / sprint_slug / slug
    written = [rel]
    if not report_url:
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / NOTE
        if not note.exists():
            note.write_text(NOTE_TEXT.format(ref=f"{sprint_slug}/{slug}", report=REPORT, slug=slug), encoding="utf-8")
            written.append(f"{rel[:-3]}/{NOTE}")
    out("Wrote " + " and ".join(written) + ".")

    report_rel = f"{rel[:-3]}/{REPORT}"
    found = _check(root, rel)
    pending = [d for d in found if not report_url and d.code == "JAM204" and report_rel in d.message]
    found = [d for d in found if d not in pending]
    if found:
        out(render(found, "text", 1))
    steps = []
    if pending:
        steps.append(f"Put your report PDF at {report_rel} (at most 20 MB).")
    steps += [
        f"Write the longer write-up below the front matter of {rel}.",
        f"Check it: jam check {rel}",
        "Commit on a new branch, push, and open a pull request. Before pushing you can run "
        "the same check as CI: jam check --pr --base origin/main --author YOUR-GITHUB-LOGIN",
    ]
    if sprint is not None:
        now = dt.datetime.now(dt.UTC)
        if sprint.status(now) is Status.UPCOMING:
            steps.append(f"Note: {sprint.fields.title} has not started; pull requests are accepted once it starts.")
        elif now > sprint.fields.ends:
            steps.append(
                f"Note: the deadline of {sprint.fields.title} has passed "
                f"({sprint.deadline_aoe:%Y-%m-%d %H:%M} AoE); the pull request will be marked late."
            )
    out("Next steps:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1)))
    return 1 if any(d.severity == "error" for d in found) else 0


# --------------------------------------------------------------------------- sprint


def new_sprint(root: Path, slug: str, options: Mapping[str, Any], *, ask: Ask | None = None, out: Out = print) -> int:
    """Scaffold ``sprints/<slug>.md`` for maintainers; 0 when the new file checks clean."""
    ask = ask if ask is not None else terminal_prompt()
    if not is_slug(slug):
        raise ScaffoldError(f"'{slug}' is not a valid sprint slug: use {SLUG_FIX}")
    rel = f"sprints/{slug}.md"
    if (root / rel).exists():
        raise ScaffoldError(f"{rel} already exists; edit it instead")
    values: dict[str, Any] = {k: options.get(k) for k in ("title", "starts", "ends")}
    _fill(values, {"title": "--title", "starts": "--starts", "ends": "--ends"}, ask)
    data: dict[str, Any] = {"title": values["title"]}
    if options.get("tagline"):
        data["tagline"] = options["tagline"]
    data["starts"] = values["starts"]
    data["ends"] = values["ends"]
    if options.get("format"):
        data["format"] = options["format"]
    if options.get("topic"):
        data["topics"] = list(options["topic"])
    if options.get("registration"):
        data["registration"] = options["registration"]
    _validated(SprintFields, data, rel)
    _create(root / rel, dump(data, SPRINT_BODY))
    out(f"Wrote {rel}.")
    found = _check(root, rel)
    if found:
        out(render(found, "text", 1))
    steps = [
        f"Describe the sprint below the front matter of {rel}.",
        "Add what applies: criteria, judges, sites, prizes, schedule, resources, team_size (see docs/format.md).",
        f"Check it: jam check {rel}",
        f"Teams then scaffold their projects with: jam new submission {slug} PROJECT-SLUG",
    ]
    out("Next steps:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1)))
    return 1 if any(d.severity == "error" for d in found) else 0
