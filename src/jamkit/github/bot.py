"""Apply a report to a pull request through the GitHub REST API (the only PyGithub user in jamkit).

Three effects, each attempted even if another failed, so one missing permission
does not hide the rest:

- one sticky comment, found by the hidden marker *and* by being written by the
  bot's own account (anyone can paste the marker into a comment of theirs); a
  later push edits it in place. If a person edited it (the hash in the marker no
  longer matches), it is left untouched and a fresh comment is posted, which
  later pushes then keep up to date.
- labels: missing ones are added (and created in the repository with a colour and
  description if needed); stale ones are removed, but only among the bot's own
  labels (``report.is_bot_label``), never labels people set.
  Labels are added and created through PyGithub's requester with the documented
  request shapes (``{"labels": [...]}``, plain ``application/json``):
  ``Issue.add_to_labels`` sends a bare array and ``create_label`` a long-retired
  preview media type, which GitHub tolerates but its API description does not
  define (the contract-checking stand-in refuses both).
- the commit status ``jam/verified`` on the head commit.

Rate limits: PyGithub's ``GithubRetry`` (urllib3) retries 403/429 rate-limit
answers and 5xx with backoff, honouring ``Retry-After`` and the reset time up to
``max_wait`` seconds; on top of that each call is retried a bounded number of
times when PyGithub still raises a rate-limit error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import github
import requests
from github import Auth, GithubException, GithubRetry, RateLimitExceededException
from github.Issue import Issue
from github.Repository import Repository

from jamkit.github.report import STATUS_CONTEXT, Report, is_bot_label, label_spec, marker_state, normalize

T = TypeVar("T")

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_BOT_LOGIN = "github-actions[bot]"  # the account behind the workflow's GITHUB_TOKEN


class BotError(Exception):
    """Talking to GitHub failed; the message is one line for the workflow log.

    ``status`` is GitHub's HTTP status when it answered (404: not there), else None.
    """

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Outcome:
    """What the bot did, printed as one JSON line for the log and asserted on by the tests."""

    comment: str = ""  # created | updated | unchanged | created-beside-edited
    comment_id: int | None = None
    labels_added: list[str] = field(default_factory=list)
    labels_removed: list[str] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)
    status: str = ""
    errors: list[str] = field(default_factory=list)


def _retry_after(err: GithubException) -> float | None:
    headers = {k.lower(): v for k, v in (err.headers or {}).items()}
    value = headers.get("retry-after")
    if value is not None:
        try:
            return max(0.0, float(value))
        except ValueError:
            return None
    reset = headers.get("x-ratelimit-reset")
    if reset is not None and headers.get("x-ratelimit-remaining") == "0":
        try:
            return max(0.0, float(reset) - time.time())
        except ValueError:
            return None
    return None


def _is_rate_limited(err: GithubException) -> bool:
    if isinstance(err, RateLimitExceededException) or err.status == 429:
        return True
    message = str(err.data.get("message", "")) if isinstance(err.data, dict) else ""
    return err.status == 403 and ("rate limit" in message.lower() or _retry_after(err) is not None)


class Bot:
    """A connection to one GitHub API as the bot account."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_API_URL,
        bot_login: str = DEFAULT_BOT_LOGIN,
        write_interval: float = 1.0,
        retries: int = 4,
        backoff: float = 2.0,
        max_wait: float = 120.0,
        timeout: int = 30,
    ) -> None:
        self.bot_login = bot_login
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        retry = GithubRetry(
            total=retries,
            backoff_factor=backoff,
            status_forcelist=[429, 500, 502, 503, 504],
            secondary_rate_wait=min(60.0, max_wait),
            max_rate_limit_wait=max_wait,
        )
        self.gh = github.Github(
            auth=Auth.Token(token),
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            retry=retry,
            lazy=True,  # no GET of the repository or issue just to build URLs
            seconds_between_requests=None,
            seconds_between_writes=write_interval,  # GitHub asks for pauses between writes
            user_agent="jamkit-bot",
            per_page=100,  # fewer pages of comments and labels on busy pull requests
        )

    def call(self, what: str, fn: Callable[[], T]) -> T:
        """Run one API call; retry rate-limit errors a bounded number of times with backoff."""
        for attempt in range(self.retries + 1):
            try:
                return fn()
            except GithubException as err:
                if not _is_rate_limited(err) or attempt == self.retries:
                    raise BotError(f"{what}: {_describe(err)}", err.status) from None
                wait = _retry_after(err)
                wait = self.backoff * 2**attempt if wait is None else wait
                if wait > self.max_wait:
                    raise BotError(f"{what}: rate limited for {wait:.0f} s more; try again later") from None
                time.sleep(wait)
            except requests.RequestException as err:  # connection failures, retries used up
                raise BotError(f"{what}: {type(err).__name__}: {err}") from None
        raise BotError(f"{what}: gave up")  # pragma: no cover - the loop always returns or raises

    # ------------------------------------------------------------------ the three effects

    def apply(self, repo_name: str, number: int, head_sha: str, report: Report, target_url: str = "") -> Outcome:
        repo = self.gh.get_repo(repo_name)
        issue = repo.get_issue(number)
        outcome = Outcome()
        for step in (
            lambda: self.upsert_comment(issue, report, outcome),
            lambda: self.sync_labels(repo, issue, report.labels, outcome),
            lambda: self.set_status(repo, head_sha, report, target_url, outcome),
        ):
            try:
                step()
            except BotError as err:
                outcome.errors.append(str(err))
        return outcome

    def upsert_comment(self, issue: Issue, report: Report, outcome: Outcome) -> None:
        """Edit the bot's own marked comment in place, or post one; never overwrite a person's edit."""
        login = self.bot_login.lower()
        mine = self.call(
            "listing comments",
            lambda: [
                c
                for c in issue.get_comments()
                if c.user is not None and c.user.login.lower() == login and marker_state(c.body) != "absent"
            ],
        )
        latest = mine[-1] if mine else None
        if latest is not None and marker_state(latest.body) == "intact":
            outcome.comment_id = latest.id
            if normalize(latest.body) == normalize(report.body):
                outcome.comment = "unchanged"
                return
            target = issue.get_comment(latest.id)  # built from the API URL, not from the server's answer
            self.call("updating the comment", lambda: target.edit(report.body))
            outcome.comment = "updated"
            return
        body = report.body if latest is None else report.body_replacing_edited
        created = self.call("posting the comment", lambda: issue.create_comment(body))
        outcome.comment = "created" if latest is None else "created-beside-edited"
        outcome.comment_id = created.id

    def sync_labels(self, repo: Repository, issue: Issue, wanted: frozenset[str], outcome: Outcome) -> None:
        """Add the wanted labels, remove the bot's stale ones, leave everyone else's alone."""
        current = self.call("listing the pull request's labels", lambda: [label.name for label in issue.get_labels()])
        have = {name.lower() for name in current}
        missing = sorted(name for name in wanted if name.lower() not in have)
        wanted_lower = {name.lower() for name in wanted}
        stale = [name for name in current if is_bot_label(name) and name.lower() not in wanted_lower]
        if missing:
            existing = self.call("listing labels", lambda: {label.name.lower() for label in repo.get_labels()})
            for name in missing:
                if name.lower() in existing:
                    continue
                spec = label_spec(name)
                try:
                    body = {"name": name, "color": spec.color, "description": spec.description}
                    self.call(f"creating label {name}", lambda b=body: self._post(f"{repo.url}/labels", b))
                    outcome.labels_created.append(name)
                except BotError as err:
                    if "already_exists" not in str(err):  # another run created it meanwhile: fine
                        raise
            self.call(
                "adding labels",
                lambda: self._post(f"{issue.url}/labels", {"labels": missing}),
            )
            outcome.labels_added = missing
        for name in stale:
            try:
                self.call(f"removing label {name}", lambda n=name: issue.remove_from_labels(n))
            except BotError as err:
                if "404" not in str(err):  # already gone: fine
                    raise
            outcome.labels_removed.append(name)

    def _post(self, url: str, body: dict[str, object]) -> None:
        """A POST with exactly the documented JSON body (see the module docstring for why)."""
        self.gh.requester.requestJsonAndCheck("POST", url, input=body)

    def rest(self, what: str, method: str, path: str, body: Mapping[str, object] | None = None) -> Any:
        """One REST call with exactly the documented shape; ``path`` is relative to the API root.

        Used by ``jamkit.github.announcer`` for the calls PyGithub spells
        differently from GitHub's API description (a ref's slashes must be
        percent-encoded in ``git/ref/{ref}`` and ``releases/tags/{tag}``).
        Returns the JSON answer; a ``BotError`` with ``status`` when GitHub refused.
        """
        payload = dict(body) if body is not None else None
        _, data = self.call(what, lambda: self.gh.requester.requestJsonAndCheck(method, path, input=payload))
        return data

    def set_status(self, repo: Repository, sha: str, report: Report, target_url: str, outcome: Outcome) -> None:
        self.post_status(repo, sha, report.state, report.description, target_url)
        outcome.status = report.state

    def post_status(self, repo: Repository, sha: str, state: str, description: str, target_url: str = "") -> None:
        commit = repo.get_commit(sha)
        kwargs = {"target_url": target_url} if target_url else {}
        self.call(
            "setting the commit status",
            lambda: commit.create_status(state, description=description[:140], context=STATUS_CONTEXT, **kwargs),
        )

    def report_error(self, repo_name: str, sha: str, description: str, target_url: str = "") -> None:
        """Mark the head commit ``error`` when no verdict could be produced, so the PR is not left pending."""
        self.post_status(self.gh.get_repo(repo_name), sha, "error", description, target_url)


def _describe(err: GithubException) -> str:
    message = err.data.get("message") if isinstance(err.data, dict) else None
    errors = err.data.get("errors") if isinstance(err.data, dict) else None
    codes = ""
    if isinstance(errors, list):
        codes = " (" + ", ".join(str(e.get("code", e)) if isinstance(e, dict) else str(e) for e in errors) + ")"
    return f"GitHub answered {err.status}: {message or 'no message'}{codes}"
