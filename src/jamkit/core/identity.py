"""When two mentions are the same person: GitHub handles and names compared as people mean them.

GitHub handles compare without case and without a leading ``@``; names without
case, accents or extra spaces ("José  Núñez" is "jose nunez"); ``person_key``
also reads "Sato, Kenji" as "Kenji Sato". Policy rules,
conflict-of-interest rules and the spreadsheet import all compare people here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

ANONYMOUS = "Anonymous"  # the name `jam forget` leaves: it names nobody, so it never matches anyone


def handle_key(github: str) -> str:
    """A GitHub handle as GitHub compares it: case-insensitive, with or without a leading '@'."""
    return github.strip().lstrip("@").lower()


def name_key(name: str) -> str:
    """A person's name as people compare it: no case, no accents, single spaces."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def person_key(name: str) -> str:
    """A name as the same person writes it in different lists: ``name_key``, and "Sato, Kenji" is "kenji sato".

    Conflict-of-interest rules compare judges with team members and organisers
    here; a name written "Family, Given" (one comma) is turned round first.
    """
    family, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given:
        name = f"{given} {family}"
    return name_key(name)


def display_names(trusted: Iterable[tuple[str, str]], mentioned: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The name each GitHub handle is shown under, keyed by ``handle_key``.

    ``trusted`` pairs (handle, name) come from files the person or a maintainer
    wrote, best first: the person's own profile, then the newest sprint that
    names them as a judge; the first one wins. ``mentioned`` pairs come from
    projects and publications, which anyone may write about anyone: they name a
    person only when they all agree (compared with ``name_key``); otherwise the
    handle itself is shown, so a new project cannot rename a judge or anyone else.
    """
    names: dict[str, str] = {}
    for github, name in trusted:
        if name.strip():
            names.setdefault(handle_key(github), name)
    seen: dict[str, set[str]] = {}
    first: dict[str, str] = {}
    for github, name in mentioned:
        key = handle_key(github)
        seen.setdefault(key, set()).add(name_key(name))
        first.setdefault(key, name)
    for key, spellings in seen.items():
        if key not in names:
            names[key] = first[key] if len(spellings) == 1 else github_shown(key)
    return names


def github_shown(handle: str) -> str:
    """A handle written as people recognise it, when no name can be trusted."""
    return "@" + handle.strip().lstrip("@")
