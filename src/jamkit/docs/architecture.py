"""``docs/architecture.md``: the layers of jamkit, what each module holds, and where new things go.

``LAYERS`` is the house plan: the tests check that every module sits in a layer
and imports only from its own layer or below. The page lists each module with
the first paragraph of its opening docstring, so it cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from jamkit.docs.imports import PACKAGE, SourceModule, source_modules
from jamkit.docs.page import cell, header

PATH = "docs/architecture.md"


@dataclass(frozen=True)
class Layer:
    """A floor of the house: modules that may import each other and anything below them."""

    name: str
    holds: str
    modules: tuple[str, ...]  # dotted names; a package covers every module under it


LAYERS: tuple[Layer, ...] = (
    Layer(
        "core",
        "The vocabulary every other module shares: the typed records and their fields, the rule codes, "
        "the verdict of a check, errors, and how values are worded for people. No reading or writing of files.",
        ("jamkit", "jamkit.core"),
    ),
    Layer(
        "infra",
        "Plumbing that knows nothing of content: content-addressed cache files, work spread over the cores, "
        "and CSV that no spreadsheet runs as formulas.",
        ("jamkit.infra",),
    ),
    Layer(
        "files",
        "From files to records: where each kind of file lives, YAML that remembers positions, validation, "
        "loading a repository into a `Catalog`, a change read from git objects, file types, editing in place.",
        ("jamkit.files",),
    ),
    Layer(
        "checks",
        "The rules: small functions over the catalog, and over a pull request's change, each reporting under "
        "a stable code; checking a set of files, its cache, and the fixes that leave no choice.",
        ("jamkit.checks",),
    ),
    Layer(
        "judging",
        "Judging: who reads what, where judging stands, the leniency-corrected ranking and the awards it "
        "proposes. These return values and never print.",
        ("jamkit.judging",),
    ),
    Layer(
        "figures",
        "The figures computed from a repository, defined once: impact, prize money, and outcomes.",
        ("jamkit.figures",),
    ),
    Layer(
        "upkeep",
        "Maintainers' changes to content: retracting a project, forgetting a person, scaffolding new files.",
        ("jamkit.upkeep",),
    ),
    Layer(
        "site",
        "Everything written for readers: the site's URLs, its pages, the open data and schemas, and the "
        "MkDocs plugin that builds them (the only package that knows MkDocs).",
        ("jamkit.site",),
    ),
    Layer(
        "github",
        "The GitHub side: the bot that reports `jam check --pr` on a pull request, and announced results "
        "(the only package that knows PyGithub).",
        ("jamkit.github",),
    ),
    Layer(
        "cli",
        "The `jam` command: one module per command, each a function that returns the exit code; `main` "
        "only parses arguments and dispatches; output for terminals and CI.",
        ("jamkit.cli",),
    ),
    Layer(
        "docs",
        "The generated pages of `docs/` (`python -m jamkit.docs`). They import everything; nothing at "
        "runtime imports them.",
        ("jamkit.docs",),
    ),
)

WHERE_THINGS_GO = [
    "**A rule.** Its code, with severity, summary and explanation, goes in the catalogue `jamkit.core.codes`, in "
    "numeric order ([Rule codes](rules.md) shows it); the check is a small function in `jamkit.checks.content` "
    "(a rule over records) or `jamkit.checks.pull_request.policy` (a rule over a change), registered in "
    "`jamkit.checks.registry` for the kind of record it reads. Its test goes in the mirror folder under `tests/`.",
    "**A command.** A module in `jamkit.cli.commands` with one function that returns the exit code; "
    "`jamkit.cli.main` only adds its arguments and dispatches to it. What the command computes belongs in the "
    "layers below (`checks`, `judging`, `figures`, `upkeep`), which return data and never print.",
    "**A page.** A page of the site: its URL in `jamkit.site.urls`, its content in `jamkit.site.pages`, its "
    "template in `src/jamkit/site/templates/`. An open-data file, feed or calendar: `jamkit.site.api`. A "
    "generated page of these docs: a module in `jamkit.docs` with `PATH` and `page()`, listed in "
    "`jamkit.docs.PAGES`.",
    "**A file kind.** One row of `jamkit.files.layout.KINDS` (path pattern, fields model, record); the fields "
    "model and record in `jamkit.core.model`, with a docstring and a `description` on every field (they become "
    "[File formats](format.md) and the JSON Schema); its rules in `jamkit.checks.content`.",
    "**A figure.** Defined once in `jamkit.figures`, read by `jam stats`, the Impact page and the open data alike.",
    "**Build machinery.** Anything that talks to MkDocs goes in `jamkit.site.build`, reached only through the "
    "plugin's public events.",
]


def covers(name: str, module: str) -> bool:
    """Whether a name of ``LAYERS`` holds a module: itself, and for a package every module under it.

    The root package only covers itself, or it would cover everything.
    """
    return module == name or (name != PACKAGE and module.startswith(f"{name}."))


def layer_of(module: str) -> int | None:
    """The index in ``LAYERS`` (0 at the bottom) of a dotted module name, or None if no layer holds it."""
    return next((i for i, layer in enumerate(LAYERS) if any(covers(n, module) for n in layer.modules)), None)


def summary(docstring: str) -> str:
    """The first paragraph of a docstring on one line, with Markdown code spans."""
    first = docstring.strip().split("\n\n", 1)[0]
    return " ".join(first.split()).replace("``", "`")


def page(modules: Mapping[str, SourceModule] | None = None) -> str:
    """The text of ``docs/architecture.md``."""
    modules = source_modules() if modules is None else modules
    out = [
        header("a module's opening docstring", "src/jamkit/docs/architecture.py"),
        "# Architecture",
        "",
        "jamkit reads plain files into typed, frozen records, checks them with small rules, and writes "
        "pages, open data and bot comments from them. Its modules stand in layers, from the vocabulary "
        "at the bottom to the commands and these docs at the top.",
        "",
        "## One direction of imports",
        "",
        "A module imports only from its own layer or below, never from a layer above. No modules import "
        "each other, directly or through others, and imports sit at the top of a module, never inside a "
        "function. The tests check all three on the source, and this page is generated from the same "
        "table of layers and from each module's opening docstring.",
        "",
        "## The layers, from bottom to top",
        "",
    ]
    for number, layer in enumerate(LAYERS, start=1):
        members = [name for name in sorted(modules) if layer_of(name) == number - 1]
        out += [f"### {number}. {layer.name}", "", layer.holds, "", "| module | holds |", "|---|---|"]
        out += [f"| `{name}` | {cell(summary(modules[name].docstring))} |" for name in members]
        out.append("")
    out += ["## Where new things go", "", *(f"- {item}" for item in WHERE_THINGS_GO), ""]
    return "\n".join(out).rstrip("\n") + "\n"
