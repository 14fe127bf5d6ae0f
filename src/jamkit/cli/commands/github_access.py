"""What every `jam github` command needs before it calls GitHub: the repository, the token and the API.

One reading of ``--repo``/``GITHUB_REPOSITORY``/``repo_url`` in ``mkdocs.yml``, ``GITHUB_TOKEN`` and
``--api-url``/``GITHUB_API_URL`` (the ``GitHubOptions`` the command line gives) for `jam github announce` and
`jam github setup`, so both refuse the same mistakes with the same words and pace their writes alike.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from jamkit.cli.commands import GitHubOptions
from jamkit.core.errors import UsageError
from jamkit.core.wording import shown
from jamkit.github.client import DEFAULT_API_URL

_REPO = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
# `repo_url: https://github.com/o/n`, or as the template writes it, `repo_url: !ENV [JAM_REPO_URL, "https://..."]`.
_REPO_URL_LINE = re.compile(
    r"""^repo_url:[ \t]*(?:!ENV[ \t]*\[[ \t]*(?P<env>[A-Za-z_][A-Za-z0-9_]*)[ \t]*,[ \t]*)?["']?(?P<url>[^"'\s\]]*)""",
    re.MULTILINE,
)
_GITHUB_URL = re.compile(r"^https://[^/\s]+/(?P<repo>[^/\s]+/[^/\s]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class GitHubAccess:
    repo: str  # owner/name
    token: str
    api_url: str
    write_interval: float  # seconds between writes (0 in tests against the stand-in)


def repo_url_repository(root: Path) -> str | None:
    """The ``owner/name`` of ``repo_url`` in ``mkdocs.yml`` (its ``!ENV`` variable first, as MkDocs reads it)."""
    try:
        found = _REPO_URL_LINE.search((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if found is None:
        return None
    url = (os.environ.get(found.group("env") or "") or found.group("url")).strip()
    github = _GITHUB_URL.match(url)
    return github.group("repo") if github else None


def repository(options: GitHubOptions, root: Path) -> str:
    """``--repo``, else ``GITHUB_REPOSITORY`` (a workflow's own), else ``repo_url`` in ``mkdocs.yml``.

    When the workflow's repository and ``repo_url`` name different repositories, which one is meant is not
    guessed: the command is refused until ``--repo`` says it.
    """
    from_env = os.environ.get("GITHUB_REPOSITORY", "")
    from_site = repo_url_repository(root)
    if not options.repo and from_env and from_site and from_env.lower() != from_site.lower():
        raise UsageError(
            f"GITHUB_REPOSITORY is {shown(from_env)} but repo_url in mkdocs.yml names {shown(from_site)}: "
            "pass --repo OWNER/NAME to say which repository to use"
        )
    target = options.repo or from_env or from_site or ""
    if not _REPO.match(target):
        shown_repo = f" ('{shown(target)}' is not owner/name)" if target else ""
        raise UsageError(f"need --repo OWNER/NAME (or GITHUB_REPOSITORY, or repo_url in mkdocs.yml){shown_repo}")
    return target


def github_access(options: GitHubOptions, root: Path, *, reads: str, example: str) -> GitHubAccess:
    """The repository, token and API a command uses; ``reads`` and ``example`` word the missing-token message."""
    target = repository(options, root)
    token = os.environ.get("GITHUB_TOKEN", "")
    if not token:
        raise UsageError(
            f"GITHUB_TOKEN is not set: even a dry run {reads}; locally, e.g. GITHUB_TOKEN=$(gh auth token) {example}"
        )
    api_url = options.api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL
    return GitHubAccess(target, token, api_url, max(0.0, options.write_interval))
