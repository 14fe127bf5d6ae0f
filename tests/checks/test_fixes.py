"""Right fixes: each wrong fix of issue 9 now points at the right line, and applying the fix makes the check pass.

The mechanical ones are applied by `jam check --fix` itself (byte-preserving, atomic); the others are applied
here exactly as the fix says, and the check is run again.
"""

from __future__ import annotations

import pytest

from jamkit.checks.fixes import plan_fixes
from jamkit.core import codes
from jamkit.core.diagnostics import Replacement
from jamkit.core.model import Position
from tests.helpers import SUBMISSION, Repo

P = "submissions/demo-sprint/probing.md"


def _fix_then_check(demo_repo: Repo, run_jam) -> tuple[int, str, int, str]:
    root = str(demo_repo.root)
    fixed = run_jam("--root", root, "check", "--fix")
    again = run_jam("--root", root, "check")
    return fixed[0], fixed[1], again[0], again[1]


def test_a_space_before_the_opening_dashes_is_named_at_line_1_and_fixed(demo_repo: Repo, jam_check, run_jam) -> None:
    demo_repo.write(P, " " + SUBMISSION)
    bad = jam_check(demo_repo).one("JAM003")
    assert (bad["line"], bad["fix"]) == (1, "delete the spaces and blank lines before '---' on line 1")
    assert "line 9" not in bad["message"]  # the closing '---' is not the problem
    _, out, code, _ = _fix_then_check(demo_repo, run_jam)
    assert code == 0 and "Fixed 1 problem in " + P + "." in out
    assert (demo_repo.root / P).read_text() == SUBMISSION


def test_blank_lines_before_the_front_matter_are_the_same_mistake(demo_repo: Repo, jam_check, run_jam) -> None:
    demo_repo.write(P, "\n\n" + SUBMISSION)
    assert jam_check(demo_repo).one("JAM003")["line"] == 3
    assert _fix_then_check(demo_repo, run_jam)[2] == 0


def test_a_report_path_written_from_the_markdown_file_is_the_same_file(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("report: report.pdf", "report: probing/report.pdf"))
    assert jam_check(demo_repo).diagnostics == []
    demo_repo.write(P, SUBMISSION.replace("report: report.pdf", "report: probing/final.pdf"))
    fix = jam_check(demo_repo).one("JAM204")["fix"]
    assert "on the command line: add it at submissions/demo-sprint/probing/final.pdf and push" in fix
    assert "probing/probing" not in fix


def test_a_site_in_the_wrong_case_lists_the_sites_and_is_fixed(demo_repo: Repo, jam_check, run_jam) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: London  # where we met"))
    bad = jam_check(demo_repo).one("JAM203")
    assert (bad["line"], bad["col"]) == (8, 1)
    assert bad["fix"] == "did you mean 'london'? (use one of: online, london)"
    _, _, code, _ = _fix_then_check(demo_repo, run_jam)
    assert code == 0 and "site: london  # where we met\n" in (demo_repo.root / P).read_text()


def test_an_unknown_site_lists_the_valid_ones_without_guessing(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: Tokyo"))
    assert jam_check(demo_repo).one("JAM203")["fix"] == "use one of: online, london"


def test_an_unclosed_quote_is_reported_where_it_opens(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", 'title: "Probing for Deception'))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["col"]) == (2, 8)
    assert bad["fix"] == 'add the closing " at the end of the value on this line'
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", 'title: "Probing for Deception"'))
    assert jam_check(demo_repo).diagnostics == []


def test_a_quote_left_open_is_reported_where_it_opens_though_a_later_quote_closes_it(
    demo_repo: Repo, jam_check
) -> None:
    quoted_later = SUBMISSION.replace("for deceptive behaviour.", 'for "deceptive" behaviour.')
    demo_repo.write(P, quoted_later.replace("title: Probing for Deception", 'title: "Probing for Deception'))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["col"]) == (2, 8)  # not line 6, where the parser stopped
    assert 'runs on to the next ", on line 6' in bad["message"]
    assert bad["fix"] == 'add the closing " at the end of the value on this line'
    demo_repo.write(P, quoted_later.replace("title: Probing for Deception", 'title: "Probing for Deception"'))
    assert jam_check(demo_repo).diagnostics == []


def test_a_quote_inside_a_quoted_value_says_how_to_write_it(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", "title: 'Probing Bea's Model'"))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["col"]) == (2, 20)  # the quote after "Bea"
    assert (
        bad["fix"] == "write a ' inside the value as '' (two single quotes), or put the value in double quotes instead"
    )
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", "title: 'Probing Bea''s Model'"))
    assert jam_check(demo_repo).diagnostics == []


@pytest.mark.parametrize(
    ("glued", "code", "col"),
    [
        ("title:Probing for Deception", "JAM002", 6),  # YAML cannot read the line as a key at all
        ('title:"Probing: for Deception"', "JAM102", 1),  # it reads the key 'title:"Probing'
    ],
)
def test_a_key_without_a_space_after_its_colon_is_named_with_the_fix(
    demo_repo: Repo, jam_check, glued: str, code: str, col: int
) -> None:
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", glued))
    report = jam_check(demo_repo)
    assert [d["code"] for d in report.diagnostics] == [code]  # one problem: 'title' is not also reported missing
    bad = report.one(code)
    assert (bad["line"], bad["col"], bad["fix"]) == (2, col, "write a space after the colon: 'title: '")
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", glued.replace("title:", "title: ")))
    assert jam_check(demo_repo).diagnostics == []


def test_a_line_that_is_not_key_value_is_named_not_the_line_after_it(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: london\nSee the appendix"))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["message"]) == (9, "YAML error: 'See the appendix' is not a 'key: value' line")


def test_a_list_left_open_is_named_on_its_own_line(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "tags: [probing, deception\nsite: london"))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["col"], bad["message"]) == (
        8,
        7,
        "YAML error: the [ opened here is not closed on its line",
    )
    demo_repo.write(P, SUBMISSION.replace("site: london", "tags: [probing, deception]\nsite: london"))
    assert jam_check(demo_repo).diagnostics == []


def test_an_abstract_whose_first_line_is_indented_more_is_named_there(demo_repo: Repo, jam_check) -> None:
    folded = "abstract: >-\n    We probe a small model\n  for deceptive behaviour."
    demo_repo.write(P, SUBMISSION.replace("abstract: We probe a small model for deceptive behaviour.", folded))
    bad = jam_check(demo_repo).one("JAM002")
    assert (bad["line"], bad["col"]) == (7, 5)
    assert bad["fix"] == "indent every line of the text alike (2 spaces, as the lines after this one)"
    demo_repo.write(
        P,
        SUBMISSION.replace(
            "abstract: We probe a small model for deceptive behaviour.", folded.replace("    We", "  We")
        ),
    )
    assert jam_check(demo_repo).diagnostics == []


def test_fix_keeps_every_other_byte_and_leaves_what_needs_a_person(demo_repo: Repo, run_jam) -> None:
    text = SUBMISSION.replace("site: london", "sitte: london\r").replace(
        "The long write-up.", "See http://example.org and `http://in-code.example`.\n\n![x](missing.png)"
    )
    demo_repo.write(P, text)
    _, out, code, again = _fix_then_check(demo_repo, run_jam)
    after = (demo_repo.root / P).read_bytes().decode()
    assert after == text.replace("sitte:", "site:").replace("See http://", "See https://")
    assert code == 1 and "JAM214" in again and "JAM117" not in again
    assert "Fixed 2 problems in " + P + "." in out


def test_fix_does_not_go_with_pr(demo_repo: Repo, run_jam) -> None:
    code, _, err = run_jam("--root", str(demo_repo.root), "check", "--fix", "--pr", "--base", "main")
    assert code == 2 and "--fix" in err


def test_nothing_to_fix_says_so_and_changes_nothing(demo_repo: Repo, run_jam) -> None:
    code, out, _ = run_jam("--root", str(demo_repo.root), "check", "--fix")
    assert code == 0 and out.startswith("Nothing to fix mechanically.")


def test_the_json_carries_each_mechanical_fix_as_data(demo_repo: Repo, jam_check) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "sitte: london"))
    unknown = jam_check(demo_repo).one("JAM102")
    assert unknown["fix"] == "did you mean 'site'?"  # the advice for people is as before
    assert unknown["replacement"] == {"line": 8, "col": 1, "old": "sitte", "new": "site"}
    demo_repo.write(P, SUBMISSION.replace("The long write-up.", "See HTTP://x.org"))
    http = jam_check(demo_repo).one("JAM117")
    assert http["replacement"] == {"line": http["line"], "col": http["col"], "old": "HTTP://", "new": "https://"}
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: Tokyo"))
    assert "replacement" not in jam_check(demo_repo).one("JAM203")  # no close match: nothing to apply


def test_fix_applies_the_replacement_and_never_reads_the_advice(demo_repo: Repo) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "sitte: london"))
    carried = codes.UNKNOWN.at(P, Position(8), "unknown field 'sitte'", "", Replacement(8, 1, "sitte", "site"))
    advised = codes.UNKNOWN.at(P, Position(8), "unknown field 'sitte'", "did you mean 'sit'?")
    assert plan_fixes(demo_repo.root, [advised]) == []
    [fixed] = plan_fixes(demo_repo.root, [carried, advised])
    assert fixed.answered == (carried,) and fixed.edit.after.decode() == SUBMISSION


def test_a_replacement_the_file_no_longer_holds_is_left_alone(demo_repo: Repo) -> None:
    demo_repo.write(P, SUBMISSION.replace("site: london", "site: lond"))
    stale = codes.UNKNOWN_SITE.at(P, Position(8), "'Lon' is not a site", "", Replacement(8, 5, "Lon", "london"))
    assert plan_fixes(demo_repo.root, [stale]) == []  # 'Lon' is not a whole word on line 8 any more


# The YAML mistakes people make, as they make them: `--fix` writes the fix the message gives, and the file then
# checks clean with the meaning it was written with (issue 25, item 4).
YAML_MISTAKES = [
    pytest.param("    github: bea", "\tgithub: bea", "indented with a tab", id="tab"),
    pytest.param("    github: bea", "   github: bea", "'github' is indented 3 spaces", id="one-space-short"),
    pytest.param("    github: bea", "     github: bea", "'github' is indented 5 spaces", id="one-space-over"),
    pytest.param("    github: bea", "    github: @bea", "cannot start with @", id="at-handle"),
]


@pytest.mark.parametrize(("good", "bad", "says"), YAML_MISTAKES)
def test_a_yaml_mistake_is_said_plainly_and_fix_restores_the_file(
    demo_repo: Repo, jam_check, run_jam, good: str, bad: str, says: str
) -> None:
    demo_repo.write(P, SUBMISSION.replace(good, bad))
    found = jam_check(demo_repo).one("JAM002")
    assert says in found["message"] and found["line"] == 5, found
    _, out, again, _ = _fix_then_check(demo_repo, run_jam)
    assert again == 0 and "Fixed 1 problem" in out, out
    assert (demo_repo.root / P).read_text() == SUBMISSION


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("title: Probing: a study of lies", 'title: "Probing: a study of lies"'),
        ("title: \u2018Probing: a study\u2019", 'title: "Probing: a study"'),
        ('title: Probing: the "liar" test', "title: 'Probing: the \"liar\" test'"),
        ("title: `probe`: it lies", 'title: "`probe`: it lies"'),
    ],
)
def test_a_value_yaml_cannot_read_is_quoted_by_fix_and_keeps_its_text(
    demo_repo: Repo, jam_check, run_jam, written: str, stored: str
) -> None:
    demo_repo.write(P, SUBMISSION.replace("title: Probing for Deception", written))
    found = jam_check(demo_repo).one("JAM002")
    assert (found["line"], found["col"], found["fix"].split(": ", 1)[-1]) == (2, 8, stored.split(": ", 1)[1])
    assert _fix_then_check(demo_repo, run_jam)[2] == 0
    assert (demo_repo.root / P).read_text() == SUBMISSION.replace("title: Probing for Deception", stored)


def test_tabs_with_another_mistake_after_them_are_named_but_not_rewritten(demo_repo: Repo, jam_check, run_jam) -> None:
    # No width of tab makes the file read (the list left open stops it), so no rewrite can be checked: none is made.
    broken = SUBMISSION.replace("    github: bea", "\tgithub: bea").replace("site: london", "tags: [open")
    demo_repo.write(P, broken)
    found = jam_check(demo_repo).one("JAM002")
    assert "indented with a tab" in found["message"] and "replacement" not in found
    assert run_jam("--root", str(demo_repo.root), "check", "--fix")[0] == 1
    assert (demo_repo.root / P).read_text() == broken
