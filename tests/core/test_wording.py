"""Wording: text as the formats that carry it can hold it."""

from __future__ import annotations

import datetime as dt

from jamkit.core.model import Sprint, SprintFields
from jamkit.core.wording import (
    MB,
    clean,
    day,
    deadline,
    money,
    number,
    place,
    plural,
    printable,
    shown,
    size,
    utc_stamp,
    utc_time,
)


def test_clean_drops_what_xml_and_icalendar_cannot_hold_and_keeps_the_rest() -> None:
    assert clean("Probing\x00 for\x1b[31m deception\ufffe") == "Probing for[31m deception"
    assert clean("Tabs\tand\nnew lines, é, 🙂") == "Tabs\tand\nnew lines, é, 🙂"


def test_printable_and_shown_make_untrusted_text_one_safe_line() -> None:
    assert printable("a\x1b[31mb\nc") == "a\\x1b[31mb\\nc"
    assert shown("x" * 100, limit=10) == "x" * 9 + "…"
    assert shown(3.5) == "3.5"


def test_counts_agree_with_their_nouns() -> None:
    assert [plural(n, "project") for n in (0, 1, 2)] == ["0 projects", "1 project", "2 projects"]
    assert plural(2, "entry", "entries") == "2 entries"


def test_places_are_ordinals_everywhere() -> None:
    assert [place(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st place", "2nd place", "3rd place", "4th place", "11th place",
        "12th place", "13th place", "21st place", "22nd place", "101st place",
    ]  # fmt: skip


def test_money_sizes_and_numbers_as_people_write_them() -> None:
    assert money(2000, "USD") == "$2,000"
    assert money(1000.5, "EUR") == "€1,000.50"
    assert money(500, "CHF") == "500 CHF"
    assert size(64 * 1024) == "64 KB" and size(int(2.5 * MB)) == "2.5 MB"
    assert number(2.0) == "2" and number(0.25) == "0.25"


def test_times_in_utc_and_deadlines_in_their_own_zone() -> None:
    aoe = dt.timezone(dt.timedelta(hours=-12), "AoE")
    moment = dt.datetime(2026, 3, 16, 23, 59, tzinfo=aoe)
    assert utc_time(moment) == "Tue 17 Mar 2026, 11:59 UTC"
    assert utc_stamp(moment) == "2026-03-17 11:59 UTC"
    assert day(moment) == "17 March 2026" and day(dt.date(2026, 3, 16)) == "16 March 2026"
    assert deadline(moment) == "Monday 16 March, 23:59 AoE"


def test_a_sprint_deadline_in_utc_reads_anywhere_on_earth() -> None:
    sprint = Sprint(
        path="sprints/x.md",
        slug="x",
        fields=SprintFields(title="X", starts="2024-01-19T09:00:00+00:00", ends="2024-01-22T11:59:59+00:00"),
    )
    assert deadline(sprint.deadline_aoe) == "Sunday 21 January, 23:59 AoE"
