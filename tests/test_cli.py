"""The `jam check` command: paths, exit codes, usage errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.conftest import ROOT, SUBMISSION

P = "submissions/demo-sprint/probing.md"
Q = "submissions/demo-sprint/second.md"


def test_clean_repository_exits_0(demo_repo, run_jam) -> None:
    code, out, err = run_jam("--root", str(demo_repo.root), "check")
    assert (code, err) == (0, "")
    assert out.strip() == "3 files checked: all good"


def test_check_finds_the_root_from_a_subfolder(demo_repo, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(demo_repo.root / "submissions/demo-sprint")
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))
    code, out, _ = run_jam("check", "probing.md")
    assert code == 1
    assert out.splitlines()[0].startswith(f"{P}:8:1: JAM203 ")


def test_text_diagnostic_reads_path_line_col_code_message_fix(demo_repo, run_jam) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "sitte: london"))
    code, out, _ = run_jam("--root", str(demo_repo.root), "check")
    assert code == 1
    assert out.splitlines() == [
        f"{P}:8:1: JAM102 unknown field 'sitte' (fix: did you mean 'site'?)",
        "1 problem in 1 of 3 files checked",
    ]


def test_one_file_reports_only_that_file_but_applies_cross_file_rules(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))  # JAM203 needs the sprint
    demo_repo.write(Q, SUBMISSION.replace("site: london", "site: rome"))
    demo_repo.write("submissions/demo-sprint/second/report.pdf", b"%PDF-1.4\n")
    checked = jam_check(demo_repo, P)
    assert checked.where("JAM203") == [(P, 8, 1)]
    assert checked.report["checked"] == 1
    both = jam_check(demo_repo)
    assert sorted(both.where("JAM203")) == [(P, 8, 1), (Q, 8, 1)]


def test_one_file_still_resolves_references_to_files_not_loaded(demo_repo, jam_check) -> None:
    assert jam_check(demo_repo, "publications/a-paper.md").diagnostics == []


def test_folder_paths_expand_to_the_content_files_in_them(demo_repo, jam_check) -> None:
    demo_repo.write(Q, "no front matter")
    demo_repo.write("submissions/demo-sprint/notes.txt", "ignored")
    checked = jam_check(demo_repo, "submissions")
    assert checked.where("JAM003") == [(Q, 1, 1)]
    assert checked.report["checked"] == 2
    assert jam_check(demo_repo, "publications").report == {"checked": 1, "ok": True, "diagnostics": []}


def test_dot_checks_the_same_files_as_no_path(demo_repo, jam_check) -> None:
    demo_repo.write("docs/index.md", "# Not content\n")
    demo_repo.write(".venv/lib/README.md", "not content either")
    assert jam_check(demo_repo, ".").report["checked"] == jam_check(demo_repo).report["checked"] == 3


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["check", "no/such/file.md"], "no/such/file.md: no such file or folder"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required"),
        (["check", "--root", "/no/such/folder"], "--root /no/such/folder: no such folder"),
    ],
)
def test_wrong_use_exits_2_with_a_message(demo_repo, run_jam, monkeypatch, args, says) -> None:
    monkeypatch.chdir(demo_repo.root)
    code, out, err = run_jam(*args)
    assert code == 2
    assert says in err
    assert "Traceback" not in out + err


def test_path_outside_the_repository_exits_2(demo_repo, run_jam, tmp_path) -> None:
    stray = tmp_path / "stray.md"
    stray.write_text("---\n---\n")
    code, _, err = run_jam("--root", str(demo_repo.root), "check", str(stray))
    assert code == 2
    assert "not inside the repository" in err


def test_root_after_the_command_is_accepted(demo_repo, run_jam) -> None:
    code, out, _ = run_jam("check", "--root", str(demo_repo.root))
    assert code == 0
    assert "3 files checked" in out


def test_installed_jam_script_runs_without_traceback_on_garbage(demo_repo) -> None:
    demo_repo.write(P, b"\x00\xff---\n\t: [\n")
    demo_repo.write("sprints/demo-sprint/reviews.yaml", "- &a [*a]\n")
    jam = ROOT / ".venv/bin/jam"
    command = [str(jam)] if jam.exists() else [sys.executable, "-m", "jamkit.cli"]
    done = subprocess.run([*command, "--root", str(demo_repo.root), "check"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert f"{P}:1:2: JAM001 byte 0xff" in done.stdout
    assert "sprints/demo-sprint/reviews.yaml:1:3: JAM002" in done.stdout


def test_outside_any_repository_exits_2_and_says_where_to_run(tmp_path, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_jam("check")
    assert code == 2
    assert "no jamkit repository here" in err and "--root" in err
    assert out == ""


def test_new_sprint_may_start_a_repository_in_an_empty_folder(tmp_path, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run_jam(
        "new", "sprint", "first-sprint", "--title", "First Sprint",
        "--starts", "2027-03-05T09:00:00+00:00", "--ends", "2027-03-07",
    )  # fmt: skip
    assert code == 0, err
    assert (tmp_path / "sprints" / "first-sprint.md").is_file()
    assert run_jam("check")[0] == 0


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["award"], "the following arguments are required: SPRINT"),
        (["award", "demo-sprint", "--now", "soon"], "--now: 'soon' is not an ISO 8601 date-time"),
        (["retract", "demo-sprint/probing"], "the following arguments are required: --reason"),
        (["stats", "--now", "2025-01-01T00:00:00"], "has no UTC offset"),
    ],
)
def test_maintainer_commands_used_wrongly_exit_2(demo_repo, run_jam, args, says) -> None:
    code, out, err = run_jam("--root", str(demo_repo.root), *args)
    assert (code, out) == (2, "")
    assert says in err


def test_maintainer_commands_are_listed_in_help(run_jam) -> None:
    code, out, _ = run_jam("--help")
    assert code == 0
    for command in ("award", "retract", "stats"):
        assert f"    {command} " in out


def test_installed_jam_script_runs_the_maintainer_commands_on_garbage_without_traceback(demo_repo) -> None:
    demo_repo.write("sprints/demo-sprint.md", b"---\ntitle: [\xff\n---\n")
    demo_repo.write(P, b"\x00\xff---\n\t: [\n")
    jam = ROOT / ".venv/bin/jam"
    command = [str(jam)] if jam.exists() else [sys.executable, "-m", "jamkit.cli"]
    for args, exit_code in (
        (["award", "demo-sprint", "--write"], 1),
        (["retract", "demo-sprint/probing", "--reason", "x"], 1),
        (["stats", "--json"], 1),
    ):
        done = subprocess.run([*command, "--root", str(demo_repo.root), *args], capture_output=True, text=True)
        assert done.returncode == exit_code, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stdout + done.stderr
