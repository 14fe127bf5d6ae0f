"""``python -m jamkit.github.rights``: whether a pull request's author has maintainer rights, asked of GitHub.

`author_association` is not the answer: MEMBER is anyone in the organisation that
owns the repository, and COLLABORATOR includes people with read-only access. What
counts is the author's permission on this repository, which only GitHub knows
(``GET /repos/{owner}/{repo}/collaborators/{user}/permission``): ``admin``,
``maintain`` and ``write`` may merge, so they are maintainers; anything else,
and any failure to ask, is not (fail closed). The trusted workflow runs this
before ``jam check --pr`` and passes ``--maintainer`` only when it prints
``maintainer``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from jamkit.github.bot import DEFAULT_API_URL, Bot, BotError

MAINTAINING = frozenset({"admin", "maintain", "write"})
_LOGIN_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$")
_REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


def is_maintainer(bot: Bot, repo: str, login: str) -> bool:
    """True when GitHub says ``login`` may write to ``repo``; False for read access, strangers and errors."""
    try:
        data = bot.rest("read the author's permission", "GET", f"/repos/{repo}/collaborators/{quote(login)}/permission")
    except BotError:  # 404 (not a collaborator), 403 (the token may not ask): not a maintainer
        return False
    return isinstance(data, dict) and data.get("permission") in MAINTAINING


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jamkit.github.rights",
        description="Print 'maintainer' when the pull request's author may write to the repository, else nothing.",
    )
    parser.add_argument("--event", required=True, help="the pull_request webhook payload (GITHUB_EVENT_PATH)")
    args = parser.parse_args(argv)
    try:
        payload = json.loads(Path(args.event).read_text(encoding="utf-8"))
        repo, login = payload["repository"]["full_name"], payload["pull_request"]["user"]["login"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(f"jamkit.github.rights: --event {args.event}: not a pull_request payload ({err})", file=sys.stderr)
        return 2
    if not (isinstance(repo, str) and _REPO_RE.match(repo) and isinstance(login, str) and _LOGIN_RE.match(login)):
        print("jamkit.github.rights: the payload's repository or author is not a GitHub name", file=sys.stderr)
        return 2
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        print("jamkit.github.rights: GITHUB_TOKEN is not set; treating the author as a team", file=sys.stderr)
        return 0
    bot = Bot(token, base_url=os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL)
    if is_maintainer(bot, repo, login):
        print("maintainer")
    return 0


if __name__ == "__main__":
    sys.exit(main())
