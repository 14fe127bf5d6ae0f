"""Words of jamkit's left in English on a page of another language: the catalog's English phrases a page still shows.

Each message of jamkit's catalog is cut at its placeholders and tags; a phrase the
Portuguese translation does not also use, found on a Portuguese page, is English left behind.
"""

from __future__ import annotations

import re
from functools import cache

from jamkit.docs.catalogs import extract, read

_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|<[^>]+>|&lt;|&gt;")


@cache
def english_fragments(language: str = "pt_BR") -> dict[str, str]:
    """Each phrase of jamkit's English messages that the translation does not use anywhere, with its message."""
    catalog = read(language)
    said = " ".join(  # every word the translation uses: a phrase it also uses ("site") is not English left behind
        " ".join(m.string) if isinstance(m.string, tuple) else m.string for m in catalog if m.id and m.string
    )
    found: dict[str, str] = {}
    for message in extract():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = catalog.get(message.id)
        assert translated is not None, message.id
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        for msgid in ids:
            for piece in _PLACEHOLDER.split(msgid):
                piece = piece.strip(" .,:;()")
                if (
                    len(piece) >= 3
                    and not any(piece in s for s in strings)
                    and not re.search(rf"\b{re.escape(piece)}\b", said)
                ):
                    found[piece] = msgid
    return found


def english_left(text: str, language: str = "pt_BR") -> dict[str, str]:
    """The English phrases of jamkit's that ``text`` (what a reader sees) still holds, each with its message."""
    return {
        piece: msgid
        for piece, msgid in english_fragments(language).items()
        if re.search(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", text)
    }
