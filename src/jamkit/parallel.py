"""Work spread over every core: this process takes its share while forked copies of it do the rest.

A forked copy shares everything this process holds at that moment (the loaded
catalogue, the bodies rendered so far), so nothing is sent to it but a number,
and only the results come back. Each copy takes every n-th item, so a run of
slow items is shared out rather than left to one process. Forking is only for
a process without other threads (``jam check``, a build before MkDocs starts
its own; never ``mkdocs serve``'s server): callers ask for it explicitly.

:func:`begin` starts a copy on work that this process joins later: the copy
takes items from the last one back from the moment it starts, while this
process does something else (loads the repository), then takes them from the
first one on until the two meet.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
        raise RuntimeError("jamkit.parallel: no work was handed over")
    function, items, count = _WORK
    return [function(item) for item in items[first::count]]


# --------------------------------------------------------------------------- started now, met later

_HERE, _THERE = 0, 1  # in ``Begun.shared``: the last item this process took; the item the copy took last


@dataclass
class Begun(Generic[Item, Result]):
    """Items a forked copy works on from the last one back, from now on, while this process does something else.

    :meth:`finish` then works from the first item on here until the two meet,
    so neither waits for the other whatever this process did meanwhile. Two
    numbers both processes share say how far each has got; where both reach one
    item at once, both do it and this process keeps its own.
    """

    function: Callable[[Item], Result]
    items: Sequence[Item]
    shared: Any  # multiprocessing.RawArray("q", [_HERE, _THERE])
    process: Any  # the copy (multiprocessing's forked Process)
    answers: Connection  # the copy's results come back here, once, when it stops
    collected: bool = False

    def finish(self) -> list[Result]:
        """Every item's result, in order: this process's share done now, the copy's collected.

        If the copy failed, what it did not hand back is done here, so an
        error is raised here as if this process had met it.
        """
        results: list[Any] = [None] * len(self.items)
        place = 0
        while place < self.shared[_THERE]:  # see where the copy is before claiming: never both skip an item
            self.shared[_HERE] = place
            results[place] = self.function(self.items[place])
            place += 1
        first, theirs = self._collect()
        for index in range(place, len(self.items)):
            results[index] = theirs[index - first] if index >= first else self.function(self.items[index])
        return results

    def stop(self) -> None:
        """Stop the copy without its results (this process gave up on the work); nothing once finished."""
        if not self.collected:
            self.shared[_HERE] = len(self.items)
            self._collect()

    def _collect(self) -> tuple[int, list[Any]]:
        """Where the copy's results start and what they are; none when it failed."""
        self.collected = True
        try:
            first, theirs = self.answers.recv()
        except (EOFError, OSError, ValueError, TypeError):
            first, theirs = len(self.items), []
        self.answers.close()
        self.process.join()
        return first, theirs


def begin(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int | None = None, least: int = 2
) -> Begun[Item, Result] | None:
    """Start a forked copy on ``items`` from the last one back (see :class:`Begun`); None when not worth a copy."""
    if processes_for(len(items), processes, least) == 1:
        return None
    context = multiprocessing.get_context("fork")
    shared = context.RawArray("q", [-1, len(items)])
    answers, writer = context.Pipe(duplex=False)
    process = context.Process(target=_from_the_back, args=(function, items, shared, writer), daemon=True)
    process.start()
    writer.close()
    return Begun(function, items, shared, process, answers)


def _from_the_back(function: Callable[[Any], Any], items: Sequence[Any], shared: Any, writer: Connection) -> None:
    """In the copy: claim items from the last one back until this process has claimed the next one; send them."""
    done: list[Any] = []
    place = len(items) - 1
    try:
        while place > shared[_HERE]:
            shared[_THERE] = place
            done.append(function(items[place]))
            place -= 1
        writer.send((place + 1, done[::-1]))
    except BaseException:  # nothing is sent: this process does the rest and meets any error itself
        pass  # (and Ctrl-C, which reaches both processes, is reported once, by this one)
    finally:
        writer.close()
