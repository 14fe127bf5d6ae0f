"""The bot's connection to the GitHub REST API: one request at a time, every wait on the throttle's clock.

The only module of jamkit that imports PyGithub.
``Client`` makes requests with exactly the documented shapes (``{"labels": [...]}``,
plain ``application/json``) through PyGithub's requester, counts them the way
GitHub does (``GET /rate_limit`` and a 304 Not Modified are free), and waits
when GitHub asks: for a rate limit as ``jamkit.github.throttle`` reads the
answer, and a few seconds before repeating a read or an idempotent write that
met a server error. Every wait goes through the throttle, on its injectable
clock and within the run's deadline: a sleep anywhere else (urllib3's own
backoff, say) would stall a simulated storm in real time and could outlast the
job unseen. ``jamkit.github.bot`` builds the pull-request run on top of it;
``announcer`` and ``rights`` use it as it is.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import github
import requests
from github import Auth, GithubException
from urllib3.util.retry import Retry

from jamkit.github.throttle import Clock, OutOfTime, SystemClock, Throttle, rate_limit_wait

T = TypeVar("T")

DEFAULT_API_URL = "https://api.github.com"
SERVER_ERRORS = frozenset({500, 502, 503, 504})
SERVER_ERROR_RETRIES = 2
SERVER_ERROR_WAIT = 2.0  # seconds before the first repeat; doubled for the next
IDEMPOTENT = frozenset({"GET", "PUT", "DELETE"})  # safe to send again after a server error
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

    @property
    def stops_run(self) -> bool:
        """Nothing more should be tried: the time is up (or, for ``bot.Superseded``, the head moved on)."""
        return self.out_of_time


@dataclass
class Counts:
    """Requests of this client so far, as ``Outcome`` reports them."""

    requests: int = 0
    writes: int = 0  # content-creating requests (POST, PATCH, PUT, DELETE)
    free: int = 0  # requests GitHub does not count
    refused: int = 0  # of ``requests``, refused for a rate limit (and made again after the wait)


def _message(data: Any) -> str:
    return str(data.get("message", "")) if isinstance(data, dict) else ""


def describe(err: GithubException) -> str:
    """GitHub's answer in one line: status, message, and the codes of its ``errors``."""
    message = err.data.get("message") if isinstance(err.data, dict) else None
    errors = err.data.get("errors") if isinstance(err.data, dict) else None
    codes = ""
    if isinstance(errors, list):
        codes = " (" + ", ".join(str(e.get("code", e)) if isinstance(e, dict) else str(e) for e in errors) + ")"
    return f"GitHub answered {err.status}: {message or 'no message'}{codes}"


class Client:
    """A connection to one GitHub API with one token."""

    def __init__(
        self,
        token: str,
        *,
        base_url: str = DEFAULT_API_URL,
        write_interval: float = 1.0,
        time_limit: float = 600.0,
        clock: Clock | None = None,
        retries: int = 8,
        timeout: int = 30,
        seed: str = "",
    ) -> None:
        self.retries = retries
        self.throttle = Throttle(clock or SystemClock(), time_limit, write_interval)
        self.count = Counts()
        self._random = random.Random(token + seed)  # reseeded per run by the bot
        self._etags: dict[str, tuple[str, Any, Mapping[str, Any]]] = {}
        # urllib3 repeats nothing on its own (its backoff would sleep off the clock);
        # only a connection that failed before the request was sent is tried again.
        retry = Retry(total=2, connect=2, read=0, status=0, other=0, backoff_factor=0, respect_retry_after_header=False)
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

    def call(self, what: str, fn: Callable[[], T], method: str = "GET", *, free: bool = False) -> T:
        """Run one API call, waiting out rate limits as GitHub asks while the deadline allows.

        ``free``: GitHub does not count it (``GET /rate_limit``), nor does ``Counts.requests``.
        """
        server_errors = 0
        for attempt in range(self.retries + 1):
            self._before(what, method, free)
            try:
                result = fn()
                self._after()
                return result
            except GithubException as err:
                self._after()
                if err.status in SERVER_ERRORS and method.upper() in IDEMPOTENT:
                    if server_errors == SERVER_ERROR_RETRIES:
                        raise BotError(f"{what}: {describe(err)}", err.status) from None
                    self._wait(what, SERVER_ERROR_WAIT * 2**server_errors)
                    server_errors += 1
                    continue
                wait = rate_limit_wait(err.status, err.headers, _message(err.data), self.throttle.clock.now(), attempt)
                if wait is None:
                    raise BotError(f"{what}: {describe(err)}", err.status) from None
                self.count.refused += 1
                if attempt == self.retries:
                    raise BotError(f"{what}: still rate limited after {attempt + 1} tries", err.status) from None
                self._wait(what, wait + self.jitter(wait))
            except requests.RequestException as err:  # connection failures, retries used up
                raise BotError(f"{what}: {type(err).__name__}: {err}") from None
        raise BotError(f"{what}: gave up")

    def jitter(self, wait: float) -> float:
        """Up to a tenth more, so that runs told the same time spread out (seeded: reproducible in the tests)."""
        return self._random.uniform(0, wait / 10)

    def _before(self, what: str, method: str, free: bool) -> None:
        try:
            self.throttle.before(method)
        except OutOfTime as err:
            raise BotError(f"{what}: {err}", out_of_time=True) from None
        if method.upper() != "GET":
            self.before_write()
        self.count.free += free
        self.count.requests += not free
        self.count.writes += method.upper() != "GET"

    def before_write(self) -> None:
        """Called just before each content-creating request is sent; the bot looks at the head here."""

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
            if status >= 400:  # an error answer is an object with a message; anything else is no message
                raise self.gh.requester.createException(status, headers, data if isinstance(data, dict) else {})
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
