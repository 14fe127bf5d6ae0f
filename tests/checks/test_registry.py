"""The rules package: every rule registered once, and no import hidden inside a function to dodge a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import jamkit.checks
from jamkit.checks.content import records as content
from jamkit.checks.pull_request import policy
from jamkit.checks.registry import POLICY_RULES, SUBMISSION_RULES

RULES = Path(jamkit.checks.__file__).parent


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


def test_no_import_inside_a_function_in_the_rules_package() -> None:
    assert imports_inside_functions(RULES) == []


def test_importing_the_package_registers_every_rule_once() -> None:
    assert content.site_is_known in SUBMISSION_RULES and policy.paths_allowed in POLICY_RULES
    assert len(set(SUBMISSION_RULES)) == len(SUBMISSION_RULES)
    assert len(set(POLICY_RULES)) == len(POLICY_RULES) == 16
