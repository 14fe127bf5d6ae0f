"""Rules: small functions over the catalog, each reporting under a stable code.

A content rule (``content``) is registered for one kind of record and is called
once per loaded record of that kind, so a partial catalog (``jam check FILE``,
the pull-request check) is checked exactly as far as it was loaded. A policy
rule (``policy``) is called once per pull request. Rules are registered in
``registry``; importing this package imports every rule module, so ``check``
and ``check_policy`` always apply them all.
"""

from __future__ import annotations

from jamkit.diagnostics import Diagnostic
from jamkit.model import Catalog
from jamkit.rules import body, content, fellowship, judging, links, policy, safety
from jamkit.rules.pull_request import PullRequest
from jamkit.rules.registry import (
    ASSIGNMENT_RULES,
    COHORT_RULES,
    POLICY_RULES,
    PROFILE_RULES,
    PUBLICATION_RULES,
    REVIEW_RULES,
    SPRINT_RULES,
    SUBMISSION_RULES,
)

__all__ = ["body", "check", "check_policy", "content", "fellowship", "judging", "links", "policy", "safety"]


def check(catalog: Catalog) -> list[Diagnostic]:
    """Apply every content rule to every loaded record."""
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
    for assignments in catalog.assignments.values():
        for assignment in assignments:
            for assignment_check in ASSIGNMENT_RULES:
                found += assignment_check(assignment, catalog)
    for profile in catalog.profiles.values():
        for profile_check in PROFILE_RULES:
            found += profile_check(profile, catalog)
    for cohort in catalog.cohorts.values():
        for cohort_check in COHORT_RULES:
            found += cohort_check(cohort, catalog)
    return found


def check_policy(pr: PullRequest) -> list[Diagnostic]:
    """Apply every policy rule to the pull request."""
    found: list[Diagnostic] = []
    for rule in POLICY_RULES:
        found += rule(pr)
    return found
