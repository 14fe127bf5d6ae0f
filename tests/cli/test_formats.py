"""Output formats of `jam check`: text for people, workflow commands for GitHub, JSON for tools."""

from __future__ import annotations

import json

from tests.helpers import SUBMISSION

P = "submissions/demo-sprint/probing.md"


def broken(repo) -> None:
    repo.write(P, SUBMISSION.replace("site: london", "sitte: london").replace("github: bea", "github: '@bea'"))


def test_json_parses_and_lists_each_diagnostic(demo_repo, run_jam) -> None:
    broken(demo_repo)
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "json")
    report = json.loads(out)
    assert code == 1
    assert report["checked"] == 4  # the three content files and the report PDF
    assert report["ok"] is False
    assert [(d["path"], d["line"], d["col"], d["code"]) for d in report["diagnostics"]] == [
        (P, 5, 5, "JAM108"),
        (P, 8, 1, "JAM102"),
    ]
    assert report["diagnostics"][0] == {
        "path": P,
        "line": 5,
        "col": 5,
        "code": "JAM108",
        "severity": "error",
        "message": "'members[0].github': '@bea' is not a GitHub handle",
        "fix": "write the handle without '@': bea",
    }


def test_json_when_clean(demo_repo, run_jam) -> None:
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "json")
    assert (code, json.loads(out)) == (0, {"checked": 4, "ok": True, "diagnostics": []})


def test_github_format_emits_error_workflow_commands(demo_repo, run_jam) -> None:
    broken(demo_repo)
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "github")
    lines = out.splitlines()
    assert code == 1
    assert lines[0] == (
        f"::error file={P},line=5,col=5,title=JAM108 GitHub handle not valid::"
        "'members[0].github'%3A '@bea' is not a GitHub handle. Fix: write the handle without '@'%3A bea".replace(
            "%3A", ":"
        )
    )
    assert lines[1].startswith(f"::error file={P},line=8,col=1,title=JAM102 Unknown field::unknown field 'sitte'.")
    assert lines[-1] == "2 problems in 1 of 4 files checked"


def test_github_format_escapes_newlines_and_percent(demo_repo, run_jam) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", 'code: "http://x.org/100%\\nfree"'))
    _, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "github")
    first = out.splitlines()[0]
    assert first.startswith(f"::error file={P},line=8,col=1,title=JAM107 URL is not https::")
    assert "100%25" in first
    assert "\\nfree" in first


def test_github_format_when_clean(demo_repo, run_jam) -> None:
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--format", "github")
    assert (code, out.strip()) == (0, "4 files checked: all good")


def test_text_output_keeps_untrusted_values_on_one_line_without_escapes(demo_repo, run_jam) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", '"si\\e[2Jte\\nx": london'))
    code, out, _ = run_jam("--root", str(demo_repo.root), "check")
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 2
    assert "\x1b" not in out
    assert lines[0] == f"{P}:8:1: JAM102 unknown field 'si\\x1b[2Jte\\nx' " + lines[0].split("' ", 1)[1]
