"""Work on every core: the same results, in the same order, as one process gives."""

from __future__ import annotations

import os

import pytest
from tests.conftest import SUBMISSION, Repo

from jamkit import rules
from jamkit.load import load_catalog
from jamkit.parallel import map_forked, processes_for


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
