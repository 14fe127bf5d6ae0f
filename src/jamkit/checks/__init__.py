"""Rules: small functions over the catalog, each reporting under a stable code.

A content rule (``content``) is registered for one kind of record and is called
once per loaded record of that kind, so a partial catalog (``jam check FILE``,
the pull-request check) is checked exactly as far as it was loaded. A policy
rule (``policy``) is called once per pull request. Rules are registered in
``registry``; importing this package imports every rule module, so ``check``
and ``check_policy`` always apply them all.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain
from typing import Any

from jamkit.checks.content import bodies, fellowship, judging, links, records, safety, sites
from jamkit.checks.pull_request import policy, publishable
from jamkit.checks.pull_request.request import PullRequest
from jamkit.checks.registry import (
    ASSIGNMENT_RULES,
    COHORT_RULES,
    FINALS_RULES,
    POLICY_RULES,
    PROFILE_RULES,
    PUBLICATION_RULES,
    REVIEW_RULES,
    SITE_RULES,
    SPRINT_RULES,
    SUBMISSION_RULES,
)
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Catalog
from jamkit.infra.parallel import map_forked

__all__ = [
    "bodies",
    "check",
    "check_policy",
    "fellowship",
    "judging",
    "links",
    "policy",
    "publishable",
    "records",
    "safety",
    "sites",
]


PARALLEL_FROM = 1_000  # records: below this, rules run faster here than a forked copy starts


def check(catalog: Catalog, processes: int | None = 1) -> list[Diagnostic]:
    """Apply every content rule to every loaded record: each kind of record with its own list of rules.

    ``processes``: how many cores share the records (``None``: all of them;
    ``jamkit.infra.parallel`` forks, so only a caller without threads asks for more than one).
    """
    kinds: list[tuple[Iterable[Any], tuple[Any, ...]]] = [
        (catalog.sprints.values(), tuple(SPRINT_RULES)),
        (catalog.submissions.values(), tuple(SUBMISSION_RULES)),
        (catalog.publications.values(), tuple(PUBLICATION_RULES)),
        (chain.from_iterable(catalog.reviews.values()), tuple(REVIEW_RULES)),
        (chain.from_iterable(catalog.assignments.values()), tuple(ASSIGNMENT_RULES)),
        (chain.from_iterable(catalog.finals.values()), tuple(FINALS_RULES)),
        (catalog.profiles.values(), tuple(PROFILE_RULES)),
        (catalog.cohorts.values(), tuple(COHORT_RULES)),
        (catalog.sites.values(), tuple(SITE_RULES)),
    ]
    work = [(record, rules) for records, rules in kinds for record in records]

    def apply(item: tuple[Any, tuple[Any, ...]]) -> list[Diagnostic]:
        record, rules = item
        return [found for rule in rules for found in rule(record, catalog)]

    return [found for part in map_forked(apply, work, processes, PARALLEL_FROM) for found in part]


def check_policy(pr: PullRequest) -> list[Diagnostic]:
    """Apply every policy rule to the pull request."""
    found: list[Diagnostic] = []
    for rule in POLICY_RULES:
        found += rule(pr)
    return found
