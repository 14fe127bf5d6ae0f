"""When two mentions are the same person: GitHub handles and names compared as people mean them.

GitHub handles compare without case and without a leading ``@``; names without
case, accents or extra spaces ("José  Núñez" is "jose nunez"). Policy rules,
conflict-of-interest rules and the spreadsheet import all compare people here.
"""

from __future__ import annotations

import unicodedata


def handle_key(github: str) -> str:
    """A GitHub handle as GitHub compares it: case-insensitive, with or without a leading '@'."""
    return github.strip().lstrip("@").lower()


def name_key(name: str) -> str:
    """A person's name as people compare it: no case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())
