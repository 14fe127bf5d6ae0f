"""``jam retract``: mark a published project retracted, with the date and a reason.

Retraction replaces the project's page with a short notice; it deletes nothing.
The command says so, and lists the project's attachments, because hazardous
files must be removed by the maintainer (and, for genuinely hazardous material,
from Git history too: docs/policies.md#hazardous-information).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from jamkit import edit
from jamkit.errors import UsageError
from jamkit.formats import printable, render
from jamkit.load import load_sprint
from jamkit.model import Award, SubmissionFields, is_slug, shown, utc_day

Out = Callable[[str], None]


def parse_ref(text: str) -> tuple[str, str]:
    """``SPRINT/PROJECT`` (a path ``submissions/SPRINT/PROJECT.md`` is accepted too)."""
    ref = text.strip().removeprefix("./").removeprefix("submissions/").removesuffix(".md").strip("/")
    sprint, _, project = ref.partition("/")
    if not (is_slug(sprint) and is_slug(project)):
        if project:
            raise UsageError(
                f"'{shown(text)}' is not a project: SPRINT and PROJECT are slugs "
                "(3 to 64 lowercase letters, digits and single hyphens), e.g. evals-sprint-2026/some-project"
            )
        raise UsageError(
            f"'{shown(text)}' is not a project; write it as SPRINT/PROJECT, e.g. evals-sprint-2026/some-project"
        )
    return sprint, project


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date: '{shown(text)}' is not a date; write it as YYYY-MM-DD, e.g. 2026-04-02") from None


def _unknown(root: Path, sprint: str, project: str) -> UsageError:
    folder = root / "submissions" / sprint
    if folder.is_dir():
        projects = sorted(p.stem for p in folder.glob("*.md"))
        listed = ", ".join(projects) if projects else "none"
        return UsageError(
            f"there is no project '{project}' in {sprint} (submissions/{sprint}/{project}.md); its projects: {listed}"
        )
    sprints = sorted(p.name for p in (root / "submissions").glob("*") if p.is_dir())
    known = ", ".join(sprints) or "none"
    return UsageError(
        f"no sprint '{sprint}' has projects (no folder submissions/{sprint}/); sprints with some: {known}"
    )


def retract_command(root: Path, ref: str, reason: str, *, date: dt.date | None = None, out: Out = print) -> int:
    """Set ``status: retracted`` and ``retraction: {date, reason}``; ``date`` defaults to today (UTC)."""
    sprint, project = parse_ref(ref)
    reason = " ".join(reason.split())
    if not reason:
        raise UsageError("--reason must say why, in words that do not repeat the problem")
    path = f"submissions/{sprint}/{project}.md"
    if not (root / path).is_file():
        raise _unknown(root, sprint, project)
    try:
        current = edit.read(root, path)
    except edit.EditError as err:
        return _failed(err, out)
    fields: SubmissionFields = current.fields
    today = utc_day(dt.datetime.now(dt.UTC))
    was = fields.retraction if fields.status == "retracted" else None
    day = date or (was.date if was else today)
    if was and was.reason == reason and was.date == day:
        out(f"{sprint}/{project} is already retracted ({was.date}, {printable(was.reason)}); nothing changed.")
        return 0
    changes: dict[str, object] = {} if fields.status == "retracted" else {"status": "retracted"}
    changes["retraction"] = {"date": day, "reason": reason}
    try:
        done = edit.update(root, path, changes)
    except edit.EditError as err:
        return _failed(err, out)
    if fields.status == "retracted":
        out(f"{sprint}/{project} was already retracted; updated its retraction in {path}:\n")
    else:
        out(f"Retracted {sprint}/{project} in {path}:\n")
    out(done.diff())
    if fields.status == "embargoed" and current_hidden(fields, today):
        out(
            "\nNote: this project was embargoed and hidden. Once retracted, its page shows a notice with its title, "
            "date and reason. If it should stay hidden instead, set `status: embargoed` back (without embargo_until)."
        )
    award = _award_of(root, sprint, project)
    if award is not None:
        out(
            f"\nNote: the project holds place {award.place} in the awards of sprints/{sprint}.md; "
            "decide with the organizers whether to keep that award, and edit `awards` by hand if not."
        )
    out("\n" + _next_steps(root, sprint, project))
    return 0


def _award_of(root: Path, sprint: str, project: str) -> Award | None:
    """The project's award, if its sprint's file loads and has one."""
    loaded, _ = load_sprint(root, f"sprints/{sprint}.md")
    if loaded is None:
        return None
    return next((a for a in loaded.fields.awards if a.project == project), None)


def current_hidden(fields: SubmissionFields, today: dt.date) -> bool:
    return fields.embargo_until is None or today < fields.embargo_until


def _next_steps(root: Path, sprint: str, project: str) -> str:
    folder = root / "submissions" / sprint / project
    files = sorted(p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    lines = [
        "Once this is merged, the project's page shows only a notice with the date and reason, not its write-up.",
        "No file was deleted.",
    ]
    if files:
        lines.append(
            "If the report or images themselves are the problem, delete them in the same pull request "
            f"(git rm -r submissions/{sprint}/{project}/):"
        )
        lines += [f"  {printable(f)}" for f in files[:20]]
        if len(files) > 20:
            lines.append(f"  ... and {len(files) - 20} more")
    lines += [
        "Retraction does not erase Git history: for hazardous material, also follow",
        "docs/policies.md#hazardous-information (rewrite history, ask GitHub Support to purge cached views).",
        "Commit the change through a pull request and say why in terms that do not repeat the problem.",
    ]
    return "\n".join(lines)


def _failed(err: edit.EditError, out: Out) -> int:
    if err.diagnostics:
        out(render(err.diagnostics, "text", 1))
    out(f"jam retract: {err}")
    return 1
