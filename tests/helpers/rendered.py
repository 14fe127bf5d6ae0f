"""Markdown as GitHub renders it (cmark-gfm, GitHub's own library, with its autolink extension), and what it says.

``assert_inert`` is the check for text a participant wrote: rendered, it has no
link and nothing GitHub's filters would turn into a mention, an issue reference
or a link, and a reader still sees exactly the text that was written.
"""

from __future__ import annotations

import html
import re

import cmarkgfm
from cmarkgfm.cmark import Options

# What GitHub links in rendered text (its filters read the HTML's text, after Markdown).
REFERENCES = re.compile(
    r"(?i)(?<![a-z0-9_`])@[a-z0-9]"  # @user, @org/team, an e-mail address
    r"|#[0-9]"  # #12, owner/repo#12
    r"|(?<![a-z0-9])gh-[0-9]"  # GH-12
    r"|[a-z][a-z0-9+.-]*:/{2}"  # https://..., ftp://...
    r"|(?<![a-z0-9])www\."  # www.example.org
)
_TAG = re.compile(r"<[^>]*>")


def render(markdown: str) -> str:
    """HTML as GitHub makes it: GFM with tables, strikethrough, autolinks and the tag filter; raw HTML kept."""
    return cmarkgfm.markdown_to_html_with_extensions(
        markdown,
        options=Options.CMARK_OPT_UNSAFE,
        extensions=["table", "strikethrough", "autolink", "tagfilter", "tasklist"],
    )


def visible(fragment: str) -> str:
    """The text a reader sees in rendered HTML: tags dropped, entities decoded, zero-width spaces unseen."""
    text = html.unescape(_TAG.sub(" ", fragment)).replace("\u200b", "")
    return " ".join(text.split())


def references(fragment: str) -> list[str]:
    """What GitHub would link in the text of rendered HTML (zero-width spaces kept: they break a reference)."""
    return REFERENCES.findall(" ".join(html.unescape(_TAG.sub(" ", fragment)).split()))


def assert_inert(markdown: str, original: str) -> None:
    """``markdown`` renders to no link or tag beyond a paragraph, references nothing, and reads as ``original``."""
    rendered = render(markdown)
    tags = {t.split()[0].strip("</>") for t in _TAG.findall(rendered)}
    assert tags <= {"p"}, f"{markdown!r} renders tags: {rendered!r}"
    assert references(rendered) == [], f"{markdown!r} renders references: {rendered!r}"
    assert visible(rendered) == " ".join(original.split()), f"{markdown!r} reads otherwise: {rendered!r}"
