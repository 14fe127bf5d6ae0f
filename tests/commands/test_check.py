"""`jam check [PATH...]`: which files are checked, the text report, exit codes and usage errors."""

from __future__ import annotations

from tests.conftest import SUBMISSION

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


def test_outside_any_repository_exits_2_and_says_where_to_run(tmp_path, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_jam("check")
    assert code == 2
    assert "no jamkit repository here" in err and "--root" in err
    assert out == ""
