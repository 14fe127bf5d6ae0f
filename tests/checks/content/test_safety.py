"""Contact details and hazard keywords (issue 8): what is refused and where it points (what counts: test_contacts)."""

from __future__ import annotations

from jamkit.checks.content.safety import hazard_matches
from tests.helpers import SPRINT, SUBMISSION

P = "submissions/demo-sprint/probing.md"


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
