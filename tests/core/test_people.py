"""Every field that could hold a person is either a person field or listed, with its reason, as not a person."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from jamkit.core.model import Fields
from jamkit.core.model.people import NOT_PEOPLE, PERSON_FIELDS, PERSONS, WHOLE_FILE, Holds, models_in
from jamkit.files.layout import KINDS


def every_model() -> Iterator[type[Fields]]:
    """Every front-matter model, from the file kinds and from ``Fields`` itself (one no kind uses yet too)."""
    seen: set[type[Fields]] = set()
    stack: list[type[Fields]] = [kind.fields for kind in KINDS] + list(Fields.__subclasses__())
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        yield model
        stack += model.__subclasses__()
        stack += [m for f in model.model_fields.values() for m in models_in(f.annotation)]


def could_hold_a_person(annotation: Any) -> bool:
    """Text, a list of text, or a model with a ``name`` or ``github``, anywhere in the type."""
    if annotation is str:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return bool({"name", "github"} & set(annotation.model_fields))
    if typing.get_origin(annotation) is typing.Literal:
        return False
    return any(could_hold_a_person(arg) for arg in typing.get_args(annotation))


def undecided(models: list[type[BaseModel]]) -> list[str]:
    found = []
    for model in models:
        if model in PERSONS or model in WHOLE_FILE:
            continue
        decided = set(PERSON_FIELDS.get(model, {})) | set(NOT_PEOPLE.get(model, {}))
        for name, info in model.model_fields.items():
            if could_hold_a_person(info.annotation) and name not in decided:
                found.append(f"{model.__name__}.{name}")
    return found


def test_every_field_that_could_hold_a_person_is_decided() -> None:
    missing = undecided(list(every_model()))
    assert not missing, (
        f"{missing}: add each to PERSON_FIELDS (so `jam forget` removes the person) or to NOT_PEOPLE with the "
        "reason, in jamkit/core/model/people.py"
    )


def test_a_new_field_that_could_hold_a_person_fails_the_check() -> None:
    class Talk(BaseModel):  # not a Fields: the models stay out of every other test's walk
        chair: str | None = Field(None)
        hosts: list[str] = Field([])
        minutes: int = Field(0)

    class Panel(BaseModel):
        guests: list[Talk] = Field([])  # a model with no name: its own fields are what count
        helpers: list[dict[str, str]] = Field([])

    assert undecided([Talk, Panel]) == ["Talk.chair", "Talk.hosts", "Panel.helpers"]


def test_the_lists_name_real_fields_and_agree() -> None:
    models = set(every_model())
    for listed in (PERSON_FIELDS, NOT_PEOPLE):
        for model, names in listed.items():
            assert model in models and set(names) <= set(model.model_fields), (model, names)
    for model, names in PERSON_FIELDS.items():
        assert not set(names) & set(NOT_PEOPLE.get(model, {})), model
        for name, holds in names.items():
            persons = [m for m in models_in(model.model_fields[name].annotation) if m in PERSONS]
            assert bool(persons) == (holds is Holds.ENTRIES), f"{model.__name__}.{name}"
    for model, person in PERSONS.items():
        assert {"name", "github"} <= set(model.model_fields)
        assert set(person.kept) <= set(model.model_fields) and "name" not in person.kept
        assert person.id is None or isinstance(getattr(model, "key", None), property)


def test_every_list_of_persons_is_a_person_field() -> None:
    """A model holding judges, members or mentors under a new field would keep them: the list must say so."""
    for model in every_model():
        for name, info in model.model_fields.items():
            if any(m in PERSONS for m in models_in(info.annotation)):
                assert PERSON_FIELDS.get(model, {}).get(name) is Holds.ENTRIES, f"{model.__name__}.{name}"
