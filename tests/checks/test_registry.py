"""The rules package: every rule registered once, and no import hidden inside a function to dodge a cycle."""

from __future__ import annotations

from pathlib import Path

import jamkit.checks
from jamkit.checks.content import records as content
from jamkit.checks.pull_request import policy
from jamkit.checks.registry import POLICY_RULES, SUBMISSION_RULES
from tests.helpers.imports import imports_inside_functions

RULES = Path(jamkit.checks.__file__).parent


def test_no_import_inside_a_function_in_the_rules_package() -> None:
    assert imports_inside_functions(RULES) == []


def test_importing_the_package_registers_every_rule_once() -> None:
    assert content.site_is_known in SUBMISSION_RULES and policy.paths_allowed in POLICY_RULES
    assert len(set(SUBMISSION_RULES)) == len(SUBMISSION_RULES)
    assert len(set(POLICY_RULES)) == len(POLICY_RULES) == 25
