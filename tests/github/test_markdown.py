"""A participant's text reaches GitHub's Markdown inert: rendered by cmark-gfm, it reads as written, links nothing."""

from __future__ import annotations

import pytest

from jamkit.github.markdown import inert
from tests.helpers.rendered import assert_inert

HOSTILE = [
    "cc @jamkit/maintainers and @octocat",  # a notification to a team and a user
    "closes #1, GH-2, gh-3 and octo/repo#4",  # cross-references on other issues
    "submissions/demo-sprint/GH-7.md",  # a file name that names an issue
    "&commat;org/team &#64;octocat &#x23;5 &amp;",  # a mention and a reference made of entities
    "see https://evil.example/x, ftp://evil.example and WWW.evil.example",  # autolinks
    "mail a@b.example, mailto:c@d.example or xmpp:e@f.example",  # e-mail autolinks
    '<img src=x onerror="alert(1)"> <b>b</b> <!-- c --> <https://evil.example>',  # raw HTML, an autolink
    "[click](javascript:alert(1)) ![p](https://e.example/p.png) [r]: https://e.example",  # links, images
    "*em* _u_ **b** ~~s~~ `code` a_b_c \\#1 a\\b",  # emphasis, code, backslashes
    "| a | b | :smile:",  # a table row, an emoji code
    "## heading",
    "1. a list",
    "- an item",
    "> a quote",
    "= setext",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_reads_as_written_and_links_nothing(text: str) -> None:
    assert_inert(inert(text), text)


def test_the_check_catches_what_a_backslash_does_not_stop() -> None:
    """Escaped for Markdown only, GitHub still finds the reference in the rendered text."""
    with pytest.raises(AssertionError, match="renders references"):
        assert_inert("GH\\-12 and \\#3 and https\\:\\/\\/evil\\.example", "GH-12 and #3 and https://evil.example")
    with pytest.raises(AssertionError, match="reads otherwise"):
        assert_inert("&commat;\u200borg", "&commat;org")


def test_lines_fold_hidden_characters_go_and_long_text_is_cut() -> None:
    escaped = inert("line one\nline two\r\n\u202eevil\u202c zero\u200bwidth " + "x" * 1000, limit=50)
    assert "\n" not in escaped and escaped.startswith("line one line two evil zero width")
    assert "\u202e" not in escaped and "\u200b" not in escaped  # the zero-width spaces inert adds are entities
    assert escaped.endswith("…") and len(escaped) <= 60
