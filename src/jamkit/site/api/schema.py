"""JSON Schema of the front matter, exported from the pydantic models.

Editors (e.g. the YAML language server) and other tools validate files against
``/schema/<kind>.json``; exporting from the same models ``jam check`` uses keeps
the two from disagreeing. The schema cannot express every rule (cross-file
references, the PDF check, the 300-word limit), so ``jam check`` stays the judge.
Every property carries the meaning ``docs/format.md`` shows, for editors' hover
help: pydantic takes it from the field's ``description`` and each object's from
its model's docstring.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from jamkit.core.model import (
    CohortFields,
    ProfileFields,
    PublicationFields,
    ReviewFields,
    SprintFields,
    SubmissionFields,
)
from jamkit.site.urls import Links

DIALECT = "https://json-schema.org/draft/2020-12/schema"

# name -> (model, title, description); the file is schema/<name>.json.
SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "sprint": (SprintFields, "Sprint", "Front matter of sprints/<sprint>.md in a jamkit repository."),
    "submission": (
        SubmissionFields,
        "Submission",
        "Front matter of submissions/<sprint>/<project>.md in a jamkit repository.",
    ),
    "publication": (PublicationFields, "Publication", "Front matter of publications/<slug>.md in a jamkit repository."),
    "profile": (ProfileFields, "Profile", "Front matter of people/<github>.md in a jamkit repository."),
    "cohort": (CohortFields, "Fellowship cohort", "Front matter of lab/<cohort>.md in a jamkit repository."),
}


def _accept_bare_names(schema: dict[str, Any]) -> None:
    """A partner may be written as just its name: the model accepts it before validation."""
    defs = schema.get("$defs", {})
    if "Partner" in defs:
        defs["Partner"] = {"anyOf": [{"type": "string", "minLength": 1}, defs["Partner"]]}


def front_matter_schema(name: str, link: Links | None = None) -> dict[str, Any]:
    """The JSON Schema of one file kind, with ``$schema``, ``$id`` and a title."""
    link = link or Links()
    model, title, description = SCHEMAS[name]
    body = copy.deepcopy(model.model_json_schema())
    _accept_bare_names(body)
    body.pop("title", None)
    body.pop("description", None)
    # $id: absolute under a site URL; otherwise the bare file name, which resolves to itself.
    ident = link(f"schema/{name}.json") if link.absolute else f"{name}.json"
    return {"$schema": DIALECT, "$id": ident, "title": title, "description": description, **body}


def reviews_schema(link: Links | None = None) -> dict[str, Any]:
    """``sprints/<sprint>/reviews.yaml`` is a list of reviews."""
    link = link or Links()
    item = copy.deepcopy(ReviewFields.model_json_schema())
    item.pop("title", None)
    defs = item.pop("$defs", {})
    ident = link("schema/reviews.json") if link.absolute else "reviews.json"
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": ident,
        "title": "Reviews",
        "description": "sprints/<sprint>/reviews.yaml in a jamkit repository: judges' reviews of projects.",
        "type": "array",
        "items": item,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def all_schemas(link: Links | None = None) -> dict[str, dict[str, Any]]:
    """Site path -> schema, for every published schema."""
    found = {f"schema/{name}.json": front_matter_schema(name, link) for name in SCHEMAS}
    found["schema/reviews.json"] = reviews_schema(link)
    return found
