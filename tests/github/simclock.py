"""Simulated time for the storm: run threads take turns, and an hour of waiting takes no time.

A run of the bot calls ``sleep`` on the clock it was given; here that parks the
run's thread as an event at now + seconds and hands control back, and
``run_until_idle`` pops the events in time order, one thread running at a time.
Anything that sleeps off this clock (real time) stalls every other run.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

START = 1_767_222_000.0  # 2025-12-31 23:00 UTC: the last hour before a deadline


class Cancelled(BaseException):
    """The run was cancelled by a newer push (``concurrency: cancel-in-progress``); not the bot's to catch."""


# --------------------------------------------------------------------------- the simulated clock


@dataclass
class _Sleeper:
    wake: threading.Event = field(default_factory=threading.Event)
    cancelled: bool = False
    done: bool = False


class SimClock:
    """Simulated time, and a scheduler that lets exactly one run thread go at a time.

    A run thread calling ``sleep`` parks itself as an event at now + seconds and
    hands control back; ``run_until_idle`` pops events in time order.
    """

    def __init__(self, start: float = START) -> None:
        self.t = start
        self._events: list[tuple[float, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self._turn = threading.Event()  # set when the running thread parks or ends
        self._local = threading.local()

    def now(self) -> float:
        return self.t

    def at(self, when: float, action: Callable[[], None]) -> None:
        heapq.heappush(self._events, (when, next(self._seq), action))

    def sleep(self, seconds: float) -> None:
        sleeper: _Sleeper = self._local.sleeper
        sleeper.wake.clear()
        self.at(self.t + max(0.0, seconds), lambda: self._resume(sleeper))
        self._turn.set()
        sleeper.wake.wait()
        if sleeper.cancelled:
            raise Cancelled

    def _resume(self, sleeper: _Sleeper) -> None:
        if sleeper.done:
            return
        self._turn.clear()
        sleeper.wake.set()
        self._turn.wait()

    def cancel(self, sleeper: _Sleeper) -> None:
        """Wake a parked run so that it raises ``Cancelled`` now."""
        if sleeper.done:
            return
        sleeper.cancelled = True
        self._resume(sleeper)

    def spawn(self, body: Callable[[], None]) -> _Sleeper:
        """Start ``body`` in a thread now; returns once it parks or ends."""
        sleeper = _Sleeper()

        def main() -> None:
            self._local.sleeper = sleeper
            try:
                body()
            finally:
                sleeper.done = True
                self._turn.set()

        self._turn.clear()
        threading.Thread(target=main, daemon=True).start()
        self._turn.wait()
        return sleeper

    def run_until_idle(self) -> None:
        while self._events:
            when, _, action = heapq.heappop(self._events)
            self.t = max(self.t, when)
            action()
