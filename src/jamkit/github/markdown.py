"""Participants' text made inert for GitHub's Markdown: shown as written, and saying nothing to GitHub.

GitHub renders comments and release notes with cmark-gfm (tables, strikethrough,
autolinks of ``https://`` and ``www.`` and e-mail addresses), then links what the
rendered text names: ``@user`` and ``@org/team`` (a notification), ``#12``,
``GH-12`` and ``owner/repo#12`` (a cross-reference on that issue). A backslash
only stops Markdown: GitHub's own filters and autolinkers read the rendered text,
where ``\\#12`` is ``#12`` again, and an entity such as ``&commat;`` becomes an
``@``. So ``inert`` breaks each of those patterns in the text itself with a
zero-width space, which a reader does not see, and escapes the rest for
Markdown. Every place in ``jamkit.github`` that puts what a participant wrote
(titles, team names, file names, messages quoting them) into Markdown goes
through ``inert``.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH_SPACE = "&#8203;"  # U+200B as an entity: GitHub renders it, and the comment's source shows it
_BREAK = "\u200b"  # where one goes; participants' own zero-width spaces are dropped first
# ASCII punctuation with a meaning in GitHub Markdown; a backslash makes each literal.
_PUNCTUATION = frozenset("\\`*_{}[]()+-.!|~=$^#")
# HTML's own characters: as entities, so neither a tag nor an entity (``&commat;``) is formed.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# Characters after which a zero-width space breaks what GitHub would link: a mention or an
# e-mail address (@), an issue reference (#), a URL's scheme or an emoji code (:).
_BREAK_AFTER = frozenset("@#:")
# The references GitHub finds without one of those: GH-12 and www.example.org.
_BREAK_WORDS = re.compile(r"(?i)(?<![a-z0-9])(gh)(-)(?=[0-9])|(?<![a-z0-9])(www)(\.)")
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})


def _visible(text: str, limit: int | None) -> str:
    """One line without control, format or bidirectional characters (they can reorder what a reader sees)."""
    shown = " ".join("".join(" " if unicodedata.category(c) in _HIDDEN else c for c in text).split())
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


def _char(c: str) -> str:
    escaped = _ENTITIES.get(c) or ("\\" + c if c in _PUNCTUATION else c)
    return escaped + ZERO_WIDTH_SPACE if c in _BREAK_AFTER else escaped


def inert(text: str, limit: int | None = None) -> str:
    """Untrusted text as Markdown that reads as the text and links, mentions and references nothing.

    Fit for one line or one table cell: newlines fold to spaces, and at most
    ``limit`` characters are kept (an ellipsis marks the cut).
    """
    broken = _BREAK_WORDS.sub(lambda m: (m[1] or m[3]) + _BREAK + (m[2] or m[4]), _visible(text, limit))
    return "".join(ZERO_WIDTH_SPACE if c == _BREAK else _char(c) for c in broken)
