"""Reading a spreadsheet export: judges matched as people write them, numbers as typed, every cell located."""

from __future__ import annotations

import pytest

from jamkit.core.model import Judge, Position
from jamkit.judging.spreadsheet import SpreadsheetError, judges_named, match_judge, number, plain_text, read, read_sheet

JUDGES = [
    Judge(id="fazl", name="Fazl Barez", github="fbarez"),
    Judge(name="Ana Ruiz", github="Ana-Ruiz"),
    Judge(name="Ana Lopez"),
    Judge(name="José Núñez"),
]
CRITERIA = {"advancement": "Topic advancement", "impact": "AI safety impact"}


@pytest.mark.parametrize(
    ("written", "judge"),
    [
        ("fazl", "fazl"),
        ("Fazl", "fazl"),  # a first name only one judge has
        ("Fazl Barez", "fazl"),
        ("  fazl   barez ", "fazl"),
        ("@FBarez", "fazl"),
        ("ana-ruiz", "ana-ruiz"),
        ("ANA RUIZ", "ana-ruiz"),
        ("Ana Lopez", "ana-lopez"),
        ("Ana", None),  # two judges are called Ana
        ("jose nunez", "jose-nunez"),
        ("Fazl B.", None),
        ("", None),
    ],
)
def test_judges_are_matched_by_id_handle_name_or_a_first_name_only_one_has(written, judge) -> None:
    assert match_judge(written, JUDGES) == judge


def test_a_judge_cell_that_fits_several_judges_names_them_all_and_matches_none() -> None:
    clash = [Judge(id="tom", name="Tom Berg", github="tberg"), Judge(id="tberg", name="Tina Berger"), *JUDGES]
    assert judges_named("tberg", clash) == ("tom", "tberg")  # Tom's handle, Tina's id: never the first one
    assert judges_named("Ana", clash) == ("ana-ruiz", "ana-lopez")
    assert judges_named("Barez, Fazl", clash) == ("fazl",)
    assert match_judge("tberg", clash) is None


@pytest.mark.parametrize(
    ("typed", "value"),
    [("3", 3.0), ("3,5", 3.5), (" 4.25 ", 4.25), (",5", 0.5), ("-1", -1.0), ("4\u00a0", 4.0), ("three", "three")],
)
def test_scores_are_read_with_decimal_commas_and_stray_spaces(typed, value) -> None:
    assert number(typed) == value


def test_html_comments_become_plain_text() -> None:
    assert plain_text("<p>Clear &amp; <b>careful</b></p><p>Second   point</p>") == "Clear & careful\nSecond point"
    assert plain_text("<ul><li>novel</li><li>reproducible</li></ul>") == "- novel\n- reproducible"
    assert plain_text("one<BR>two<br/>three") == "one\ntwo\nthree"
    assert plain_text('<script>alert("x")</script><img src=x onerror=alert(1)>ok') == "ok"
    assert plain_text("3 &lt; 4 and a bell\x07") == "3 < 4 and a bell"


def test_one_row_per_review_with_cells_located() -> None:
    text = (
        "\ufeffTimestamp,Reviewer,Project,Topic advancement,AI safety impact,Comments\r\n"
        '2025-03-03,Fazl, P01 ,"3,5",4,"Good, <b>thin</b> eval"\r\n'
        "2025-03-03,Fazl Barez,p02,4,,\r\n"
    )
    rows = read(text, "x.csv", JUDGES, CRITERIA, {"judge": "Reviewer"})
    assert [r.data for r in rows] == [
        {
            "judge": "fazl",
            "project": "p01",
            "scores": {"advancement": 3.5, "impact": 4.0},
            "comment": "Good, thin eval",
        },
        {"judge": "fazl", "project": "p02", "scores": {"advancement": 4.0}},
    ]
    assert rows[0].locations[("scores", "impact")] == Position(2, 5)
    assert rows[0].locations[("comment",)] == Position(2, 6)
    assert rows[1].locations[()] == Position(3, 1)


def test_one_row_per_rating_is_gathered_into_reviews() -> None:
    text = (
        "judge;project;criterion;rating\n"
        "fazl;p01;advancement;3,5\nFazl Barez;p01;AI safety impact;4\nana-ruiz;p01;impact;2\n"
    )
    rows = read(text, "x.csv", JUDGES, CRITERIA)
    assert [(r.key, r.data["scores"]) for r in rows] == [
        (("fazl", "p01"), {"advancement": 3.5, "impact": 4.0}),
        (("ana-ruiz", "p01"), {"impact": 2.0}),
    ]
    assert rows[0].locations[("scores", "impact")] == Position(3, 4)


def test_the_delimiter_comes_from_the_header_and_quoted_cells_keep_their_doubled_quotes() -> None:
    # csv.Sniffer read this file's doubled quotes wrongly (a comment spanning lines hid them from it).
    text = (
        'judge,project,impact,comment\nfazl,p01,3,"multi\nline, with ""quotes""; and more; semicolons"\nfazl,p02,4,x\n'
    )
    rows = read(text, "x.csv", JUDGES, CRITERIA)
    assert rows[0].data["comment"] == 'multi\nline, with "quotes"; and more; semicolons'
    assert rows[1].locations[()] == Position(3, 1)  # a spreadsheet row, even though the file line is 4
    tabbed = read("judge\tproject\timpact\nfazl\tp01\t3,5\n", "x.csv", JUDGES, CRITERIA)
    assert tabbed[0].data["scores"] == {"impact": 3.5}


@pytest.mark.parametrize(
    ("text", "columns", "says"),
    [
        ("", {}, "x.csv: the file is empty; export it with a header row"),
        ("name,project,impact\n", {}, "no 'judge' column; the columns are: name, project, impact"),
        ("judge,project,notes\n", {}, "no score columns: expected a column per criterion (advancement, impact)"),
        ("judge,project,impact\n", {"comment": "Notes"}, "--map comment=Notes: there is no column 'Notes'"),
        ("judge,project,impact,comment\nfazl,p01,3," + "x" * 200_000 + "\n", {}, "line 2 cannot be read as CSV"),
    ],
)
def test_a_file_that_cannot_be_read_as_reviews_says_why(text, columns, says) -> None:
    with pytest.raises(SpreadsheetError) as raised:
        read(text, "x.csv", JUDGES, CRITERIA, columns)
    assert says in str(raised.value)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Reviewer", "judge"),
        ("Your name", "judge"),
        ("Which project are you reviewing?", "project"),
        ("Comments for the team", "comment"),
        ("Comentários para a equipe", "comment"),
        ("Feedback (shown to the team)", "comment"),
    ],
)
def test_a_header_that_holds_a_forms_word_for_a_field_is_that_field(header: str, field: str) -> None:
    columns = {"judge": "judge", "project": "project", "comment": "comment"}
    names = [columns[f] if f != field else header for f in ("judge", "project", "comment")]
    text = ",".join(f'"{n}"' for n in names) + ",impact\nfazl,p01,Good.,3\n"
    row = read(text, "x.csv", JUDGES, CRITERIA)[0]
    assert (row.data["judge"], row.data["project"], row.data.get("comment")) == ("fazl", "p01", "Good.")


def test_scale_suffixes_titles_and_private_columns() -> None:
    text = (
        "Judge,Project,AI safety impact (1-5),Notes for organisers only,Comments\n"
        "fazl,Probing Deception,4,private,Shown to the team.\n"
    )
    sheet = read_sheet(text, "x.csv", JUDGES, CRITERIA, projects={"p01": "Probing deception"})
    (row,) = sheet.rows
    assert row.data["project"] == "p01"  # the exact title, as a form's dropdown exports it
    assert row.data["scores"] == {"impact": 4.0}  # "(1-5)" is the scale, not part of the name
    assert row.data["comment"] == "Shown to the team."
    assert sheet.unused == ("Notes for organisers only",)  # never taken for the comment teams read


def test_two_headers_that_may_each_be_the_judge_are_refused_not_guessed() -> None:
    with pytest.raises(SpreadsheetError, match="may each be the judge; say which with --map judge=COLUMN"):
        read("Reviewer,Judge name,project,impact\nfazl,fazl,p01,3\n", "x.csv", JUDGES, CRITERIA)
