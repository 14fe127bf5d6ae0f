"""Conflicts of interest: who must not judge a project, and why.

A judge may not read a project they are a member of (matched on GitHub handle,
and on name), one from the site they organised, or one they listed themselves
in ``conflicts``. Reviews, assignments, ``jam judge assign`` and the
spreadsheet import all ask here, so the rule is stated once.
"""

from __future__ import annotations

from jamkit.core.identity import ANONYMOUS, handle_key, name_key
from jamkit.core.model import Judge, Sprint, Submission


def conflict(judge: Judge, submission: Submission, sprint: Sprint) -> str | None:
    """Why ``judge`` must not judge ``submission``, in words for a message; None when they may."""
    if submission.slug in judge.conflicts:
        return f"{judge.name} lists '{submission.slug}' under their own conflicts"
    for member in submission.fields.members:
        if judge.github and member.github and handle_key(judge.github) == handle_key(member.github):
            return f"{judge.name} is a member of the team (GitHub @{member.github})"
        if name_key(judge.name) == name_key(member.name) != name_key(ANONYMOUS):
            return f"{judge.name} is a member of the team (by name)"
    site = next((s for s in sprint.fields.sites if s.id == submission.fields.site), None)
    if site is not None and site.organizer and _names(judge, site.organizer):
        return f"{judge.name} organised the team's site, {site.name}"
    return None


def _names(judge: Judge, text: str) -> bool:
    """Whether ``text`` (a site organiser as written) is this judge: name, handle or id."""
    wanted = name_key(text.lstrip("@"))
    return wanted in {name_key(judge.name), handle_key(judge.github or ""), judge.key.casefold()} - {""}
