"""The YAML reader's entry point: positions of every key, duplicates, YAML 1.2 scalars, and both parsers alike."""

from __future__ import annotations

import logging
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamkit.core.model import Position
from jamkit.files.yaml import compose
from jamkit.files.yaml.loader import YamlProblem, parse

pytestmark = pytest.mark.usefixtures("backend")
LIBYAML = compose._CLoader


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    assert LIBYAML is not None, "PyYAML's wheel ships libyaml; without it every test here would run one path"


def test_without_libyaml_the_loader_says_so_once_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(compose, "_CLoader", None)
    monkeypatch.setattr(compose, "_said", False)
    with caplog.at_level(logging.WARNING, logger="jamkit"):
        first = parse("title: T\nmembers:\n  - {name: Bea, github: bea}\n")
        parse("title: U\n")
    notices = [r.getMessage() for r in caplog.records if "libyaml" in r.getMessage()]
    assert len(notices) == 1 and "pure-Python" in notices[0]
    monkeypatch.setattr(compose, "_CLoader", LIBYAML)
    again = parse("title: T\nmembers:\n  - {name: Bea, github: bea}\n")
    assert (first.data, first.locations) == (again.data, again.locations)


def _outcome(text: str) -> object:
    try:
        parsed = parse(text)
    except YamlProblem as problem:
        return ("problem", problem.line, problem.col)
    return (repr(parsed.data), parsed.locations, parsed.duplicates)


PIECES = [*"ab:- \n[]{},*<'\"#é\t1", "\u2028", "no", "&x ", "*x", "<<: "]
yamlish = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=yamlish)
def test_libyaml_and_the_pure_parser_read_the_same_values_and_places(text: str) -> None:
    with patch.object(compose, "_CLoader", LIBYAML):
        fast = _outcome(text)
    with patch.object(compose, "_CLoader", None), patch.object(compose, "_said", True):
        slow = _outcome(text)
    # The parsers word some errors differently, and libyaml accepts a few tabs that the pure parser
    # refuses (YAML 1.2 allows them as spaces), and a bare '!' tag on an empty value is '' for libyaml
    # and None for the pure parser (so '!' is not among the pieces); what both read, they read alike.
    if fast[0] != "problem" and slow[0] != "problem":
        assert fast == slow


def test_keys_remember_one_based_line_and_column_of_the_key() -> None:
    parsed = parse("title: T\nmembers:\n  - name: Bea\n    github: bea\n  - {name: Cy, github: cy}\n")
    assert parsed.locations[("title",)] == Position(1, 1)
    assert parsed.locations[("members",)] == Position(2, 1)
    assert parsed.locations[("members", 0)] == Position(3, 5)
    assert parsed.locations[("members", 0, "github")] == Position(4, 5)
    assert parsed.locations[("members", 1, "github")] == Position(5, 16)


def test_line_offset_shifts_lines_into_file_coordinates() -> None:
    parsed = parse("\ntitle: T\n", line_offset=0)
    assert parsed.locations[("title",)] == Position(2, 1)
    assert parse("title: T\n", line_offset=5).locations[("title",)] == Position(6, 1)


def test_duplicate_key_is_reported_at_its_second_occurrence_and_the_first_value_kept() -> None:
    parsed = parse("site: london\nteam: A\nsite: online\n")
    assert parsed.duplicates == [(("site",), Position(3, 1))]
    assert parsed.data["site"] == "london"
    assert parsed.locations[("site",)] == Position(1, 1)


def test_quoted_and_plain_spellings_of_a_key_are_the_same_key() -> None:
    assert parse('title: a\n"title": b\n').duplicates == [(("title",), Position(2, 1))]


def test_yaml_11_boolean_words_stay_text_as_keys_and_values() -> None:
    parsed = parse("on: push\nyes: 1\nno: 2\ncountry: NO\nanswer: off\nonline: true\nclosed: False\n")
    assert list(parsed.data) == ["on", "yes", "no", "country", "answer", "online", "closed"]
    assert parsed.duplicates == []
    assert parsed.data["country"] == "NO"
    assert parsed.data["answer"] == "off"
    assert parsed.data["online"] is True
    assert parsed.data["closed"] is False


def test_non_string_keys_keep_the_text_written() -> None:
    parsed = parse("1: a\nnull: b\n~: c\n3.5: d\n")
    assert list(parsed.data) == ["1", "null", "~", "3.5"]


def test_times_and_timestamps_stay_strings() -> None:
    parsed = parse("at: 09:30\nstarts: 2025-01-17T09:00:00+00:00\nday: 2025-01-17\nn: 3\nx: 2.5\n")
    assert parsed.data == {"at": "09:30", "starts": "2025-01-17T09:00:00+00:00", "day": "2025-01-17", "n": 3, "x": 2.5}


def test_unicode_line_separators_do_not_shift_line_numbers() -> None:
    parsed = parse("title: 'a\u2028b'\nteam: x\nsite: z\n")
    assert parsed.locations[("site",)] == Position(3, 1)


def test_empty_document_has_no_data() -> None:
    assert parse("").data is None
    assert parse("# only a comment\n").data is None
