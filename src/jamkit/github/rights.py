"""``python -m jamkit.github.rights``: whether a pull request's change is a maintainer's, asked of GitHub.

`author_association` is not the answer: MEMBER is anyone in the organisation that
owns the repository, and COLLABORATOR includes people with read-only access. What
counts is a person's permission on this repository, which only GitHub knows
(``GET /repos/{owner}/{repo}/collaborators/{user}/permission``): ``admin``,
``maintain`` and ``write`` may merge, so they are maintainers; anything else,
and any failure to ask, is not (fail closed).

Nor is the pull request's author the whole answer: anyone the author lets push
to the branch (a contributor's fork, "allow edits by maintainers" the other way
round) changes what the check reads. So the change is a maintainer's only when
every person in it is one: the author, the sender of the event that ran the
check (who pushed, opened or reopened), and the GitHub account of every
commit's author and committer (``GET .../pulls/{n}/commits``). The least trusted
decides. GitHub is asked as little as possible: the author first, and the
others only while everyone so far may write; a commit GitHub cannot tie to an
account, a list that does not end at the event's head (the pull request moved
on: a newer run decides) or one longer than GitHub lists (250 commits) is not a
maintainer's. ``web-flow``, the committer of edits made in GitHub's web editor,
is GitHub itself; its commits are judged by their author and by who pushed.

The trusted workflow runs this before ``jam check --pr --maintainer`` and passes
``--maintainer`` only when it prints ``maintainer``; otherwise it says on stderr
who is not one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jamkit.github.bot import DEFAULT_API_URL, Bot, BotError

MAINTAINING = frozenset({"admin", "maintain", "write"})
MAX_LISTED_COMMITS = 250  # GitHub lists no more of a pull request's commits
WEB_FLOW = "web-flow"  # GitHub's own committer for commits made in its web editor
_LOGIN_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")
_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
_SHA_RE = re.compile(r"^[0-9a-f]{40}$")


class PayloadError(ValueError):
    """The event is not a pull_request payload this module can read."""


@dataclass(frozen=True)
class Event:
    """What the ``pull_request`` payload says about the change: GitHub's words, not the author's."""

    repo: str
    number: int
    head: str  # the head commit the check read
    author: str  # pull_request.user
    sender: str  # who triggered this event
    commits: int  # how many commits the pull request has

    @classmethod
    def from_payload(cls, payload: Any) -> Event:
        try:
            pr = payload["pull_request"]
            event = cls(
                payload["repository"]["full_name"],
                pr["number"],
                pr["head"]["sha"],
                pr["user"]["login"],
                payload["sender"]["login"],
                pr.get("commits", 0),
            )
        except (KeyError, TypeError, AttributeError) as err:
            raise PayloadError(f"not a pull_request payload (no {err})") from None
        names = (event.author, event.sender)
        if not (isinstance(event.repo, str) and _REPO_RE.match(event.repo)) or not all(
            isinstance(n, str) and _LOGIN_RE.match(n) for n in names
        ):
            raise PayloadError("the payload's repository, author or sender is not a GitHub name")
        if not (_is_int(event.number) and _is_int(event.commits) and isinstance(event.head, str)):
            raise PayloadError("the payload's pull request number, commit count or head is not what GitHub sends")
        return event


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_maintainer(bot: Bot, repo: str, login: str) -> bool:
    """True when GitHub says ``login`` may write to ``repo``; False for read access, strangers and errors."""
    try:
        data = bot.rest("read a person's permission", "GET", f"/repos/{repo}/collaborators/{quote(login)}/permission")
    except BotError:  # 404 (not a collaborator), 403 (the token may not ask): not a maintainer
        return False
    return isinstance(data, dict) and data.get("permission") in MAINTAINING


def _account(commit: dict[str, Any], role: str) -> str | None:
    person = commit.get(role)
    login = person.get("login") if isinstance(person, dict) else None
    return login if isinstance(login, str) and _LOGIN_RE.match(login) else None


def commit_people(bot: Bot, event: Event) -> tuple[list[str], str]:
    """The accounts of the commits' authors and committers, in order; or, when GitHub cannot say them all, why."""
    if event.commits > MAX_LISTED_COMMITS:
        return [], f"the pull request has {event.commits} commits; GitHub lists only {MAX_LISTED_COMMITS}"
    path = f"/repos/{event.repo}/pulls/{event.number}/commits?per_page=100"
    try:
        commits = [c for c in bot.pages("list the pull request's commits", path) if isinstance(c, dict)]
    except BotError as err:
        return [], f"GitHub did not list the pull request's commits ({err})"
    if not commits or commits[-1].get("sha") != event.head or not _SHA_RE.match(event.head):
        return [], f"the pull request's commits do not end at {event.head[:12]}: it moved on, and a newer run decides"
    people: list[str] = []
    for commit in commits:
        sha = str(commit.get("sha", ""))[:12]
        author, committer = _account(commit, "author"), _account(commit, "committer")
        if author is None or committer is None:
            return [], f"commit {sha} is not tied to a GitHub account (its author's or committer's e-mail)"
        people += [author] + ([committer] if committer != WEB_FLOW else [])
    return people, ""


def maintainer_rights(bot: Bot, event: Event) -> tuple[bool, str]:
    """Whether everyone in the change may write to the repository; when not, who is not (or why GitHub cannot say)."""
    known: dict[str, bool] = {}

    def may_write(login: str) -> bool:
        if login not in known:
            known[login] = is_maintainer(bot, event.repo, login)
        return known[login]

    def first_not(logins: Iterable[str], role: str) -> str:
        stranger = next((login for login in logins if not may_write(login)), None)
        return f"{role} {stranger} may not write to {event.repo}" if stranger else ""

    for logins, role in (([event.author], "the author"), ([event.sender], "the sender of this event")):
        if why := first_not(logins, role):
            return False, why
    people, why = commit_people(bot, event)
    if why:
        return False, why
    why = first_not(people, "a commit's author or committer,")
    return not why, why


def say(line: str) -> None:
    print(line, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jamkit.github.rights",
        description="Print 'maintainer' when everyone in the pull request's change may write to the repository.",
    )
    parser.add_argument("--event", required=True, help="the pull_request webhook payload (GITHUB_EVENT_PATH)")
    args = parser.parse_args(argv)
    try:
        event = Event.from_payload(json.loads(Path(args.event).read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        say(f"jamkit.github.rights: --event {args.event}: {error}")
        return 2
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        say("jamkit.github.rights: GITHUB_TOKEN is not set; treating the change as a team's")
        return 0
    bot = Bot(token, base_url=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL)
    rights, why = maintainer_rights(bot, event)
    if rights:
        print("maintainer")
    else:
        say(f"jamkit.github.rights: checked as a team's change: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
