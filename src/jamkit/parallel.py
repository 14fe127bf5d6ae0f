"""Work spread over every core: this process takes its share while forked copies of it do the rest.

A forked copy shares everything this process holds at that moment (the loaded
catalogue, the bodies rendered so far), so nothing is sent to it but a number,
and only the results come back. Each copy takes every n-th item, so a run of
slow items is shared out rather than left to one process. Forking is only for
a process without other threads (``jam check``, a build before MkDocs starts
its own; never ``mkdocs serve``'s server): callers ask for it explicitly.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

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
