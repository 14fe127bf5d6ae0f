"""Contact details and hazard keywords (issue 8): what is refused, what is not, and where it points."""

from __future__ import annotations

import pytest

from jamkit.checks.content.safety import contact_details, hazard_matches
from tests.helpers import SPRINT, SUBMISSION

P = "submissions/demo-sprint/probing.md"


@pytest.mark.parametrize(
    "text",
    [
        "write to bea.builder+jam@uni.example.ac.uk",
        "BEA@EXAMPLE.ORG",
        "call +44 20 7946 0958 after six",
        "phone: (020) 7946-0958",
        "WhatsApp 07700 900123",
    ],
)
def test_addresses_and_numbers_are_found(text: str) -> None:
    assert contact_details(text)


@pytest.mark.parametrize(
    "text",
    [
        "@bea on GitHub",
        "doi 10.48550/arXiv.2401.00001 and arXiv 2401.00001",
        "between 2025-01-17 and 2025-01-19, 10 000 000 tokens, a 1,000,000-parameter model",
        "https://example.org/a@b is a path",
        "orcid 0000-0002-1825-0097",
    ],
)
def test_handles_ids_dates_and_numbers_are_not_contact_details(text: str) -> None:
    assert contact_details(text) == []


def test_a_front_matter_field_with_an_address_is_refused_at_its_line(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("name: Bea Builder", "name: Bea (bea@example.org)"))
    checked = jam_check(demo_repo)
    found = checked.one("JAM115")
    assert (found["line"], found["message"]) == (4, "'members.0.name' holds an e-mail address")
    assert "github" in found["fix"] and "orcid" in found["fix"]


def test_hazard_keywords_warn_without_failing_and_only_when_the_sprint_sets_them(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", "title: Pathogen Enhancement at Home"))
    assert jam_check(demo_repo).diagnostics == []
    demo_repo.write(
        "sprints/demo-sprint.md", SPRINT.replace("team_size:", "hazard_keywords: [pathogen enhancement]\nteam_size:")
    )
    checked = jam_check(demo_repo)
    found = checked.one("JAM116")
    assert (checked.exit_code, found["severity"], found["line"]) == (0, "warning", 2)
    assert "docs/policies.md" in found["fix"]
    assert hazard_matches(["gain of function"], "regain of functional") == []
