"""The pull-request policy, each case in a real git repository run through ``jam check --pr``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import PDF, SUBMISSION, Repo
from tests.helpers.pull_request import ELF, LATE, NEW_PROJECT, ON_TIME, PNG, Jam, check_pr, codes_of, only

# --------------------------------------------------------------------------- accepted


def test_valid_new_submission_passes(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    pr_repo.write("submissions/demo-sprint/new-thing/figure.png", PNG)
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert (code, result["diagnostics"]) == (0, [])
    change = result["change"]
    assert change["projects"] == ["demo-sprint/new-thing"]
    assert change["sprints"] == ["demo-sprint"]
    assert change["late"] is False and change["protected"] is False
    assert len(change["base"]) == len(change["head"]) == 40
    assert "submissions/demo-sprint/new-thing/figure.png" in change["paths"]


def test_valid_edit_by_member_passes_in_any_case(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("The long", "The longer"))
    code, result = check_pr(run_jam, pr_repo, author="BEA")
    assert (code, result["diagnostics"]) == (0, [])


def test_text_output_says_the_verdict(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("The long", "The longer"))
    pr_repo.commit()
    code, out, _ = run_jam(
        "--root", str(pr_repo.root), "check", "--pr", "--base", "main", "--author", "bea", "--now", ON_TIME
    )
    assert code == 0
    assert "Pull request verdict: READY. It changes project demo-sprint/probing" in out
    pr_repo.write("mkdocs.yml", "site_name: Changed\n")
    pr_repo.commit()
    code, out, _ = run_jam(
        "--root", str(pr_repo.root), "check", "--pr", "--base", "main", "--author", "bea", "--now", LATE
    )
    assert code == 1
    assert "mkdocs.yml:1:1: JAM302" in out
    assert "NEEDS CHANGES" in out and "LATE" in out and "maintainer must review" in out


# --------------------------------------------------------------------------- ownership


def test_editing_another_teams_project(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("We probe", "Eve probes"))
    code, result = check_pr(run_jam, pr_repo, author="eve")
    assert code == 1
    found = only(result, "JAM304")
    assert found["path"] == "submissions/demo-sprint/probing.md"
    assert found["message"] == "eve is not a member of demo-sprint/probing on the base branch, so may not change it"


def test_adding_yourself_to_another_teams_members_grants_nothing(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write(
        "submissions/demo-sprint/probing.md",
        SUBMISSION.replace("    github: bea\n", "    github: bea\n  - name: Eve\n    github: eve\n"),
    )
    code, result = check_pr(run_jam, pr_repo, author="eve")
    assert code == 1
    found = only(result, "JAM304")
    assert found["line"] == 3  # points at `members:`
    assert "adding yourself to `members` here does not count" in found["fix"]


def test_deleting_another_teams_project(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.git("rm", "-q", "-r", "submissions/demo-sprint/probing.md", "submissions/demo-sprint/probing")
    code, result = check_pr(run_jam, pr_repo, author="eve")
    assert code == 1
    assert codes_of(result) == ["JAM304"]


def test_new_project_must_list_its_author(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write(
        "submissions/demo-sprint/new-thing.md", NEW_PROJECT.replace("report.pdf", "https://example.org/r.pdf")
    )
    code, result = check_pr(run_jam, pr_repo, author="dan")
    assert code == 1
    assert (
        only(result, "JAM305")["message"]
        == "the new project demo-sprint/new-thing does not list its author dan in `members`"
    )


# --------------------------------------------------------------------------- paths


# requirements.txt: a programme made by `jam init` installs it in every workflow; .copier-answers.yml is a dot-file.
@pytest.mark.parametrize(
    "path", ["mkdocs.yml", "hooks/site.py", ".github/workflows/ci.yml", "requirements.txt", ".copier-answers.yml"]
)
def test_touching_protected_paths(pr_repo: Repo, run_jam: Jam, path: str) -> None:
    pr_repo.write(path, "import os\n")
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    found = only(result, "JAM302")
    assert found["path"] == path
    assert found["message"].startswith(f"{path} runs as code at build time")
    assert result["change"]["protected"] is True


def test_other_paths_are_not_open_to_teams(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("docs/index.md", "# Hello\n")
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert only(result, "JAM301")["path"] == "docs/index.md"
    assert result["change"]["protected"] is False


def test_maintainer_may_touch_protected_paths(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("mkdocs.yml", "site_name: Changed\n")
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="")
    assert (code, result["diagnostics"]) == (0, [])
    assert result["change"]["protected"] is True and result["change"]["maintainer"] is True


def test_renaming_a_project_into_another_sprint(pr_repo: Repo, run_jam: Jam) -> None:
    (pr_repo.root / "submissions/other-sprint").mkdir()
    pr_repo.git("mv", "submissions/demo-sprint/probing.md", "submissions/other-sprint/probing.md")
    pr_repo.git("mv", "submissions/demo-sprint/probing", "submissions/other-sprint/probing")
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert result["change"]["projects"] == ["demo-sprint/probing", "other-sprint/probing"]
    found = only(result, "JAM303")
    assert found["message"] == (
        "this pull request changes 2 projects (demo-sprint/probing, other-sprint/probing); it may change only one"
    )


def test_two_projects_in_one_pull_request(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("The long", "The longer"))
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT.replace("cara", "bea"))
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert codes_of(result) == ["JAM303"]
    assert only(result, "JAM303")["path"] == "submissions/demo-sprint/probing.md"


# --------------------------------------------------------------------------- fields and time


def test_setting_status_retracted(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write(
        "submissions/demo-sprint/probing.md", SUBMISSION.replace("site: london\n", "site: london\nstatus: retracted\n")
    )
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    found = only(result, "JAM306")
    assert (found["line"], found["message"]) == (9, "'status' is set by maintainers; this pull request would add it")


def test_new_project_may_not_set_maintainer_fields(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write(
        "submissions/demo-sprint/new-thing.md",
        NEW_PROJECT.replace("report: report.pdf", "report: https://example.org/r\nlab: {status: accepted}"),
    )
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1
    assert only(result, "JAM306")["message"] == "'lab' is set by maintainers; a new project may not set it"


def test_late_submission(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo, author="cara", now=LATE)
    assert code == 1
    found = only(result, "JAM307")
    assert found["message"].startswith(
        "LATE submission: the deadline of Demo Research Sprint was 2025-01-19 23:59 AoE (2025-01-20 11:59 UTC)"
    )
    assert result["change"]["late"] is True


def test_grace_period_accepts_a_little_lateness(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo, "--grace", "6", author="cara", now="2025-01-20T15:00:00+00:00")
    assert (code, result["change"]["late"]) == (0, False)


def test_upcoming_sprint_is_not_open(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo, author="cara", now="2025-01-10T00:00:00Z")
    assert code == 1
    assert only(result, "JAM308")["message"].startswith("Demo Research Sprint has not started")


# --------------------------------------------------------------------------- files


def test_symlink_to_etc_passwd(pr_repo: Repo, run_jam: Jam) -> None:
    os.symlink("/etc/passwd", pr_repo.root / "submissions/demo-sprint/probing/data.pdf")
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    found = only(result, "JAM310")
    assert (
        found["message"] == "submissions/demo-sprint/probing/data.pdf is a symbolic link (to '/etc/passwd'), not a file"
    )


def test_forty_megabyte_pdf(pr_repo: Repo, run_jam: Jam) -> None:
    big = pr_repo.root / "submissions/demo-sprint/probing/report.pdf"
    with big.open("wb") as handle:  # sparse: only the header is written
        handle.write(PDF)
        handle.truncate(40 * 1024 * 1024)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert only(result, "JAM312")["message"] == (
        "submissions/demo-sprint/probing/report.pdf is 40.0 MB; a PDF may take at most 20.0 MB"
    )
    assert "JAM313" in codes_of(result)  # and the folder exceeds 30 MB


def test_executable_renamed_pdf(pr_repo: Repo, run_jam: Jam) -> None:
    fake = pr_repo.write("submissions/demo-sprint/probing/results.pdf", ELF)
    fake.chmod(0o755)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert codes_of(result) == ["JAM311"]
    assert only(result, "JAM311")["message"] == (
        "submissions/demo-sprint/probing/results.pdf is an ELF program, not a document or image"
    )


def test_executable_mode_alone_is_refused(pr_repo: Repo, run_jam: Jam) -> None:
    (pr_repo.root / "submissions/demo-sprint/probing/report.pdf").chmod(0o755)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert only(result, "JAM311")["message"].endswith("has the executable mode (100755)")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("figure.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "an SVG image"),
        ("figure.pdf", PNG, "is a PNG file but its name says otherwise"),
        ("notes.html", b"<html></html>", "not a PDF, PNG, JPEG, GIF or WebP file"),
    ],
)
def test_attachment_types_by_content(pr_repo: Repo, run_jam: Jam, name: str, content: bytes, expected: str) -> None:
    pr_repo.write(f"submissions/demo-sprint/probing/{name}", content)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert expected in only(result, "JAM309")["message"]


def test_attachment_without_project(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/ghost/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert only(result, "JAM314")["path"] == "submissions/demo-sprint/ghost/report.pdf"


def test_the_browser_templates_file_name_is_not_ready_until_renamed(pr_repo: Repo, run_jam: Jam) -> None:
    """Issue 25: a file left as your-project-name.md was READY, and would have been published at that address."""
    pr_repo.write(
        "submissions/demo-sprint/your-project-name.md", NEW_PROJECT.replace("report.pdf", "https://example.org/r.pdf")
    )
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert (code, result["outcome"], codes_of(result)) == (1, "needs-changes", ["JAM321"])
    found = only(result, "JAM321")
    assert found["path"] == "submissions/demo-sprint/your-project-name.md"
    assert "/projects/demo-sprint/your-project-name/ for ever" in found["message"]
    assert (
        "click the file name at the top of the editor, type your project's slug, e.g. refusal-drift.md" in found["fix"]
    )

    pr_repo.git("mv", "submissions/demo-sprint/your-project-name.md", "submissions/demo-sprint/new-thing.md")
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert (code, result["outcome"], result["diagnostics"]) == (0, "ready", [])


def test_a_report_uploaded_into_the_templates_folder_is_refused_even_from_a_maintainer(
    pr_repo: Repo, run_jam: Jam
) -> None:
    pr_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    pr_repo.write("submissions/demo-sprint/new-thing/report.pdf", PDF)
    pr_repo.write("submissions/demo-sprint/your-project-name/report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="cara")
    assert code == 1
    found = only(result, "JAM321")
    assert found["path"] == "submissions/demo-sprint/your-project-name/report.pdf"
    assert "upload it again into your project's folder, submissions/demo-sprint/<your-project>/" in found["fix"]


def test_content_errors_of_changed_files_are_reported(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("site: london", "sight: london"))
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert codes_of(result) == ["JAM102"]


def test_contact_details_in_an_added_text_note_are_reported_at_the_note(pr_repo: Repo, run_jam: Jam) -> None:
    note = "submissions/demo-sprint/probing/notes.txt"
    pr_repo.write(note, "Questions?\nCall +55 11 91234-5678.\n")  # the project's own file is not changed
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert ("JAM115", note, 2, 6) in [(d["code"], d["path"], d["line"], d["col"]) for d in result["diagnostics"]]
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("The long", "[Notes](notes.txt). The long"))
    code, result = check_pr(run_jam, pr_repo)
    assert [(d["code"], d["path"], d["line"], d["col"]) for d in result["diagnostics"]] == [("JAM115", note, 2, 6)]


# --------------------------------------------------------------------------- reading the head


def test_head_is_read_from_objects_not_the_working_tree(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write(
        "submissions/demo-sprint/probing.md", SUBMISSION.replace("site: london\n", "site: lnodon\nstatus: retracted\n")
    )
    pr_repo.commit("bad change")
    pr_repo.git("checkout", "-q", "main")
    assert "retracted" not in (pr_repo.root / "submissions/demo-sprint/probing.md").read_text()
    code, out, _ = run_jam(
        "--root", str(pr_repo.root), "check", "--pr", "--base", "main", "--head", "pr",
        "--author", "bea", "--now", ON_TIME, "--format", "json",
    )  # fmt: skip
    result = json.loads(out)
    assert code == 1
    assert codes_of(result) == ["JAM203", "JAM306"]
    assert result["change"]["head"] == pr_repo.git("rev-parse", "pr").strip()


def test_nothing_from_the_head_is_executed_or_followed(pr_repo: Repo, run_jam: Jam, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    os.symlink(secret, pr_repo.root / "submissions/demo-sprint/probing/report.pdf.lnk")
    pr_repo.git("rm", "-q", "submissions/demo-sprint/probing/report.pdf")
    os.symlink(secret, pr_repo.root / "submissions/demo-sprint/probing/report.pdf")
    code, result = check_pr(run_jam, pr_repo)
    assert code == 1
    assert "TOP SECRET" not in json.dumps(result)
    # the content rule sees no report: the link was never materialized
    assert "JAM204" in codes_of(result) and "JAM310" in codes_of(result)


# --------------------------------------------------------------------------- usage


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pr"], "--pr needs --base REF"),
        (["--pr", "--base", "nope"], "'nope' is not a commit"),
        (["--pr", "--base", "main", "--now", "yesterday"], "--now: 'yesterday' is not an ISO 8601 date-time"),
        (["--pr", "--base", "main", "--now", "2025-01-18T12:00"], "has no UTC offset"),
        (["--base", "main"], "need --pr"),
    ],
)
def test_usage_errors_exit_2(pr_repo: Repo, run_jam: Jam, args: list[str], message: str) -> None:
    code, _, err = run_jam("--root", str(pr_repo.root), "check", *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_only_sprints_of_the_base_branch_reach_the_verdict(pr_repo: Repo, run_jam: Jam) -> None:
    """The bot labels each sprint in the verdict: made-up sprints must not make it create labels."""
    for n in range(30):
        pr_repo.write(f"submissions/spam-{n}/project.md", "")
    pr_repo.write("submissions/demo-sprint/probing.md", SUBMISSION.replace("We probe", "We now probe"))
    _, result = check_pr(run_jam, pr_repo)
    assert result["change"]["sprints"] == ["demo-sprint"]
    assert len(result["change"]["projects"]) == 31
