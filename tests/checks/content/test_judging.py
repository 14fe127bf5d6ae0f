"""Conflicts of interest and assignments, checked by `jam check` wherever the scores come from."""

from __future__ import annotations

from tests.helpers import PDF, SPRINT, SUBMISSION

R = "sprints/demo-sprint/reviews.yaml"
A = "sprints/demo-sprint/assignments.yaml"
S = "sprints/demo-sprint.md"
P = "submissions/demo-sprint/probing.md"
REVIEW = "- judge: ada-judge\n  project: probing\n  scores: {impact: 4, quality: 5}\n"


def test_a_judge_on_the_team_by_github_handle_may_not_review_it(demo_repo, jam_check) -> None:
    demo_repo.write(
        P, SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: A. J.\n    github: ADA-Judge\n")
    )
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo).one("JAM210")
    assert (
        found["message"] == "ada-judge may not review 'probing': Ada Judge is a member of the team (GitHub @ADA-Judge)"
    )


def test_a_judge_on_the_team_by_handle_is_refused_outright_for_every_project(demo_repo, jam_check) -> None:
    member = "    github: bea\n  - name: A. J.\n    github: ada-judge\n"
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", member))
    demo_repo.write("submissions/demo-sprint/other-team.md", SUBMISSION.replace("bea", "cai"))
    demo_repo.write("submissions/demo-sprint/other-team/report.pdf", PDF)
    demo_repo.write(A, "- judge: ada-judge\n  projects: [other-team]\n")
    found = jam_check(demo_repo)
    refused = sorted((d["path"], d["line"], d["severity"]) for d in found.diagnostics if d["code"] == "JAM217")
    assert refused == [(S, 10, "error"), (A, 1, "error"), (P, 7, "error")]
    at_sprint = next(d for d in found.diagnostics if d["code"] == "JAM217" and d["path"] == S)
    assert at_sprint["message"] == (
        "ada-judge is a member of the team of 'probing' (GitHub @ada-judge), so may not judge any project of "
        "Demo Research Sprint"
    )
    assert at_sprint["fix"] == f"take ada-judge off the sprint's judges, or off the team in {P} (line 6)"


def test_a_judges_name_alone_in_a_team_is_a_warning_to_confirm_not_a_conflict(demo_repo, jam_check) -> None:
    """The attack: a team writes a judge's name, without a handle, to keep that judge away from its project."""
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: 'Judge,  ADA'\n"))
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo)
    assert found.codes == ["JAM216", "JAM216"]
    assert {d["severity"] for d in found.diagnostics} == {"warning"}
    at_review, at_team = sorted(found.diagnostics, key=lambda d: d["path"])
    assert (at_team["path"], at_team["line"]) == (P, 6)
    assert at_team["message"] == (
        "the team lists Judge,  ADA without a GitHub handle, the name of judge ada-judge: "
        "to be confirmed by a maintainer"
    )
    assert at_team["fix"].startswith("if it is the judge, a maintainer adds 'probing' to ada-judge's conflicts")
    assert at_review["path"] == R and at_review["message"].startswith("ada-judge's review of 'probing': the team")


def test_a_maintainer_confirms_a_name_match_in_the_judges_conflicts(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: ada  JUDGE\n"))
    demo_repo.write(S, SPRINT.replace("github: ada-judge}", "github: ada-judge, conflicts: [probing]}"))
    demo_repo.write(R, REVIEW)
    found = jam_check(demo_repo).one("JAM210")
    assert found["message"] == "ada-judge may not review 'probing': Ada Judge lists 'probing' under their own conflicts"


def test_a_shared_affiliation_is_a_warning(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("github: ada-judge}", "github: ada-judge, affiliation: Université de Lyon}"))
    member = "    github: bea\n    affiliation: universite de  LYON\n"
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", member))
    demo_repo.write(A, "- judge: ada-judge\n  projects: [probing]\n")
    found = jam_check(demo_repo)
    assert found.codes == ["JAM218", "JAM218"]
    assert {d["severity"] for d in found.diagnostics} == {"warning"}
    assert "Ada Judge shares an affiliation with Bea Builder (universite de  LYON)" in found.diagnostics[0]["message"]


def test_the_organiser_of_the_teams_site_may_not_review_it(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("country: GB}", "country: GB, organizer: '@ada-judge'}"))
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).one("JAM210")["message"].endswith("Ada Judge organised the team's site, London hub")


def test_no_conflict_no_problem(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("country: GB}", "country: GB, organizer: Someone Else}"))
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).codes == []


def test_conflicts_are_found_when_only_the_reviews_file_is_checked(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("github: ada-judge}", "github: ada-judge, conflicts: [probing]}"))
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo, R).codes == ["JAM210"]


def test_assignments_obey_the_same_conflicts(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("github: ada-judge}", "github: ada-judge, conflicts: [probing]}"))
    demo_repo.write(A, "- judge: ada-judge\n  projects: [probing]\n")
    found = jam_check(demo_repo).one("JAM210")
    assert (found["path"], found["line"], found["col"]) == (A, 2, 14)
    assert "ada-judge may not read 'probing'" in found["message"]


def test_an_unknown_judge_gets_the_likeliest_one_as_a_fix(demo_repo, jam_check) -> None:
    demo_repo.write(R, REVIEW.replace("judge: ada-judge", "judge: Ada Judg"))
    found = jam_check(demo_repo).one("JAM206")
    assert found["fix"].startswith("did you mean 'ada-judge' (Ada Judge)?")


def test_an_unknown_project_in_assignments(demo_repo, jam_check) -> None:
    demo_repo.write(A, "- judge: ada-judge\n  projects: [probing, nope]\n")
    found = jam_check(demo_repo).one("JAM212")
    assert (found["line"], found["col"], found["message"]) == (2, 23, "'nope' is not a project of Demo Research Sprint")


def test_a_judge_listed_twice_in_assignments(demo_repo, jam_check) -> None:
    demo_repo.write(A, "- judge: ada-judge\n  projects: [probing]\n- judge: ada-judge\n  projects: []\n")
    found = jam_check(demo_repo).one("JAM213")
    assert (found["line"], found["message"]) == (3, "ada-judge already has an entry (line 1)")


def test_the_start_of_a_judges_name_is_suggested(demo_repo, jam_check) -> None:
    demo_repo.write(R, REVIEW.replace("judge: ada-judge", "judge: Ada"))
    assert jam_check(demo_repo).one("JAM206")["fix"].startswith("did you mean 'ada-judge' (Ada Judge)?")


def test_two_people_forgotten_as_anonymous_are_not_a_conflict(demo_repo, jam_check) -> None:
    """`jam forget` names everyone it forgets "Anonymous": that name matches nobody."""
    demo_repo.write(S, SPRINT.replace("{name: Ada Judge, github: ada-judge}", "{id: anonymous-1, name: Anonymous}"))
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: Anonymous\n"))
    demo_repo.write(R, REVIEW.replace("judge: ada-judge", "judge: anonymous-1"))
    assert jam_check(demo_repo).codes == []


def test_a_namesake_with_another_github_handle_is_someone_else(demo_repo, jam_check) -> None:
    member = "    github: bea\n  - {name: Ada Judge, github: ada-other}\n"
    demo_repo.write(P, SUBMISSION.replace("    github: bea\n", member))
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).codes == []


def test_the_organiser_written_family_name_first_is_the_judge(demo_repo, jam_check) -> None:
    demo_repo.write(S, SPRINT.replace("country: GB}", "country: GB, organizer: 'Judge, Ada'}"))
    demo_repo.write(R, REVIEW)
    assert jam_check(demo_repo).one("JAM210")["message"].endswith("Ada Judge organised the team's site, London hub")
