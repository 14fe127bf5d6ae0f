"""The YAML reader: positions of every key, duplicates, YAML 1.2 scalars, and hostile input."""

from __future__ import annotations

import logging
import time
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jamkit.core.model import Position
from jamkit.files.yaml import loader as yamlsource
from jamkit.files.yaml.loader import MAX_DEPTH, YamlProblem, parse

LIBYAML = yamlsource._CLoader


@pytest.fixture(autouse=True, params=["libyaml", "pure"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs on libyaml's parser and again on the pure-Python fallback."""
    if request.param == "pure":
        monkeypatch.setattr(yamlsource, "_CLoader", None)
        monkeypatch.setattr(yamlsource, "_said", True)  # the notice has its own test
    return str(request.param)


def test_libyaml_is_used_when_pyyaml_has_it() -> None:
    assert LIBYAML is not None, "PyYAML's wheel ships libyaml; without it every test here would run one path"


def test_without_libyaml_the_loader_says_so_once_and_reads_the_same(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(yamlsource, "_CLoader", None)
    monkeypatch.setattr(yamlsource, "_said", False)
    with caplog.at_level(logging.WARNING, logger="jamkit"):
        first = parse("title: T\nmembers:\n  - {name: Bea, github: bea}\n")
        parse("title: U\n")
    notices = [r.getMessage() for r in caplog.records if "libyaml" in r.getMessage()]
    assert len(notices) == 1 and "pure-Python" in notices[0]
    monkeypatch.setattr(yamlsource, "_CLoader", LIBYAML)
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
    with patch.object(yamlsource, "_CLoader", LIBYAML):
        fast = _outcome(text)
    with patch.object(yamlsource, "_CLoader", None), patch.object(yamlsource, "_said", True):
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


def test_a_mapping_as_key_is_a_problem_at_the_key() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\n? [a, b]\n: 1\n")
    assert (err.value.line, err.value.col) == (2, 3)
    assert "a key must be plain text" in err.value.message


def test_merge_keys_merge_and_overrides_are_not_duplicates() -> None:
    parsed = parse("base: &b {name: A, github: bea}\nmember:\n  <<: *b\n  name: B\n")
    assert parsed.duplicates == []
    assert parsed.data["member"] == {"name": "B", "github": "bea"}
    assert parsed.locations[("member", "name")] == Position(4, 3)


def test_merging_a_scalar_is_a_problem() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("a:\n  <<: 5\n")
    assert err.value.line == 2
    assert "merges a mapping" in err.value.message


def test_syntax_error_names_its_line_and_hints_at_tabs() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nmembers:\n\t- name: a\n")
    assert err.value.line == 3
    assert "tabs cannot indent YAML" in err.value.message


@pytest.mark.parametrize("tagged", ["!!int abc", "!!float abc", "!!bool maybe", "!!timestamp soon", "!!binary a"])
def test_explicit_tags_that_do_not_fit_their_value_are_problems(tagged: str) -> None:
    with pytest.raises(YamlProblem) as err:
        parse(f"title: T\nk: {tagged}\n")
    assert (err.value.line, err.value.col) == (2, 4)
    assert err.value.fix.startswith("remove '!")


def test_python_tags_are_refused_not_executed() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("k: !!python/object/apply:os.system ['echo hi']\nj: !!python/name:os.system x\n")
    assert err.value.line == 2
    assert "not allowed" in err.value.message


def test_control_characters_are_problems_at_their_position() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nteam: ab\x00c\n")
    assert (err.value.line, err.value.col) == (2, 9)
    assert "U+0000" in err.value.message


def test_unicode_line_separators_do_not_shift_line_numbers() -> None:
    parsed = parse("title: 'a\u2028b'\nteam: x\nsite: z\n")
    assert parsed.locations[("site",)] == Position(3, 1)


BILLION_LAUGHS = "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True)
)


def test_billion_laughs_stops_fast_with_a_problem() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlProblem) as err:
        parse(BILLION_LAUGHS)
    assert time.perf_counter() - started < 2
    assert "expands to more than" in err.value.message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {self: *a}\n", "a: &a {<<: *a}\n"])
def test_an_alias_inside_itself_is_a_problem(text: str) -> None:
    with pytest.raises(YamlProblem) as err:
        parse(text)
    assert err.value.line == 1
    assert "alias" in err.value.message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 5000])
def test_deep_nesting_is_a_problem_at_the_level_too_deep(depth: int) -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nk: " + "[" * depth + "]" * depth + "\n")
    assert err.value.line == 2
    assert "nests more than" in err.value.message


def test_empty_document_has_no_data() -> None:
    assert parse("").data is None
    assert parse("# only a comment\n").data is None


# --------------------------------------------------------------------------- hostile input (issue 8)


def _merge_key_bomb(keys: int = 1000, levels: int = 5, copies: int = 8) -> str:
    """Each level merges the one below several times and overrides every merged key, so building it is cheap
    while expanding its merges is not: 54 KB that took 41 s and 2.9 GB before merged keys were counted."""
    own = ", ".join(f"k{i}: 0" for i in range(keys))
    lines = [f"x0: &a0 {{{own}}}"]
    for n in range(1, levels + 1):
        lines.append(f"x{n}: &a{n} {{<<: [{', '.join([f'*a{n - 1}'] * copies)}], {own}}}")
    return "\n".join(lines) + "\n"


def test_a_merge_key_bomb_counts_its_merged_keys_and_stops_fast() -> None:
    started = time.process_time()  # CPU time: the other jobs of a shared machine do not count
    with pytest.raises(YamlProblem, match="expands to more than"):
        parse(_merge_key_bomb())
    assert time.process_time() - started < 1.0


def test_merges_still_resolve_earlier_sources_first_and_own_keys_last() -> None:
    text = "a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n  y: 3\n"
    assert parse(text).data["c"] == {"x": 1, "y": 3, "z": 2}


RUNAWAY = 'title: "Broken title\nteam: T\nabstract: >-\n  agents finishing "just one more step" rather than\n'


def test_a_quote_left_open_is_found_where_it_opened_not_where_the_next_quote_closed_it() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(RUNAWAY, line_offset=1)
    assert (caught.value.line, caught.value.col) == (2, 8)
    assert (
        caught.value.message == 'the quote " opened here is not closed on its line: it runs on to the next ", on line 5'
    )
    assert caught.value.fix == 'add the closing " at the end of the value on this line'
    assert parse(RUNAWAY.replace("Broken title", 'Broken title"')).data["title"] == "Broken title"


@pytest.mark.parametrize(
    ("text", "col", "fix"),
    [
        ("title: 'It's broken'\n", 11, "write a ' inside the value as '' (two single quotes), or put the value in"),
        ('title: "He said "hi" to me"\n', 17, 'write a " inside the value as \\", or put the value in single quotes'),
        ("team: \"Équipe 😀\"\ntitle: 'Ünï's'\n", 12, "write a ' inside"),  # columns count characters
    ],
)
def test_a_quote_inside_a_quoted_value_is_found_with_how_to_write_it(text: str, col: int, fix: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    quote = fix[8]
    assert (caught.value.col, caught.value.message) == (
        col,
        f"the quote {quote} here ends the value before its text does",
    )
    assert caught.value.fix.startswith(fix)


def test_a_value_that_rightly_spans_lines_is_not_blamed_for_a_later_mistake() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse('title: "one\n  two"\nteam: [a, "b" c]\n')
    assert caught.value.line == 3 and "quote" not in caught.value.message
    assert parse('title: "one\n  two"\n').data == {"title": "one two"}


@pytest.mark.parametrize(
    ("text", "where", "message", "fix"),
    [
        (
            "title: T\nteam:Off Switch\nmembers: []\n",
            (2, 5),
            "'team:Off Switch' has no space after 'team:', so YAML reads it as text, not a key",
            "write a space after the colon: 'team: '",
        ),
        (
            "members:\n  - name: A\n    github:bea\n",
            (3, 11),
            "'github:bea' has no space after 'github:', so YAML reads it as text, not a key",
            "write a space after the colon: 'github: '",
        ),
        (
            "title: T\nstray words\nteam: X\n",
            (2, 1),
            "'stray words' is not a 'key: value' line",
            "write it as 'key: value', or indent it under the value it continues",
        ),
    ],
)
def test_a_line_yaml_cannot_read_as_a_key_is_named_not_the_line_after_it(
    text: str, where: tuple[int, int], message: str, fix: str
) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert ((caught.value.line, caught.value.col), caught.value.message, caught.value.fix) == (where, message, fix)


@pytest.mark.parametrize(
    ("text", "where", "bracket"),
    [
        ("title: T\nteam: [Off Switch\nmembers: []\n", (2, 7), "["),
        ("tags: [a, b  # two\n", (1, 7), "["),
        ("note: é😀\nlinks: {code: x\nsite: y\n", (2, 8), "{"),  # columns count characters
    ],
)
def test_a_bracket_left_open_is_named_where_it_opens(text: str, where: tuple[int, int], bracket: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert ((caught.value.line, caught.value.col), caught.value.message) == (
        where,
        f"the {bracket} opened here is not closed on its line",
    )
    assert caught.value.fix.startswith(f"add the closing {'] ' if bracket == '[' else '} '}at the end of the line")


def test_a_list_that_rightly_runs_over_lines_is_not_blamed_on_its_bracket() -> None:
    assert parse("tags: [a,\n  b]\n").data == {"tags": ["a", "b"]}
    with pytest.raises(YamlProblem) as caught:
        parse("tags: [a,\n  b: c: d]\n")
    assert "opened here" not in caught.value.message


@pytest.mark.parametrize(
    ("text", "where", "deeper", "rest"),
    [
        ("title: T\nabstract: >-\n    Over-indented.\n  Then the rest\n  of it.\n", (3, 5), 4, 2),
        ("members:\n  - bio: |\n\n        deep\n      less\n    name: x\n", (4, 9), 8, 6),  # blank lines skipped
    ],
)
def test_a_text_whose_first_line_is_indented_more_is_named_at_that_line(
    text: str, where: tuple[int, int], deeper: int, rest: int
) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert (caught.value.line, caught.value.col) == where
    assert caught.value.message == (
        f"this line of the text is indented {deeper} spaces and the next ones {rest}, so the text ends after it"
    )
    assert caught.value.fix == f"indent every line of the text alike ({rest} spaces, as the lines after this one)"


def test_the_field_after_a_text_is_not_taken_for_more_of_the_text() -> None:
    assert parse("members:\n  - bio: >-\n        deep\n    name: x\n").data == {
        "members": [{"bio": "deep", "name": "x"}]
    }
    with pytest.raises(YamlProblem) as caught:  # a mistake in that field is that field's
        parse("members:\n  - bio: >-\n        deep\n    name x\n")
    assert caught.value.message == "'name x' is not a 'key: value' line"


def test_a_colon_inside_a_value_is_still_a_value() -> None:
    assert parse("url: https://example.org\nteam: a:b\n").data == {"url": "https://example.org", "team": "a:b"}
    with pytest.raises(YamlProblem) as caught:  # a later, unrelated mistake is not blamed on the link
        parse("code:\n  https://example.org/x\n  more\nteam: [unclosed\n")
    assert "no space" not in caught.value.message


def test_too_many_aliases_or_merge_keys_are_problems() -> None:
    aliases = "a: &a 1\nb: [" + ", ".join(["*a"] * 1001) + "]\n"
    with pytest.raises(YamlProblem, match="more than 1000 aliases"):
        parse(aliases)
    merges = "a: &a {x: 1}\n" + "".join(f"b{i}: {{<<: *a}}\n" for i in range(101))
    with pytest.raises(YamlProblem, match="more than 100 merge keys") as caught:
        parse(merges)
    assert caught.value.line == 102


def test_a_huge_number_is_a_problem_not_a_crash() -> None:
    with pytest.raises(YamlProblem, match="a number of 4,002 characters") as caught:
        parse("title: t\nteam: 0x" + "f" * 4000 + "\n")
    assert (caught.value.line, "quotes" in caught.value.fix) == (2, True)
    assert parse("team: '0x" + "f" * 4000 + "'\n").data["team"].startswith("0xfff")


def test_a_huge_string_is_a_problem() -> None:
    with pytest.raises(YamlProblem, match="characters long"):
        parse("title: " + "a" * 100_001 + "\n")
