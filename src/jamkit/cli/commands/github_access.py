"""What every `jam github` command needs before it calls GitHub: the repository, the token and the API.

One reading of ``--repo``/``GITHUB_REPOSITORY``, ``GITHUB_TOKEN`` and ``--api-url``/``GITHUB_API_URL`` (the
``GitHubOptions`` the command line gives) for `jam github announce` and `jam github setup`, so both refuse the same
mistakes with the same words and pace their writes alike.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from jamkit.cli.commands import GitHubOptions
from jamkit.core.errors import UsageError
from jamkit.core.wording import shown
from jamkit.github.client import DEFAULT_API_URL

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class GitHubAccess:
    repo: str  # owner/name
    token: str
    api_url: str
    write_interval: float  # seconds between writes (0 in tests against the stand-in)


def github_access(options: GitHubOptions, *, reads: str, example: str) -> GitHubAccess:
    """The repository, token and API a command uses; ``reads`` and ``example`` word the missing-token message."""
    target = options.repo or os.environ.get("GITHUB_REPOSITORY", "")
    if not _REPO.match(target):
        shown_repo = f" ('{shown(target)}' is not owner/name)" if target else ""
        raise UsageError(f"need --repo OWNER/NAME (or GITHUB_REPOSITORY){shown_repo}")
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UsageError(
            f"GITHUB_TOKEN is not set: even a dry run {reads}; locally, e.g. GITHUB_TOKEN=$(gh auth token) {example}"
        )
    api_url = options.api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    return GitHubAccess(target, token, api_url, max(0.0, options.write_interval))
