"""``jam forget GITHUB``: replace a person's entries with "Anonymous" in every file, and say what changed.

``jamkit.upkeep.forget`` plans every edit and checks it before anything is written;
this module prints each file's diff, or why nothing was written.
"""

from __future__ import annotations

from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.core.errors import UsageError
from jamkit.core.identity import handle_key
from jamkit.core.model.types import GITHUB_RE
from jamkit.core.wording import plural, printable, shown
from jamkit.files.edit import EditError
from jamkit.upkeep.forget import forget


def run(root: str | None, github: str, *, dry_run: bool = False, out: Out = print, err: Out = to_stderr) -> int:
    """Anonymise ``github`` in sprints, projects and publications; ``dry_run`` only shows the changes."""
    try:
        folder = repository_root(root)
        if not GITHUB_RE.match(handle_key(github)):
            raise UsageError(f"'{shown(github)}' is not a GitHub handle (1 to 39 letters, digits and single hyphens)")
        done = forget(folder, github, dry_run=dry_run)
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
    if not done.edits and not done.removed:
        out(f"@{handle_key(github)} appears in no sprint, project, publication or profile; nothing changed.")
        return OK
    for path in done.removed:
        out(f"{'Would remove' if dry_run else 'Removed'} {path}, the person's own profile.\n")
    if not done.edits:
        return OK
    entries = sum(count for _, count in done.edits)
    verb = "Would change" if dry_run else "Changed"
    out(
        f"{verb} {plural(entries, 'entry', 'entries')} of @{handle_key(github)} in {plural(len(done.edits), 'file')}:\n"
    )
    for edit, _ in done.edits:
        out(edit.diff() + "\n")
    out(
        "The person's name is now 'Anonymous' and their GitHub handle, affiliation and ORCID iD are gone from "
        "these files. Git history still holds them: ask GitHub Support to purge cached views if needed."
    )
    return OK
