"""Rules: small functions over the catalog, each reporting under a stable code.

A rule is registered for one kind of record and is called once per loaded
record of that kind, so a partial catalog (``jam check FILE``, the pull-request
check) is checked exactly as far as it was loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from jamkit.diagnostics import Diagnostic
from jamkit.model import Catalog, Publication, Review, Sprint, Submission

R = TypeVar("R", Sprint, Submission, Publication, Review)
Rule = Callable[[R, Catalog], Iterable[Diagnostic]]

SPRINT_RULES: list[Rule[Sprint]] = []
SUBMISSION_RULES: list[Rule[Submission]] = []
PUBLICATION_RULES: list[Rule[Publication]] = []
REVIEW_RULES: list[Rule[Review]] = []


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


def check(catalog: Catalog) -> list[Diagnostic]:
    """Apply every content rule to every loaded record."""
    from jamkit.rules import content  # noqa: F401  (registers the rules)

    found: list[Diagnostic] = []
    for sprint in catalog.sprints.values():
        for sprint_check in SPRINT_RULES:
            found += sprint_check(sprint, catalog)
    for submission in catalog.submissions.values():
        for submission_check in SUBMISSION_RULES:
            found += submission_check(submission, catalog)
    for publication in catalog.publications.values():
        for publication_check in PUBLICATION_RULES:
            found += publication_check(publication, catalog)
    for reviews in catalog.reviews.values():
        for review in reviews:
            for review_check in REVIEW_RULES:
                found += review_check(review, catalog)
    return found
