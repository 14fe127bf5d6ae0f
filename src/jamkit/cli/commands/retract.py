"""``jam retract SPRINT/PROJECT --reason TEXT``: mark a project retracted, and say what is left to do.

``jamkit.upkeep.retract`` edits the project's file; this module prints the change and
the maintainer's next steps: the project's award, an embargo that hid it, its
attachments, and Git history for hazardous material.
"""

from __future__ import annotations

import datetime as dt

from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.cli.formats import render
from jamkit.core.errors import UsageError
from jamkit.core.wording import place, printable, shown
from jamkit.files.edit import EditError
from jamkit.infra.cache import ACTIONS_KEY_PREFIX
from jamkit.upkeep.retract import Retracted, retract

LISTED = 20  # attachments listed by name; the rest are counted


def parse_day(text: str) -> dt.date:
    """``--date``: a day as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date: '{shown(text)}' is not a date; write it as YYYY-MM-DD, e.g. 2026-04-02") from None


def run(
    root: str | None, project: str, reason: str, *, date: str | None = None, out: Out = print, err: Out = to_stderr
) -> int:
    """Set ``status: retracted`` and ``retraction: {date, reason}``; ``date`` defaults to today (UTC)."""
    try:
        folder = repository_root(root)
        day = parse_day(date) if date is not None else None
        done = retract(folder, project, reason, date=day)
    except EditError as error:
        if error.diagnostics:
            out(render(error.diagnostics, "text", 1))
        out(f"jam retract: {error}")
        return CONTENT_ERRORS
    except UsageError as error:
        return refused("retract", error, err)
    _tell(done, out)
    return OK


def _tell(done: Retracted, out: Out) -> None:
    if done.edit is None:
        previous = f"{done.previous.date}, {printable(done.previous.reason)}" if done.previous else "as asked"
        out(f"{done.ref} is already retracted ({previous}); nothing changed.")
        return
    if done.already:
        out(f"{done.ref} was already retracted; updated its retraction in {done.path}:\n")
    else:
        out(f"Retracted {done.ref} in {done.path}:\n")
    out(done.edit.diff())
    if done.was_hidden:
        out(
            "\nNote: this project was embargoed and hidden. Once retracted, its page shows a notice with its title, "
            "date and reason. If it should stay hidden instead, set `status: embargoed` back (without embargo_until)."
        )
    if done.award is not None:
        sprint = done.ref.split("/")[0]
        out(
            f"\nNote: the project holds an award ({place(done.award.place)}) in sprints/{sprint}.md; "
            "decide with the organizers whether to keep that award, and edit `awards` by hand if not."
        )
    out("\n" + _next_steps(done))


def _next_steps(done: Retracted) -> str:
    lines = [
        "Once this is merged, the project's page shows only a notice with the date and reason, not its write-up.",
        "No file was deleted.",
    ]
    if done.attachments:
        lines.append(
            "If the report or images themselves are the problem, delete them in the same pull request "
            f"(git rm -r submissions/{done.ref}/):"
        )
        lines += [f"  {printable(f)}" for f in done.attachments[:LISTED]]
        if len(done.attachments) > LISTED:
            lines.append(f"  ... and {len(done.attachments) - LISTED} more")
    lines += [
        "Retraction does not erase Git history: for hazardous material, also follow",
        "docs/policies.md#hazardous-information (rewrite history, ask GitHub Support to purge cached views).",
        *_caches(),
        "Commit the change through a pull request and say why in terms that do not repeat the problem.",
    ]
    return "\n".join(lines)


def _caches() -> list[str]:
    """The copies of the old pages outside Git: the publish workflow's Actions cache, which any run can restore."""
    return [
        "The publish workflow's Actions cache still holds the pages built before this retraction, and any",
        "workflow run of the repository can restore it. The first deployment after the merge deletes the",
        "older caches itself; for hazardous material, delete them now, from a clone of the repository:",
        f"  gh cache list --key {ACTIONS_KEY_PREFIX}",
        f"  gh cache list --key {ACTIONS_KEY_PREFIX} --json id --jq '.[].id' | xargs -r -n 1 gh cache delete",
        "(the next build then starts without a cache, and saves a new one without the write-up).",
    ]
