"""`jam check [PATH...]`: which files are checked, the text report, exit codes and usage errors."""

from __future__ import annotations

from tests.helpers import SUBMISSION, Repo
from tests.helpers.terminal import Terminal

CLEAR = "\r\x1b[K"  # what the progress line writes to clear itself

P = "submissions/demo-sprint/probing.md"
Q = "submissions/demo-sprint/second.md"


def test_clean_repository_exits_0(demo_repo, run_jam) -> None:
    code, out, err = run_jam("--root", str(demo_repo.root), "check")
    assert (code, err) == (0, "")
    assert out.strip() == "4 files checked: all good"  # the report PDF is checked too


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
        "1 problem in 1 of 4 files checked",
    ]


def test_one_file_reports_only_that_file_but_applies_cross_file_rules(demo_repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: paris"))  # JAM203 needs the sprint
    demo_repo.write(Q, SUBMISSION.replace("site: london", "site: rome"))
    demo_repo.write("submissions/demo-sprint/second/report.pdf", b"%PDF-1.4\n")
    checked = jam_check(demo_repo, P)
    assert checked.where("JAM203") == [(P, 8, 1)]
    assert checked.report["checked"] == 2  # the project's file and its report PDF
    both = jam_check(demo_repo)
    assert sorted(both.where("JAM203")) == [(P, 8, 1), (Q, 8, 1)]


def test_one_file_still_resolves_references_to_files_not_loaded(demo_repo, jam_check) -> None:
    assert jam_check(demo_repo, "publications/a-paper.md").diagnostics == []


def test_folder_paths_expand_to_the_content_files_in_them(demo_repo, jam_check) -> None:
    demo_repo.write(Q, "no front matter")
    demo_repo.write("submissions/demo-sprint/notes.txt", "ignored")
    checked = jam_check(demo_repo, "submissions")
    assert checked.where("JAM003") == [(Q, 1, 1)]
    assert checked.report["checked"] == 3  # and the report PDF in a project folder
    assert jam_check(demo_repo, "publications").report == {"checked": 1, "ok": True, "diagnostics": []}


def test_dot_checks_the_same_files_as_no_path(demo_repo, jam_check) -> None:
    demo_repo.write("docs/index.md", "# Not content\n")
    demo_repo.write(".venv/lib/README.md", "not content either")
    assert jam_check(demo_repo, ".").report["checked"] == jam_check(demo_repo).report["checked"] == 4


def test_path_outside_the_repository_exits_2(demo_repo, run_jam, tmp_path) -> None:
    stray = tmp_path / "stray.md"
    stray.write_text("---\n---\n")
    code, _, err = run_jam("--root", str(demo_repo.root), "check", str(stray))
    assert code == 2
    assert "not inside the repository" in err


def test_root_after_the_command_is_accepted(demo_repo, run_jam) -> None:
    code, out, _ = run_jam("check", "--root", str(demo_repo.root))
    assert code == 0
    assert "4 files checked" in out


def test_outside_any_repository_exits_2_and_says_where_to_run(tmp_path, run_jam, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_jam("check")
    assert code == 2
    assert "no jamkit repository here" in err and "--root" in err
    assert out == ""


# --------------------------------------------------------------------------- one set of checks (issue 9)

SVG = "submissions/demo-sprint/probing/figure.svg"
PNG_AS_JPG = "submissions/demo-sprint/probing/figure.jpg"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def test_an_attachment_named_alone_gets_the_pull_requests_checks(demo_repo, jam_check) -> None:
    demo_repo.write(SVG, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    demo_repo.write(PNG_AS_JPG, PNG)
    svg = jam_check(demo_repo, SVG)
    assert svg.exit_code == 1 and "an SVG image, which can carry scripts" in svg.one("JAM309")["message"]
    renamed = jam_check(demo_repo, PNG_AS_JPG)
    assert renamed.one("JAM309")["fix"] == "rename it to end in .png"
    demo_repo.write(PNG_AS_JPG.replace(".jpg", ".png"), PNG)
    (demo_repo.root / PNG_AS_JPG).unlink()
    (demo_repo.root / SVG).unlink()
    assert jam_check(demo_repo, "submissions/demo-sprint/probing").exit_code == 0


def test_a_project_folder_is_checked_with_its_project_and_never_says_0_files(demo_repo, run_jam) -> None:
    demo_repo.write(SVG, "<svg/>")
    folder = str(demo_repo.root / "submissions/demo-sprint/probing")
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", folder)
    assert code == 1 and f"{SVG}:1:1: JAM309" in out
    assert out.splitlines()[-1] == "1 problem in 1 of 3 files checked"  # the project file, the PDF, the SVG


def test_attachment_rules_on_disk_cover_links_executables_and_sizes(demo_repo, jam_check, tmp_path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (demo_repo.root / "submissions/demo-sprint/probing/link.png").symlink_to(secret)
    program = demo_repo.write("submissions/demo-sprint/probing/run.png", PNG)
    program.chmod(0o755)
    demo_repo.write("submissions/demo-sprint/probing/huge.png", PNG + b"\0" * (6 * 1024 * 1024))
    checked = jam_check(demo_repo, P)
    assert {"JAM310", "JAM311", "JAM312"} <= set(checked.codes)
    assert jam_check(demo_repo).codes == checked.codes  # the whole repository says the same


def test_the_whole_repository_check_agrees_with_the_pull_request_on_a_stray_file(demo_repo, jam_check) -> None:
    demo_repo.write("submissions/demo-sprint/probing/notes.docx", b"PK\x03\x04 a word file")
    assert jam_check(demo_repo).where("JAM309") == [("submissions/demo-sprint/probing/notes.docx", 1, 1)]


def test_on_a_terminal_a_long_check_says_what_it_is_doing_and_leaves_only_the_report(demo_repo: Repo) -> None:
    """The steps of a check over everything are one line on stderr, rewritten, then cleared before the report."""
    term = Terminal("--root", str(demo_repo.root), "check")
    term.expect("jam check: reading the repository…")
    term.expect("jam check: loading the files…")
    term.expect("jam check: rendering ")
    term.expect("jam check: the rules on ")
    shown = term.expect("files checked: all good")
    assert term.exit_code() == 0
    last = shown.rsplit(CLEAR, 1)
    assert len(last) == 2 and last[1].strip().endswith("files checked: all good")  # the line went first
    assert "jam check:" not in last[1]
    again = Terminal("--root", str(demo_repo.root), "check")  # answered from the cache: one step, gone
    assert "jam check: loading" not in again.expect("files checked: all good")
    assert again.exit_code() == 0


def test_without_a_terminal_a_check_writes_no_progress(demo_repo: Repo, run_jam) -> None:
    code, out, err = run_jam("--root", str(demo_repo.root), "check")
    assert code == 0 and "files checked" in out
    assert err == ""  # a pipe, a CI log or the bot read nothing but the report
