"""Apply a report to a pull request through the GitHub REST API (the only PyGithub user in jamkit).

Three effects, the status first:

- the commit status ``jam/verified`` on the head commit: the verdict branch
  protection reads, so it is the run's first request, and it does not wait for
  the comment and labels. When the hour's budget is nearly spent
  (``STATUS_RESERVE``), the comment and labels wait for the reset, or are left
  for a later run, so that every pull request's status still gets through.
- labels: the bot's labels are set in at most one request, and only when they
  change; labels people set are never removed (``report.is_bot_label``).
- one sticky comment, found by the hidden marker *and* by being written by the
  bot's own account (anyone can paste the marker into a comment of theirs); a
  later push edits it in place when the verdict changed. If a person edited it
  (the hash in the marker no longer matches), it is left untouched and a fresh
  comment is posted, which later pushes then keep up to date.

Requests avoided, and why each is safe:

- the pull request's labels come from the event payload
  (``pull_request.labels``), not from ``GET .../labels``; the payload can be a few
  seconds older than the run, so the bot labels the bot itself last set are also
  recorded in the comment's marker, and the two together say what is there;
- the repository's labels are not listed or checked on every run:
  ``jam github setup`` creates them once, and a run whose label request GitHub
  refuses because a label is missing creates them then (``LABEL_MISSING``);
- no write when nothing would change: the comment is left alone when the
  verdict's key and the labels recorded in its marker are the same, the labels
  when the payload and the marker already show the wanted set;
- the status is written once per run; runs are once per head commit (pushes),
  and a re-run or a reopened pull request writes it again, which is what a
  re-run after an ``error`` status needs (nothing cheaper can tell the bot that
  the head still carries its verdict: the marker is not rewritten on unchanged
  pushes, and GitHub's status list would cost the read it saves);
- the sticky comment is found by listing the thread oldest first, 100 a page,
  stopping at the first intact comment of the bot: it is posted by the pull
  request's first run, so it is on the first page of all but the longest threads
  (GitHub's API cannot list one issue's comments newest first, and anything
  remembering the comment's id elsewhere would itself cost a write);
- conditional requests: each run is a fresh process and verify.yml keeps no cache
  (a cache is a way to poison a trusted workflow), so an ETag can only come from
  a read earlier in the same run; ``rest`` sends ``If-None-Match`` for a read it
  has made before (the comment list, re-read after waiting for a rate limit so a
  person's edit made meanwhile is respected), and a 304 is free.

Requests are made with exactly the documented shapes (``{"labels": [...]}``,
plain ``application/json``) through PyGithub's requester; the waits for rate
limits are ``jamkit.github.throttle``'s, on an injectable clock.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import quote

import github
import requests
from github import Auth, GithubException
from urllib3.util.retry import Retry

from jamkit.github.report import STATUS_CONTEXT, Report, is_bot_label, label_spec, marker_state, read_marker
from jamkit.github.throttle import (
    FULL_RUN,
    Clock,
    OutOfTime,
    SystemClock,
    Throttle,
    pace_allowance,
    pace_wait,
    rate_limit_wait,
)

T = TypeVar("T")

DEFAULT_API_URL = "https://api.github.com"
DEFAULT_BOT_LOGIN = "github-actions[bot]"  # the account behind the workflow's GITHUB_TOKEN
STATUS_RESERVE = 50  # requests of the hour kept for other pull requests' statuses
PACE_MIN_WAIT = 30.0
PACE_MARGIN = 60.0  # seconds kept before the time limit for the status itself
REREAD_AFTER = 10.0  # seconds waited after reading the comment before it is read again
LABEL_MISSING = (404, 422)  # what GitHub may answer when a label to set does not exist in the repository
_NEXT_LINK = re.compile(r'<([^>]+)>;\s*rel="next"')


class BotError(Exception):
    """Talking to GitHub failed; the message is one line for the workflow log.

    ``status`` is GitHub's HTTP status when it answered (404: not there), else None;
    ``out_of_time`` says the run stopped because a rate limit would outlast the job.
    """

    def __init__(self, message: str, status: int | None = None, *, out_of_time: bool = False) -> None:
        super().__init__(message)
        self.status = status
        self.out_of_time = out_of_time


@dataclass(frozen=True)
class Target:
    """The pull request a run reports on, as the event payload names it."""

    repo: str
    number: int
    head_sha: str
    labels: tuple[str, ...] | None = None  # pull_request.labels of the payload; None: read them from GitHub


@dataclass
class Outcome:
    """What the bot did, printed as one JSON line for the log and asserted on by the tests."""

    status: str = ""
    comment: str = ""  # created | updated | unchanged | created-beside-edited | (empty: not reached)
    comment_id: int | None = None
    labels_added: list[str] = field(default_factory=list)
    labels_removed: list[str] = field(default_factory=list)
    labels_created: list[str] = field(default_factory=list)
    requests: int = 0
    writes: int = 0  # content-creating requests (POST, PATCH, PUT, DELETE)
    free: int = 0  # requests GitHub does not count (GET /rate_limit, a 304 Not Modified)
    refused: int = 0  # of ``requests``, refused for a rate limit (and made again after the wait)
    deferred: bool = False  # the status is set; the comment and labels wait for a later run
    errors: list[str] = field(default_factory=list)


@dataclass
class _Counter:
    requests: int = 0
    writes: int = 0
    free: int = 0
    refused: int = 0


def _message(data: Any) -> str:
    return str(data.get("message", "")) if isinstance(data, dict) else ""


def _describe(err: GithubException) -> str:
    message = err.data.get("message") if isinstance(err.data, dict) else None
    errors = err.data.get("errors") if isinstance(err.data, dict) else None
    codes = ""
    if isinstance(errors, list):
        codes = " (" + ", ".join(str(e.get("code", e)) if isinstance(e, dict) else str(e) for e in errors) + ")"
    return f"GitHub answered {err.status}: {message or 'no message'}{codes}"


class Bot:
    """A connection to one GitHub API as the bot account."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_API_URL,
        bot_login: str = DEFAULT_BOT_LOGIN,
        write_interval: float = 1.0,
        time_limit: float = 600.0,
        clock: Clock | None = None,
        retries: int = 8,
        timeout: int = 30,
    ) -> None:
        self.bot_login = bot_login
        self.retries = retries
        self.throttle = Throttle(clock or SystemClock(), time_limit, write_interval)
        self.count = _Counter()
        self._random = random.Random(token + bot_login)  # reseeded per run by ``apply``
        self._etags: dict[str, tuple[str, Any, Mapping[str, Any]]] = {}
        # urllib3 retries only server errors, only of requests safe to repeat; rate
        # limits are waited out by ``call`` on the throttle's clock and deadline.
        retry = Retry(
            total=2,
            backoff_factor=2.0,
            status_forcelist=[500, 502, 503, 504],
            allowed_methods=frozenset({"GET", "PUT", "DELETE"}),
            respect_retry_after_header=False,
            raise_on_status=False,
        )
        self.gh = github.Github(
            auth=Auth.Token(token),
            base_url=base_url.rstrip("/"),
            timeout=timeout,
            retry=retry,
            lazy=True,  # no GET of the repository or issue just to build URLs
            seconds_between_requests=None,
            seconds_between_writes=None,  # paced by the throttle instead
            user_agent="jamkit-bot",
            per_page=100,  # fewer pages of comments and labels on busy pull requests
        )

    # ------------------------------------------------------------------ requests

    def call(self, what: str, fn: Callable[[], T], method: str = "GET", *, free: bool = False) -> T:
        """Run one API call, waiting out rate limits as GitHub asks while the deadline allows.

        ``free``: GitHub does not count it (``GET /rate_limit``), nor does ``Outcome.requests``.
        """
        for attempt in range(self.retries + 1):
            self._before(what, method, free)
            try:
                result = fn()
                self._after()
                return result
            except GithubException as err:
                self._after()
                wait = rate_limit_wait(err.status, err.headers, _message(err.data), self.throttle.clock.now(), attempt)
                if wait is None:
                    raise BotError(f"{what}: {_describe(err)}", err.status) from None
                self.count.refused += 1
                if attempt == self.retries:
                    raise BotError(f"{what}: still rate limited after {attempt + 1} tries", err.status) from None
                self._wait(what, wait + self._jitter(wait))
            except requests.RequestException as err:  # connection failures, retries used up
                raise BotError(f"{what}: {type(err).__name__}: {err}") from None
        raise BotError(f"{what}: gave up")  # pragma: no cover - the loop always returns or raises

    def _jitter(self, wait: float) -> float:
        """Up to a tenth more, so that runs told the same time spread out (seeded: reproducible in the tests)."""
        return self._random.uniform(0, wait / 10)

    def _before(self, what: str, method: str, free: bool) -> None:
        try:
            self.throttle.before(method)
        except OutOfTime as err:
            raise BotError(f"{what}: {err}", out_of_time=True) from None
        self.count.free += free
        self.count.requests += not free
        self.count.writes += method.upper() != "GET"

    def _after(self) -> None:
        remaining, _ = self.gh.requester.rate_limiting
        if remaining >= 0:
            self.throttle.remaining = remaining
            self.throttle.reset = float(self.gh.requester.rate_limiting_resettime) or None

    def _wait(self, what: str, seconds: float) -> None:
        try:
            self.throttle.wait(seconds)
        except OutOfTime as err:
            raise BotError(f"{what}: {err}", 403, out_of_time=True) from None

    def request(
        self, what: str, method: str, path: str, body: Mapping[str, object] | None = None
    ) -> tuple[Mapping[str, Any], Any]:
        """One REST call with exactly the documented shape; returns the answer's headers and JSON.

        A read made before in this run is sent with ``If-None-Match``; GitHub
        answers 304, not counted against the primary limit, when nothing changed.
        """
        payload = dict(body) if body is not None else None
        cached = self._etags.get(path) if method == "GET" else None
        extra = {"If-None-Match": cached[0]} if cached else None

        def send() -> tuple[int, Mapping[str, Any], Any]:
            status, headers, output = self.gh.requester.requestJson(method, path, headers=extra, input=payload)
            data = json.loads(output) if output else None
            if status >= 400:
                raise self.gh.requester.createException(status, headers, data)
            return status, headers, data

        status, headers, data = self.call(what, send, method, free=path == "/rate_limit")
        if status == 304 and cached:  # not counted against the primary limit
            self.count.requests -= 1
            self.count.free += 1
            return cached[2], cached[1]
        etag = next((v for k, v in headers.items() if k.lower() == "etag"), None)
        if method == "GET" and etag:
            self._etags[path] = (etag, data, headers)
        return headers, data

    def rest(self, what: str, method: str, path: str, body: Mapping[str, object] | None = None) -> Any:
        """One REST call; ``path`` is relative to the API root. Returns the JSON answer.

        Used by ``jamkit.github.announcer`` too, for the calls PyGithub spells
        differently from GitHub's API description. A ``BotError`` with ``status``
        when GitHub refused.
        """
        return self.request(what, method, path, body)[1]

    def pages(self, what: str, path: str) -> Iterator[Any]:
        """The items of a listing, page after page, following GitHub's ``Link: rel="next"``."""
        next_path: str | None = path
        while next_path:
            headers, data = self.request(what, "GET", next_path)
            yield from data if isinstance(data, list) else []
            link = next((v for k, v in headers.items() if k.lower() == "link"), "")
            found = _NEXT_LINK.search(str(link))
            next_path = found.group(1) if found else None

    # ------------------------------------------------------------------ the three effects

    def apply(self, target: Target, report: Report, target_url: str = "") -> Outcome:
        outcome = Outcome()
        self._random.seed(target.head_sha)
        try:
            self._apply(target, report, target_url, outcome)
        except BotError as err:
            outcome.errors.append(str(err))
        count = self.count
        outcome.requests, outcome.writes, outcome.free, outcome.refused = (
            count.requests,
            count.writes,
            count.free,
            count.refused,
        )
        return outcome

    def _pace(self) -> bool:
        """Wait until the repository's even pace has room for this run's status; True if also for the rest.

        ``GET /rate_limit`` is free (GitHub does not count it) and tells what all
        runs of the repository used this hour. A run waits while the pace is
        behind (a newer push cancels it meanwhile, and its status is no longer
        needed), but never past the time limit: then the status goes anyway.
        """
        while True:
            try:
                core = self.rest("reading the rate limit", "GET", "/rate_limit")["resources"]["core"]
                used, reset = int(core["used"]), float(core["reset"])
            except (BotError, KeyError, TypeError, ValueError):
                return True  # no reading, no pacing: GitHub's own answers still say when to wait
            now = self.throttle.clock.now()
            if used + FULL_RUN <= pace_allowance(now, reset):
                return True
            wait = pace_wait(now, reset, used)
            if wait <= 0:
                return False
            wait = max(wait, PACE_MIN_WAIT)  # each look at /rate_limit is free, but not worth more than this
            if wait + PACE_MARGIN > self.throttle.left():
                return False
            self.throttle.wait(wait + self._jitter(wait))

    def _apply(self, target: Target, report: Report, target_url: str, outcome: Outcome) -> None:
        full = self._pace()
        slept = self.throttle.slept
        try:
            self.post_status(target.repo, target.head_sha, report.state, report.description, target_url)
            outcome.status = report.state
        except BotError as err:
            if err.out_of_time:  # never silence: try to say so on the commit, without waiting
                self._last_try_error(target, target_url)
            raise
        if not full or self.throttle.slept > slept + REREAD_AFTER or self.throttle.low(STATUS_RESERVE):
            # GitHub is rationing this repository's requests: the status of every pull
            # request comes first, so this run's comment and labels wait for a later run.
            outcome.deferred = True
            raise BotError(
                "the comment and labels are left for the next push or a re-run: GitHub's rate limits are "
                f"reached ({self.throttle.remaining} requests left this hour, {self.throttle.slept:.0f} s waited)"
            )
        try:
            comment, edited_seen = self.find_comment(target)
        except BotError as err:
            if err.out_of_time:
                raise
            outcome.errors.append(str(err))  # the labels need no comment; the comment waits for a later run
            self.sync_labels(target, report, frozenset(), outcome)
            return
        marker = read_marker(comment["body"]) if comment else None
        slept = self.throttle.slept
        labels = self.sync_labels(target, report, marker.labels if marker else frozenset(), outcome)
        if (
            self.throttle.slept > slept + REREAD_AFTER
        ):  # a person may have edited it meanwhile; unchanged, the re-read is free
            comment, edited_seen = self.find_comment(target)
        self.upsert_comment(target, report, comment, edited_seen, labels, outcome)

    def _last_try_error(self, target: Target, target_url: str) -> None:
        description = "GitHub's rate limit outlasted this run; re-run the verify job (see docs/maintainers.md)"
        try:
            self.throttle.deadline = float("inf")  # one request, no waiting: the job is about to end
            self.retries, retries = 0, self.retries
            self.post_status(target.repo, target.head_sha, "error", description, target_url)
        except BotError:
            pass
        finally:
            self.retries = retries

    def find_comment(self, target: Target) -> tuple[dict[str, Any] | None, bool]:
        """The bot's intact sticky comment (None if there is none), and whether an edited one of the bot's exists.

        The bot posts a new comment only when it has no intact one, so the first
        intact one is the only one: the listing stops there.
        """
        login = self.bot_login.lower()
        edited = False
        path = f"/repos/{target.repo}/issues/{target.number}/comments?per_page=100"
        for comment in self.pages("listing comments", path):
            user = comment.get("user") or {}
            if str(user.get("login", "")).lower() != login:
                continue
            state = marker_state(comment.get("body"))
            if state == "intact":
                return comment, edited
            edited = edited or state == "edited"
        return None, edited

    def sync_labels(self, target: Target, report: Report, recorded: frozenset[str], outcome: Outcome) -> frozenset[str]:
        """Set the bot's labels in at most one request; returns the bot labels now on the pull request.

        ``recorded`` are the bot labels the marker says the bot set last: the
        payload may predate that run. A bot label the bot set and a person then
        removed stays removed until the verdict changes.
        """
        current = list(target.labels) if target.labels is not None else self._read_labels(target)
        have = {name.lower() for name in current}
        there = {name for name in have if is_bot_label(name)} | recorded
        wanted = {name.lower(): name for name in report.labels}
        stale = sorted(name for name in there if name not in wanted)
        missing = sorted(wanted[name] for name in wanted if name not in have and name not in recorded)
        if not stale and not missing:
            return frozenset(wanted)
        path = f"/repos/{target.repo}/issues/{target.number}/labels"
        if stale:  # one PUT: people's labels as the payload shows them, and the wanted bot labels
            people = [name for name in current if not is_bot_label(name)]
            method, body = "PUT", {"labels": people + sorted(report.labels)}
        else:  # only additions: a POST adds without touching anything else
            method, body = "POST", {"labels": missing}
        try:
            answer = self._set_labels(target, report, method, path, body, outcome)
        except BotError as err:
            if err.out_of_time:
                raise
            outcome.errors.append(str(err))
            return frozenset(name for name in have if is_bot_label(name))
        outcome.labels_added = sorted(wanted[n] for n in wanted if n not in have)
        outcome.labels_removed = [n for n in stale if n in have]
        names = [str(label.get("name", "")) for label in answer if isinstance(label, dict)] if answer else []
        return frozenset(n.lower() for n in names if is_bot_label(n)) if names else frozenset(wanted)

    def _read_labels(self, target: Target) -> list[str]:
        path = f"/repos/{target.repo}/issues/{target.number}/labels?per_page=100"
        return [str(label.get("name", "")) for label in self.pages("listing the pull request's labels", path)]

    def _set_labels(
        self, target: Target, report: Report, method: str, path: str, body: dict[str, object], outcome: Outcome
    ) -> Any:
        try:
            return self.rest("setting labels", method, path, body)
        except BotError as err:
            if err.status not in LABEL_MISSING:
                raise
        # A label is missing from the repository: the first run that needs it creates it.
        outcome.labels_created = create_labels(
            self, target.repo, sorted(report.labels), label_spec, self.labels(target.repo)
        )
        return self.rest("setting labels", method, path, body)

    def upsert_comment(
        self,
        target: Target,
        report: Report,
        comment: dict[str, Any] | None,
        edited_seen: bool,
        labels: frozenset[str],
        outcome: Outcome,
    ) -> None:
        """Edit the bot's own comment when the verdict or the labels changed, or post one; never a person's edit."""
        if comment is not None:
            outcome.comment_id = int(comment["id"])
            marker = read_marker(comment["body"])
            if marker is not None and marker.key == report.key and marker.labels == labels:
                outcome.comment = "unchanged"
                return
            path = f"/repos/{target.repo}/issues/comments/{comment['id']}"
            self.rest("updating the comment", "PATCH", path, {"body": report.signed(labels)})
            outcome.comment = "updated"
            return
        body = report.signed(labels, replacing_edited=edited_seen)
        path = f"/repos/{target.repo}/issues/{target.number}/comments"
        created = self.rest("posting the comment", "POST", path, {"body": body})
        outcome.comment = "created-beside-edited" if edited_seen else "created"
        outcome.comment_id = int(created["id"]) if isinstance(created, dict) and "id" in created else None

    def labels(self, repo: str) -> dict[str, dict[str, Any]]:
        """The repository's labels by lowercase name."""
        found = self.pages("listing the repository's labels", f"/repos/{repo}/labels?per_page=100")
        return {str(label.get("name", "")).lower(): label for label in found if isinstance(label, dict)}

    def post_status(self, repo: str, sha: str, state: str, description: str, target_url: str = "") -> None:
        body: dict[str, object] = {"state": state, "description": description[:140], "context": STATUS_CONTEXT}
        if target_url:
            body["target_url"] = target_url
        self.rest("setting the commit status", "POST", f"/repos/{repo}/statuses/{sha}", body)

    def report_error(self, repo_name: str, sha: str, description: str, target_url: str = "") -> None:
        """Mark the head commit ``error`` when no verdict could be produced, so the PR is not left pending."""
        self.post_status(repo_name, sha, "error", description, target_url)


def create_labels(
    bot: Bot, repo: str, names: list[str], spec: Callable[[str], Any], existing: Mapping[str, object]
) -> list[str]:
    """Create the labels of ``names`` not in ``existing`` (lowercase), with colour and description; returns them.

    A label another run created meanwhile (``already_exists``) is fine.
    """
    created = []
    for name in names:
        if name.lower() in existing:
            continue
        wanted = spec(name)
        body = {"name": name, "color": wanted.color, "description": wanted.description}
        try:
            bot.rest(f"creating label {name}", "POST", f"/repos/{repo}/labels", body)
            created.append(name)
        except BotError as err:
            if "already_exists" not in str(err):
                raise
    return created


def label_path(repo: str, name: str) -> str:
    return f"/repos/{repo}/labels/{quote(name, safe='')}"
