"""Work spread over every core: this process takes its share while forked copies of it do the rest.

A forked copy shares everything this process holds at that moment (the loaded
catalogue, the bodies rendered so far), so nothing is sent to it but a number,
and only the results come back. Each copy takes every n-th item, so a run of
slow items is shared out rather than left to one process. Forking is only for
a process without other threads (``jam check``, a build before MkDocs starts
its own; never ``mkdocs serve``'s server): callers ask for it explicitly.

:func:`begin` starts a copy on work that this process may take later: the copy
lists its items itself and works through them from the moment it starts,
while this process does something else (loads the repository); this process
then stops it and keeps what it did (``Begun.taken``).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_WORK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None  # what the forked copies find when they start


def cores() -> int:
    """How many cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes_for(items: int, processes: int | None = None, least: int = 2) -> int:
    """How many processes ``map_forked`` uses: one when there are fewer than ``least`` items or no ``fork``."""
    count = min(processes if processes is not None else cores(), items)
    if count < 2 or items < least or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return count


def map_forked(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int | None = None, least: int = 2
) -> list[Result]:
    """``[function(item) for item in items]``, on ``processes_for(...)`` processes; results in the items' order.

    An exception in a copy is raised here, as if this process had met it.
    """
    count = processes_for(len(items), processes, least)
    if count == 1:
        return [function(item) for item in items]
    global _WORK
    _WORK = (function, items, count)
    try:
        with multiprocessing.get_context("fork").Pool(count - 1) as pool:
            pending = pool.map_async(_share, range(1, count), chunksize=1)
            shares = [_share(0), *pending.get()]
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for first, share in enumerate(shares):
        results[first::count] = share
    return results


def _share(first: int) -> list[Any]:
    """Every ``count``-th item from ``first`` on, in the process that runs this."""
    if _WORK is None:
        raise RuntimeError("jamkit.infra.parallel: no work was handed over")
    function, items, count = _WORK
    return [function(item) for item in items[first::count]]


# --------------------------------------------------------------------------- started now, met later

_STOP = 0  # in ``Begun.shared``: 1 once this process wants the copy's results now


@dataclass
class Begun(Generic[Item, Result]):
    """A forked copy that lists its own items and works through them, from now on, while this process does
    something else; :meth:`taken` stops it and keeps what it did.

    The copy finds its items itself (reading files, say), so this process pays
    nothing for work it may not need: with nothing to do the copy just ends.
    """

    function: Callable[[Item], Result]
    shared: Any  # multiprocessing.RawArray("q", [0]): the stop flag
    process: Any  # the copy (multiprocessing's forked Process)
    answers: Connection  # the copy's results come back here, once, when it stops
    collected: bool = False
    items: list[Item] = field(default_factory=list)  # what the copy did, once taken

    def taken(self) -> dict[Item, Result]:
        """Stop the copy after the item in hand and return what it did, by item; nothing if it failed.

        What it did not do is this process's to do, so an error the copy met is met here too.
        """
        if self.collected:
            return {}
        self.shared[_STOP] = 1
        self.collected = True
        try:
            items, results = self.answers.recv()
        except (EOFError, OSError, ValueError, TypeError):
            items, results = [], []
        self.answers.close()
        self.process.join()
        self.items = list(items)
        return dict(zip(items, results, strict=True)) if len(items) == len(results) else {}

    def stop(self) -> None:
        """Stop the copy without its results (this process gave up on the work); nothing once taken."""
        self.taken()


def begin(
    function: Callable[[Item], Result], listing: Callable[[], Sequence[Item]], processes: int | None = None
) -> Begun[Item, Result] | None:
    """Fork a copy that calls ``listing()`` and applies ``function`` to each item it gives, in order.

    None when there is one process to use (or no ``fork``): then nothing is listed at all.
    """
    if processes_for(2, processes) == 1:
        return None
    context = multiprocessing.get_context("fork")
    shared = context.RawArray("q", [0])
    answers, writer = context.Pipe(duplex=False)
    process = context.Process(target=_work_through, args=(function, listing, shared, writer), daemon=True)
    process.start()
    writer.close()
    return Begun(function, shared, process, answers)


def _work_through(
    function: Callable[[Any], Any], listing: Callable[[], Sequence[Any]], shared: Any, writer: Connection
) -> None:
    """In the copy: list the items, then do them in order until told to stop; send what was done."""
    items: list[Any] = []
    done: list[Any] = []
    try:
        for item in listing():
            if shared[_STOP]:
                break
            done.append(function(item))
            items.append(item)
        writer.send((items, done))
    except BaseException:  # nothing is sent: this process does it all and meets any error itself
        pass  # (and Ctrl-C, which reaches both processes, is reported once, by this one)
    finally:
        writer.close()
