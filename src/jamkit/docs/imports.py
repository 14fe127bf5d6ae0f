"""jamkit's own modules and the imports between them, read from the source with ``ast``.

Every import counts, including those inside functions: they run too, and a late
import is how a cycle hides. The architecture page lists the modules from here,
and the tests check the graph: no cycles, and imports only from a module's own
layer or below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import jamkit

PACKAGE = "jamkit"
SOURCE = Path(jamkit.__file__).parent


@dataclass(frozen=True)
class Import:
    """One import of a jamkit module by another."""

    importer: str
    target: str
    line: int
    in_function: bool


@dataclass(frozen=True)
class SourceModule:
    """A module of the package as its source file shows it."""

    name: str
    path: Path
    docstring: str
    imports: tuple[Import, ...]


def module_name(path: Path, root: Path, package: str) -> str:
    """``<root>/checks/registry.py`` -> ``jamkit.checks.registry``; a package's ``__init__.py`` is the package."""
    parts = [package, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _resolve(name: str, known: frozenset[str]) -> str | None:
    """The longest known module that ``name`` is or lies in (``jamkit.checks.check`` -> ``jamkit.checks``)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return None


def _base(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The absolute module a ``from ... import`` reads from, relative imports included."""
    if not node.level:
        return node.module or ""
    parts = importer.split(".")
    anchor = parts if is_package else parts[:-1]
    anchor = anchor[: len(anchor) - (node.level - 1)]
    return ".".join([*anchor, *([node.module] if node.module else [])])


def _imports(tree: ast.Module, importer: str, is_package: bool, known: frozenset[str]) -> Iterator[Import]:
    def visit(node: ast.AST, in_function: bool) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                target = _resolve(alias.name, known)
                if target:
                    yield Import(importer, target, node.lineno, in_function)
        elif isinstance(node, ast.ImportFrom):
            base = _base(node, importer, is_package)
            for alias in node.names:
                target = _resolve(f"{base}.{alias.name}", known)
                if target:
                    yield Import(importer, target, node.lineno, in_function)
        inside = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for child in ast.iter_child_nodes(node):
            yield from visit(child, inside)

    yield from visit(tree, False)


def source_modules(root: Path = SOURCE, package: str = PACKAGE) -> dict[str, SourceModule]:
    """Dotted name -> module, for every ``.py`` file under ``root`` (the package's folder)."""
    paths = {module_name(path, root, package): path for path in sorted(root.rglob("*.py"))}
    known = frozenset(paths)
    found = {}
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imports = tuple(dict.fromkeys(_imports(tree, name, path.name == "__init__.py", known)))  # one per line
        found[name] = SourceModule(name, path, ast.get_docstring(tree) or "", imports)
    return found


def import_graph(modules: Mapping[str, SourceModule]) -> dict[str, set[str]]:
    """Module -> the modules it imports (itself excluded: a package naming its own attributes)."""
    return {name: {i.target for i in module.imports if i.target != name} for name, module in modules.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another, directly or through others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)
