"""The pull-request policy on local sites' own files, each case in a real git repository through ``jam check --pr``."""

from __future__ import annotations

from tests.helpers import LOCAL_SITE, Repo
from tests.helpers.pull_request import LATE, ON_TIME, Jam, check_pr, codes_of, only

SITE = LOCAL_SITE  # Leeds hub, run by @cara, hosting the demo sprint


def _merged(repo: Repo, branch: str) -> None:
    """The pull request merged into main, and a new pull-request branch from there."""
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--ff-only", "pr")
    repo.git("checkout", "-q", "-b", branch)


def test_an_outsider_adds_a_site_that_lists_them_as_an_organiser(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert (code, result["diagnostics"]) == (0, [])
    args = ("--root", str(pr_repo.root), "check", "--pr", "--base", "main", "--author", "cara", "--now", ON_TIME)
    code, out, _ = run_jam(*args)
    assert code == 0 and "Pull request verdict: READY" in out


def test_a_new_site_must_list_its_author(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    found = only(result, "JAM341")
    assert code == 1 and found["path"] == "sites/leeds.md" and "github: mallory" in found["fix"]


def test_only_its_organisers_change_a_site(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    check_pr(run_jam, pr_repo, author="cara")
    _merged(pr_repo, "hostile")
    hijacked = SITE.replace("{name: Cara Coder, github: cara}", "{name: Mallory, github: mallory}")
    pr_repo.write("sites/leeds.md", hijacked.replace("example.org/leeds", "evil.example/leeds"))
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    found = only(result, "JAM340")
    assert code == 1 and "mallory" in found["message"] and "JAM301" not in codes_of(result)

    pr_repo.git("checkout", "-q", "main")
    pr_repo.git("checkout", "-q", "-B", "gone")
    pr_repo.git("rm", "-q", "sites/leeds.md")
    code, result = check_pr(run_jam, pr_repo, author="mallory")
    assert code == 1 and codes_of(result) == ["JAM340"]

    pr_repo.git("checkout", "-q", "main")
    pr_repo.git("checkout", "-q", "-B", "own")
    pr_repo.write("sites/leeds.md", SITE.replace("Room 1", "Room 2"))
    code, result = check_pr(run_jam, pr_repo, author="CARA")  # handles compare without case
    assert (code, result["diagnostics"]) == (0, [])


def test_a_hosts_entry_for_a_finished_sprint_is_refused(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    code, result = check_pr(run_jam, pr_repo, author="cara", now=LATE)
    found = only(result, "JAM342")
    assert code == 1 and "ended" in found["message"] and found["line"] == 10


def test_a_site_keeps_the_sprints_it_hosted_once_they_end(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    check_pr(run_jam, pr_repo, author="cara", now=ON_TIME)
    _merged(pr_repo, "later")
    pr_repo.write("sites/leeds.md", SITE.replace("We meet in Leeds.", "We meet in Leeds, near the station."))
    code, result = check_pr(run_jam, pr_repo, author="cara", now=LATE)
    assert (code, result["diagnostics"]) == (0, [])


def test_a_sprint_closed_to_sites_and_a_maintainer(pr_repo: Repo, run_jam: Jam) -> None:
    sprint = (pr_repo.root / "sprints/demo-sprint.md").read_text()
    pr_repo.git("checkout", "-q", "main")
    pr_repo.write("sprints/demo-sprint.md", sprint.replace("team_size:", "open_sites: false\nteam_size:"))
    pr_repo.commit("no local sites")
    pr_repo.git("checkout", "-q", "-B", "pr")
    pr_repo.write("sites/leeds.md", SITE)
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and "open_sites: false" in only(result, "JAM342")["message"]
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="ada")
    assert (code, result["diagnostics"]) == (0, [])


def test_a_site_has_no_folder(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("sites/leeds.md", SITE)
    pr_repo.write("sites/leeds/run.sh", "#!/bin/sh\necho hi\n")
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and only(result, "JAM343")["path"] == "sites/leeds/run.sh"
    assert "JAM311" in codes_of(result)  # a program is still named for what it is
