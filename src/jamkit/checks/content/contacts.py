"""Contact details as a reader sees them: e-mail addresses and phone numbers in decoded text (JAM115).

A reader sees a page after the browser decodes it, so ``bea&#64;example.org``,
``bea&commat;example.org`` and Markdown's ``bea@example\\.org`` are addresses
like any other. ``contact_details`` reads a text as written and then decoded
(HTML entities, Markdown's backslash escapes, JSON's ``\\u0040``, characters
nobody sees, full-width ``＠``, ``bea [at] example [dot] org``), each find at
its place in the text as written; ``in_markdown`` also reads the text of the
rendered page, where emphasis or an HTML tag inside an address is gone.
Addresses are read with non-ASCII letters (``josé@exemplo.com.br``,
``user@例え.jp``); phone numbers in the international form, after a word that
says so, or in the usual national forms (``(555) 123-4567``, ``555-123-4567``),
never dates, DOIs, ISBNs, arXiv ids or version numbers. Every rule that checks
contact details asks here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.(?:[^\W\d_]{2,}|xn--[\w-]+)(?![\w-])")
_SPACE = r"[ \t\u00a0\u2009\u202f]"  # a space within a line (no line break: a number never runs over one)
_GAP = r"[\d().\- \t\u00a0\u2009\u202f]"  # a digit, or what people write between digits
PHONE = re.compile(
    r"(?=[+(\dptmcwf])(?:"  # the first character of one of the forms: most places fail here, three times faster
    # the international form: + and 8 to 15 digits
    rf"(?<![\w+])\+\d{_GAP}{{6,18}}\d(?!\w)"
    # digits right after a word that says they are a number to call
    rf"|\b(?:phone|tel|telephone|mobile|cell|whatsapp|call me|fone|telefone|celular)\b\W{{0,4}}"
    rf"\+?\(?\d{_GAP}{{5,18}}\d(?!\w)"
    # an area code in brackets: (555) 123-4567, (11) 91234-5678, (020) 7946 0958; never a year such as (2023)
    rf"|(?<![\w(])\(0?\d{{2,3}}\){_SPACE}?\d{{3,5}}(?:{_SPACE}|[.-])?\d{{4}}(?![\w-])"
    # the North American form with one separator throughout: 555-123-4567, 555.123.4567
    r"|(?<![\w.+/-])\d{3}([.-])\d{3}\1\d{4}(?![\w-]|\.\d))",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_UNSEEN = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"  # characters nobody sees: `bea\u200b@example.org` reads bea@...
_FULL_WIDTH = "\uff01-\uff5e"  # full-width letters and signs: `＠` reads `@`
_GAP_IN_LINE = r"[^\S\n]*"
_SAID = rf"{_GAP_IN_LINE}[\[({{<]{_GAP_IN_LINE}(?:at|arroba|dot|ponto){_GAP_IN_LINE}[\])}}>]{_GAP_IN_LINE}"
_WORDS = {"at": "@", "arroba": "@", "dot": ".", "ponto": "."}  # `bea [at] example (dot) org`
_DECODED = re.compile(
    r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"  # an HTML entity
    r"|\\u[0-9a-fA-F]{4}"  # a JSON escape
    r"|\\[!-/:-@\[-`{-~]"  # a Markdown backslash escape
    rf"|[{_UNSEEN}{_FULL_WIDTH}]"
    rf"|(?i:{_SAID})"
)
_MAYBE_ENCODED = re.compile(rf"[&\\{_UNSEEN}{_FULL_WIDTH}]|(?i:[\[({{<]{_GAP_IN_LINE}(?:at|arroba|dot|ponto)\W)")
_UNSEEN_CHAR = re.compile(f"[{_UNSEEN}]")
_INLINE = re.compile(  # tags inside a line of text: dropped, so that `exa<b>mple</b>` reads "example"
    r"</?(?:a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
RENDERED_ONLY = 5  # finds that only the rendered page shows, placed in the source; the rules report 5 at most
EMAIL_ADDRESS = "an e-mail address"
PHONE_NUMBER = "a phone number"


@dataclass(frozen=True, order=True)
class Contact:
    """An e-mail address or phone number: where it starts in the text as written, and as a reader reads it."""

    index: int
    what: str
    value: str

    @property
    def key(self) -> str:
        """The same address or number however it is written: digits of a number, an address in any case."""
        return "".join(_DIGIT.findall(self.value)) if self.what == PHONE_NUMBER else self.value.casefold()


def found_in(text: str) -> list[Contact]:
    """The addresses and numbers (at least 8 digits) in ``text`` read exactly as it is."""
    found = [Contact(m.start(), EMAIL_ADDRESS, m.group()) for m in EMAIL.finditer(text)] if "@" in text else []
    if _DIGIT.search(text):  # most fields and many bodies have no digit: no phone number to look for
        for m in PHONE.finditer(text):
            if len(_DIGIT.findall(m.group())) >= 8:
                found.append(Contact(m.start(), PHONE_NUMBER, m.group()))
    return found


def decoded(text: str) -> tuple[str, list[int]]:
    """``text`` as a reader reads it (entities, escapes, unseen and full-width characters, "[at]"); where each was.

    The second list gives, for each character of the result, where it starts in ``text``.
    """
    parts: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _DECODED.finditer(text):
        plain = _plain(m.group())
        parts.append(text[last : m.start()])
        origin += range(last, m.start())
        parts.append(plain)
        origin += [m.start()] * len(plain)
        last = m.end()
    parts.append(text[last:])
    origin += range(last, len(text) + 1)
    return "".join(parts), origin


def _plain(piece: str) -> str:
    """What a reader reads for one piece ``_DECODED`` found."""
    if piece[0] == "&":
        return _UNSEEN_CHAR.sub("", html.unescape(piece))
    if piece.startswith("\\u"):
        char = chr(int(piece[2:], 16))
        return piece if 0xD800 <= ord(char) <= 0xDFFF else _UNSEEN_CHAR.sub("", char)
    if piece[0] == "\\":
        return piece[1:]
    if len(piece) == 1:  # unseen, or full width
        return chr(ord(piece) - 0xFEE0) if "\uff01" <= piece <= "\uff5e" else ""
    return _WORDS[re.sub(r"[^A-Za-z]", "", piece).casefold()]


def contact_details(text: str) -> list[Contact]:
    """Every address and number in ``text`` as written or as decoded, once each, in the order they are written."""
    found = found_in(text)
    if _MAYBE_ENCODED.search(text):
        plain, origin = decoded(text)
        if plain != text:
            found += [Contact(origin[c.index], c.what, c.value) for c in found_in(plain)]
    return _once(found)


def _once(found: list[Contact]) -> list[Contact]:
    """One find per place and per address: the same address read twice (as written, as decoded) counts once.

    Linear in the finds (a body may hold thousands): each is compared with the
    last one kept of the same address only.
    """
    kept: list[Contact] = []
    last: dict[str, Contact] = {}
    for contact in sorted(found):
        before = last.get(contact.key)
        if before is not None and before.index <= contact.index < before.index + max(len(before.value), 1):
            continue
        last[contact.key] = contact
        kept.append(contact)
    return kept


def page_text(rendered: str) -> str:
    """The text a reader sees on a rendered page: inline tags dropped, other tags a line break, entities decoded."""
    return html.unescape(_TAG.sub("\n", _INLINE.sub("", rendered)))


def in_markdown(source: str, rendered: str | None) -> list[Contact]:
    """The addresses and numbers of a Markdown text, as written, as decoded, and on its rendered page.

    What only the rendered page shows (``bea@exa**mple**.org``) is placed
    where the longest start of it is written.
    """
    found = contact_details(source)
    if rendered is None:
        return found
    keys = {c.key for c in found}
    added = 0
    for contact in contact_details(page_text(rendered)):
        if contact.key in keys or added == RENDERED_ONLY:  # each is looked for in the source: a few are enough
            continue
        keys.add(contact.key)
        added += 1
        found.append(Contact(_written_at(source, contact.value), contact.what, contact.value))
    return sorted(found)


def _written_at(source: str, value: str) -> int:
    """Where the longest start of ``value`` (at least 3 characters) is written in ``source``; else its start."""
    for length in range(len(value), 2, -1):
        at = source.find(value[:length])
        if at >= 0:
            return at
    return 0
