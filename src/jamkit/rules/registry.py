"""Where rules are registered: one list per kind of record, and one for the pull-request policy.

A rule module decorates each rule (``@submission_rule``, ``@policy_rule``...)
and the lists here collect them; ``jamkit.rules`` imports every rule module, so
whoever applies the lists sees every rule. Nothing here imports a rule module,
so rule modules can import their decorator from here without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from jamkit.diagnostics import Diagnostic
from jamkit.model import Assignment, Catalog, Publication, Review, Sprint, Submission
from jamkit.rules.pull_request import PullRequest

R = TypeVar("R", Sprint, Submission, Publication, Review, Assignment)
Rule = Callable[[R, Catalog], Iterable[Diagnostic]]
PolicyRule = Callable[[PullRequest], Iterable[Diagnostic]]

SPRINT_RULES: list[Rule[Sprint]] = []
SUBMISSION_RULES: list[Rule[Submission]] = []
PUBLICATION_RULES: list[Rule[Publication]] = []
REVIEW_RULES: list[Rule[Review]] = []
ASSIGNMENT_RULES: list[Rule[Assignment]] = []
POLICY_RULES: list[PolicyRule] = []


def sprint_rule(rule: Rule[Sprint]) -> Rule[Sprint]:
    SPRINT_RULES.append(rule)
    return rule


def submission_rule(rule: Rule[Submission]) -> Rule[Submission]:
    SUBMISSION_RULES.append(rule)
    return rule


def publication_rule(rule: Rule[Publication]) -> Rule[Publication]:
    PUBLICATION_RULES.append(rule)
    return rule


def review_rule(rule: Rule[Review]) -> Rule[Review]:
    REVIEW_RULES.append(rule)
    return rule


def assignment_rule(rule: Rule[Assignment]) -> Rule[Assignment]:
    ASSIGNMENT_RULES.append(rule)
    return rule


def policy_rule(rule: PolicyRule) -> PolicyRule:
    POLICY_RULES.append(rule)
    return rule
