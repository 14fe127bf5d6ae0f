"""`jam review import` on a real sprint: a messy form export, re-imports in place, hostile files, round trips."""

from __future__ import annotations

import pytest

from jamkit.files.load import load_catalog
from tests.helpers.judging_repo import EXPORT, JUDGES, REVIEWS, SLUG, S, clean_export, write_sprint

FORM = ("--map", "judge=Reviewer")  # the form calls the judge column "Reviewer"


@pytest.fixture
def sprint(repo):
    return write_sprint(repo)


def run_import(run_jam, repo, csv, *args: str):
    return run_jam("--root", str(repo.root), "review", "import", SLUG, str(csv), *args)


def reviews(repo) -> dict[tuple[str, str], tuple[dict[str, float], str | None]]:
    catalog, problems = load_catalog(repo.root)
    assert problems == []
    return {(r.fields.judge, r.fields.project): (r.fields.scores, r.fields.comment) for r in catalog.reviews[SLUG]}


def test_the_messy_export_is_refused_at_the_rows_scored_off_the_scale_and_nothing_is_written(sprint, run_jam) -> None:
    code, out, err = run_import(run_jam, sprint, EXPORT, *FORM)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{EXPORT}:19:4: JAM208 score 0.5 for 'advancement' is outside the scale 1 to 5 "
        "(fix: give a score within the sprint's scale)",
        f"{EXPORT}:19:5: JAM208 score 0.9 for 'impact' is outside the scale 1 to 5 "
        "(fix: give a score within the sprint's scale)",
        "2 problems in 1 of 1 file checked",
        f"Nothing written: fix 1 row of {EXPORT} and import it again.",
    ]
    assert not (sprint.root / REVIEWS).exists()


def test_the_corrected_export_imports_all_31_reviews_read_as_people_meant_them(
    sprint, run_jam, jam_check, tmp_path
) -> None:
    export = tmp_path / "export.csv"
    export.write_text(clean_export(), encoding="utf-8")
    code, out, err = run_import(run_jam, sprint, export, *FORM)
    assert (code, err) == (0, "")
    assert f"Imported {export} into {REVIEWS}: 31 added, 0 updated, 0 unchanged." in out
    found = reviews(sprint)
    assert len(found) == 31
    assert {j for j, _ in found} == set(JUDGES)
    assert len({p for _, p in found}) == 11
    assert sum(1 for j, _ in found if j == "fazl") == 7  # "Fazl" and "Fazl Barez" are one judge
    assert found[("fazl", "p01")] == (
        {"advancement": 3.5, "impact": 3.0, "quality": 3.5},
        "Good idea, but the evaluation is thin.",
    )
    assert found[("ana", "p01")][1] == "Clear question & a careful baseline."
    assert found[("olu", "p02")][1] == 'Interesting results.\nBut the write-up "needs work" <sigh>'
    assert found[("mira", "p02")][1] == "- novel\n- reproducible"
    assert found[("kenji", "p01")][1] is None
    assert found[("tom", "p05")][0] == {"advancement": 2.5, "impact": 1.5, "quality": 2.0}
    text = (sprint.root / REVIEWS).read_text()
    assert text.startswith("- judge: ana\n  project: p01\n  scores: {advancement: 3, impact: 2, quality: 2.5}\n")
    assert '  comment: |-\n    Interesting results.\n    But the write-up "needs work" <sigh>\n' in text
    assert jam_check(sprint).diagnostics == []
    code, out, _ = run_import(run_jam, sprint, export, *FORM)
    assert code == 0
    assert f"0 added, 0 updated, 31 unchanged: {REVIEWS} already has these reviews; nothing written." in out


HAND_WRITTEN = """\
# Reviews of the alignment sprint; kenji's came by email.
- judge: kenji
  project: p01
  scores: {advancement: 2.5, impact: 2, quality: 2.5}
  comment: "Sent by email"   # keep this note

- judge: fazl
  project: p01
  scores:
    advancement: 3.5
    impact: 3
    quality: 3.5

# the last one
- judge: ana
  project: p07
  scores: {advancement: 3.5, impact: 2, quality: 4}
"""


def test_a_reimport_updates_reviews_in_place_and_keeps_every_other_line(sprint, run_jam, jam_check, tmp_path) -> None:
    sprint.write(REVIEWS, HAND_WRITTEN)
    export = tmp_path / "again.csv"
    export.write_text(
        "judge,project,advancement,impact,quality,comment\n"
        'Fazl Barez,p01,4,"4,5",4,Changed my mind after the demo.\n'
        "ana-ruiz,p07,3.5,2,4,\n"
        'mira,p10,3,3,3,"A new review, long enough to be written as a folded block because it runs past eighty."\n',
        encoding="utf-8",
    )
    code, out, err = run_import(run_jam, sprint, export)
    assert (code, err) == (0, "")
    assert f"Imported {export} into {REVIEWS}: 1 added, 1 updated, 1 unchanged." in out
    assert "Updated in place: fazl on p01" in out
    after = (sprint.root / REVIEWS).read_text()
    kenji, _, rest = HAND_WRITTEN.partition("- judge: fazl")
    assert after.startswith(kenji)
    assert after == (
        kenji + "- judge: fazl\n  project: p01\n  scores: {advancement: 4, impact: 4.5, quality: 4}\n"
        "  comment: Changed my mind after the demo.\n"
        + rest[rest.index("\n\n# the last one") + 1 :]
        + "- judge: mira\n  project: p10\n  scores: {advancement: 3, impact: 3, quality: 3}\n  comment: >-\n"
        "    A new review, long enough to be written as a folded block because it runs past eighty.\n"
    )
    assert [k for k in reviews(sprint)] == [("kenji", "p01"), ("fazl", "p01"), ("ana", "p07"), ("mira", "p10")]
    assert jam_check(sprint).diagnostics == []


def test_crlf_and_a_byte_order_mark_survive_a_reimport(sprint, run_jam, tmp_path) -> None:
    sprint.write(REVIEWS, b"\xef\xbb\xbf" + HAND_WRITTEN.replace("\n", "\r\n").encode())
    export = tmp_path / "one.csv"
    export.write_text("judge,project,advancement,impact,quality\nkenji,p01,3,3,3\n", encoding="utf-8")
    code, _, _ = run_import(run_jam, sprint, export)
    assert code == 0
    raw = (sprint.root / REVIEWS).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# Reviews") and b"\n" not in raw.replace(b"\r\n", b"")
    assert (
        b"- judge: kenji\r\n  project: p01\r\n  scores: {advancement: 3, impact: 3, quality: 3}\r\n"
        b"  comment: Sent by email\r\n\r\n- judge: fazl\r\n" in raw
    )
    assert reviews(sprint)[("kenji", "p01")] == ({"advancement": 3, "impact": 3, "quality": 3}, "Sent by email")


def test_a_flow_style_reviews_file_is_rewritten_whole_and_says_so(sprint, run_jam, tmp_path) -> None:
    sprint.write(REVIEWS, "[{judge: ana, project: p07, scores: {advancement: 3, impact: 2, quality: 4}}]\n")
    export = tmp_path / "one.csv"
    export.write_text("judge,project,advancement,impact,quality\ntom,p02,3,3,3\n", encoding="utf-8")
    code, out, _ = run_import(run_jam, sprint, export)
    assert code == 0
    assert f"Note: {REVIEWS} was rewritten whole" in out and "comments and layout in it were not kept" in out
    assert list(reviews(sprint)) == [("ana", "p07"), ("tom", "p02")]


def test_every_bad_row_is_reported_with_its_row_and_a_fix_and_nothing_is_written(sprint, run_jam, tmp_path) -> None:
    sprint.write(REVIEWS, HAND_WRITTEN)
    before = (sprint.root / REVIEWS).read_bytes()
    export = tmp_path / "bad.csv"
    export.write_text(
        "judge,project,advancement,impact,quality,comment\n"
        "Fazl B,p01,4,4,4,unknown judge\n"  # 2
        "mira,p12,3,3,3,unknown project\n"  # 3
        "Kenji Sato,p10,3,3,3,his own team\n"  # 4
        "ana,p03,3,,2,a score left out\n"  # 5
        "ana,p04,three,3,3,not a number\n"  # 6
        "ana,p05,3,3,3,first\n"  # 7
        "Ana Ruiz,p05,4,4,4,the same review twice\n"  # 8
        ",p06,3,3,3,no judge\n"  # 9
        "ana,../etc,3,3,3,a path\n"  # 10
        "ana,p08,1e308,99999999999999999999,6,huge\n"  # 11
        "<b>Tom</b>,p09,3,3,3,html name\n"  # 12
        "tom,p09,3,3,3,fine\n",  # 13
        encoding="utf-8",
    )
    code, out, _ = run_import(run_jam, sprint, export)
    assert code == 1
    lines = out.splitlines()
    where = [line.split(": ", 1)[0] for line in lines[:-2]]
    assert [w.removeprefix(f"{export}:") for w in where] == [
        "2:1",
        "3:2",
        "4:1",
        "5:1",
        "6:3",
        "8:1",
        "9:1",
        "10:2",
        "11:3",
        "11:4",
        "11:5",
        "12:1",
    ]
    said = "\n".join(lines)
    assert "JAM206 'Fazl B' is not a judge of Alignment Research Sprint (fix: did you mean 'fazl' (Fazl Barez)?" in said
    assert "JAM207 'p12' is not a project of Alignment Research Sprint" in said
    assert "JAM210 kenji may not review 'p10': Kenji Sato lists 'p10' under their own conflicts" in said
    assert "JAM211 ana's review of 'p03' has no score for impact" in said
    assert "must be a number, not 'three'" in said
    assert "JAM209 'ana' already reviewed 'p05'" in said
    assert "JAM208 score 6 for 'quality' is outside the scale 1 to 5" in said
    assert "JAM206 '<b>Tom</b>' is not a judge" in said
    assert lines[-1] == f"Nothing written: fix 10 rows of {export} and import it again."
    assert (sprint.root / REVIEWS).read_bytes() == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"judge,project,impact\nana,p01,3\nJos\xe9,p02,4\n", ":3:4: JAM001 byte 0xe9 is not UTF-8 text"),
        (b"judge,project,impact\nana,p01,3\x00\n", ":2:10: JAM001 a NUL byte: this is not a text file"),
        (b"\xff\xfej\x00u\x00d\x00", ":1:1: JAM001 byte 0xff is not UTF-8 text (the file looks like UTF-16)"),
    ],
)
def test_a_file_that_is_not_utf8_text_is_refused_at_its_row(sprint, run_jam, tmp_path, content, says) -> None:
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    code, out, err = run_import(run_jam, sprint, export)
    assert (code, err) == (1, "")
    assert f"{export}{says}" in out
    assert "CSV UTF-8" in out and f"Nothing written: {export} cannot be read." in out
    assert not (sprint.root / REVIEWS).exists()


def test_wrong_use_exits_2_with_jam_review(sprint, run_jam, tmp_path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("Person,Project,impact\nana,p01,3\n", encoding="utf-8")
    big = tmp_path / "big.csv"
    big.write_bytes(b"judge,project,impact\n" + b"ana,p01,3\n" * 600_000)
    book = tmp_path / "scores.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    for args, says in (
        (["nope", str(good)], "jam review: there is no sprint 'nope'"),
        ([SLUG, str(tmp_path / "missing.csv")], "missing.csv: no such file"),
        ([SLUG, str(tmp_path)], ": not a file"),
        ([SLUG, str(big)], "big.csv is 5.7 MB; a review export is far smaller (at most 5.0 MB is read)"),
        ([SLUG, str(book)], "is a spreadsheet workbook (e.g. .xlsx), not CSV; export it as CSV (UTF-8)"),
        ([SLUG, str(empty)], "the file is empty; export it with a header row"),
        ([SLUG, str(good)], "no 'judge' column; the columns are: Person, Project, impact; name it with --map judge="),
        ([SLUG, str(good), "--map", "judge"], "--map judge: write FIELD=COLUMN"),
        ([SLUG, str(good), "--map", "reviewer=Reviewer"], "'reviewer' is not a field; use one of: judge, project"),
        ([SLUG, str(good), "--map", "judge=Name"], "--map judge=Name: there is no column 'Name'"),
    ):
        code, out, err = run_jam("--root", str(sprint.root), "review", "import", *args)
        assert (code, out) == (2, ""), (args, out, err)
        assert err.startswith("jam review: ") and says in err, (args, err)
    assert not (sprint.root / REVIEWS).exists()


def test_a_broken_reviews_file_is_not_merged_into(sprint, run_jam, tmp_path) -> None:
    sprint.write(REVIEWS, "- judge: ana\n  project: p01\n  scores: {impact: [\n")
    before = (sprint.root / REVIEWS).read_bytes()
    export = tmp_path / "one.csv"
    export.write_text("judge,project,advancement,impact,quality\ntom,p02,3,3,3\n", encoding="utf-8")
    code, out, _ = run_import(run_jam, sprint, export)
    assert code == 1
    assert f"{REVIEWS}:" in out and "JAM002" in out
    assert f"Fix these first: the import merges into {REVIEWS}" in out
    assert (sprint.root / REVIEWS).read_bytes() == before


def test_status_score_sheets_round_trip_through_import(sprint, run_jam, tmp_path) -> None:
    root = str(sprint.root)
    assert run_jam("--root", root, "judge", "assign", SLUG, "--write", "--now", "2025-03-10T12:00:00Z")[0] == 0
    sheets = tmp_path / "sheets"
    code, out, _ = run_jam("--root", root, "judge", "status", SLUG, "--templates", str(sheets))
    assert code == 0 and "Wrote 6 score sheets" in out
    for sheet in sorted(sheets.iterdir()):
        lines = sheet.read_text(encoding="utf-8").splitlines()
        filled = [lines[0]] + [line.replace(",,,,", ',4,"3,5",5,Well done.') for line in lines[1:]]
        sheet.write_text("\n".join(filled) + "\n", encoding="utf-8")
        code, out, err = run_import(run_jam, sprint, sheet)
        assert (code, err) == (0, ""), out
        assert f"{len(lines) - 1} added, 0 updated, 0 unchanged" in out
    assert len(reviews(sprint)) == 33
    assert all(v == ({"advancement": 4, "impact": 3.5, "quality": 5}, "Well done.") for v in reviews(sprint).values())
    code, out, _ = run_jam("--root", root, "judge", "status", SLUG, "--templates", str(sheets))
    assert "33 of 33 assigned reviews done" in out and "Every assigned review is in." in out
    assert "No score sheets to write: no judge has a review missing." in out


def test_garbage_everywhere_gives_messages_never_an_internal_error(repo, run_jam, tmp_path) -> None:
    write_sprint(repo)
    repo.write(f"submissions/{SLUG}/p03.md", b"\x00\xff---\n\t: [\n")
    repo.write(REVIEWS, "- &a [*a]\n")
    repo.write(f"sprints/{SLUG}/assignments.yaml", "judge: {ana\n")
    export = tmp_path / "x.csv"
    export.write_bytes(b'judge,project,impact\n"unterminated,p01,3\n\xef\xbb\xbf,,\n')
    root = str(repo.root)
    for args, exit_code in (
        (["judge", "assign", SLUG, "--write"], 1),
        (["judge", "status", SLUG, "--templates", str(tmp_path / "sheets")], 0),  # status is information
        (["review", "import", SLUG, str(export)], 1),
    ):
        code, out, err = run_jam("--root", root, *args)
        assert code == exit_code, (args, out, err)
        assert "internal error" not in out + err and "Traceback" not in out + err
        assert "JAM00" in out
    repo.write(S, "---\ntitle: [\n---\n")
    for args in (["judge", "status", SLUG], ["review", "import", SLUG, str(export)]):
        code, out, err = run_jam("--root", root, *args)
        assert code == 1 and f"{S}:" in out and "internal error" not in out + err, (args, out, err)


OTHERS = """\
- judge: fazl
  project: p01
  scores: {advancement: 3.5, impact: 3, quality: 3.5}
  comment: "Thin evaluation"   # as sent
- judge: kenji
  project: p01
  scores: {advancement: 2, impact: 2, quality: 2}
- judge: ana
  project: p01
  scores: {advancement: 4.5, impact: 4, quality: 4.5}
"""


def test_one_judges_sheet_leaves_every_other_judges_review_byte_identical(sprint, run_jam, tmp_path) -> None:
    sprint.write(REVIEWS, OTHERS)
    sheet = tmp_path / "kenji.csv"
    sheet.write_text(
        "judge,project,advancement,impact,quality,comment\nkenji,p01,3,3,3,\nKenji Sato,p03,4,4,4,Neat.\n",
        encoding="utf-8",
    )
    code, out, err = run_import(run_jam, sprint, sheet)
    assert (code, err) == (0, ""), out
    assert f"Read {sheet} as kenji's score sheet (it is named after the judge): only their reviews may change." in out
    assert (
        "Plan, per judge (no other review is touched):\njudge  added  changed  unchanged\nkenji      1        1" in out
    )
    after = (sprint.root / REVIEWS).read_text(encoding="utf-8")
    fazl, ana = OTHERS.partition("- judge: kenji")[0], OTHERS[OTHERS.index("- judge: ana") :]
    assert after.startswith(fazl) and ana in after  # byte for byte, the comment after fazl's review too
    assert {k: v for k, v in reviews(sprint).items() if k[0] != "kenji"} == {
        ("fazl", "p01"): ({"advancement": 3.5, "impact": 3, "quality": 3.5}, "Thin evaluation"),
        ("ana", "p01"): ({"advancement": 4.5, "impact": 4, "quality": 4.5}, None),
    }
    assert reviews(sprint)[("kenji", "p01")] == ({"advancement": 3, "impact": 3, "quality": 3}, None)
    assert reviews(sprint)[("kenji", "p03")] == ({"advancement": 4, "impact": 4, "quality": 4}, "Neat.")


def test_a_row_for_another_judge_on_a_judges_sheet_is_refused_with_its_row(sprint, run_jam, tmp_path) -> None:
    """The attack: kenji's sheet carries rows under other judges' names, to rewrite their scores."""
    sprint.write(REVIEWS, OTHERS)
    before = (sprint.root / REVIEWS).read_bytes()
    sheet = tmp_path / "kenji.csv"
    sheet.write_text(
        "judge,project,advancement,impact,quality,comment\n"
        "kenji,p01,3,3,3,\nFazl Barez,p01,1,1,1,\n@ana-ruiz,p01,1,1,1,\n",
        encoding="utf-8",
    )
    code, out, _ = run_import(run_jam, sprint, sheet)
    assert code == 1
    assert out.splitlines()[:2] == [
        f"{sheet}:3:1: JAM220 row 3 is a review by fazl, but kenji.csv is kenji's score sheet (it is named after "
        "the judge): it may add or change only their reviews (fix: delete the row, or import fazl's scores from "
        "their own sheet)",
        f"{sheet}:4:1: JAM220 row 4 is a review by ana, but kenji.csv is kenji's score sheet (it is named after "
        "the judge): it may add or change only their reviews (fix: delete the row, or import ana's scores from "
        "their own sheet)",
    ]
    assert f"Nothing written: fix 2 rows of {sheet} and import it again." in out
    assert (sprint.root / REVIEWS).read_bytes() == before


CLASH = (
    "  - {id: tom, name: Tom Berg, github: tberg}\n  - {id: tberg, name: Tina Berger}\n  - {id: ana, name: Ana Ruiz}\n"
)


def test_a_judge_cell_that_fits_two_judges_is_refused_not_given_to_the_first(repo, run_jam, tmp_path) -> None:
    """'tberg' is Tom's handle and Tina's id: the export's row is refused; Tina's own sheet is read as hers."""
    write_sprint(repo, judges=CLASH)
    repo.write(REVIEWS, "- judge: tom\n  project: p02\n  scores: {advancement: 4, impact: 4, quality: 4}\n")
    before = (repo.root / REVIEWS).read_bytes()
    rows = "judge,project,advancement,impact,quality\ntberg,p02,1,1,1\n"
    export = tmp_path / "export.csv"
    export.write_text(rows, encoding="utf-8")
    code, out, _ = run_import(run_jam, repo, export)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{export}:2:1: JAM219 row 2: 'tberg' may name any of the judges tom, tberg "
        "(fix: write the judge's id: one of tom, tberg)"
    )
    assert (repo.root / REVIEWS).read_bytes() == before
    sheet = tmp_path / "tberg.csv"
    sheet.write_text(rows, encoding="utf-8")
    code, out, _ = run_import(run_jam, repo, sheet)
    assert code == 0, out
    assert (repo.root / REVIEWS).read_bytes().startswith(before)
    assert reviews(repo)[("tberg", "p02")] == ({"advancement": 1, "impact": 1, "quality": 1}, None)
    assert reviews(repo)[("tom", "p02")] == ({"advancement": 4, "impact": 4, "quality": 4}, None)


GOOGLE_FORMS = EXPORT.parent / "google-forms.csv"


def test_a_google_forms_export_imports_every_comment_as_people_meant_it(sprint, run_jam) -> None:
    """BOM, timestamps, titles from a dropdown, headers with scales, a resubmission, "Comments for the team"."""
    code, out, err = run_import(run_jam, sprint, GOOGLE_FORMS)
    assert (code, err) == (0, ""), out
    lines = out.splitlines()
    # Named before anything is written: the column nothing reads (private notes are never taken for comments)...
    assert lines[0] == (
        f"Not imported from {GOOGLE_FORMS}: the column 'Private notes for organisers' "
        "(no field of a review reads them; name one with --map FIELD=COLUMN if it should)"
    )
    # ...and the review sent twice, of which the later (by the form's timestamps) is kept.
    assert (
        lines[1]
        == f"Row 2 of {GOOGLE_FORMS} was sent again in row 5 (the same judge and project, later): row 5 is kept."
    )
    assert f"Imported {GOOGLE_FORMS} into {REVIEWS}: 4 added, 0 updated, 0 unchanged." in out
    assert reviews(sprint) == {
        ("ana", "p01"): (
            {"advancement": 4, "impact": 3, "quality": 3},
            "A clear question, a careful baseline, and now error bars.",
        ),
        ("ana", "p02"): ({"advancement": 4, "impact": 4, "quality": 4}, "Strong."),
        ("fazl", "p01"): ({"advancement": 3.5, "impact": 3, "quality": 3.5}, "Good idea, but the evaluation is thin."),
        ("olu", "p03"): ({"advancement": 2, "impact": 3, "quality": 2}, "Needs a related-work section."),
    }


def test_every_problem_of_every_row_is_said_in_one_pass_in_a_spreadsheets_terms(sprint, run_jam, tmp_path) -> None:
    export = tmp_path / "form.csv"
    export.write_text(
        "Timestamp,Your name,Project,Topic advancement (1-5),AI safety impact (1-5),Quality and reproducibility\n"
        "2025-03-03 9:00:00,Ana Ruiz,Project P01,3,seven,9\n"  # two problems in one row: both are said
        "2025-03-03 9:10:00,Ana Ruiz,Our great project,4,4,4\n",
        encoding="utf-8",
    )
    code, out, _ = run_import(run_jam, sprint, export)
    assert code == 1
    assert f"{export}:2:5: JAM103 'scores.impact' must be a number, not 'seven' (fix: type a number such as 4.5 " in out
    assert f"{export}:2:6: JAM208 score 9 for 'quality' is outside the scale 1 to 5" in out
    assert "has no score for impact" not in out  # the number refused is not also said to be missing
    assert f"{export}:3:3: JAM207 'our great project' is not a project of Alignment Research Sprint (fix: type " in out
    assert "p01 (Project P01)" in out and "without quotes" not in out
    assert not (sprint.root / REVIEWS).exists()


def test_a_resubmission_without_timestamps_is_not_guessed(sprint, run_jam, tmp_path) -> None:
    export = tmp_path / "twice.csv"
    export.write_text("judge,project,advancement,impact,quality\nana,p01,3,3,3\nana,p01,4,4,4\n", encoding="utf-8")
    code, out, _ = run_import(run_jam, sprint, export)
    assert code == 1 and "JAM209 'ana' already reviewed 'p01'" in out


def test_comments_that_look_like_formulas_round_trip_through_a_sheet_jamkit_wrote(sprint, run_jam, tmp_path) -> None:
    from jamkit.infra.csvfile import text

    said = ['=HYPERLINK("http://x")', "+1 from me", "-2+3", "@SUM(A1:A2)", "- a dash first"]
    sheet = tmp_path / "ana.csv"
    rows = [["judge", "project", "advancement", "impact", "quality", "comment"]]
    rows += [["ana", f"p{i + 1:02d}", 4, 3.5, 5, comment] for i, comment in enumerate(said)]
    sheet.write_text(text(rows), encoding="utf-8")
    assert all(line.split(",")[-1].startswith(("'", "\"'")) for line in sheet.read_text().splitlines()[1:])
    code, out, err = run_import(run_jam, sprint, sheet)
    assert (code, err) == (0, ""), out
    found = reviews(sprint)
    assert [found[("ana", f"p{i + 1:02d}")] for i in range(len(said))] == [
        ({"advancement": 4, "impact": 3.5, "quality": 5}, comment) for comment in said
    ]
