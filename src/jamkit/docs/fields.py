"""How the fields of a pydantic model read in the docs: a table of name, type, default and meaning.

A type is named for the people who write the files (``list of [judge](#judge)``,
``https URL``, ``integer ≥ 1``), not as Python spells it. The meaning is the
field's ``description`` in ``jamkit.core.model``, and a nested model's introduction
is its docstring, so the JSON Schema and ``docs/format.md`` say the same.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Iterator, Sequence
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from jamkit.core import model
from jamkit.core.diagnostics import heading_id
from jamkit.docs.page import cell

# Named types of jamkit.core.model, recognised by the identity of their validators.
ALIASES: list[tuple[Any, str]] = [
    (model.HttpsUrl, "https URL"),
    (model.GitHub, "GitHub handle"),
    (model.Slug, "slug"),
    (model.Ident, "id"),
    (model.ProjectRef, "`<sprint>/<project>`"),
    (model.Country, "country code (ISO 3166-1 alpha-2)"),
    (model.Orcid, "ORCID iD"),
    (model.Spdx, "SPDX licence id"),
    (model.Abstract, "text"),
    (model.DateTime, "date-time with offset"),
    (model.Deadline, "date-time with offset, or a date"),
    (model.Date, "date"),
    (model.Text, "text"),
]
PLAIN = {str: "text", int: "integer", float: "number", bool: "`true` or `false`"}


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def nested_models(top: type[BaseModel]) -> list[type[BaseModel]]:
    """The models used inside ``top``, in order of first appearance."""
    found: list[type[BaseModel]] = []

    def walk(current: type[BaseModel]) -> None:
        for info in current.model_fields.values():
            for inner in _models_in(info.annotation):
                if inner not in found and inner is not top:
                    found.append(inner)
                    walk(inner)

    walk(top)
    return found


def human_name(cls: type[BaseModel]) -> str:
    """``ScheduleItem`` -> ``Schedule item``."""
    words = re.findall(r"[A-Z][a-z]*", cls.__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def introduction(cls: type[BaseModel]) -> str:
    """What a model is, from its docstring (the JSON Schema shows the same text)."""
    return inspect.cleandoc(cls.__doc__ or "")


def _alias_name(metadata: Sequence[Any]) -> str | None:
    for alias, name in ALIASES:
        wanted = typing.get_args(alias)[1:]
        if wanted and all(any(m is w for m in metadata) for w in wanted):
            return name
    return None


def _constraints(metadata: Sequence[Any], noun: str) -> str:
    notes = []
    for item in metadata:
        for attr, sign in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if getattr(item, attr, None) is not None:
                notes.append(f"{sign} {getattr(item, attr)}")
        min_len = getattr(item, "min_length", None)
        if min_len and noun == "list":
            notes.append(f"at least {min_len}")
        if getattr(item, "pattern", None):
            notes.append(f"matching `{item.pattern}`")
    return ", ".join(notes)


def type_text(annotation: Any, metadata: Sequence[Any] = ()) -> str:
    """A reader's name for a type: ``list of [judge](#judge)``, ``https URL``, ``integer ≥ 1``."""
    named = _alias_name(metadata)
    if named:
        return named
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return type_text(args[0], args[1:])
    if origin in (typing.Union, types.UnionType):
        return " or ".join(type_text(a, metadata) for a in args if a is not type(None))
    if origin is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin is list:
        text = f"list of {type_text(args[0])}"
        extra = _constraints(metadata, "list")
        return f"{text} ({extra})" if extra else text
    if origin is dict:
        return f"mapping of {type_text(args[0])} to {type_text(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        title = human_name(annotation)
        return f"[{title.lower()}](#{heading_id(title)})"
    text = PLAIN.get(annotation, getattr(annotation, "__name__", str(annotation)))
    extra = _constraints(metadata, "value")
    return f"{text} {extra}" if extra else text


def _plain(value: Any) -> Any:
    """Whole floats as integers, so defaults read ``{min: 1, max: 5}``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def default_text(info: FieldInfo) -> str:
    """The default as YAML, or nothing for required fields and absent values."""
    if info.is_required():
        return ""
    value = info.default_factory() if info.default_factory else info.default  # type: ignore[call-arg]
    if value is None or value is PydanticUndefined:
        return ""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    text = yaml.safe_dump(_plain(value), default_flow_style=True, sort_keys=False, width=10_000).strip()
    return f"`{text.removesuffix('...').strip()}`"


def field_table(cls: type[BaseModel]) -> list[str]:
    """The lines of the Markdown table of ``cls``'s fields."""
    lines = ["| field | required | type | default | meaning |", "|---|---|---|---|---|"]
    for name, info in cls.model_fields.items():
        required = "yes" if info.is_required() else ""
        row = [
            f"`{name}`",
            required,
            type_text(info.annotation, info.metadata),
            default_text(info),
            info.description or "",
        ]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return lines
