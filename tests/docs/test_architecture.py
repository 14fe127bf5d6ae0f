"""The house plan holds: no import cycles, one direction of imports through the layers, no late imports.

The import graph is read from the source with ``ast`` (``jamkit.docs.imports``),
counting imports inside functions too, and compared with ``LAYERS``, the table
``docs/architecture.md`` is generated from.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jamkit.docs import architecture
from jamkit.docs.architecture import LAYERS, covers, layer_of
from jamkit.docs.imports import SourceModule, cycles, import_graph, source_modules

MODULES = source_modules()
GRAPH = import_graph(MODULES)


def where(module: SourceModule, target: str) -> str:
    lines = sorted({i.line for i in module.imports if i.target == target})
    return f"{module.name} -> {target} (line {', '.join(map(str, lines))})"


def test_the_graph_is_read_from_every_module() -> None:
    assert {"jamkit", "jamkit.core.model", "jamkit.checks.pull_request.policy", "jamkit.docs.__main__"} <= set(MODULES)
    assert "jamkit.core.model" in GRAPH["jamkit.core.diagnostics"]
    assert "jamkit.core.diagnostics" in GRAPH["jamkit.checks.content.records"]


def test_no_import_cycles() -> None:
    found = cycles(GRAPH)
    assert not found, "modules that import each other: " + "; ".join(" <-> ".join(group) for group in found)


def test_nothing_at_runtime_imports_the_docs() -> None:
    runtime = [m for name, m in MODULES.items() if not covers("jamkit.docs", name)]
    wrong = [where(m, t) for m in runtime for t in sorted(GRAPH[m.name]) if covers("jamkit.docs", t)]
    assert not wrong, f"the docs generator sits at the top; nothing may import it: {wrong}"


def test_no_jamkit_module_is_imported_inside_a_function() -> None:
    late = [f"{i.importer} -> {i.target} (line {i.line})" for m in MODULES.values() for i in m.imports if i.in_function]
    assert not late, "move these imports to the top of their module:\n" + "\n".join(late)


def test_every_module_is_in_a_layer() -> None:
    homeless = [name for name in MODULES if layer_of(name) is None]
    assert not homeless, f"add these to LAYERS in src/jamkit/docs/architecture.py: {homeless}"


def test_every_name_of_the_layers_exists() -> None:
    named = [name for layer in LAYERS for name in layer.modules]
    assert len(named) == len(set(named)), "a module is named in two layers"
    missing = [n for n in named if not any(covers(n, module) for module in MODULES)]
    assert not missing, f"LAYERS names modules that do not exist: {missing}"


def test_modules_import_only_from_their_own_layer_or_below() -> None:
    upward = [
        f"{where(MODULES[name], target)}: {LAYERS[layer_of(name)].name} imports {LAYERS[layer_of(target)].name}"
        for name, targets in GRAPH.items()
        for target in sorted(targets)
        if layer_of(name) is not None and layer_of(target) is not None and layer_of(target) > layer_of(name)
    ]
    assert not upward, "imports that go up a layer:\n" + "\n".join(upward)


def test_every_module_opens_with_a_docstring() -> None:
    bare = [name for name, module in MODULES.items() if not module.docstring.strip()]
    assert not bare, f"say what these modules hold in an opening docstring: {bare}"


def test_the_architecture_page_lists_each_module_in_its_layer() -> None:
    text = architecture.page()
    for number, layer in enumerate(LAYERS, start=1):
        section = text.split(f"### {number}. {layer.name}\n", 1)[1].split("\n### ", 1)[0]
        for name in MODULES:
            assert (f"| `{name}` |" in section) == (layer_of(name) == number - 1), (name, layer.name)
    assert "| `jamkit.docs.imports` | jamkit's own modules and the imports between them" in text


# --------------------------------------------------------------------------- the graph itself


def write_package(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_imports_inside_functions_and_relative_imports_count(tmp_path: Path) -> None:
    root = write_package(
        tmp_path / "pkg",
        {
            "__init__.py": '"""Top."""\n',
            "low.py": '"""Low."""\nimport json\n',
            "sub/__init__.py": '"""Sub."""\nfrom . import leaf\n',
            "sub/leaf.py": '"""Leaf."""\nfrom ..low import thing\nfrom pkg import low as again\n',
            "high.py": '"""High."""\nimport pkg.sub.leaf\n\ndef late():\n    from pkg.low import x\n',
        },
    )
    modules = source_modules(root, "pkg")
    assert set(modules) == {"pkg", "pkg.low", "pkg.sub", "pkg.sub.leaf", "pkg.high"}
    assert modules["pkg.sub.leaf"].docstring == "Leaf."
    graph = import_graph(modules)
    assert graph["pkg.sub"] == {"pkg.sub.leaf"}
    assert graph["pkg.sub.leaf"] == {"pkg.low"}
    assert graph["pkg.high"] == {"pkg.sub.leaf", "pkg.low"}
    assert [(i.target, i.in_function) for i in modules["pkg.high"].imports] == [
        ("pkg.sub.leaf", False),
        ("pkg.low", True),
    ]
    assert cycles(graph) == []


@pytest.mark.parametrize(
    ("late_import", "expected"),
    [
        ("\ndef f():\n    from pkg import a\n", [["pkg.a", "pkg.b"]]),
        ("\ndef f():\n    import pkg.c\n", [["pkg.a", "pkg.b", "pkg.c"]]),
    ],
)
def test_a_cycle_hidden_in_a_function_is_found(tmp_path: Path, late_import: str, expected: list[list[str]]) -> None:
    root = write_package(
        tmp_path / "pkg",
        {
            "__init__.py": "",
            "a.py": "from pkg.b import thing\n",
            "b.py": "import pkg.c\n" + late_import,
            "c.py": "from pkg import a\n" if "pkg.c" in late_import else "",
        },
    )
    assert cycles(import_graph(source_modules(root, "pkg"))) == expected


def test_each_folder_of_the_package_is_one_layer() -> None:
    """The tree is the floor plan: every folder under ``src/jamkit`` is a layer, and a layer is a folder."""
    package = Path(MODULES["jamkit"].path).parent
    folders = {f"jamkit.{p.name}" for p in package.iterdir() if (p / "__init__.py").is_file()}
    named = {name for layer in LAYERS for name in layer.modules if name != "jamkit"}
    assert named == folders, (
        f"folders without a layer: {sorted(folders - named)}; layers without a folder: {sorted(named - folders)}"
    )
    loose = sorted(p.name for p in package.glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= 3, f"modules loose at the package root belong in a layer's folder: {loose}"


def test_no_test_module_imports_another() -> None:
    """What tests share lives in ``tests/helpers``: a test module imported by another runs its tests' setup twice."""
    tests = Path(__file__).resolve().parents[1]
    wrong = [
        f"{path.relative_to(tests)}:{number}"
        for path in tests.rglob("*.py")
        if "node_modules" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.startswith(("from tests.", "import tests.")) and ".test_" in line.split(" import ")[0]
    ]
    assert not wrong, f"move what these import into tests/helpers: {wrong}"
