"""The person taken out of one file's front matter, field by field, as ``PERSON_FIELDS`` lists them.

The walk goes down the model and the data as written side by side, so kept
fields stay exactly as they were. A person entry keeps its place (a team its
size, a paper its author order) as ``{name: Anonymous}`` plus the fields the
model keeps; a judge also gets a new id, ``anonymous-N``, which ``Ids``
remembers so that the sprint's reviews and assignments can follow it. A
free-text field that names the person is removed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jamkit.core.identity import ANONYMOUS
from jamkit.core.model import Fields
from jamkit.core.model.people import PERSON_FIELDS, PERSONS, Holds, models_in
from jamkit.upkeep.forget.who import Who


@dataclass
class Ids:
    """The new ids of forgotten judges (old id, lowercased, to new) and the ids already taken in the file."""

    renamed: dict[str, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def new(self, old: str) -> str:
        number = 1
        while f"anonymous-{number}" in self.taken:
            number += 1
        fresh = f"anonymous-{number}"
        self.taken.add(fresh)
        self.renamed[old.lower()] = fresh
        return fresh


def forget_in(data: Mapping[str, Any], model: type[Fields], who: Who, ids: Ids, tally: Counter[str]) -> dict[str, Any]:
    """``data`` without the person in any person field of ``model`` or below; ``tally`` counts what went, by field."""
    out = dict(data)
    holds = PERSON_FIELDS.get(model, {})
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        match holds.get(name):
            case Holds.ENTRIES if isinstance(value, list):
                person = next(m for m in models_in(info.annotation) if m in PERSONS)
                out[name] = _entries(value, person, who, ids, tally, name)
            case Holds.NAME if isinstance(value, str) and who.is_named(value):
                del out[name]
                tally[name] += 1
            case None:
                for nested in (m for m in models_in(info.annotation) if m not in PERSONS):
                    out[name] = _below(out[name], nested, who, ids, tally, name)
    return out


def _below(value: Any, model: type[Fields], who: Who, ids: Ids, tally: Counter[str], name: str) -> Any:
    """A nested mapping, or a list of them, walked in turn; what ``tally`` counts is named "field in parent"."""
    inner: Counter[str] = Counter()
    if isinstance(value, Mapping):
        value = forget_in(value, model, who, ids, inner)
    elif isinstance(value, list):
        value = [forget_in(v, model, who, ids, inner) if isinstance(v, Mapping) else v for v in value]
    tally.update({f"{key} in {name}": count for key, count in inner.items()})
    return value


def _entries(entries: list[Any], person: type[Fields], who: Who, ids: Ids, tally: Counter[str], name: str) -> list[Any]:
    rules = PERSONS[person]
    if rules.id:
        ids.taken |= {_key(e, person) for e in entries if isinstance(e, Mapping)}
    out: list[Any] = []
    for entry in entries:
        if not (isinstance(entry, Mapping) and who.is_entry(entry)):
            out.append(entry)
            continue
        tally[name] += 1
        fresh = {rules.id: ids.new(_key(entry, person))} if rules.id else {}
        out.append({"name": ANONYMOUS, **fresh, **{k: entry[k] for k in rules.kept if k in entry}})
    return out


def _key(entry: Mapping[str, Any], person: type[Fields]) -> str:
    """The id other files name this entry by: the model's own ``key`` (an id, or its default)."""
    validated: Any = person.model_validate(entry)  # a Person with an id has a ``key`` (tests/core/test_people.py)
    return str(validated.key)
