"""Parser errors in plain words: each explanation, where it does not apply, and the order they are tried in."""

from __future__ import annotations

import pytest

from jamkit.files.yaml.loader import YamlProblem, parse

pytestmark = pytest.mark.usefixtures("backend")


def test_syntax_error_names_its_line_and_hints_at_tabs() -> None:
    with pytest.raises(YamlProblem) as err:
        parse("title: T\nmembers:\n\t- name: a\n")
    assert err.value.line == 3
    assert "tabs cannot indent YAML" in err.value.message


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
