"""Reference documentation generated from the code, so that it cannot drift from it.

``docs/format.md`` is built from the pydantic models (every field, its type,
default and meaning), ``docs/rules.md`` from the registry of rule codes, and
``docs/api.md`` from the open-data output of the format's examples.
``python -m jamkit.reference`` rewrites them; ``--check`` exits 1 when the
committed files are out of date, and the test suite runs that check.

The human meaning of each field lives in ``MEANINGS`` below (or in the field's
``description`` in ``jamkit.model``); a test fails when a field has neither.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import pkgutil
import re
import sys
import tempfile
import types
import typing
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from jamkit import model
from jamkit.model import (
    ABSTRACT_MAX_WORDS,
    SLUG_MAX,
    SLUG_MIN,
    PublicationFields,
    ReviewFields,
    SprintFields,
    SubmissionFields,
)

FORMAT_MD = "docs/format.md"
RULES_MD = "docs/rules.md"
API_MD = "docs/api.md"
BOT_MD = "docs/bot.md"
HEADER = (
    "<!-- Generated from the code by `python -m jamkit.reference`: do not edit by hand. "
    "Change src/jamkit/model.py, src/jamkit/diagnostics.py or src/jamkit/reference.py, then run it. -->\n"
)

# --------------------------------------------------------------------------- meanings

MODEL_MEANINGS: dict[str, str] = {
    "Partner": "An organisation that runs or supports the sprint. Write just its name, or a mapping.",
    "TeamSize": "How many members a team may have.",
    "Scale": "The range of the scores judges give for each criterion.",
    "Prize": "A prize for one place.",
    "Criterion": "Something the judges score each project on.",
    "Judge": "Someone who reviews projects. Reviews name a judge by `id`.",
    "Site": "A place where teams meet, in person or online. Projects name their site by `id`.",
    "ScheduleItem": "A talk, session or deadline during the sprint; each becomes an event in `/calendar.ics`.",
    "Resource": "Reading or material that helps teams get started.",
    "Award": "A winning project. Maintainers write awards with `jam award SPRINT --write`.",
    "Member": "A member of the team.",
    "Link": "Another link shown on the project page.",
    "Retraction": "Why and when a project was retracted. The project page keeps only a notice.",
    "Lab": "For projects taken into the fellowship.",
    "Author": "An author of the publication.",
}

MEANINGS: dict[tuple[str, str], str] = {
    # sprint
    ("SprintFields", "title"): "The sprint's name, e.g. `Interpretability Research Sprint`",
    ("SprintFields", "starts"): "When the sprint starts",
    ("SprintFields", "tagline"): "One line shown under the title and in listings",
    ("SprintFields", "topics"): "Research topics, e.g. `[interpretability, evals]`",
    ("SprintFields", "format"): "Whether teams meet online, in person, or both",
    ("SprintFields", "partners"): "Organisations that run or support the sprint",
    ("SprintFields", "team_size"): "The smallest and largest team allowed",
    ("SprintFields", "prizes"): "Prizes by place",
    ("SprintFields", "criteria"): "What the judges score; scores use `scale`",
    ("SprintFields", "scale"): "The range of the judges' scores",
    ("SprintFields", "judges"): "The judges",
    ("SprintFields", "sites"): "Where teams meet; a project names its site",
    ("SprintFields", "schedule"): "Talks and sessions, published in `/calendar.ics`",
    ("SprintFields", "resources"): "Reading and material for teams",
    ("SprintFields", "registration"): "Where to sign up",
    ("SprintFields", "signups"): "How many people signed up, reported by maintainers for the impact figures",
    ("SprintFields", "awards"): "The winners",
    ("Partner", "name"): "The organisation's name",
    ("Partner", "url"): "Its website",
    ("TeamSize", "min"): "Fewest members",
    ("TeamSize", "max"): "Most members",
    ("Scale", "min"): "Lowest score",
    ("Scale", "max"): "Highest score",
    ("Prize", "place"): "The place this prize is for",
    ("Prize", "amount"): "How much",
    ("Prize", "currency"): "The currency of `amount`",
    ("Criterion", "id"): "The key that reviews use in `scores`",
    ("Criterion", "name"): "The criterion as readers see it",
    ("Criterion", "description"): "What judges look for",
    ("Criterion", "weight"): "Its weight in the ranking that `jam award` proposes",
    ("Judge", "id"): "The id reviews use to name this judge",
    ("Judge", "name"): "Full name",
    ("Judge", "affiliation"): "Organisation",
    ("Judge", "github"): "GitHub handle, without `@`",
    ("Site", "id"): "The id projects use in `site`",
    ("Site", "name"): "The site's name, e.g. `London hub`",
    ("Site", "city"): "City",
    ("Site", "country"): "Country",
    ("Site", "online"): "Whether this is an online site",
    ("Site", "organizer"): "Who runs this site",
    ("Site", "url"): "A page about this site",
    ("ScheduleItem", "at"): "When it starts",
    ("ScheduleItem", "title"): "What it is",
    ("ScheduleItem", "speaker"): "Who speaks",
    ("ScheduleItem", "url"): "Where to join or watch",
    ("Resource", "title"): "Its title",
    ("Resource", "url"): "Where it is",
    ("Resource", "kind"): "What kind of resource it is",
    ("Award", "place"): "The place, 1 for first",
    ("Award", "project"): "The winning project's slug, in this sprint",
    ("Award", "prize"): "The prize as shown, e.g. `1,000 USD`",
    # submission
    ("SubmissionFields", "title"): "The project's title",
    ("SubmissionFields", "members"): "The team; at least one member has `github`",
    ("SubmissionFields", "abstract"): f"Plain text, at most {ABSTRACT_MAX_WORDS} words",
    ("SubmissionFields", "team"): "The team's name",
    ("SubmissionFields", "code"): "The project's code",
    ("SubmissionFields", "video"): "A video about the project",
    ("SubmissionFields", "links"): "Other links, e.g. slides or a demo",
    ("SubmissionFields", "tags"): "Keywords",
    ("SubmissionFields", "site"): "The `id` of the sprint site the team worked from",
    ("SubmissionFields", "license"): "The licence of the report and write-up",
    ("SubmissionFields", "status"): (
        "Maintainers only. `retracted` keeps only a notice page; `embargoed` hides the project "
        "until `embargo_until` (or for good if there is no date)"
    ),
    ("SubmissionFields", "retraction"): "Maintainers only: why and when it was retracted; written by `jam retract`",
    ("SubmissionFields", "embargo_until"): "Maintainers only: the day an embargoed project becomes public",
    ("SubmissionFields", "lab"): "Maintainers only: for projects taken into the fellowship",
    ("Member", "name"): "Full name",
    ("Member", "github"): "GitHub handle, without `@`; links to the person's page",
    ("Member", "affiliation"): "University or organisation",
    ("Member", "orcid"): "ORCID iD, e.g. `0000-0002-1825-0097`",
    ("Link", "title"): "The link's text",
    ("Link", "url"): "Where it points",
    ("Retraction", "date"): "The day of the retraction",
    ("Retraction", "reason"): "Why, shown on the notice page",
    ("Lab", "status"): "Where the project stands in the fellowship, e.g. `active`",
    ("Lab", "cohort"): "The fellowship cohort, e.g. `2026-spring`",
    # publication
    ("PublicationFields", "title"): "The publication's title",
    ("PublicationFields", "authors"): "The authors, in order",
    ("PublicationFields", "venue"): "Where it appeared, e.g. a conference, workshop, journal or blog",
    ("PublicationFields", "year"): "The year it appeared",
    ("PublicationFields", "url"): "Where to read it",
    ("PublicationFields", "doi"): "Its DOI, e.g. `10.1234/abcd.5678`",
    ("PublicationFields", "arxiv"): 'Its arXiv id, e.g. `"2604.01234"` (quote it, or YAML reads a number)',
    ("PublicationFields", "kind"): "What kind of publication it is",
    ("PublicationFields", "projects"): "The sprint projects it grew out of",
    ("Author", "name"): "Full name",
    ("Author", "github"): "GitHub handle, without `@`; links to the person's page",
    # reviews
    ("ReviewFields", "judge"): "The `id` of one of the sprint's judges",
    ("ReviewFields", "project"): "The slug of a project of the sprint",
    ("ReviewFields", "scores"): "A score for each criterion `id`, within the sprint's `scale`",
    ("ReviewFields", "comment"): "Feedback, shown on the project page once the sprint has awards",
}

# Named types of jamkit.model, recognised by the identity of their validators.
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


def meaning(owner: type[BaseModel], name: str) -> str:
    """A field's meaning: ``MEANINGS``, then the model's own ``description``."""
    info = owner.model_fields[name]
    parts = [p for p in (MEANINGS.get((owner.__name__, name)), info.description) if p]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") or not text else ".")


# --------------------------------------------------------------------------- models


FILE_KINDS: list[tuple[str, str, type[BaseModel]]] = [
    ("Sprint", "sprints/<sprint>.md", SprintFields),
    ("Submission", "submissions/<sprint>/<project>.md", SubmissionFields),
    ("Publication", "publications/<slug>.md", PublicationFields),
    ("Review", "sprints/<sprint>/reviews.yaml", ReviewFields),
]


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


def all_models() -> list[type[BaseModel]]:
    """Every model documented in format.md: each file kind, then its nested objects."""
    result: list[type[BaseModel]] = []
    for _, _, top in FILE_KINDS:
        for found in [top, *nested_models(top)]:
            if found not in result:
                result.append(found)
    return result


def human_name(cls: type[BaseModel]) -> str:
    """``ScheduleItem`` -> ``Schedule item``."""
    words = re.findall(r"[A-Z][a-z]*", cls.__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])])


def anchor(title: str) -> str:
    """The id Python-Markdown's ``toc`` gives a heading (its default slugify)."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


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
    """A reader's name for a type: ``list of [Judge](#judge)``, ``https URL``, ``integer ≥ 1``."""
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
        return f"[{title.lower()}](#{anchor(title)})"
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


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_table(cls: type[BaseModel]) -> list[str]:
    lines = ["| field | required | type | default | meaning |", "|---|---|---|---|---|"]
    for name, info in cls.model_fields.items():
        required = "yes" if info.is_required() else ""
        row = [f"`{name}`", required, type_text(info.annotation, info.metadata), default_text(info), meaning(cls, name)]
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return lines


# --------------------------------------------------------------------------- examples

EXAMPLE_SPRINT = """\
---
title: Interpretability Research Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
tagline: Find out what a small language model knows, and how it knows it.
topics: [interpretability, evals]
format: hybrid
partners:
  - Example Lab
  - {name: Example Institute, url: https://example.org}
team_size: {min: 1, max: 4}
prizes:
  - {place: 1, amount: 1000}
  - {place: 2, amount: 500, currency: EUR}
criteria:
  - {id: impact, name: AI safety impact, description: "Does the result matter for safety?", weight: 2}
  - {id: quality, name: Quality and reproducibility}
scale: {min: 1, max: 5}
judges:
  - {name: Ada Lovelace, affiliation: Example Institute, github: ada-example}
sites:
  - {id: online, name: Online, online: true}
  - id: london
    name: London hub
    city: London
    country: GB
    organizer: Example Lab
    url: https://example.org/london
schedule:
  - {at: 2026-03-13T17:00:00+00:00, title: Opening keynote, speaker: Ada Lovelace, url: https://example.org/live}
resources:
  - {title: Transformer circuits, url: https://example.org/circuits, kind: paper}
registration: https://example.org/register
signups: 120
awards:
  - {place: 1, project: probing-deception, prize: "1,000 USD"}
---
The sprint's description in Markdown: the challenge, the rules, how to take part.
"""

EXAMPLE_SUBMISSION = """\
---
title: Probing a Small Model for Deception
team: The Probers
members:
  - name: Bea Builder
    github: bea-example
    affiliation: Example University
    orcid: 0000-0002-1825-0097
  - name: Cy Coder
abstract: >-
  We train linear probes on the activations of a small language model and find a
  direction that separates honest from deceptive answers.
report: report.pdf
code: https://github.com/example/probing-deception
video: https://example.org/video
links:
  - {title: Slides, url: https://example.org/slides}
tags: [probing, deception]
site: london
license: CC-BY-4.0
---
The longer write-up in Markdown: method, results, limitations.
"""

EXAMPLE_PUBLICATION = """\
---
title: Linear Probes Find Deception in Small Models
authors:
  - {name: Bea Builder, github: bea-example}
  - {name: Ada Lovelace}
venue: Example Workshop on Interpretability
year: 2026
url: https://example.org/paper
doi: 10.1234/example.5678
arxiv: "2604.01234"
kind: workshop
projects: [interp-2026/probing-deception]
---
The abstract of the paper, in Markdown.
"""

EXAMPLE_REVIEWS = """\
- judge: ada-example
  project: probing-deception
  scores: {impact: 4, quality: 5}
  comment: A clear method. Try a larger model next.
"""

# path -> text: a small repository in which every example is valid (a test checks it).
EXAMPLES: dict[str, str] = {
    "sprints/interp-2026.md": EXAMPLE_SPRINT,
    "submissions/interp-2026/probing-deception.md": EXAMPLE_SUBMISSION,
    "publications/deception-probes.md": EXAMPLE_PUBLICATION,
    "sprints/interp-2026/reviews.yaml": EXAMPLE_REVIEWS,
}
EXAMPLE_OF = dict(zip([kind for kind, _, _ in FILE_KINDS], EXAMPLES, strict=True))

# A minimal PDF so that the example repository's report exists.
EXAMPLE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def write_examples(root: Path) -> None:
    """Write the example repository (with the report PDF) under ``root``."""
    for path, text in EXAMPLES.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    pdf = root / "submissions/interp-2026/probing-deception/report.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(EXAMPLE_PDF)


# --------------------------------------------------------------------------- format.md

LAYOUT = """\
```text
sprints/<sprint>.md                  one sprint: front matter + description
sprints/<sprint>/                    optional: images, reviews.yaml (judges' reviews)
submissions/<sprint>/<project>.md    one project: front matter + write-up
submissions/<sprint>/<project>/      optional: its report PDF and images
publications/<slug>.md               one paper, preprint or post that grew out of sprint projects
```"""

KIND_INTROS = {
    "Sprint": "One file per sprint. The body is the sprint's description in Markdown. A sprint's status "
    "is derived from time, never stored: `upcoming` before `starts`, `live` until `ends`, `judging` "
    "until it has `awards`, then `finished`.",
    "Submission": "One file per project, in the folder of its sprint. The body is the longer write-up in "
    "Markdown. Fields marked *maintainers only* are set by maintainers; a pull request from a team "
    "that changes them is refused.",
    "Publication": "One file per paper, preprint or post that grew out of sprint projects. The body is "
    "its abstract in Markdown.",
    "Review": "`reviews.yaml` is a list of reviews, one per judge and project. Comments are shown on "
    "project pages once the sprint has awards.",
}


def format_md() -> str:
    """The text of ``docs/format.md``."""
    out = [
        HEADER,
        "# File formats",
        "",
        "A jamkit repository is plain files: Markdown with YAML front matter for sprints, projects and "
        "publications, and a YAML list for judges' reviews. `jam check` validates them with the rules "
        "in [Rule codes](rules.md). Unknown fields are errors, so a typo never goes unnoticed. Editors "
        "can validate as you type with the JSON Schemas at `/schema/sprint.json`, "
        "`/schema/submission.json`, `/schema/publication.json` and `/schema/reviews.json`.",
        "",
        "## Layout",
        "",
        LAYOUT,
        "",
        "## Slugs",
        "",
        "Slugs (`<sprint>`, `<project>`, `<slug>`) are taken from the file name, never from front matter. "
        f"A slug is {SLUG_MIN} to {SLUG_MAX} characters: lowercase letters and digits, in words joined by "
        f"single hyphens (`{model.SLUG_RE.pattern}`), e.g. `interp-2026` or `probing-deception`. "
        "Ids (of criteria, judges and sites) follow the same rule but may also use `_`.",
        "",
        "Dates and times are ISO 8601. A date-time carries its UTC offset, e.g. "
        "`2026-03-13T17:00:00+00:00`. A sprint's `ends` may be a bare date, meaning 23:59:59 "
        "Anywhere on Earth (UTC-12) that day.",
        "",
    ]
    for kind, path, top in FILE_KINDS:
        out += [f"## {kind}: `{path}`", "", KIND_INTROS[kind], "", *field_table(top), ""]
        for inner in nested_models(top):
            out += [f"### {human_name(inner)}", "", MODEL_MEANINGS[inner.__name__], "", *field_table(inner), ""]
        example_path = EXAMPLE_OF[kind]
        fence = "yaml" if example_path.endswith(".yaml") else "markdown"
        out += [f"### Example: `{example_path}`", "", f"```{fence}", EXAMPLES[example_path].rstrip("\n"), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- rules.md


def register_all_codes() -> None:
    """Import every module that may register rule codes, so none is missed."""
    importlib.import_module("jamkit.diagnostics")
    rules = importlib.import_module("jamkit.rules")
    for info in pkgutil.iter_modules(rules.__path__, "jamkit.rules."):
        importlib.import_module(info.name)


BROKEN_SPRINT = """\
---
title: Demo Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
tagline: A sprint with two mistakes.
judges:
  - {name: Ada Lovelace, github: "@ada-example"}
prize: []
---
"""


def sample_output() -> str:
    """Real ``jam check`` text output for a file with mistakes, so the example cannot go stale."""
    from jamkit.formats import as_text
    from jamkit.load import load_catalog
    from jamkit.rules import check

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sprints").mkdir()
        (root / "sprints/demo-sprint.md").write_text(BROKEN_SPRINT, encoding="utf-8")
        catalog, found = load_catalog(root)
        found += check(catalog)
        return as_text(sorted(found), len(catalog.present))


def rules_md() -> str:
    """The text of ``docs/rules.md``."""
    from jamkit.diagnostics import CODES, GROUPS

    register_all_codes()
    groups = dict(GROUPS)
    for found in CODES.values():
        groups.setdefault(found.group, found.group.capitalize())
    out = [
        HEADER,
        "# Rule codes",
        "",
        "`jam check` (and the pull-request check in CI) reports each problem with a stable code, "
        "the file, and the line and column of the offending key. Codes never change meaning, so you "
        "can search for them. In text form a problem reads `path:line:col: CODE message`, followed "
        "by a suggested fix. For example, this sprint file:",
        "",
        "```markdown",
        BROKEN_SPRINT.rstrip("\n"),
        "```",
        "",
        "gives:",
        "",
        "```text",
        "$ jam check sprints/demo-sprint.md",
        sample_output(),
        "```",
        "",
        "`--format github` prints the same problems as GitHub annotations, and `--format json` as JSON. "
        "`jam` exits with 0 when the content is clean, 1 when it has errors, and 2 when the command "
        "was used wrongly.",
        "",
        "| code | summary |",
        "|---|---|",
    ]
    ordered = sorted(CODES.values(), key=lambda c: (list(groups).index(c.group), c.code))
    out += [f"| [{c.code}](#{anchor(c.code + ' ' + c.summary)}) | {cell(c.summary)} |" for c in ordered]
    out.append("")
    for group, title in groups.items():
        members = [c for c in ordered if c.group == group]
        if not members:
            continue
        out += [f"## {title}", ""]
        for found in members:
            out += [f"### {found.code} {found.summary}", "", found.explanation, ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- api.md

FROM_FRONT_MATTER = "As in the front matter"
API_KEYS: dict[str, dict[str, str]] = {
    "envelope": {
        "version": "`1`. Keys may be added; a key is renamed or dropped only with a new version",
        "generated": "When the site was built (UTC)",
    },
    "sprints": {
        "slug": "The sprint's slug",
        "url": "Its page, relative to the site root",
        "title": FROM_FRONT_MATTER,
        "tagline": FROM_FRONT_MATTER,
        "status": "`upcoming`, `live`, `judging` or `finished`, at build time",
        "starts": "ISO 8601 date-time with offset",
        "ends": "The submission deadline, ISO 8601 date-time with offset (a bare date becomes 23:59:59-12:00)",
        "topics": FROM_FRONT_MATTER,
        "format": FROM_FRONT_MATTER,
        "partners": "List of `{name, url}`",
        "team_size": "`{min, max}`, defaults filled in",
        "prizes": "List of `{place, amount, currency}`",
        "criteria": "List of `{id, name, description, weight}`",
        "scale": "`{min, max}`, defaults filled in",
        "judges": "List of `{id, name, affiliation, github}`; `id` always filled in",
        "sites": "List of `{id, name, city, country, online, organizer, url}`",
        "schedule": "List of `{at, title, speaker, url}`, in time order",
        "resources": "List of `{title, url, kind}`",
        "registration": FROM_FRONT_MATTER,
        "signups": FROM_FRONT_MATTER,
        "projects": "How many of its projects are public or retracted",
        "awards": "List of `{place, project, url, prize}`; `project` is `<sprint>/<project>`",
        "example": "`true` for demonstration content",
    },
    "projects": {
        "ref": "`<sprint>/<project>`",
        "sprint": "The sprint's slug",
        "slug": "The project's slug",
        "url": "Its page, relative to the site root",
        "title": FROM_FRONT_MATTER,
        "status": "`published` or `retracted`",
        "team": FROM_FRONT_MATTER,
        "members": "List of `{name, github, affiliation, orcid, url}`; `url` is the person's page",
        "award": "`{place, prize}`, or `null`",
        "example": "`true` for demonstration content",
        "retraction": "Retracted projects only: `{date, reason}`",
        "abstract": "Published projects only: plain text",
        "report": "Published projects only: the PDF beside the project page, or an https URL",
        "code": "Published projects only",
        "video": "Published projects only",
        "links": "Published projects only: list of `{title, url}`",
        "tags": "Published projects only",
        "site": "Published projects only: a site `id` of the sprint",
        "license": "Published projects only: SPDX id",
        "lab": "Published projects only: `{status, cohort}`, or `null`",
        "publications": "Published projects only: slugs of the publications that grew out of it",
    },
    "publications": {
        "slug": "The publication's slug",
        "title": FROM_FRONT_MATTER,
        "authors": "List of `{name, github, url}`; `url` is the person's page",
        "venue": FROM_FRONT_MATTER,
        "year": FROM_FRONT_MATTER,
        "kind": "`paper`, `workshop`, `preprint` or `post`",
        "url": "Where to read it",
        "doi": FROM_FRONT_MATTER,
        "arxiv": FROM_FRONT_MATTER,
        "abstract": "The file's body: Markdown source",
        "projects": "List of `{ref, url}` of the public or retracted projects it grew out of",
        "example": "`true` for demonstration content",
    },
}
API_EXAMPLE_NOW = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def example_outputs() -> dict[str, str]:
    """The machine-readable files built from the example repository."""
    from jamkit.api import outputs
    from jamkit.load import load_catalog

    with tempfile.TemporaryDirectory() as folder:
        write_examples(Path(folder))
        catalog, _ = load_catalog(folder)
        return outputs(catalog, API_EXAMPLE_NOW)


def api_md() -> str:
    """The text of ``docs/api.md``."""
    files = example_outputs()
    out = [
        HEADER,
        "# Open data",
        "",
        "The site publishes its content for other programs. Readers of the data see what readers of "
        "the site see: embargoed projects are absent, and retracted projects keep only their title, "
        "members, award and the retraction notice. Links are relative to the site root.",
        "",
        "| URL | what |",
        "|---|---|",
        "| `/api/sprints.json` | every sprint, newest first |",
        "| `/api/projects.json` | every public or retracted project, by `<sprint>/<project>` |",
        "| `/api/publications.json` | every publication, newest year first |",
        "| `/schema/sprint.json`, `/schema/submission.json`, `/schema/publication.json`, `/schema/reviews.json` "
        "| JSON Schema (draft 2020-12) of the files described in [File formats](format.md) |",
        "| `/feed.xml` | Atom feed of sprints (dated at their start) and winning projects (dated at the deadline) |",
        "| `/calendar.ics` | iCalendar: one event per sprint, from `starts` to `ends`, and one per schedule item |",
        "",
        "Each JSON file is an object with these keys, and a list under the name of the file:",
        "",
        "| key | meaning |",
        "|---|---|",
        *(f"| `{key}` | {cell(text)}. |" for key, text in API_KEYS["envelope"].items()),
        "",
    ]
    for kind in ("sprints", "projects", "publications"):
        out += [f"## `/api/{kind}.json`", "", "| key | meaning |", "|---|---|"]
        out += [f"| `{key}` | {cell(text)}. |" for key, text in API_KEYS[kind].items()]
        example = files[f"api/{kind}.json"].rstrip("\n")
        out += ["", "Built from the examples in [File formats](format.md):", "", "```json", example, "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------- entry point


BROKEN_SUBMISSION = """\
---
title: Probing for Deception
members:
  - {name: Bea Builder, github: "@bea-example"}
abstract: We probe a small model for deceptive behaviour.
report: report.pdf
code: http://example.org/probing
---
"""

EXAMPLE_SPRINT = """\
---
title: Demo Sprint
starts: 2026-03-13T17:00:00+00:00
ends: 2026-03-15
---
"""


def bot_comments() -> tuple[str, str]:
    """The bot's comments (needs changes, then ready) for a real ``jam check`` of a broken, then fixed, file."""
    from jamkit.formats import as_json
    from jamkit.github.report import Context, render_comment
    from jamkit.load import load_catalog
    from jamkit.rules import check
    from jamkit.verdict import from_json as parse_verdict

    ctx = Context(repo="example-org/sprints", head_sha="0123456789abcdef0123456789abcdef01234567")
    change = {"projects": ["demo-sprint/probing"], "sprints": ["demo-sprint"], "late": False, "protected": False}
    comments = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sprints").mkdir()
        (root / "sprints/demo-sprint.md").write_text(EXAMPLE_SPRINT, encoding="utf-8")
        project = root / "submissions/demo-sprint/probing.md"
        project.parent.mkdir(parents=True)
        (project.parent / "probing").mkdir()
        (project.parent / "probing/report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        fixed = BROKEN_SUBMISSION.replace('"@bea-example"', "bea-example").replace("http:", "https:")
        for text in (BROKEN_SUBMISSION, fixed):
            project.write_text(text, encoding="utf-8")
            catalog, found = load_catalog(root, ["submissions/demo-sprint/probing.md"])
            found += [d for d in check(catalog) if d.path == "submissions/demo-sprint/probing.md"]
            document = json.loads(as_json(sorted(found), 1))
            document["change"] = change
            comments.append(render_comment(parse_verdict(json.dumps(document)), ctx))
    return comments[0], comments[1]


def _quoted(markdown: str) -> str:
    """A comment shown as GitHub shows it, inside a quote block on the docs page."""
    return "\n".join(f"> {line}".rstrip() for line in markdown.splitlines() if not line.startswith("<!--"))


def bot_md() -> str:
    needs_changes, ready = bot_comments()
    return "\n".join(
        [
            "# What the bot says",
            "",
            "<!-- Generated by `python -m jamkit.reference` from the bot's own renderer; do not edit. -->",
            "",
            "Every pull request gets one comment from the repository's bot, written by the",
            "trusted copy of `jam` on the main branch and **edited in place** on each push.",
            "These are real comments for a submission whose first push had two mistakes",
            "(a GitHub handle written with `@`, and a plain `http:` link), and whose second push fixed them.",
            "The same problems also appear as annotations on the lines of the **Files changed** tab.",
            "",
            "## First push: some changes needed",
            "",
            "Labels: `submission`, `sprint:demo-sprint`, `needs-changes`. Status `jam/verified`: failure.",
            "",
            _quoted(needs_changes),
            "",
            "## After the fix: ready for review",
            "",
            "Labels: `submission`, `sprint:demo-sprint`, `ready`. Status `jam/verified`: success.",
            "",
            _quoted(ready),
            "",
            "See [how to submit](submit.md) for the whole flow and [the rules](rules.md) for every code.",
            "",
        ]
    )


def generated() -> dict[str, str]:
    """Repository path -> the text it should hold."""
    return {FORMAT_MD: format_md(), RULES_MD: rules_md(), API_MD: api_md(), BOT_MD: bot_md()}


def stale(root: Path) -> list[str]:
    """The generated files under ``root`` whose text differs from the code's."""
    result = []
    for path, text in generated().items():
        target = root / path
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            result.append(path)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jamkit.reference",
        description="Generate docs/format.md, docs/rules.md, docs/api.md and docs/bot.md from the code.",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the files are out of date; write nothing")
    parser.add_argument("--root", default=".", help="repository root (default: the current folder)")
    args = parser.parse_args(argv)
    root = Path(args.root)
    if args.check:
        out_of_date = stale(root)
        for path in out_of_date:
            print(f"{path} is out of date: run `python -m jamkit.reference`", file=sys.stderr)
        return 1 if out_of_date else 0
    for path, text in generated().items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
