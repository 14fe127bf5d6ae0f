"""Retraction as the model sees the project: its visibility and its award come from the records, not re-derived."""

from __future__ import annotations

from jamkit.upkeep.retract import retract
from tests.helpers import SPRINT, SUBMISSION, Repo

P = "submissions/demo-sprint/probing.md"


def test_an_ended_embargo_no_longer_hides_the_project(demo_repo: Repo) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: london\nstatus: embargoed\nembargo_until: 2025-02-01"))
    done = retract(demo_repo.root, "demo-sprint/probing", "Withdrawn.")
    assert done.edit is not None and not done.already
    assert not done.was_hidden  # Submission.visibility: the embargo ended, so readers saw it


def test_a_running_embargo_hides_the_project(demo_repo: Repo) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: london\nstatus: embargoed\nembargo_until: 2999-01-01"))
    assert retract(demo_repo.root, "demo-sprint/probing", "Withdrawn.").was_hidden


def test_the_award_is_the_catalogs(demo_repo: Repo) -> None:
    assert retract(demo_repo.root, "demo-sprint/probing", "Withdrawn.").award is None
    demo_repo.write(
        "sprints/demo-sprint.md", SPRINT.replace("judges:", "awards:\n  - {place: 2, project: probing}\njudges:")
    )
    done = retract(demo_repo.root, "demo-sprint/probing", "Withdrawn again.")
    assert done.already and done.award is not None and done.award.place == 2
    assert done.attachments == ("submissions/demo-sprint/probing/report.pdf",)
