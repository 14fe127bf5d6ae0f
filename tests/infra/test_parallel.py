"""Work on every core: the same results, in the same order, as one process gives."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from jamkit import checks as rules
from jamkit.files.load import load_catalog
from jamkit.infra.parallel import begin, map_forked, processes_for
from tests.helpers import SUBMISSION, Repo


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


# --------------------------------------------------------------------------- begun by a copy, taken here

PARENT = os.getpid()


def slow_in_the_copy(n: int) -> tuple[int, int]:
    time.sleep(0.05 if os.getpid() != PARENT else 0.002)
    return n * n, os.getpid()


def listed_here_or_there() -> list[int]:
    """Items that say which process listed them."""
    return [os.getpid(), *range(1, 200)]


def appeared(path: Path, seconds: float = 60) -> None:
    """Wait until the copy has marked a point of its work (never a guess at how long it takes on a busy machine)."""
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"the copy never reached {path.name}"
        time.sleep(0.01)


def test_a_copy_lists_its_items_and_does_them_while_this_process_is_busy(tmp_path: Path) -> None:
    last = tmp_path / "last"

    def square_and_mark(n: int) -> tuple[int, int]:
        if n == 199:
            last.touch()
        return square_and_pid(n)

    begun = begin(square_and_mark, listed_here_or_there, processes=2)
    assert begun is not None
    appeared(last)  # this process is busy elsewhere (loading): the copy does everything meanwhile
    taken = begun.taken()
    copy = begun.process.pid
    assert copy != PARENT and begun.items[0] == copy  # the copy made the list, not this process
    assert taken == {n: (n * n, copy) for n in [copy, *range(1, 200)]}
    assert not begun.process.is_alive()


def marking(marks: Path) -> Callable[[int], tuple[int, int]]:
    """``slow_in_the_copy``, adding a character to ``marks`` for each item done: the work done, counted."""

    def slow_and_mark(n: int) -> tuple[int, int]:
        found = slow_in_the_copy(n)
        with marks.open("a") as done:
            done.write(".")
        return found

    return slow_and_mark


def test_taken_early_the_copy_stops_after_the_item_in_hand_and_what_it_did_is_kept(tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    begun = begin(marking(marks), lambda: list(range(10_000)), processes=2)
    assert begun is not None
    appeared(marks)
    taken = begun.taken()
    assert len(marks.read_text()) == len(taken)  # nothing done after the item in hand (not the 500 s of it all)
    assert 0 < len(taken) < 10_000 and taken == {n: (n * n, begun.process.pid) for n in begun.items}
    assert begun.items == list(range(len(taken)))  # in order, none skipped: the rest is this process's
    assert not begun.process.is_alive()
    assert begun.taken() == {} and begun.stop() is None  # once only; stopping again is harmless


@pytest.mark.parametrize("failing_at", [0, 7])
def test_a_copy_that_fails_hands_back_nothing_and_this_process_does_it_all(tmp_path: Path, failing_at: int) -> None:
    tried = tmp_path / "tried"

    def fails(n: int) -> int:
        if n == failing_at:
            tried.touch()
            raise RuntimeError("the copy broke")
        return n

    begun = begin(fails, lambda: list(range(50)), processes=2)
    assert begun is not None
    appeared(tried)
    assert begun.taken() == {}  # (not the items before the failure either: this process meets it too)
    assert not begun.process.is_alive()


def listing_fails() -> list[int]:
    raise OSError("the repository could not be read")


def test_a_listing_that_fails_hands_back_nothing() -> None:
    begun = begin(square_and_pid, listing_fails, processes=2)
    assert begun is not None and begun.taken() == {}


def test_a_copy_stopped_before_the_end_leaves_no_process(tmp_path: Path) -> None:
    marks = tmp_path / "marks"
    begun = begin(marking(marks), lambda: list(range(10_000)), processes=2)
    assert begun is not None
    begun.stop()
    assert not begun.process.is_alive()
    assert len(marks.read_text() if marks.exists() else "") < 10_000  # stopped with the item in hand, not at the end


def test_no_copy_and_nothing_listed_for_one_process() -> None:
    assert begin(square_and_pid, listing_fails, processes=1) is None  # (listing here would raise)
