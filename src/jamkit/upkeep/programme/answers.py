"""What a programme is made with: its name, organisation, repository and language, each checked as typed.

The same checks serve ``jam init``'s flags, its prompts and the answers file
copier keeps in the programme (``.copier-answers.yml``), which ``jam upgrade``
reads back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from jamkit.core import i18n
from jamkit.core.errors import UsageError
from jamkit.core.i18n import N_, _

ANSWERS_FILE = ".copier-answers.yml"
SOURCE = "jamkit-sprints"  # what the answers file names as the template: the package that carries it
REPO_RE = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][A-Za-z]{1,3})?$")  # Material's codes: en, pt-BR, zh-Hant
FLAGS = {"name": "--name", "organisation": "--organisation", "repo": "--repo", "language": "--language"}


class ProgrammeError(UsageError):
    """A programme cannot be made or upgraded as asked; the message says why and what to do instead."""


def _text(label: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        if not value.strip():
            return f"the {label} cannot be empty"
        if len(value) > 120 or "\n" in value:
            return f"the {label} is one line of at most 120 characters"
        return None

    return check


def _repo(value: str) -> str | None:
    if not REPO_RE.match(value) or value.endswith((".git", "/.", "/..")):
        return f"{value!r} is not OWNER/NAME, e.g. my-org/research-sprints"
    return None


def theme_languages() -> frozenset[str]:
    """The codes the theme has words for (``theme.language``): another one stops every build."""
    folder = resources.files("material") / "templates" / "partials" / "languages"
    return frozenset(entry.name.removesuffix(".html") for entry in folder.iterdir() if entry.name.endswith(".html"))


def _language(value: str) -> str | None:
    if not LANGUAGE_RE.match(value):
        return f"{value!r} is not a language code such as en or pt-BR"
    if value not in theme_languages():
        near = sorted(code for code in theme_languages() if code.split("-")[0] == value.split("-")[0])
        return f"the site has no words in {value!r}" + (f"; did you mean {' or '.join(near)}?" if near else "")
    return None


# The navigation of a new programme's mkdocs.yml, in its language (the site's own pages use the same words).
NAV_LABELS = {
    "home": N_("Home"),
    "sprints": N_("Sprints"),
    "winners": N_("Winners"),
    "publications": N_("Publications"),
    "people": N_("People"),
    "impact": N_("Impact"),
    "fellowship": N_("Fellowship"),
    "sites": N_("Local sites"),
    "take_part": N_("Take part"),
    "submit": N_("How to submit"),
    "judging": N_("How judging works"),
    "policies": N_("Policies"),
    "run": N_("Run a sprint"),
    "maintainers": N_("Maintainers' guide"),
}

CHECKS: Mapping[str, Callable[[str], str | None]] = {
    "name": _text("name"),
    "organisation": _text("organisation"),
    "repo": _repo,
    "language": _language,
}


@dataclass(frozen=True)
class Answers:
    """The four answers the template needs; ``data`` is what copier is given."""

    name: str
    organisation: str
    repo: str
    language: str = "en"

    def data(self) -> dict[str, Any]:
        """The answers, and the words the template writes for them in the programme's language."""
        with i18n.speaking(self.language):
            said = {"organisation": self.organisation}
            words = {
                "description": _("Research sprints run by %(organisation)s: their projects, winners and publications.")
                % said,
                "tagline": _(
                    "Research sprints run by %(organisation)s: teams work on open problems over a weekend, then "
                    "publish what they find in the open."
                )
                % said,
                "introduction": _(
                    "Anyone can take part: pick a sprint, form a team, and submit your project as a pull request. "
                    "Judges read every project; the best win prizes."
                ),
            }
            labels = {key: _(label) for key, label in NAV_LABELS.items()}  # the navigation's tabs and sections
        answers = {"name": self.name, "organisation": self.organisation, "repo": self.repo, "language": self.language}
        return {**answers, **words, "labels": labels}


def problem_with(key: str, value: str) -> str | None:
    """The problem with one answer, in plain words, or None when it is good."""
    return CHECKS[key](value)


def default_name(folder: Path) -> str:
    """``research-sprints`` -> ``Research Sprints``: the name when none is given."""
    words = re.split(r"[-_\s]+", folder.resolve().name)
    return " ".join(word[:1].upper() + word[1:] for word in words if word) or "Research Sprints"


def answers_from(values: Mapping[str, Any], folder: Path) -> Answers:
    """The answers from flags (missing ones take their defaults); every bad or missing one named at once."""
    repo = (values.get("repo") or "").strip()
    filled = {
        "name": (values.get("name") or "").strip() or default_name(folder),
        "repo": repo,
        "organisation": (values.get("organisation") or "").strip() or repo.partition("/")[0],
        "language": (values.get("language") or "").strip() or "en",
    }
    problems = []
    if not repo:
        problems.append("missing --repo OWNER/NAME (the repository on GitHub the programme will live in)")
    problems += [
        f"{FLAGS[key]}: {problem}" for key, value in filled.items() if value and (problem := problem_with(key, value))
    ]
    if problems:
        raise ProgrammeError("; ".join(problems))
    return Answers(**filled)


def read_answers(root: Path) -> dict[str, Any]:
    """The answers file of a programme made by ``jam init``, or a refusal saying it is not one."""
    path = root / ANSWERS_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProgrammeError(
            f"{root} has no {ANSWERS_FILE}: it was not made by jam init, so jam upgrade cannot tell which files "
            "jamkit owns; make a programme with jam init DIR and move your content into it"
        ) from None
    except (OSError, yaml.YAMLError) as err:
        raise ProgrammeError(f"{path}: cannot be read ({' '.join(str(err).split())}); restore it from git") from None
    if not isinstance(data, dict) or not str(data.get("_commit", "")).startswith("v"):
        raise ProgrammeError(
            f"{path}: has no _commit: v<version> line; restore it from git (git checkout -- {ANSWERS_FILE})"
        )
    return data
