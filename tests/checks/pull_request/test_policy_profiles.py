"""The pull-request policy on people's own profiles, each case in a real git repository through ``jam check --pr``."""

from __future__ import annotations

from tests.helpers import Repo
from tests.helpers.pull_request import ELF, Jam, check_pr, codes_of, only

PROFILE = """\
---
name: Bea Builder
pronouns: she/her
affiliation: Example University
links:
  - {title: Homepage, url: "https://example.org/bea"}
milestones:
  - {date: 2025-06-01, kind: position, title: PhD student, organisation: Example University}
---
I work on interpretability.
"""


def test_a_person_adds_and_then_edits_their_own_profile(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", PROFILE)
    code, result = check_pr(run_jam, pr_repo, author="bea")
    assert (code, result["diagnostics"]) == (0, [])
    pr_repo.git("checkout", "-q", "main")
    pr_repo.git("merge", "-q", "--ff-only", "pr")
    pr_repo.git("checkout", "-q", "-b", "edit")
    pr_repo.write("people/bea.md", PROFILE.replace("PhD student", "Research scientist"))
    code, result = check_pr(run_jam, pr_repo, author="BEA")  # logins compare without case
    assert (code, result["diagnostics"]) == (0, [])


def test_someone_else_may_not_add_or_edit_a_profile(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", PROFILE)
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    found = only(result, "JAM330")
    assert code == 1 and found["path"] == "people/bea.md"
    assert "@bea" in found["message"] and "mallory" in found["message"]
    assert "people/mallory.md" in found["fix"]
    assert "JAM301" not in codes_of(result)  # one clear code, not also "outside the project's area"

    pr_repo.git("checkout", "-q", "main")
    pr_repo.git("merge", "-q", "--ff-only", "pr")
    pr_repo.git("checkout", "-q", "-b", "hostile-edit")
    pr_repo.write("people/bea.md", PROFILE.replace("Bea Builder", "Send prize claims to mallory"))
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    assert code == 1 and codes_of(result) == ["JAM330"]


def test_a_maintainer_may_change_anyones_profile(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", PROFILE)
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="ada")
    assert (code, result["diagnostics"]) == (0, [])


def test_deleting_or_renaming_someone_elses_profile_is_refused(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", PROFILE)
    pr_repo.git("checkout", "-q", "main")
    pr_repo.commit("bea's profile")
    pr_repo.git("checkout", "-q", "-B", "pr")
    pr_repo.git("mv", "people/bea.md", "people/mallory.md")
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    assert code == 1
    assert [d["path"] for d in result["diagnostics"] if d["code"] == "JAM330"] == ["people/bea.md"]


def test_a_profile_has_no_folder_and_no_programs(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", PROFILE)
    pr_repo.write("people/bea/photo.png", ELF)
    code, result = check_pr(run_jam, pr_repo, author="bea")
    found = only(result, "JAM330")
    assert code == 1 and found["path"] == "people/bea/photo.png" and "no attachments" in found["message"]


def test_a_profile_named_after_no_valid_login(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/-bea-.md", PROFILE)
    code, result = check_pr(run_jam, pr_repo, author="bea")
    assert code == 1
    bad = only(result, "JAM006")
    assert bad["path"] == "people/-bea-.md" and "GitHub login" in bad["message"]


def test_hostile_values_in_a_profile_get_clear_diagnostics(pr_repo: Repo, run_jam: Jam) -> None:
    hostile = """\
---
name: "<img src=x onerror=alert(1)>"
links:
  - {title: Me, url: "javascript:alert(1)"}
milestones:
  - {date: 2025-06-01, kind: position, title: Job, url: "http://example.org/job"}
  - {date: 2025-07-01, kind: promotion, title: Job}
---
<script>alert(1)</script>
"""
    pr_repo.write("people/bea.md", hostile)
    code, result = check_pr(run_jam, pr_repo, author="bea")
    assert code == 1
    by_line = {(d["code"], d["line"]): d for d in result["diagnostics"]}
    # each bad value points at its own line: the javascript: link, the http: milestone URL, the unknown kind
    assert set(by_line) == {("JAM107", 4), ("JAM107", 6), ("JAM103", 7)}
    assert "position" in by_line["JAM103", 7]["message"] + by_line["JAM103", 7]["fix"]


def test_markup_in_a_profile_name_is_refused_once_the_rest_is_valid(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("people/bea.md", '---\nname: "Bea <b>Builder</b>"\n---\nBio.\n')
    code, result = check_pr(run_jam, pr_repo, author="bea")
    found = only(result, "JAM130")
    assert code == 1 and found["line"] == 2


def test_cohorts_are_the_maintainers_to_write(pr_repo: Repo, run_jam: Jam) -> None:
    cohort = "---\ntitle: Spring\nstarts: 2025-02-01\nends: 2025-05-31\nteams: [{project: demo-sprint/probing}]\n---\n"
    pr_repo.write("lab/spring.md", cohort)
    code, result = check_pr(run_jam, pr_repo, author="bea")  # a member of the team cannot enrol it
    assert code == 1 and only(result, "JAM301")["path"] == "lab/spring.md"
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="ada")
    assert (code, result["diagnostics"]) == (0, [])
