"""``jam new sprint|submission``: scaffold a valid file from flags, asking on a terminal for what is missing.

Required values missing from the flags are prompted for when a person is at
the keyboard; in CI and pipes the command names every missing flag at once
instead. ``jamkit.scaffold`` writes the file; this module asks and tells.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from typing import Any

from jamkit import scaffold
from jamkit.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.errors import UsageError
from jamkit.formats import render
from jamkit.model import Status
from jamkit.scaffold import Scaffolded, ScaffoldError

Ask = Callable[[str], str]

SUBMISSION_REQUIRED = {"title": "--title", "member": "--member", "abstract": "--abstract"}
SPRINT_REQUIRED = {"title": "--title", "starts": "--starts", "ends": "--ends"}


def terminal_prompt() -> Ask | None:
    """Prompt only when a person is at the keyboard; in CI and pipes, flags are required."""
    return input if sys.stdin.isatty() else None


def run(
    root: str | None,
    kind: str,
    slug: str,
    options: Mapping[str, Any],
    *,
    sprint: str | None = None,
    ask: Ask | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Scaffold ``sprints/SLUG.md`` (kind 'sprint') or ``submissions/SPRINT/SLUG.md``; 0 when it checks clean."""
    ask = ask if ask is not None else terminal_prompt()
    try:
        folder = repository_root(root, may_be_new=kind == "sprint")
        if kind == "sprint":
            scaffold.sprint_path(folder, slug)
            done = scaffold.new_sprint(folder, slug, _filled(options, SPRINT_REQUIRED, ask))
            return _tell_sprint(done, slug, out)
        scaffold.submission_path(folder, sprint or "", slug)
        values = _filled({**options, "member": list(options.get("member") or [])}, SUBMISSION_REQUIRED, ask)
        return _tell_submission(scaffold.new_submission(folder, sprint or "", slug, values), out)
    except UsageError as error:
        return refused("new", error, err)


def _filled(options: Mapping[str, Any], required: Mapping[str, str], ask: Ask | None) -> dict[str, Any]:
    """The options with every required value: asked for, or refused naming every missing flag at once."""
    values = dict(options)
    missing = [flag for key, flag in required.items() if not values.get(key)]
    if not missing:
        return values
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
    return values


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


def _exit_code(done: Scaffolded) -> int:
    return CONTENT_ERRORS if any(d.severity == "error" for d in done.found) else OK


def _steps(steps: list[str]) -> str:
    return "Next steps:\n" + "\n".join(f"  {i}. {step}" for i, step in enumerate(steps, 1))


def _tell_submission(done: Scaffolded, out: Out) -> int:
    out("Wrote " + " and ".join(done.written) + ".")
    if done.found:
        out(render(done.found, "text", 1))
    steps = []
    if done.report_pending:
        steps.append(f"Put your report PDF at {done.report_pending} (at most 20 MB).")
    steps += [
        f"Replace the placeholder write-up below the front matter of {done.path} with your own."
        if done.write_up_pending
        else f"Write the longer write-up below the front matter of {done.path}.",
        f"Check it: jam check {done.path}",
        "Commit on a new branch, push, and open a pull request. Before pushing you can run "
        "the same check as CI: jam check --pr --base origin/main --author YOUR-GITHUB-LOGIN",
    ]
    sprint = done.sprint
    if sprint is not None:
        now = dt.datetime.now(dt.UTC)
        if sprint.status(now) is Status.UPCOMING:
            steps.append(f"Note: {sprint.fields.title} has not started; pull requests are accepted once it starts.")
        elif now > sprint.fields.ends:
            steps.append(
                f"Note: the deadline of {sprint.fields.title} has passed "
                f"({sprint.deadline_aoe:%Y-%m-%d %H:%M} AoE); the pull request will be marked late."
            )
    out(_steps(steps))
    return _exit_code(done)


def _tell_sprint(done: Scaffolded, slug: str, out: Out) -> int:
    out(f"Wrote {done.path}.")
    if done.found:
        out(render(done.found, "text", 1))
    steps = [
        f"Describe the sprint below the front matter of {done.path}.",
        "Add what applies: criteria, judges, sites, prizes, schedule, resources, team_size (see docs/format.md).",
        f"Check it: jam check {done.path}",
        f"Teams then scaffold their projects with: jam new submission {slug} PROJECT-SLUG",
    ]
    out(_steps(steps))
    return _exit_code(done)
