"""GitHub's rate limits as the bot obeys them: how long an answer says to wait, and whether the job has that long.

GitHub limits the workflow's token twice (docs.github.com, "Rate limits for the
REST API"): a *primary* budget of requests per hour per repository (1,000 for
``GITHUB_TOKEN``, 5,000 or more for a GitHub App), reported on every answer in
``x-ratelimit-remaining`` and ``x-ratelimit-reset`` (epoch seconds); and
*secondary* limits, among them about 80 content-creating requests (POST, PATCH,
PUT, DELETE) a minute and 500 an hour, reported only when hit, by a 403 or 429
with ``retry-after``. Its advice, followed here: when ``retry-after`` is given,
wait that long; when ``x-ratelimit-remaining`` is 0, wait until
``x-ratelimit-reset``; otherwise wait at least a minute, growing with each
retry; and pause between content-creating requests.

The clock is injected (``Clock``), so the tests run an hour of rate limits in
seconds. Every wait is checked against the run's deadline first: a wait that
would outlast the job's time limit raises ``OutOfTime`` instead, so the run can
say so in one line rather than be killed mid-sleep by the runner.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

CONTENT_CREATING = frozenset({"POST", "PATCH", "PUT", "DELETE"})
SECONDARY_PER_MINUTE = 80
SECONDARY_PER_HOUR = 500
SECONDARY_FALLBACK_WAIT = 60.0  # GitHub: "wait for at least one minute" when it names no time
RESET_MARGIN = 1.0  # x-ratelimit-reset has a one-second resolution


class Clock(Protocol):
    """Wall-clock time in epoch seconds, and a way to wait."""

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class OutOfTime(Exception):
    """Waiting as GitHub asks would outlast the job's time limit."""

    def __init__(self, wait: float, left: float) -> None:
        super().__init__(
            f"GitHub's rate limit asks for a {wait:.0f} s wait, but the job has {max(0.0, left):.0f} s left"
        )
        self.wait = wait


def _header(headers: Mapping[str, object] | None, name: str) -> str | None:
    for key, value in (headers or {}).items():
        if key.lower() == name:
            return str(value)
    return None


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def rate_limit_wait(
    status: int, headers: Mapping[str, object] | None, message: str, now: float, attempt: int
) -> float | None:
    """Seconds to wait before retrying an answer, or None when it is not a rate limit.

    ``attempt`` counts earlier rate-limited tries of the same request (0 first),
    for the growing wait GitHub asks for when it names no time.
    """
    retry_after = _number(_header(headers, "retry-after"))
    remaining = _header(headers, "x-ratelimit-remaining")
    reset = _number(_header(headers, "x-ratelimit-reset"))
    limited = status == 429 or (
        status == 403 and ("rate limit" in message.lower() or retry_after is not None or remaining == "0")
    )
    if not limited:
        return None
    if remaining == "0" and reset is not None:
        return max(0.0, reset - now, retry_after or 0.0) + RESET_MARGIN
    if retry_after is not None:
        # Many runs are told the same time: after a first refusal each waits longer
        # than told, so they do not all come back at once and are refused again.
        return max(0.0, retry_after) * (1 + attempt) if attempt else max(0.0, retry_after)
    return SECONDARY_FALLBACK_WAIT * 2**attempt


PACE_PER_HOUR = 450  # requests a repository's runs make together in an hour, under the 500 writes GitHub allows
PACE_BURST = 50  # allowed at once at the start of an hour
FULL_RUN = 4  # requests of a run with a changed verdict
STATUS_AHEAD = 60  # a status alone may run this far ahead of the pace; comments and labels may not


def pace_allowance(now: float, reset: float) -> float:
    """Requests the repository may have used so far in the hour that ends at ``reset``, at an even pace.

    Spending GitHub's whole budget in the first minutes of a storm leaves the
    pull requests pushed later waiting for the next hour; at an even pace every
    run finds room for its status. The pace is on all requests (GitHub reports
    no count of writes), so it keeps the writes under the secondary 500 an hour.
    """
    elapsed = min(3600.0, max(0.0, 3600.0 - (reset - now)))
    return PACE_BURST + (PACE_PER_HOUR - PACE_BURST) * elapsed / 3600.0


def pace_wait(now: float, reset: float, used: int) -> float:
    """Seconds until the pace allows a status after ``used`` requests (0: now)."""
    allowed = pace_allowance(now, reset) + STATUS_AHEAD
    if used + 1 <= allowed:
        return 0.0
    if used + 1 > PACE_PER_HOUR + STATUS_AHEAD:  # this hour is spent: the next one
        return max(0.0, reset - now) + RESET_MARGIN
    return (used + 1 - allowed) * 3600.0 / (PACE_PER_HOUR - PACE_BURST)


@dataclass
class Throttle:
    """One run's view of its limits: the deadline, the primary budget last reported, its own writes.

    ``write_interval`` is the pause between this run's content-creating requests;
    the run also keeps its own count under the secondary limits (it cannot see
    other runs' writes: those it learns about from a 403 with ``retry-after``).
    """

    clock: Clock = field(default_factory=SystemClock)
    time_limit: float = 600.0
    write_interval: float = 1.0
    deadline: float = 0.0
    remaining: int | None = None  # x-ratelimit-remaining of the last answer
    reset: float | None = None  # x-ratelimit-reset of the last answer
    writes: deque[float] = field(default_factory=deque)
    slept: float = 0.0  # seconds waited so far

    def __post_init__(self) -> None:
        self.deadline = self.clock.now() + self.time_limit

    def left(self) -> float:
        return self.deadline - self.clock.now()

    def wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or raise ``OutOfTime`` at once if the deadline comes first."""
        if seconds <= 0:
            return
        if seconds > self.left():
            raise OutOfTime(seconds, self.left())
        self.clock.sleep(seconds)
        self.slept += seconds

    def before(self, method: str) -> None:
        """Pause as needed before a request: primary budget spent, or this run's own write pace."""
        now = self.clock.now()
        if self.remaining == 0 and self.reset is not None and self.reset > now:
            self.wait(self.reset - now + RESET_MARGIN)  # the next request would be refused anyway
        if method.upper() not in CONTENT_CREATING:
            return
        now = self.clock.now()
        while self.writes and self.writes[0] <= now - 3600:
            self.writes.popleft()
        pause = 0.0
        if self.writes:
            pause = self.writes[-1] + self.write_interval - now
        last_minute = [t for t in self.writes if t > now - 60]
        if len(last_minute) >= SECONDARY_PER_MINUTE:
            pause = max(pause, last_minute[0] + 60 - now)
        if len(self.writes) >= SECONDARY_PER_HOUR:
            pause = max(pause, self.writes[0] + 3600 - now)
        self.wait(pause)
        self.writes.append(self.clock.now())

    def after(self, headers: Mapping[str, object] | None) -> None:
        """Remember the primary budget an answer reports."""
        remaining = _number(_header(headers, "x-ratelimit-remaining"))
        reset = _number(_header(headers, "x-ratelimit-reset"))
        if remaining is not None:
            self.remaining = int(remaining)
        if reset is not None:
            self.reset = reset

    def low(self, reserve: int) -> bool:
        """Fewer than ``reserve`` requests left this hour (as the last answer said)."""
        return self.remaining is not None and self.remaining < reserve
