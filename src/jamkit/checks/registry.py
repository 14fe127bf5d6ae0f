"""Where rules are registered: one list per kind of record, and one for the pull-request policy.

A rule module decorates each rule (``@submission_rule``, ``@policy_rule``...)
and the lists here collect them; ``jamkit.checks`` imports every rule module, so
whoever applies the lists sees every rule. Nothing here imports a rule module,
so rule modules can import their decorator from here without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from jamkit.checks.pull_request.request import PullRequest
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import (
    Assignment,
    Catalog,
    Cohort,
    FinalRanking,
    LocalSite,
    Profile,
    Publication,
    Review,
    Sprint,
    Submission,
)

R = TypeVar("R", Sprint, Submission, Publication, Review, Assignment, FinalRanking, Profile, Cohort, LocalSite)
Rule = Callable[[R, Catalog], Iterable[Diagnostic]]
PolicyRule = Callable[[PullRequest], Iterable[Diagnostic]]

SPRINT_RULES: list[Rule[Sprint]] = []
SUBMISSION_RULES: list[Rule[Submission]] = []
PUBLICATION_RULES: list[Rule[Publication]] = []
REVIEW_RULES: list[Rule[Review]] = []
ASSIGNMENT_RULES: list[Rule[Assignment]] = []
FINALS_RULES: list[Rule[FinalRanking]] = []
POLICY_RULES: list[PolicyRule] = []
PROFILE_RULES: list[Rule[Profile]] = []
COHORT_RULES: list[Rule[Cohort]] = []
SITE_RULES: list[Rule[LocalSite]] = []


T = TypeVar("T")


def _collected_in(rules: list[T]) -> Callable[[T], T]:
    """A decorator that adds a rule to ``rules`` and returns it unchanged."""

    def register(rule: T) -> T:
        rules.append(rule)
        return rule

    return register


sprint_rule = _collected_in(SPRINT_RULES)
submission_rule = _collected_in(SUBMISSION_RULES)
publication_rule = _collected_in(PUBLICATION_RULES)
review_rule = _collected_in(REVIEW_RULES)
assignment_rule = _collected_in(ASSIGNMENT_RULES)
finals_rule = _collected_in(FINALS_RULES)
policy_rule = _collected_in(POLICY_RULES)
profile_rule = _collected_in(PROFILE_RULES)
cohort_rule = _collected_in(COHORT_RULES)
site_rule = _collected_in(SITE_RULES)
