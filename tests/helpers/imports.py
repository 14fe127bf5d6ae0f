"""Where a package imports inside a function: the tests that hold a layer to top-level imports share it."""

from __future__ import annotations

import ast
from pathlib import Path


def imports_inside_functions(folder: Path) -> list[str]:
    """``file:line`` of every import statement inside a function body, in every module of ``folder``."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found += [
                    f"{path.name}:{inner.lineno}"
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Import | ast.ImportFrom)
                ]
    return found
