"""The repository's labels the bot sets: listed, created with their colour and description, set up once.

``jam github setup`` creates them all before a sprint (``plan_labels`` then
``apply_labels``), so no run of the bot spends a request on them; a run whose
label request GitHub refuses because one is missing still creates it then
(``create_labels``). A label GitHub made by itself when the bot set it (grey,
no description) is given its colour and description by the setup; one a
maintainer coloured differently is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jamkit.github.client import BotError, Client
from jamkit.github.report import LABELS, label_spec, sprint_label

GITHUB_DEFAULT_COLOR = "ededed"  # what GitHub gives a label it creates because a request set it


@dataclass(frozen=True)
class LabelChange:
    """One label to create, or to give its colour and description."""

    name: str
    action: str  # create | update
    color: str
    description: str

    @property
    def what(self) -> str:
        verb = "create" if self.action == "create" else "colour"
        return f"{verb} {self.name}  #{self.color}  {self.description}"


def bot_label_names(sprints: Iterable[str]) -> list[str]:
    """The labels the bot may set: its own, and one per sprint (``sprint:<slug>``)."""
    return sorted(LABELS) + sorted({sprint_label(slug) for slug in sprints})


def repo_labels(client: Client, repo: str) -> dict[str, dict[str, Any]]:
    """The repository's labels by lowercase name."""
    found = client.pages("listing the repository's labels", f"/repos/{repo}/labels?per_page=100")
    return {str(label.get("name", "")).lower(): label for label in found if isinstance(label, dict)}


def plan_labels(names: Iterable[str], existing: Mapping[str, Mapping[str, Any]]) -> list[LabelChange]:
    """What is missing (create) or still as GitHub made it (update); empty when all is in place."""
    changes = []
    for name in names:
        spec = label_spec(name)
        there = existing.get(name.lower())
        if there is None:
            changes.append(LabelChange(name, "create", spec.color, spec.description))
        elif str(there.get("color", "")).lower() == GITHUB_DEFAULT_COLOR and not there.get("description"):
            changes.append(LabelChange(str(there.get("name") or name), "update", spec.color, spec.description))
    return changes


def apply_labels(client: Client, repo: str, changes: Iterable[LabelChange]) -> tuple[list[LabelChange], str]:
    """Make the changes in order; returns those made and, if GitHub refused one, why (else "")."""
    done: list[LabelChange] = []
    for change in changes:
        body = {"color": change.color, "description": change.description}
        try:
            if change.action == "create":
                client.rest(
                    f"creating label {change.name}", "POST", f"/repos/{repo}/labels", {"name": change.name, **body}
                )
            else:
                path = f"/repos/{repo}/labels/{quote(change.name, safe='')}"
                client.rest(f"colouring label {change.name}", "PATCH", path, body)
        except BotError as err:
            if "already_exists" not in str(err):  # made meanwhile by a run of the bot: fine
                return done, str(err)
        done.append(change)
    return done, ""


def create_labels(client: Client, repo: str, names: list[str], existing: Mapping[str, object]) -> list[str]:
    """Create the labels of ``names`` not in ``existing`` (lowercase), with colour and description; returns them.

    A label another run created meanwhile (``already_exists``) is fine.
    """
    created = []
    for name in names:
        if name.lower() in existing:
            continue
        wanted = label_spec(name)
        body = {"name": name, "color": wanted.color, "description": wanted.description}
        try:
            client.rest(f"creating label {name}", "POST", f"/repos/{repo}/labels", body)
            created.append(name)
        except BotError as err:
            if "already_exists" not in str(err):
                raise
    return created
