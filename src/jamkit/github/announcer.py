"""Announce a sprint's results on GitHub: read what is there, then make exactly the planned calls.

The reads: the repository's labels (which also proves the token sees the
repository), the tag ``results/<sprint>`` and the commit it points at, the
release for it, each winning pull request's labels, and for each winner GitHub's
record of the pull request that merged the commit adding its file
(``GET /repos/{owner}/{repo}/commits/{sha}/pulls``): never a number read from a
commit subject, which is the team's own words under rebase or merge-commit
merging.
The writes are the ``Plan`` of ``jamkit.github.announce``, one REST call per
action, in order, through ``Bot.rest`` (the bot's client, retries and pauses
between writes). The tag is made through the API (``git/tags`` then
``git/refs``) rather than pushed: the workflow's token can write refs through
the API, while a push would need credentials kept on disk by the checkout.

The first failing call stops the run (the ref needs the tag object made before
it); ``Outcome`` says what was done and what was not, and a new run does only
what is still missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from github.Repository import Repository

from jamkit.core.errors import UsageError
from jamkit.github.announce import NEW_TAG_SHA, Action, Announcement, Plan, Remote
from jamkit.github.bot import Bot, BotError

MAX_TAG_DEPTH = 4  # a tag of a tag of ... a commit


def _path_part(value: str) -> str:
    """A ref or tag name as one path segment: GitHub's API description has no multi-segment parameters."""
    return quote(value, safe="")


def _missing_is_none(fn: Callable[[], Any]) -> Any:
    """The answer of ``fn``, or None when GitHub answers 404 (not there)."""
    try:
        return fn()
    except BotError as err:
        if err.status == 404:
            return None
        raise


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def find_pulls(bot: Bot, a: Announcement) -> dict[str, int]:
    """The merged pull request GitHub records for the commit that added each winner's file (the first, if several)."""
    found: dict[str, int] = {}
    for w in a.winners:
        if w.added is None:
            continue
        path = f"/repos/{a.repo}/commits/{w.added.sha}/pulls?per_page=100"
        try:
            data = bot.rest(f"finding the pull request of {w.project}", "GET", path)
        except BotError as err:
            if err.status in (404, 422):  # GitHub does not have that commit: nothing to find
                continue
            raise
        pulls = data if isinstance(data, list) else []
        merged = [p["number"] for p in pulls if isinstance(p, dict) and p.get("merged_at") and _is_int(p.get("number"))]
        if merged:
            found[w.ref] = min(merged)
    return found


def _tag_commit(bot: Bot, a: Announcement) -> str | None:
    """The commit ``results/<sprint>`` points at on GitHub, through annotated tags; None if there is no such tag."""
    ref = bot.rest(f"reading the tag {a.tag}", "GET", f"/repos/{a.repo}/git/ref/{_path_part('tags/' + a.tag)}")
    target = ref.get("object", {}) if isinstance(ref, dict) else {}
    for _ in range(MAX_TAG_DEPTH):
        if target.get("type") != "tag":
            break
        tag = bot.rest(f"reading the tag {a.tag}", "GET", f"/repos/{a.repo}/git/tags/{target.get('sha')}")
        target = tag.get("object", {}) if isinstance(tag, dict) else {}
    sha = target.get("sha")
    return sha if isinstance(sha, str) else ""


def _pull_labels(bot: Bot, repo: Repository, number: int) -> list[str] | None:
    """The labels on pull request ``number``; None when GitHub has no such pull request."""
    issue = repo.get_issue(number)
    what = f"listing the labels of pull request #{number}"
    names: list[str] | None = _missing_is_none(lambda: bot.call(what, lambda: [lab.name for lab in issue.get_labels()]))
    return names


def observe(bot: Bot, a: Announcement) -> Remote:
    """What GitHub already has of this announcement."""
    repo = bot.gh.get_repo(a.repo)
    try:
        labels = bot.call("listing the repository's labels", lambda: [label.name for label in repo.get_labels()])
    except BotError as err:
        if err.status == 404:
            raise UsageError(
                f"GitHub shows no repository {a.repo} to this token: check --repo (or GITHUB_REPOSITORY) "
                "and the token's access"
            ) from None
        raise
    tag_commit = _missing_is_none(lambda: _tag_commit(bot, a))
    path = f"/repos/{a.repo}/releases/tags/{_path_part(a.tag)}"
    release = _missing_is_none(lambda: bot.rest(f"reading the release of {a.tag}", "GET", path))
    pull_labels: dict[int, frozenset[str]] = {}
    gone: set[int] = set()
    for w in a.winners:
        if w.pull is None or w.pull in pull_labels or w.pull in gone:
            continue
        names = _pull_labels(bot, repo, w.pull)
        if names is None:
            gone.add(w.pull)
        else:
            pull_labels[w.pull] = frozenset(name.lower() for name in names)
    return Remote(
        tag_commit=tag_commit,
        release=release is not None,
        repo_labels=frozenset(name.lower() for name in labels),
        pull_labels=pull_labels,
        gone=frozenset(gone),
    )


@dataclass
class Outcome:
    """What a run did: the actions made, and the one that failed (with GitHub's answer)."""

    done: list[Action] = field(default_factory=list)
    failed: Action | None = None
    error: str = ""


def _with_tag_sha(body: Mapping[str, Any], sha: str) -> dict[str, Any]:
    return {k: (sha if v == NEW_TAG_SHA else v) for k, v in body.items()}


def execute(bot: Bot, plan: Plan) -> Outcome:
    """Make the plan's calls in order; stop at the first one GitHub refuses."""
    outcome = Outcome()
    tag_sha = ""
    for action in plan.actions:
        body = _with_tag_sha(action.body, tag_sha)
        try:
            answer = bot.rest(action.what, action.method, action.path, body)
        except BotError as err:
            if action.kind == "label" and "already_exists" in str(err):
                outcome.done.append(action)  # another run made it meanwhile
                continue
            outcome.failed, outcome.error = action, str(err)
            return outcome
        if action.kind == "tag":
            tag_sha = str(answer.get("sha", "")) if isinstance(answer, dict) else ""
        outcome.done.append(action)
    return outcome
