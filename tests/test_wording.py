"""Wording: text as the formats that carry it can hold it."""

from __future__ import annotations

from jamkit.wording import clean


def test_clean_drops_what_xml_and_icalendar_cannot_hold_and_keeps_the_rest() -> None:
    assert clean("Probing\x00 for\x1b[31m deception\ufffe") == "Probing for[31m deception"
    assert clean("Tabs\tand\nnew lines, é, 🙂") == "Tabs\tand\nnew lines, é, 🙂"
