"""Who is being forgotten: their GitHub handles and the names they are written under, and where they show.

An entry with a ``github`` is the person when the handle is theirs, whatever its
name; an entry without one, and a free-text field (a speaker, a site's
organizer), when it is one of their names or handles. The names are those
given (``--name``) and those every entry with the person's handle carries,
compared as ``jamkit.core.identity`` compares people; "Anonymous" is never one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jamkit.core.identity import ANONYMOUS, github_shown, handle_key, name_key
from jamkit.core.model import Fields
from jamkit.core.model.people import PERSON_FIELDS, PERSONS, Holds, models_in


@dataclass(frozen=True)
class Who:
    """The person: handles as ``handle_key`` gives them, names as ``name_key`` gives them."""

    handles: frozenset[str]
    names: frozenset[str]
    shown: str  # how messages name them: "@ada", or "'Ada Lovelace'"

    @classmethod
    def given(cls, github: str | None, names: Iterable[str]) -> Who:
        handles = frozenset({handle_key(github)} if github else ())
        keys = frozenset(name_key(n) for n in names) - {"", name_key(ANONYMOUS)}
        shown = " and ".join([*(github_shown(h) for h in sorted(handles)), *(f"'{n.strip()}'" for n in names)])
        return cls(handles, keys, shown)

    def knowing(self, names: Iterable[str]) -> Who:
        """The same person, also known under ``names`` (what the entries with their handle call them)."""
        more = {name_key(n) for n in names} - {"", name_key(ANONYMOUS)}
        return Who(self.handles, self.names | more, self.shown)

    def is_entry(self, entry: Mapping[str, Any]) -> bool:
        """Whether a person entry (a mapping as written) is them: by handle, or by name when it has none."""
        github, name = entry.get("github"), entry.get("name")
        if github:
            return handle_key(str(github)) in self.handles
        return isinstance(name, str) and name_key(name) in self.names

    def is_named(self, text: str) -> bool:
        """Whether free text (a speaker, an organizer) is exactly one of their handles or names."""
        return handle_key(text) in self.handles or name_key(text) in self.names

    def in_text(self, text: str) -> bool:
        """Whether a line of any file still names them: a handle or a name as a whole word."""
        return bool(self._handle_words.search(text)) or bool(self._name_words.search(name_key(text)))

    @cached_property
    def _handle_words(self) -> re.Pattern[str]:
        return _words(self.handles, re.IGNORECASE)

    @cached_property
    def _name_words(self) -> re.Pattern[str]:
        return _words(self.names, 0)


def _words(phrases: Iterable[str], flags: int) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])" if alternatives else r"(?!)", flags)


def person_entries(data: Any, model: type[Fields]) -> Iterator[Mapping[str, Any]]:
    """Every person entry (a judge, member, author, mentor) in ``data``, front matter as written, at any depth."""
    if not isinstance(data, Mapping):
        return
    for name, info in model.model_fields.items():
        value = data.get(name)
        below = models_in(info.annotation)
        if PERSON_FIELDS.get(model, {}).get(name) is Holds.ENTRIES:
            yield from (e for e in (value if isinstance(value, list) else []) if isinstance(e, Mapping))
            continue
        for nested in below:
            if nested in PERSONS:
                continue
            for item in value if isinstance(value, list) else [value]:
                yield from person_entries(item, nested)
