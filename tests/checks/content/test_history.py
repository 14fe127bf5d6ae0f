"""Conflicts of interest from the repository's history: earlier teams, co-authors and mentoring, with their source."""

from __future__ import annotations

from tests.helpers import PDF, SPRINT, SUBMISSION, Repo

R = "sprints/demo-sprint/reviews.yaml"
A = "sprints/demo-sprint/assignments.yaml"
REVIEW = "- judge: ada-judge\n  project: probing\n  scores: {impact: 4, quality: 5}\n"
OLD = "submissions/old-sprint/earlier.md"


def earlier_sprint(repo: Repo, ends: str = "2023-06-04", judge: str = "    github: ada-judge\n", lab: str = "") -> None:
    """An earlier sprint whose one team had Bea (the probing team's member) and the judge in it."""
    sprint = SPRINT.replace("2025-01-17", f"{ends[:4]}-01-01").replace("2025-01-19", ends)
    repo.write("sprints/old-sprint.md", sprint.replace("Ada Judge, github: ada-judge", "Cai Judge, github: cai"))
    team = SUBMISSION.replace("    github: bea\n", f"    github: bea\n  - name: Ada Judge\n{judge}")
    repo.write(OLD, team.replace("site: london\n", f"site: london\n{lab}"))
    repo.write("submissions/old-sprint/earlier/report.pdf", PDF)


def test_a_judge_who_shared_a_team_with_a_member_may_not_review_the_project(demo_repo, jam_check) -> None:
    earlier_sprint(demo_repo)
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo).one("JAM210")
    assert (found["path"], found["line"], found["severity"]) == (R, 1, "error")
    assert found["message"] == (
        f"ada-judge may not review 'probing': Ada Judge shared a team with Bea Builder in {OLD}:6"
    )


def test_the_earlier_team_is_found_when_only_the_reviews_file_is_checked(demo_repo, jam_check) -> None:
    earlier_sprint(demo_repo)
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo, R).codes == ["JAM210"]


def test_a_team_more_than_three_years_before_or_after_the_sprint_is_no_conflict(demo_repo, jam_check) -> None:
    earlier_sprint(demo_repo, ends="2022-01-10")
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).codes == []
    earlier_sprint(demo_repo, ends="2025-01-20")  # a later sprint does not change how this one was judged
    assert jam_check(demo_repo).codes == []


def test_a_shared_team_matched_by_name_only_is_a_warning_to_confirm(demo_repo, jam_check) -> None:
    earlier_sprint(demo_repo, judge="")
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo)
    warning = found.one("JAM221")
    assert found.exit_code == 0 and warning["severity"] == "warning"
    assert warning["message"] == (
        f"ada-judge's review of 'probing': Ada Judge shared a team with Bea Builder in {OLD}:6, matched by name "
        "only: to be confirmed by a maintainer"
    )
    assert warning["fix"].startswith("if it is the same person, a maintainer adds 'probing' to ada-judge's conflicts")


def test_a_judge_who_co_authored_a_publication_with_a_member_may_not_be_assigned_the_project(
    demo_repo, jam_check
) -> None:
    paper = (
        "---\ntitle: Together\nauthors:\n  - {name: Ada Judge, github: ada-judge}\n  - {name: Bea B., github: Bea}\n"
    )
    demo_repo.write("publications/together.md", paper + "venue: ICML\nyear: 2024\nurl: https://example.org/t\n---\n")
    demo_repo.write(A, "- judge: ada-judge\n  projects: [probing]\n")
    found = jam_check(demo_repo).one("JAM210")
    assert (found["path"], found["line"]) == (A, 2)
    assert found["message"] == (
        "ada-judge may not read 'probing': Ada Judge co-authored a publication with Bea Builder in "
        "publications/together.md:5"
    )


def test_a_judge_who_mentored_a_member_in_a_cohort_may_not_review_the_project(demo_repo, jam_check) -> None:
    earlier_sprint(demo_repo, judge="    github: someone-else\n", lab="lab: {status: fellowship, cohort: autumn}\n")
    cohort = (
        "---\ntitle: Autumn cohort\nstarts: 2023-09-01\nends: 2023-12-20\n"
        "mentors: [{name: Ada Judge, github: ada-judge}]\n"
        "teams:\n  - project: old-sprint/earlier\n    mentor: ada-judge\n---\nThe cohort.\n"
    )
    demo_repo.write("lab/autumn.md", cohort)
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo)
    assert found.codes == ["JAM210"]
    assert found.diagnostics[0]["message"] == (
        "ada-judge may not review 'probing': Ada Judge mentored Bea Builder in lab/autumn.md:8"
    )


def test_a_paper_that_grew_out_of_this_sprints_project_is_no_conflict(demo_repo, jam_check) -> None:
    """Written with the judge after the sprint (the same year): it says nothing about how the sprint was judged."""
    paper = "---\ntitle: Grew\nauthors:\n  - {name: Ada Judge, github: ada-judge}\n  - {name: Bea B., github: bea}\n"
    paper += "venue: ICML\nyear: 2025\nurl: https://example.org/g\nprojects: [demo-sprint/probing]\n---\n"
    demo_repo.write("publications/grew.md", paper)
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).codes == []
