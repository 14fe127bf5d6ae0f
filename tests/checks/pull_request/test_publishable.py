"""Names the build writes, and how much a project and a pull request may hold: real git, the real ``jam``."""

from __future__ import annotations

import json
import unicodedata

import pytest

from jamkit.core.verdict import from_json
from jamkit.github.report import Context, render_comment
from tests.helpers import PDF, Repo
from tests.helpers.pull_request import NEW_PROJECT, PNG, Jam, check_pr, codes_of, only

NEW = "submissions/demo-sprint/new-thing"


def _new_project(repo: Repo, *attachments: str) -> None:
    repo.write(f"{NEW}.md", NEW_PROJECT)
    repo.write(f"{NEW}/report.pdf", PDF)
    for name in attachments:
        repo.write(f"{NEW}/{name}", PNG)


def _limits(repo: Repo, text: str) -> None:
    """``[tool.jamkit]`` on the base branch (the check reads the limits from there), back on the PR branch."""
    repo.git("checkout", "-q", "main")
    repo.write("pyproject.toml", f"[tool.jamkit]\n{text}")
    repo.commit("limits")
    repo.git("checkout", "-q", "pr")
    repo.git("merge", "-q", "main")


# --------------------------------------------------------------------------- names the build writes


def test_a_folder_named_like_the_page_is_not_ready(pr_repo: Repo, run_jam: Jam) -> None:
    _new_project(pr_repo, "index.html/figure.png")
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and result["ok"] is False
    found = only(result, "JAM316")
    assert found["path"] == f"{NEW}/index.html/figure.png"
    assert "projects/demo-sprint/new-thing/index.html" in found["message"]
    assert "rename it" in found["fix"]
    assert codes_of(result) == ["JAM316"]  # everything else about the project is fine


@pytest.mark.parametrize(
    "name",
    [
        "Index.HTML/figure.png",
        "index.md/figure.png",
        "index.html./figure.png",
        "ｉｎｄｅｘ.html/figure.png",
        "...  /a.png",
    ],
    ids=["case", "page-source", "trailing-dot", "full-width", "only-dots"],
)
def test_names_that_storage_or_servers_take_for_an_output(pr_repo: Repo, run_jam: Jam, name: str) -> None:
    _new_project(pr_repo, name)
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1
    assert only(result, "JAM316")["path"] == f"{NEW}/{name}"


def test_a_name_that_differs_from_a_merged_file_only_in_case(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("submissions/demo-sprint/probing/Report.pdf", PDF)
    code, result = check_pr(run_jam, pr_repo, author="bea")
    assert code == 1
    found = only(result, "JAM316")
    assert found["path"] == "submissions/demo-sprint/probing/Report.pdf"  # the newcomer, never the merged file
    assert "submissions/demo-sprint/probing/report.pdf" in found["message"]


def test_two_spellings_of_one_accented_name(pr_repo: Repo, run_jam: Jam) -> None:
    composed = unicodedata.normalize("NFC", "café.png")
    _new_project(pr_repo, composed, unicodedata.normalize("NFD", composed))
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1
    assert len([d for d in result["diagnostics"] if d["code"] == "JAM316"]) == 1


def test_a_maintainer_may_not_add_a_docs_file_on_an_output_either(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("docs/feed.xml", "<feed/>")
    pr_repo.write("docs/pagefind/pagefind.js", "x")
    pr_repo.write("docs/guide.md", "# Guide\n")  # a page of its own: fine
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="")
    assert code == 1
    assert sorted(d["path"] for d in result["diagnostics"]) == ["docs/feed.xml", "docs/pagefind/pagefind.js"]
    assert codes_of(result) == ["JAM316", "JAM316"]


def test_two_docs_files_published_as_one_page(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("docs/guide.md", "# Guide\n")
    pr_repo.write("docs/guide/index.md", "# Guide again\n")
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="")
    assert code == 1
    found = only(result, "JAM316")
    assert found["path"] == "docs/guide/index.md" and "docs/guide.md" in found["message"]


def test_jam_check_of_the_repository_says_what_to_remove(demo_repo: Repo, run_jam: Jam) -> None:
    """A colliding folder already on main: the whole-repository check names it (exit 1), with no traceback."""
    demo_repo.write("submissions/demo-sprint/probing/index.html/figure.png", PNG)
    demo_repo.write("sprints/demo-sprint/INDEX.MD/cover.png", PNG)
    code, out, err = run_jam("--root", str(demo_repo.root), "check", "--format", "json")
    assert code == 1 and "Traceback" not in err
    found = [d for d in json.loads(out)["diagnostics"] if d["code"] == "JAM316"]
    assert sorted(d["path"] for d in found) == [
        "sprints/demo-sprint/INDEX.MD/cover.png",
        "submissions/demo-sprint/probing/index.html/figure.png",
    ]
    code, out, _ = run_jam(
        "--root", str(demo_repo.root), "check", str(demo_repo.root / "submissions/demo-sprint/probing.md")
    )
    assert code == 1 and "submissions/demo-sprint/probing/index.html/figure.png:1:1: JAM316" in out


# --------------------------------------------------------------------------- how much


def test_a_pull_request_of_101_files_is_refused_with_the_limit_named(pr_repo: Repo, run_jam: Jam) -> None:
    _limits(pr_repo, "max_project_files = 500\n")
    _new_project(pr_repo, *(f"figures/f{i:03}.png" for i in range(100)))  # with the project's file and report: 102
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and codes_of(result) == ["JAM318"]
    found = only(result, "JAM318")
    assert found["path"] == f"{NEW}.md"
    assert found["message"] == (
        "this pull request adds or changes 102 files; a pull request may change at most 100 (2 over)"
    )
    comment = render_comment(from_json(json.dumps(result)), Context("org/sprints", result["change"]["head"]))
    assert "at most 100 \\(2 over\\)" in comment and "JAM318" in comment  # Markdown-escaped parentheses


def test_a_project_of_51_files(pr_repo: Repo, run_jam: Jam) -> None:
    _new_project(pr_repo, *(f"f{i:02}.png" for i in range(50)))  # and the report: 51 in the folder
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and codes_of(result) == ["JAM317"]
    assert only(result, "JAM317")["message"] == (
        "the folder of demo-sprint/new-thing holds 51 files; a project may hold at most 50 (1 over)"
    )


def test_a_pull_request_over_its_size_in_megabytes(pr_repo: Repo, run_jam: Jam) -> None:
    _limits(pr_repo, "max_pr_mb = 0.1\n")  # 100 KB
    _new_project(pr_repo)
    for i in range(3):
        pr_repo.write(f"{NEW}/big{i}.png", PNG + bytes([i]) * 50_000)
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1 and codes_of(result) == ["JAM319"]
    message = only(result, "JAM319")["message"]
    assert "a pull request may take at most 102 KB" in message and "KB over)" in message


def test_a_pull_request_under_every_limit_is_ready(pr_repo: Repo, run_jam: Jam) -> None:
    _new_project(pr_repo, *(f"figures/f{i:02}.png" for i in range(49)))  # 50 in the folder, 51 in the PR
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert (code, result["diagnostics"]) == (0, [])


def test_a_maintainer_moves_more_than_a_teams_limit(pr_repo: Repo, run_jam: Jam) -> None:
    _limits(pr_repo, "max_project_files = 500\n")
    _new_project(pr_repo, *(f"figures/f{i:03}.png" for i in range(150)))
    code, result = check_pr(run_jam, pr_repo, "--maintainer", author="")
    assert (code, result["diagnostics"]) == (0, [])


def test_a_pull_request_cannot_raise_its_own_limits(pr_repo: Repo, run_jam: Jam) -> None:
    pr_repo.write("pyproject.toml", "[tool.jamkit]\nmax_project_files = 500\nmax_pr_files = 500\n")
    _new_project(pr_repo, *(f"f{i:03}.png" for i in range(120)))
    code, result = check_pr(run_jam, pr_repo, author="cara")
    assert code == 1
    assert {"JAM302", "JAM317", "JAM318"} <= set(codes_of(result))
