"""Apply a report to a pull request through the GitHub REST API: the status first, then labels and one comment.

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

A run that waited (for the repository's pace, or for a rate limit) looks once
at the pull request (``GET .../pulls/{n}``) before its next write; if the head
moved on meanwhile, a newer push's run reports, and this one ends with one line
and writes nothing (``Superseded``). At 900 pushes an hour that keeps the writes
of superseded heads out of GitHub's 500 an hour. The requests themselves, and
every wait, are ``jamkit.github.client``'s; the repository's labels are
``jamkit.github.labels``'.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jamkit.github.client import DEFAULT_API_URL, BotError, Client
from jamkit.github.labels import create_labels, repo_labels
from jamkit.github.report import STATUS_CONTEXT, Report, is_bot_label, marker_state, read_marker
from jamkit.github.throttle import FULL_RUN, Clock, pace_allowance, pace_wait

__all__ = ["DEFAULT_API_URL", "DEFAULT_BOT_LOGIN", "Bot", "BotError", "Outcome", "Superseded", "Target"]

DEFAULT_BOT_LOGIN = "github-actions[bot]"  # the account behind the workflow's GITHUB_TOKEN
STATUS_RESERVE = 50  # requests of the hour kept for other pull requests' statuses
PACE_MIN_WAIT = 120.0  # between looks at GET /rate_limit: free, but not to be hammered
PACE_MARGIN = 60.0  # seconds kept before the time limit for the status itself
REREAD_AFTER = 10.0  # seconds waited after reading the comment before it is read again
HEAD_RECHECK_AFTER = 10.0  # seconds waited, since the head was last known, before a write looks at it again
STALE_EVENT = 300.0  # an event this old when its run starts (a re-run): look at the head before writing
LABEL_MISSING = (404, 422)  # what GitHub may answer when a label to set does not exist in the repository


class Superseded(BotError):
    """The pull request's head moved on while this run waited: the newer push's run reports, this one writes nothing."""

    def __init__(self, number: int, head: str) -> None:
        super().__init__(
            f"pull request #{number} moved on to {head[:12]} while this run waited; "
            "the run of that push reports its verdict, so this one wrote nothing"
        )
        self.head = head

    @property
    def stops_run(self) -> bool:
        return True


@dataclass(frozen=True)
class Target:
    """The pull request a run reports on, as the event payload names it."""

    repo: str
    number: int
    head_sha: str
    labels: tuple[str, ...] | None = None  # pull_request.labels of the payload; None: read them from GitHub
    event_at: float | None = None  # pull_request.updated_at of the payload (epoch seconds), if it had one


def event_time(text: object) -> float | None:
    """``pull_request.updated_at`` as epoch seconds; None when it is not an ISO 8601 time with offset."""
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.timestamp() if moment.tzinfo else None


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
    superseded: str = ""  # the pull request's newer head, when it moved on and this run wrote nothing
    head_reads: int = 0  # of ``requests``, looks at the pull request's head after a wait
    errors: list[str] = field(default_factory=list)


class Bot(Client):
    """A connection to one GitHub API as the bot account, and the run that reports on one pull request."""

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
        super().__init__(
            token,
            base_url=base_url,
            write_interval=write_interval,
            time_limit=time_limit,
            clock=clock,
            retries=retries,
            timeout=timeout,
            seed=bot_login,
        )
        self.bot_login = bot_login
        self._target: Target | None = None  # the pull request whose head a write first makes sure of
        self._head_known = 0.0  # ``throttle.slept`` when the head was last known to be the run's
        self.head_reads = 0

    # ------------------------------------------------------------------ is the head still the run's?

    def before_write(self) -> None:
        """After a wait, one ``GET .../pulls/{n}`` before writing: a run whose head moved on writes nothing.

        GitHub cancels a run when a newer push comes (verify.yml's concurrency),
        but not always at once, and a re-run of an old run is not cancelled at
        all; the look costs one read, and only after a wait, which is exactly when
        the budget is short and a write saved matters.
        """
        target = self._target
        if target is None or self.throttle.slept <= self._head_known + HEAD_RECHECK_AFTER:
            return
        self._target = None  # the look is a GET: no write, no recursion
        self.head_reads += 1
        try:
            data = self.rest("reading the pull request's head", "GET", f"/repos/{target.repo}/pulls/{target.number}")
            head = data.get("head", {}).get("sha") if isinstance(data, dict) else None
        except (BotError, AttributeError):
            head = None  # no answer: write as if the head were still the run's (its status is right for its commit)
        finally:
            self._target = target
            self._head_known = self.throttle.slept
        if isinstance(head, str) and head and head != target.head_sha:
            raise Superseded(target.number, head)

    # ------------------------------------------------------------------ the three effects

    def apply(self, target: Target, report: Report, target_url: str = "") -> Outcome:
        outcome = Outcome()
        self._random.seed(target.head_sha)
        self._target = target
        # A re-run of an old run (its event long past) looks at the head before its first write, as after a wait.
        old = target.event_at is not None and self.throttle.clock.now() - target.event_at > STALE_EVENT
        self._head_known = -HEAD_RECHECK_AFTER - 1 if old else self.throttle.slept
        try:
            self._apply(target, report, target_url, outcome)
        except Superseded as moved:
            outcome.superseded = moved.head
        except BotError as err:
            outcome.errors.append(str(err))
        finally:
            self._target = None
        count = self.count
        outcome.head_reads = self.head_reads
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
            wait += self.jitter(wait)
            if wait + PACE_MARGIN > self.throttle.left():
                return False
            self._wait("waiting for the repository's pace", wait)

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
            left = "" if self.throttle.remaining is None else f"{self.throttle.remaining} requests left this hour, "
            raise BotError(
                "the comment and labels are left for the next push or a re-run: GitHub's rate limits are "
                f"reached ({left}{self.throttle.slept:.0f} s waited)"
            )
        try:
            comment, edited_seen = self.find_comment(target)
        except BotError as err:
            if err.stops_run:
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
        self.retries, retries = 0, self.retries
        try:
            self.throttle.deadline = float("inf")  # one request, no waiting: the job is about to end
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
            if err.stops_run:
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
        self, target: Target, report: Report, method: str, path: str, body: Mapping[str, object], outcome: Outcome
    ) -> Any:
        try:
            return self.rest("setting labels", method, path, body)
        except BotError as err:
            if err.status not in LABEL_MISSING:
                raise
        # A label is missing from the repository: the first run that needs it creates it.
        outcome.labels_created = create_labels(self, target.repo, sorted(report.labels), repo_labels(self, target.repo))
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

    def post_status(self, repo: str, sha: str, state: str, description: str, target_url: str = "") -> None:
        body: dict[str, object] = {"state": state, "description": description[:140], "context": STATUS_CONTEXT}
        if target_url:
            body["target_url"] = target_url
        self.rest("setting the commit status", "POST", f"/repos/{repo}/statuses/{sha}", body)

    def report_error(self, repo_name: str, sha: str, description: str, target_url: str = "") -> None:
        """Mark the head commit ``error`` when no verdict could be produced, so the PR is not left pending."""
        self.post_status(repo_name, sha, "error", description, target_url)
