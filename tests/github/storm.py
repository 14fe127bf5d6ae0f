"""The deadline storm: many pull requests pushing at once, against GitHub's rate limits, on a simulated clock.

``RateLimits`` is a proxy in front of the stand-in (``standin.StandIn``, itself in
front of Prism) that enforces what GitHub enforces on the workflow's token, on
the simulated clock: the primary limit (1,000 requests an hour per repository,
an hourly window from the first request, with ``x-ratelimit-*`` headers on every
answer and a 403 with ``x-ratelimit-remaining: 0`` past it) and the secondary
limits on content-creating requests (80 a minute, 500 an hour, sliding; a 403
with ``retry-after`` past them). A GET whose ``If-None-Match`` matches the
current ETag gets a 304 that counts against nothing, as on GitHub.

``Storm`` runs the real bot (``Bot.apply``) for every push, after the read of
the rights that verify.yml reads when the check as a team is not clean
(``rights.maintainer_rights``: one request, as a team's author may not write),
each run in its own thread, one thread at a time: a run's sleeps are events on the simulated clock,
so an hour of waiting takes no time. It models what GitHub Actions does with
verify.yml's ``concurrency: cancel-in-progress``: a new push to a pull request
cancels its run still in progress (setting up, or waiting for a rate limit).
"""

from __future__ import annotations

import hashlib
import http.client
import json
import random
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from jamkit.core.verdict import from_json
from jamkit.github.bot import Bot, Outcome, Target
from jamkit.github.report import Context, build_report
from jamkit.github.rights import Event, maintainer_rights
from tests.github.simclock import START, Cancelled, SimClock

PRIMARY_PER_HOUR = 1000
SECONDARY_PER_MINUTE = 80
SECONDARY_PER_HOUR = 500
WRITES = frozenset({"POST", "PATCH", "PUT", "DELETE"})


# --------------------------------------------------------------------------- the rate-limit proxy


@dataclass
class Seen:
    time: float
    method: str
    path: str
    status: int  # what the bot received
    counted: bool  # counted against the primary limit (a 304 and a refusal are not)
    state: str = ""  # of a commit status


class RateLimits:
    """GitHub's limits on one repository's token, enforced in front of the stand-in on the simulated clock."""

    def __init__(self, upstream: str, clock: SimClock) -> None:
        self.upstream = urlsplit(upstream)
        self.clock = clock
        self.seen: list[Seen] = []
        self.window_start: float | None = None
        self.used = 0
        self.windows: list[int] = []  # requests counted in each closed rate-limit window
        self.writes: deque[float] = deque()  # accepted content-creating requests of the last hour
        self.etags: dict[str, str] = {}
        limits = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body leave at once, not 40 ms apart

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                limits.handle(self)

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.conn = http.client.HTTPConnection(self.upstream.hostname or "127.0.0.1", self.upstream.port, timeout=60)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.conn.close()

    def _primary(self, now: float) -> dict[str, str]:
        if self.window_start is None or now >= self.window_start + 3600:
            if self.window_start is not None:
                self.windows.append(self.used)
            self.window_start, self.used = now, 0
        return {
            "x-ratelimit-limit": str(PRIMARY_PER_HOUR),
            "x-ratelimit-remaining": str(max(0, PRIMARY_PER_HOUR - self.used)),
            "x-ratelimit-used": str(self.used),
            "x-ratelimit-reset": str(int(self.window_start + 3600)),
            "x-ratelimit-resource": "core",
        }

    def _secondary_wait(self, now: float) -> float:
        while self.writes and self.writes[0] <= now - 3600:
            self.writes.popleft()
        minute = [t for t in self.writes if t > now - 60]
        wait = 0.0
        if len(minute) >= SECONDARY_PER_MINUTE:
            wait = minute[-SECONDARY_PER_MINUTE] + 60 - now
        if len(self.writes) >= SECONDARY_PER_HOUR:
            wait = max(wait, self.writes[-SECONDARY_PER_HOUR] + 3600 - now)
        return wait

    def _forward(
        self, method: str, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        self.conn.request(method, path, body=body or None, headers=headers)
        answer = self.conn.getresponse()
        return answer.status, {"Content-Type": answer.getheader("Content-Type", "application/json")}, answer.read()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        now = self.clock.now()
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        method, path = request.command, request.path
        headers = self._primary(now)
        if method == "GET" and path.startswith("/rate_limit"):  # free, as on GitHub: the numbers of this hour
            status, answer_headers, answer = self._forward(method, path, b"", {"Accept": "application/json"})
            data = json.loads(answer)
            core = {
                "limit": PRIMARY_PER_HOUR,
                "used": self.used,
                "remaining": max(0, PRIMARY_PER_HOUR - self.used),
                "reset": int(self.window_start + 3600),
                "resource": "core",
            }
            data["resources"]["core"] = {**data["resources"]["core"], **core}
            data["rate"] = {**data["rate"], **core}
            self.seen.append(Seen(now, method, path, status, counted=False))
            return self._reply(request, status, {**headers, **answer_headers}, json.dumps(data).encode())
        if (
            method == "GET"
            and request.headers.get("If-None-Match")
            and request.headers["If-None-Match"] == self.etags.get(path)
        ):
            self.seen.append(Seen(now, method, path, 304, counted=False))
            return self._reply(request, 304, {**headers, "ETag": self.etags[path]}, b"")
        if self.used >= PRIMARY_PER_HOUR:
            self.seen.append(Seen(now, method, path, 403, counted=False))
            body = {
                "message": "API rate limit exceeded for installation ID 1.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
            }
            return self._reply(request, 403, headers, json.dumps(body).encode())
        if method in WRITES and (wait := self._secondary_wait(now)) > 0:
            self.seen.append(Seen(now, method, path, 403, counted=False))
            body = {
                "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            }
            return self._reply(request, 403, {**headers, "retry-after": str(int(wait) + 1)}, json.dumps(body).encode())
        kept = ("authorization", "content-type", "user-agent", "accept")
        status, answer_headers, answer = self._forward(
            method, path, raw, {k: v for k, v in request.headers.items() if k.lower() in kept}
        )
        self.used += 1
        if method in WRITES:
            self.writes.append(now)
        headers = {**self._primary(now), **answer_headers}
        if method == "GET" and status == 200:
            self.etags[path] = headers["ETag"] = f'W/"{hashlib.sha1(answer).hexdigest()}"'
        state = json.loads(raw).get("state", "") if "/statuses/" in path and raw else ""
        self.seen.append(Seen(now, method, path, status, counted=True, state=state))
        self._reply(request, status, headers, answer)

    def _reply(self, request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
        request.send_response(status)
        for key, value in headers.items():
            request.send_header(key, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        if body:
            request.wfile.write(body)

    def per_hour(self, what: Callable[[Seen], bool]) -> int:
        """The most requests matching ``what`` in any sliding hour."""
        times = [s.time for s in self.seen if what(s)]
        best, first = 0, 0
        for last, t in enumerate(times):
            while times[first] <= t - 3600:
                first += 1
            best = max(best, last - first + 1)
        return best


# --------------------------------------------------------------------------- the storm


@dataclass
class Run:
    pr: int
    push: int  # 1, 2, 3
    sha: str
    passed: bool
    kind: str  # first | unchanged | changed
    pushed_at: float
    outcome: Outcome | None = None
    cancelled: bool = False
    crashed: str = ""
    sleeper: Any = None


@dataclass
class StormResult:
    runs: list[Run]
    limits: RateLimits
    latest: dict[int, Run]
    status_at: dict[str, tuple[float, str]]  # head sha -> (when its status was accepted, state)
    last_push: float


def verdict_json(passed: bool, pr: int) -> str:
    error = {
        "path": f"submissions/demo-sprint/p{pr}.md",
        "line": 2,
        "col": 1,
        "code": "JAM101",
        "severity": "error",
        "message": "'title' is missing",
        "fix": "add `title: ...`",
    }
    return json.dumps(
        {
            "checked": 2,
            "ok": passed,
            "diagnostics": [] if passed else [error],
            "change": {
                "base": "f" * 40,
                "head": "e" * 40,
                "paths": [f"submissions/demo-sprint/p{pr}.md"],
                "projects": [f"demo-sprint/p{pr}"],
                "sprints": ["demo-sprint"],
                "late": False,
                "protected": False,
            },
        }
    )


class Storm:
    """300 pull requests pushing three times each within one simulated hour, each push a run of the bot."""

    def __init__(
        self,
        stand_in: Any,
        *,
        prs: int = 300,
        pushes: int = 3,
        seed: int = 13,
        setup: float = 60.0,
        time_limit: float = 1800.0,
        repo: str = "octo-org/sprints",
        rights: bool = True,
    ) -> None:
        self.stand_in = stand_in
        stand_in.memo_shapes = True
        self.clock = SimClock()
        self.limits = RateLimits(stand_in.url, self.clock)
        self.prs, self.pushes, self.setup, self.time_limit, self.repo = prs, pushes, setup, time_limit, repo
        self.rights = rights
        self.rng = random.Random(seed)
        self.runs: list[Run] = []
        self.current: dict[int, Run] = {}

    def close(self) -> None:
        self.limits.close()

    def schedule(self) -> float:
        last = 0.0
        for pr in range(1, self.prs + 1):
            times = sorted(self.rng.uniform(0, 3600) for _ in range(self.pushes))
            passed = self.rng.random() < 0.5
            for n, offset in enumerate(times, start=1):
                changed = n > 1 and self.rng.random() < 0.5
                passed = not passed if changed else passed
                kind = "first" if n == 1 else ("changed" if changed else "unchanged")
                sha = hashlib.sha1(f"{pr}-{n}".encode()).hexdigest()
                run = Run(pr, n, sha, passed, kind, START + offset)
                self.clock.at(run.pushed_at, lambda r=run: self._push(r))
                last = max(last, run.pushed_at)
        return last

    def _labels(self, pr: int) -> list[dict[str, Any]]:
        names = self.stand_in.issue_labels(self.repo, pr)
        return [
            {"id": i, "name": n, "color": "ededed", "default": False, "description": None} for i, n in enumerate(names)
        ]

    def _push(self, run: Run) -> None:
        previous = self.current.get(run.pr)
        if previous is not None and previous.sleeper is not None and not previous.sleeper.done:
            previous.cancelled = True  # the new run's concurrency group cancels the one in progress
            self.clock.cancel(previous.sleeper)
        elif previous is not None and previous.sleeper is None:
            previous.cancelled = True  # still setting up: cancelled before the bot ran
        self.current[run.pr] = run
        self.runs.append(run)
        self.stand_in.push(self.repo, run.pr, run.sha)  # GitHub's view of the pull request's head
        labels = tuple(label["name"] for label in self._labels(run.pr))  # the payload: labels at the push
        self.clock.at(run.pushed_at + self.setup, lambda: self._start(run, labels))

    def _start(self, run: Run, labels: tuple[str, ...]) -> None:
        if run.cancelled or self.current.get(run.pr) is not run:
            run.cancelled = True
            return
        run.sleeper = self.clock.spawn(lambda: self._bot(run, labels))

    def _bot(self, run: Run, labels: tuple[str, ...]) -> None:
        try:
            if self.rights and not run.passed:  # verify.yml asks for maintainer rights when not clean as a team's
                asker = Bot("ghs_storm", base_url=self.limits.url, clock=self.clock, time_limit=self.time_limit)
                author = f"team-{run.pr}"
                maintainer_rights(asker, Event(self.repo, run.pr, run.sha, author, author, run.push))
            bot = Bot(
                "ghs_storm", base_url=self.limits.url, clock=self.clock, time_limit=self.time_limit, write_interval=1.0
            )
            ctx = Context(self.repo, run.sha, run_url=f"https://github.com/{self.repo}/actions/runs/{run.pr}{run.push}")
            report = build_report(from_json(verdict_json(run.passed, run.pr)), ctx)
            run.outcome = bot.apply(Target(self.repo, run.pr, run.sha, labels), report, ctx.run_url)
        except Cancelled:
            run.cancelled = True
        except Exception as err:  # a crash: the test reports it
            run.crashed = f"{type(err).__name__}: {err}"

    def run(self) -> StormResult:
        last_push = self.schedule()
        self.clock.run_until_idle()
        status_at: dict[str, tuple[float, str]] = {}
        for seen in self.limits.seen:
            if seen.method == "POST" and "/statuses/" in seen.path and seen.status == 201:
                status_at[seen.path.rsplit("/", 1)[1]] = (seen.time, seen.state)
        latest = {pr: run for pr, run in self.current.items()}
        return StormResult(self.runs, self.limits, latest, status_at, last_push)


def summary(result: StormResult) -> dict[str, Any]:
    """The numbers docs/performance.md reports."""
    limits = result.limits
    complete = [r for r in result.runs if r.outcome is not None and not r.outcome.errors and not r.cancelled]
    by_kind: dict[str, list[Outcome]] = {}
    for run in complete:
        assert run.outcome is not None
        by_kind.setdefault(run.kind, []).append(run.outcome)
    per_run = {
        kind: {
            "runs": len(outcomes),
            "max_requests": max(o.requests for o in outcomes),
            "mean_requests": round(sum(o.requests for o in outcomes) / len(outcomes), 2),
            "max_writes": max(o.writes for o in outcomes),
        }
        for kind, outcomes in sorted(by_kind.items())
    }
    lags = [result.status_at[r.sha][0] - r.pushed_at for r in result.latest.values() if r.sha in result.status_at]
    counted = [s for s in limits.seen if s.counted]
    return {
        "pushes": len(result.runs),
        "runs_cancelled": sum(r.cancelled for r in result.runs),
        "runs_with_errors": sum(bool(r.outcome and r.outcome.errors) for r in result.runs),
        "runs_crashed": sum(bool(r.crashed) for r in result.runs),
        "per_run": per_run,
        "requests_sent": len(limits.seen),
        "requests_counted": len(counted),
        "content_creating_counted": sum(s.method in WRITES for s in counted),
        "refused": sum(s.status == 403 and not s.counted for s in limits.seen),
        "not_modified": sum(s.status == 304 for s in limits.seen),
        "max_counted_per_window": max([*limits.windows, limits.used]),
        "max_counted_per_hour": limits.per_hour(lambda s: s.counted),
        "max_content_creating_per_hour": limits.per_hour(lambda s: s.counted and s.method in WRITES),
        "max_sent_per_hour": limits.per_hour(lambda s: True),
        "latest_heads_with_status": sum(r.sha in result.status_at for r in result.latest.values()),
        "statuses_written": sum(s.counted and s.method == "POST" and "/statuses/" in s.path for s in limits.seen),
        "heads_with_status": len(result.status_at),
        "runs_superseded": sum(bool(r.outcome and r.outcome.superseded) for r in result.runs),
        "runs_deferred": sum(bool(r.outcome and r.outcome.deferred) for r in result.runs),
        "head_reads": sum(r.outcome.head_reads for r in result.runs if r.outcome),
        "prs": len(result.latest),
        "all_statuses_after_last_push_s": round(max(t for t, _ in result.status_at.values()) - result.last_push, 1)
        if result.status_at
        else None,
        "all_statuses_after_first_push_s": round(
            max(result.status_at[r.sha][0] for r in result.latest.values() if r.sha in result.status_at) - START, 1
        ),
        "max_lag_push_to_status_s": round(max(lags), 1) if lags else None,
        "kinds": dict(Counter(r.kind for r in result.runs)),
    }
