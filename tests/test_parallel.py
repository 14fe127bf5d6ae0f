"""Work on every core: the same results, in the same order, as one process gives."""

from __future__ import annotations

import os
import time

import pytest
from tests.conftest import SUBMISSION, Repo

from jamkit import rules
from jamkit.load import load_catalog
from jamkit.parallel import begin, map_forked, processes_for


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_results_come_back_in_order_from_two_processes() -> None:
    found = map_forked(square_and_pid, list(range(101)), processes=2)
    assert [value for value, _ in found] == [n * n for n in range(101)]
    pids = {pid for _, pid in found}
    assert os.getpid() in pids and len(pids) == 2  # this process took its share, a copy the rest


def test_too_few_items_stay_here() -> None:
    assert processes_for(5, processes=2, least=10) == 1
    assert processes_for(50, processes=1) == 1
    assert {pid for _, pid in map_forked(square_and_pid, [1, 2, 3], processes=2, least=10)} == {os.getpid()}


def fails_on_seven(n: int) -> int:
    if n == 7:
        raise ValueError("seven")
    return n


def test_an_error_in_a_copy_is_raised_here() -> None:
    with pytest.raises(ValueError, match="seven"):
        map_forked(fails_on_seven, list(range(20)), processes=2)  # 7 is the copy's (every other item from 1)


def test_rules_on_two_cores_find_what_one_finds(demo_repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    text = SUBMISSION + "\nWrite to me@example.org. See [the notes](probing/missing.txt).\n"
    for n in range(6):
        demo_repo.write(f"submissions/demo-sprint/probing-{n}.md", text)
    catalog, _ = load_catalog(demo_repo.root)
    monkeypatch.setattr(rules, "PARALLEL_FROM", 2)
    one = rules.check(catalog, processes=1)
    assert one  # the broken project gives something to compare
    assert sorted(rules.check(catalog, processes=2)) == sorted(one)


# --------------------------------------------------------------------------- begun by a copy, finished here

PARENT = os.getpid()


def slow_in_the_copy(n: int) -> tuple[int, int]:
    time.sleep(0.05 if os.getpid() != PARENT else 0.002)
    return n * n, os.getpid()


def test_a_copy_begins_at_once_and_this_process_takes_the_rest_from_the_front() -> None:
    begun = begin(square_and_pid, list(range(200)), processes=2)
    assert begun is not None
    time.sleep(0.5)  # this process is busy elsewhere (loading): the copy does everything meanwhile
    found = begun.finish()
    assert [value for value, _ in found] == [n * n for n in range(200)]
    assert {pid for _, pid in found} == {begun.process.pid}
    assert not begun.process.is_alive()


def test_where_the_copy_is_slow_this_process_does_most_and_they_meet() -> None:
    begun = begin(slow_in_the_copy, list(range(200)), processes=2)
    assert begun is not None
    found = begun.finish()
    assert [value for value, _ in found] == [n * n for n in range(200)]  # each item once, in order
    mine = [n for n, (_, pid) in enumerate(found) if pid == PARENT]
    theirs = [n for n, (_, pid) in enumerate(found) if pid != PARENT]
    assert theirs and mine and max(mine) < min(theirs)  # this process from the front, the copy from the back
    assert len(mine) > len(theirs)


def fails_in_the_copy(n: int) -> int:
    if os.getpid() != PARENT:
        raise RuntimeError("the copy broke")
    return n


def test_what_a_failed_copy_did_not_hand_back_is_done_here() -> None:
    begun = begin(fails_in_the_copy, list(range(50)), processes=2)
    assert begun is not None
    time.sleep(0.2)
    assert begun.finish() == list(range(50))


def test_an_error_every_process_meets_is_raised_here() -> None:
    begun = begin(fails_on_seven, list(range(20)), processes=2)
    assert begun is not None
    with pytest.raises(ValueError, match="seven"):
        begun.finish()


def test_a_copy_stopped_before_the_end_leaves_no_process() -> None:
    begun = begin(slow_in_the_copy, list(range(10_000)), processes=2)
    assert begun is not None
    started = time.perf_counter()
    begun.stop()
    assert time.perf_counter() - started < 5  # not the 500 s of the whole work
    assert not begun.process.is_alive()
    begun.stop()  # twice is harmless


def test_no_copy_for_too_little_work_or_one_process() -> None:
    assert begin(square_and_pid, [1, 2, 3], processes=2, least=10) is None
    assert begin(square_and_pid, list(range(100)), processes=1) is None
