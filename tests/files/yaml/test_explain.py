"""Parser errors in plain words: each explanation, where it does not apply, and the order they are tried in."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from jamkit.files.yaml import compose, explain
from jamkit.files.yaml.compose import Lines
from jamkit.files.yaml.explain import (
    EXPLANATIONS,
    Mistake,
    bracket_left_open,
    colon_in_value,
    key_out_of_line,
    no_space_after_colon,
    not_a_key_value_line,
    parser_message,
    quote_inside_quoted_value,
    quote_left_open,
    quote_never_closed,
    quoted,
    tab_in_indentation,
    text_indented_unevenly,
    value_starts_with_at,
)
from jamkit.files.yaml.loader import YamlProblem, parse

pytestmark = pytest.mark.usefixtures("backend")


def test_syntax_error_names_its_line_and_says_tabs_do_not_indent() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nmembers:\n\t- name: a\n")
    assert err.value.line == 3
    assert err.value.message == "line 3 is indented with a tab, and YAML indents with spaces only"


def test_control_characters_are_problems_at_their_position() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nteam: ab\x00c\n")
    assert (err.value.line, err.value.col) == (2, 9)
    assert "U+0000" in err.value.message


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


# --------------------------------------------------------------------------- each explanation on its own


def mistake(text: str, line_offset: int = 0) -> Mistake:
    """What the parser in use says about ``text``, as every explanation is handed it."""
    kind = compose.loader_kind()
    loader = kind(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        found = Mistake.of(err, Lines(text, line_offset), kind)
        assert found is not None
        return found
    finally:
        loader.dispose()
    raise AssertionError(f"{text!r} is valid YAML")


def said(problem: YamlProblem | None) -> tuple[int, int, str, str]:
    assert problem is not None
    return problem.line, problem.col, problem.message, problem.fix


def test_quote_never_closed_names_the_quote_where_it_opens() -> None:
    assert said(quote_never_closed(mistake("title: T\nteam: 'Off Switch\n", line_offset=2))) == (
        4,
        7,
        "the quote ' opened here is never closed",
        "add the closing ' at the end of the value on this line",
    )
    assert quote_never_closed(mistake("title: 'It's broken'\n")) is None  # closed, by the wrong quote


def test_no_space_after_colon_names_the_key_from_its_token_or_its_line() -> None:
    for text, where in [("title: T\nteam:Off Switch\nmembers: []\n", (2, 5)), ("- name: A\n  github:bea\n", (2, 9))]:
        line, col, message, fix = said(no_space_after_colon(mistake(text)))
        assert (line, col) == where and "has no space after" in message and fix.startswith("write a space")
    assert no_space_after_colon(mistake("code:\n  https://example.org/x\n  more\nteam: [unclosed\n")) is None
    assert no_space_after_colon(mistake("title: T\nstray words\nteam: X\n")) is None


def test_not_a_key_value_line_names_the_line_of_words() -> None:
    assert said(not_a_key_value_line(mistake("title: T\nstray words\nteam: X\n"))) == (
        2,
        1,
        "'stray words' is not a 'key: value' line",
        "write it as 'key: value', or indent it under the value it continues",
    )
    assert not_a_key_value_line(mistake("title: T\nteam: [Off Switch\nmembers: []\n")) is None


def test_quote_left_open_names_the_quote_and_the_line_that_closed_it() -> None:
    assert said(quote_left_open(mistake(RUNAWAY))) == (
        1,
        8,
        'the quote " opened here is not closed on its line: it runs on to the next ", on line 4',
        'add the closing " at the end of the value on this line',
    )
    assert quote_left_open(mistake('title: "one\n  two"\nteam: [a, "b" c]\n')) is None  # spans lines rightly
    assert quote_left_open(mistake("title: 'It's broken'\n")) is None  # one line


def test_quote_inside_quoted_value_says_how_to_write_the_quote() -> None:
    assert said(quote_inside_quoted_value(mistake("title: 'It's broken'\n"))) == (
        1,
        11,
        "the quote ' here ends the value before its text does",
        "write a ' inside the value as '' (two single quotes), or put the value in double quotes instead",
    )
    assert quote_inside_quoted_value(mistake('team: [a, "b" c]\n')) is None  # a space after the quote


def test_text_indented_unevenly_names_the_first_line_and_both_indents() -> None:
    assert said(text_indented_unevenly(mistake("abstract: >-\n    Over-indented.\n  Then the rest\n"))) == (
        2,
        5,
        "this line of the text is indented 4 spaces and the next ones 2, so the text ends after it",
        "indent every line of the text alike (2 spaces, as the lines after this one)",
    )
    assert text_indented_unevenly(mistake("members:\n  - bio: >-\n        deep\n    name x\n")) is None  # next field


def test_bracket_left_open_names_the_bracket_where_it_opens() -> None:
    assert said(bracket_left_open(mistake("links: {code: x\nsite: y\n"))) == (
        1,
        8,
        "the { opened here is not closed on its line",
        "add the closing } at the end of the line, or put the value in quotes if the { is part of its text",
    )
    assert bracket_left_open(mistake("tags: [a,\n  b: c: d]\n")) is None  # the line ends with a comma
    assert bracket_left_open(mistake("tags: [a, b: c: d]\n")) is None  # the mistake is on the bracket's line


def test_parser_message_always_applies_and_speaks_of_tabs_only_on_a_line_with_one() -> None:
    line, _col, message, fix = said(parser_message(mistake("title: T\nmembers:\n\t- name: a\n")))
    assert (line, message.endswith(" (tabs cannot indent YAML: use spaces)"), fix) == (3, True, "")
    line, _col, message, fix = said(parser_message(mistake('team: [a, "b" c]\n')))
    assert (line, "tabs" in message, fix) == (1, False, "")


def test_explanations_are_tried_in_order_and_the_first_that_recognises_the_mistake_wins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert EXPLANATIONS[-1] is parser_message and len(set(EXPLANATIONS)) == len(EXPLANATIONS)
    # Two explanations recognise each of these; the earlier one in EXPLANATIONS is what the writer reads.
    for text, first, later in [
        (RUNAWAY, quote_left_open, quote_inside_quoted_value),
        ("title: T\nteam:Off Switch\n", no_space_after_colon, not_a_key_value_line),
    ]:
        found = mistake(text)
        assert EXPLANATIONS.index(first) < EXPLANATIONS.index(later)
        assert said(first(found)) != said(later(found))
        with pytest.raises(YamlProblem) as caught:
            parse(text)
        assert said(caught.value) == said(first(found))
        with monkeypatch.context() as patched, pytest.raises(YamlProblem) as caught:
            patched.setattr(explain, "EXPLANATIONS", (later, first, parser_message))
            parse(text)
        assert said(caught.value) == said(later(found))


def test_a_mistake_the_parser_gives_no_place_is_on_the_first_line() -> None:
    problem = explain.explain(yaml.MarkedYAMLError(problem="odd"), Lines("a: b\n", 3), compose.loader_kind())
    assert said(problem) == (4, 1, "odd", "")


def test_a_control_character_is_found_by_characters_not_bytes() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse("title: é😀\x07\n")
    assert (caught.value.line, caught.value.col, caught.value.message) == (
        1,
        10,
        "the control character U+0007 is not allowed in YAML",
    )


def applied(text: str, problem: YamlProblem | None) -> str:
    """``text`` with the problem's replacement made, as ``jam check --fix`` makes it (line 1 is the text's first)."""
    assert problem is not None and problem.replacement is not None, problem
    change = problem.replacement
    start = Lines(text, 0).starts[change.line - 1] + change.col - 1
    assert text[start:].startswith(change.old), (text[start:], change.old)
    return text[:start] + change.new + text[start + len(change.old) :]


def test_tab_in_indentation_writes_spaces_when_every_width_that_reads_means_the_same() -> None:
    text = "title: T\nmembers:\n  - name: a\n  \tgithub: a\n"
    problem = tab_in_indentation(mistake(text))
    assert said(problem)[:3] == (4, 1, "line 4 is indented with a tab, and YAML indents with spaces only")
    assert parse(applied(text, problem)).data == {"title": "T", "members": [{"name": "a", "github": "a"}]}
    many = "members:\n\t- name: a\n\t  github: a\n"  # every tabbed line at once: the fix leaves none behind
    assert "\t" not in applied(many, tab_in_indentation(mistake(many)))
    assert tab_in_indentation(mistake("title: T\nteam: [a\nsite: b\n")) is None  # no tab on the line


def test_key_out_of_line_lines_the_field_up_with_the_nearest_that_reads() -> None:
    for text in ["members:\n  - name: a\n   github: a\n", "members:\n  - name: a\n     github: a\n"]:
        problem = key_out_of_line(mistake(text))
        line, col, message, fix = said(problem)
        assert (line, col, fix) == (3, 1, "indent it 4 spaces, in line with 'name' on line 2"), message
        assert parse(applied(text, problem)).data == {"members": [{"name": "a", "github": "a"}]}
    assert key_out_of_line(mistake("title: Probing: a study\n")) is None  # the colon is in the value


def test_value_starts_with_at_drops_the_at_of_a_handle_and_quotes_anything_else() -> None:
    text = "members:\n  - name: Bob\n    github: @bob\n"
    problem = value_starts_with_at(mistake(text))
    assert said(problem)[1:] == (
        13,
        "a YAML value cannot start with @",
        "write the handle without the @: 'github: bob'",
    )
    assert parse(applied(text, problem)).data == {"members": [{"name": "Bob", "github": "bob"}]}
    for text, value in [("team: @home\n", "@home"), ("title: *bold* claims\n", "*bold* claims")]:
        assert parse(applied(text, value_starts_with_at(mistake(text)))).data == {text.split(":")[0]: value}


def test_colon_in_value_quotes_the_value_and_takes_typographic_quotes_for_quotes() -> None:
    text = "title: Probing: a study\n"
    problem = colon_in_value(mistake(text))
    assert said(problem) == (
        1,
        8,
        "the value of 'title' holds ': ', which YAML reads as the start of another field",
        'put the whole value in quotes: "Probing: a study"',
    )
    assert parse(applied(text, problem)).data == {"title": "Probing: a study"}
    curly = "title: \u201cProbing: a study\u201d\n"
    assert parse(applied(curly, colon_in_value(mistake(curly)))).data == {"title": "Probing: a study"}
    assert colon_in_value(mistake("title: 'Probing: a' study\n")) is None  # a quote mistake, not this one


@pytest.mark.parametrize("text", ["a: b", 'say "hi"', "back\\slash", "it's", "'both\" kinds'", "#1: @x"])
def test_quoted_reads_back_as_the_same_text(text: str) -> None:
    assert parse(f"title: {quoted(text)}\n").data == {"title": text}


_NAMES = st.text(alphabet="abcdefghij", min_size=1, max_size=6)
_VALUES = st.text(alphabet="abcxyz ", min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def _broken(draw: st.DrawFn) -> tuple[str, object]:
    """A front matter as written by yaml.safe_dump, and one line of it indented wrongly (a tab or a space off)."""
    members = draw(st.lists(st.fixed_dictionaries({"name": _VALUES, "github": _NAMES}), min_size=1, max_size=3))
    data = {"title": draw(_VALUES), "members": members, "tags": draw(st.lists(_NAMES, max_size=3))}
    rows = yaml.safe_dump(data, sort_keys=False, indent=2).splitlines()
    row = draw(st.sampled_from([i for i, line in enumerate(rows) if line.startswith(" ")] or [0]))
    indent = len(rows[row]) - len(rows[row].lstrip(" "))
    mistake = draw(st.sampled_from(["tab", "less", "more"]))
    spaces = {"tab": "\t" + " " * max(indent - 2, 0), "less": " " * (indent - 1), "more": " " * (indent + 1)}[mistake]
    rows[row] = spaces + rows[row].lstrip(" ")
    return "\n".join(rows) + "\n", data


@settings(max_examples=200, deadline=None)
@given(_broken())
def test_a_yaml_fix_never_changes_what_the_file_means(case: tuple[str, object]) -> None:
    """Whatever the mistake, a fix the loader offers reads back as exactly what was meant, or there is none."""
    text, meant = case
    try:
        read = parse(text).data
    except YamlProblem as problem:
        if problem.replacement is not None:
            assert parse(applied(text, problem)).data == meant
        return
    assert read is not None  # (some shifts still read: then there is nothing to fix)
