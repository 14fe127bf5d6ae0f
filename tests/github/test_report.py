"""The bot's words, labels and status, computed offline from verdict documents of ``jam check --pr``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import markdown

from jamkit.core.diagnostics import heading_id
from jamkit.core.verdict import from_json
from jamkit.github.report import (
    COMMENT_MAX,
    LABEL_NAME_MAX,
    STATUS_DESCRIPTION_MAX,
    Context,
    build_report,
    is_bot_label,
    labels_for,
    marker_state,
    render_comment,
    rule_anchor,
    sign,
    status_for,
)
from tests.helpers import Repo
from tests.helpers.pull_request import NEW_PROJECT, Jam, check_pr
from tests.helpers.rendered import references, render, visible
from tests.helpers.verdicts import SHA, problem, verdict_doc

CTX = Context(
    repo="Codertocat/Hello-World", head_sha=SHA, run_url="https://github.com/Codertocat/Hello-World/actions/runs/1"
)


HOSTILE = (
    "cc @jamkit/maintainers and @octocat ![pixel](https://evil.example/p.png) "
    '<img src=x onerror="alert(1)"> <script>alert(1)</script> [click](javascript:alert(1)) '
    "| a | table | break |\n## heading\n<!-- jamkit-bot v1 sha256=" + "0" * 64 + " --> "
    "closes #1 and octo/repo#2 `code` **bold** \u202eevil\u202c zero\u200bwidth"
)


# --------------------------------------------------------------------------- labels and status


def test_labels_for_a_ready_submission() -> None:
    assert labels_for(from_json(verdict_doc())) == {"submission", "sprint:demo-sprint", "ready"}


def test_labels_for_a_late_protected_change_with_errors() -> None:
    labels = labels_for(from_json(verdict_doc([problem()], late=True, protected=True)))
    assert labels == {"submission", "sprint:demo-sprint", "needs-changes", "late", "maintainer-review"}


def test_labels_skip_non_slug_sprints_and_fit_githubs_length_limit() -> None:
    long = "a" * 64
    labels = labels_for(from_json(verdict_doc(sprints=["Bad Sprint!", long], projects=[])))
    assert labels == {"ready", ("sprint:" + long)[:LABEL_NAME_MAX]}
    assert all(len(label) <= LABEL_NAME_MAX for label in labels)


def test_warnings_alone_do_not_block() -> None:
    verdict = from_json(verdict_doc([problem(severity="warning")]))
    assert verdict.passed
    assert "ready" in labels_for(verdict)
    state, description = status_for(verdict)
    assert state == "success" and "1 warning" in description


def test_bot_labels_are_only_its_own() -> None:
    assert all(is_bot_label(n) for n in ["ready", "needs-changes", "late", "submission", "sprint:x", "Ready"])
    assert not any(is_bot_label(n) for n in ["bug", "enhancement", "winner", "sprints"])


def test_status_description_fits_140_characters() -> None:
    many = [problem(path=f"submissions/demo-sprint/p{i}.md") for i in range(12345)]
    state, description = status_for(from_json(verdict_doc(many, protected=True)))
    assert state == "failure" and len(description) <= STATUS_DESCRIPTION_MAX
    assert description.startswith("12345 errors in 12345 files")
    state, description = status_for(from_json(verdict_doc(protected=True)))
    assert state == "success" and len(description) <= STATUS_DESCRIPTION_MAX and "maintainer" in description


# --------------------------------------------------------------------------- escaping


def _cells(row: str) -> list[str]:
    """Split a Markdown table row on its unescaped pipes."""
    return re.split(r"(?<!\\)\|", row)[1:-1]


def test_hostile_text_is_inert() -> None:
    verdict = from_json(verdict_doc([problem(HOSTILE, fix=HOSTILE, path="submissions/x/@evil <b>.md")]))
    body = render_comment(verdict, CTX)
    without_marker = body.split("\n", 1)[1]
    # No mention, issue reference, image, raw HTML or link can come out of the quoted text.
    assert not re.search(r"@[A-Za-z0-9]", body)
    assert not re.search(r"(?<![\\&])#\d", body)  # no cross-reference to an issue
    assert "<img" not in body and "<script" not in body and "<b>" not in body
    assert "![" not in body and "](javascript" not in body
    assert "<!--" not in without_marker  # a quoted marker cannot fake or close the bot's
    assert "\u202e" not in body and "\u200b" not in body
    # The table keeps one row per problem with exactly five cells.
    rows = [line for line in body.splitlines() if line.startswith("| ❌")]
    assert len(rows) == 1 and len(_cells(rows[0])) == 5
    # Rendered as Markdown with tables (Python-Markdown standing in for GitHub's renderer).
    html = markdown.markdown(without_marker, extensions=["tables"])
    assert "<img" not in html and "<script" not in html and 'href="javascript' not in html
    assert html.count("<tr>") == 2 and "<h2>heading" not in html
    assert "alert(1)" in html  # the text is still there for the reader, only defused


def test_the_comment_as_github_renders_it_links_only_to_the_repository_and_references_nothing() -> None:
    """A file named after an issue and a message quoting mentions: the bot says them, GitHub links none."""
    message = "'team' is '&commat;org/maintainers GH-3 www.evil.example', not a name"
    path = "submissions/demo-sprint/GH-7 @octocat.md"
    html = render(render_comment(from_json(verdict_doc([problem(message, path=path)])), CTX))
    assert references(html) == []
    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs and all(h.startswith("https://github.com/Codertocat/Hello-World/") for h in hrefs)
    assert f"{path}:2" in visible(html) and message in visible(html)


def test_file_links_are_url_encoded_and_codes_link_to_the_rules() -> None:
    path = "submissions/demo-sprint/a (b) c.md"
    body = render_comment(from_json(verdict_doc([problem(path=path, line=7)])), CTX)
    assert f"https://github.com/Codertocat/Hello-World/blob/{SHA}/submissions/demo-sprint/a%20%28b%29%20c.md#L7" in body
    rules = "https://github.com/Codertocat/Hello-World/blob/HEAD/docs/rules.md"
    assert f"[JAM101]({rules}#jam101-required-field-missing)" in body
    weird = render_comment(from_json(verdict_doc([problem(code="](x)")])), CTX)
    assert "[](x)" not in weird and "\\]\\(x\\)" in weird


def test_every_code_links_to_a_heading_of_the_rules_reference() -> None:
    from jamkit.core.codes import CODES

    rules_md = (Path(__file__).resolve().parents[2] / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = {heading_id(line.lstrip("#").strip()) for line in rules_md.splitlines() if line.startswith("### ")}
    missing = {code for code in CODES if rule_anchor(code) not in headings}
    assert CODES and not missing


def test_comment_is_bounded_for_huge_verdicts() -> None:
    many = [problem("m" * 5000, fix="f" * 5000, path=f"submissions/s/p{i}.md") for i in range(5000)]
    body = render_comment(from_json(verdict_doc(many)), CTX)
    assert len(body) < COMMENT_MAX + 200
    assert "…and 4950 more" in body


# --------------------------------------------------------------------------- the comment


def test_ready_comment_says_thanks_and_what_happens_next() -> None:
    report = build_report(from_json(verdict_doc()), CTX)
    assert report.state == "success"
    assert "Thanks for your submission!" in report.body
    assert "ready for review" in report.body and "What happens next" in report.body
    assert "`demo-sprint`" in report.body and SHA[:12] in report.body
    assert CTX.run_url in report.body


def test_problem_comment_lists_file_line_code_and_fix() -> None:
    report = build_report(from_json(verdict_doc([problem()], late=True, protected=True)), CTX)
    assert report.state == "failure"
    assert "some changes needed" in report.body
    assert "probing\\.md:&#8203;2" in report.body and "JAM101" in report.body and "add \\`title:&#8203;" in report.body
    assert "**Late:**" in report.body and "**Maintainer review:**" in report.body


def test_marker_is_first_and_detects_edits() -> None:
    report = build_report(from_json(verdict_doc([problem()])), CTX)
    assert report.body.startswith("<!-- jamkit-bot v2 labels=needs-changes")
    assert marker_state(report.body) == "intact"
    # GitHub may hand the body back with CRLF line ends: still the bot's own text.
    assert marker_state(report.body.replace("\n", "\r\n")) == "intact"
    edited = report.body.replace("some changes needed", "some changes needed (ignore JAM101, we agreed)")
    assert marker_state(edited) == "edited"
    assert marker_state("<!-- jamkit-bot v1 sha256=nothex -->\nhello") == "edited"
    assert marker_state("Thanks! <!-- jamkit-bot v1 -->") == "absent"
    assert marker_state(None) == "absent"
    assert "edited by someone" in report.body_replacing_edited
    assert marker_state(report.body_replacing_edited) == "intact"


def test_sign_is_stable() -> None:
    assert sign("hello\n") == sign("hello") == sign("\r\nhello\r\n")
    assert marker_state(sign("hello")) == "intact"


def test_a_file_name_that_is_not_utf8_never_crashes_the_report() -> None:
    """`jam check --pr` writes such a name as a lone surrogate; everything the bot sends must still encode."""
    name = "submissions/demo-sprint/caf\udce9.md"
    document = {
        "checked": 1,
        "ok": False,
        "diagnostics": [{"path": name, "line": 1, "col": 1, "code": "JAM006", "severity": "error",
                         "message": f"{name}: the file name is not UTF-8", "fix": "rename it"}],
        "change": {"paths": [name], "projects": [], "sprints": []},
    }  # fmt: skip
    report = build_report(from_json(json.dumps(document)), CTX)
    for text in (report.body, report.description, *report.labels):
        text.encode("utf-8")
    assert "caf\ufffd" in report.body and "%EF%BF%BD.md#L1" in report.body


# --------------------------------------------------------------------------- outcomes a team cannot fix


def _late() -> dict[str, Any]:
    return problem("LATE submission: the deadline was ...", code="JAM307", fix="nothing to fix: ...")


def test_a_late_pull_request_waits_for_the_organisers_and_is_never_asked_to_push_again() -> None:
    report = build_report(from_json(verdict_doc([_late()], late=True)), CTX)
    assert report.state == "pending" and "organisers" in report.description
    assert report.labels == {"submission", "sprint:demo-sprint", "late"}
    assert "waiting for the organisers" in report.body
    for contradiction in ("needs changes", "changes needed", "push again", "fix them", "needs-changes"):
        assert contradiction not in report.body.lower()
    assert "| ⏳ |" in report.body and "| ❌ |" not in report.body


def test_a_late_pull_request_with_real_problems_counts_only_those_as_errors_to_fix() -> None:
    report = build_report(from_json(verdict_doc([_late(), problem()], late=True)), CTX)
    assert report.state == "failure" and "needs-changes" in report.labels
    assert "**1 error** to fix" in report.body and "**Late:**" in report.body


def test_a_sprint_not_yet_open_has_its_own_comment_label_and_status() -> None:
    early = problem("Demo has not started", code="JAM308", fix="nothing to fix: wait")
    report = build_report(from_json(verdict_doc([early], not_open=True)), CTX)
    assert report.state == "pending" and report.description.startswith("Not yet open")
    assert "not-open" in report.labels and "needs-changes" not in report.labels
    assert "not opened for submissions yet" in report.body and "fix them" not in report.body


def test_a_clean_pull_request_that_touches_protected_files_waits_for_a_maintainer() -> None:
    report = build_report(from_json(verdict_doc(protected=True, paths=["mkdocs.yml"], projects=[])), CTX)
    assert report.state == "success" and "maintainer review needed" in report.description
    assert "waiting for a maintainer's review" in report.body
    assert {"ready", "maintainer-review"} <= report.labels


def test_the_comment_tells_a_browser_user_how_to_fix_in_the_browser() -> None:
    body = build_report(from_json(verdict_doc([problem()])), CTX).body
    assert "**In the browser:**" in body and "Files changed" in body and "Edit file" in body
    assert "pip install ." not in body and "scripts/bootstrap" in body


def test_a_missing_report_is_explained_for_the_browser_and_the_command_line(demo_repo: Repo, run_jam: Jam) -> None:
    """Issue 25: the fix spoke only to command-line users, and the page's upload button opened a second PR."""
    demo_repo.init_git()
    demo_repo.commit("base")
    demo_repo.git("checkout", "-q", "-b", "pr")
    demo_repo.write("submissions/demo-sprint/new-thing.md", NEW_PROJECT)
    _, result = check_pr(run_jam, demo_repo, author="cara")
    body = build_report(from_json(json.dumps(result)), CTX).body
    assert "JAM204" in body
    fix = visible(render(body[body.index("JAM204") :]))  # as GitHub shows it
    assert "in the browser: on the sprint's page, type your pull request's branch" in fix
    assert "upload the PDF and commit to that branch" in fix
    assert "on the command line: add it at submissions/demo-sprint/new-thing/report.pdf and push" in fix
