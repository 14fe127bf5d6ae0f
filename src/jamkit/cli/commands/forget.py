"""``jam forget GITHUB`` / ``--name TEXT``: a person gone from every file that holds them, and what changed per file.

``jamkit.upkeep.forget`` plans every edit and checks it before anything is written;
this module prints each file's summary and diff, the lines left to edit by hand,
or why nothing was written.
"""

from __future__ import annotations

from collections.abc import Sequence

from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.core.errors import UsageError
from jamkit.core.identity import ANONYMOUS, handle_key, name_key
from jamkit.core.model.types import GITHUB_RE
from jamkit.core.wording import plural, printable, shown
from jamkit.files.edit import EditError
from jamkit.upkeep.forget import Change, Forgotten, forget

LEFT_SHOWN = 20  # lines still naming the person, listed one by one; the rest are counted


def run(
    root: str | None,
    github: str | None,
    names: Sequence[str] = (),
    *,
    dry_run: bool = False,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Forget ``github`` and/or ``names`` in every file; ``dry_run`` only shows the changes."""
    try:
        folder = repository_root(root)
        _check_usage(github, names)
        done = forget(folder, github, names, dry_run=dry_run)
    except EditError as error:
        out(f"jam forget: {error}")
        return CONTENT_ERRORS
    except UsageError as error:
        return refused("forget", error, err)
    if done.refused:
        for path, why in done.refused:
            out(f"{path}: {printable(why)}")
        out(f"jam forget: nothing was written; fix {plural(len(done.refused), 'file')} above and run it again")
        return CONTENT_ERRORS
    _report(done, dry_run, out)
    return OK


def _check_usage(github: str | None, names: Sequence[str]) -> None:
    if github is None and not any(n.strip() for n in names):
        raise UsageError("say who to forget: a GitHub handle, or --name 'Full Name' for someone without one")
    if any(name_key(n) == name_key(ANONYMOUS) for n in names):
        raise UsageError(f"'{ANONYMOUS}' is the name jam forget leaves in place of people; it names nobody")
    if github is not None and not GITHUB_RE.match(handle_key(github)):
        raise UsageError(f"'{shown(github)}' is not a GitHub handle (1 to 39 letters, digits and single hyphens)")


def _report(done: Forgotten, dry_run: bool, out: Out) -> None:
    who = printable(done.who.shown)
    if not done.changes and not done.removed:
        out(f"{who} appears in no field of any sprint, project, publication, cohort or profile; nothing changed.")
    for path in done.removed:
        what = "the person's own profile" if path.endswith(".md") else "the files beside their profile"
        out(f"{'Would remove' if dry_run else 'Removed'} {path}{'' if path.endswith('.md') else '/'}, {what}.\n")
    if done.changes:
        entries = sum(c.entries for c in done.changes)
        verb = "Would change" if dry_run else "Changed"
        out(f"{verb} {plural(entries, 'entry', 'entries')} of {who} in {plural(len(done.changes), 'file')}:\n")
        for change in done.changes:
            out(f"{change.edit.path}: {_what(change)}")
            out(change.edit.diff() + "\n")
        out(
            "Their name is now 'Anonymous' where they were a judge, member, author or mentor; their GitHub handle, "
            "affiliation and ORCID iD are gone, and so are the speakers, organizers and mentors that named them. "
            "Git history still holds them: ask GitHub Support to purge cached views if needed."
        )
    _left(done, out)
    for other in done.namesakes:
        out(
            f"Left alone: @{other} goes by the same name with another GitHub handle; if that is them, run "
            f"`jam forget {other}`."
        )


def _what(change: Change) -> str:
    return ", ".join(f"{label} ({count})" for label, count in change.what)


def _left(done: Forgotten, out: Out) -> None:
    if not done.left:
        return
    out(
        f"Still named on {plural(len(done.left), 'line')} that jam did not change (prose, comments, a name within "
        "a longer text, someone else's entry under the same name); edit them by hand if they are this person:"
    )
    for path, line in done.left[:LEFT_SHOWN]:
        out(f"  {path}:{line}")
    if len(done.left) > LEFT_SHOWN:
        out(f"  and {plural(len(done.left) - LEFT_SHOWN, 'more line')}")
