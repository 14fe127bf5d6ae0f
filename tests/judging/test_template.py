"""A judge's score sheet (issue 23, class 4): whatever the names in it, no cell is a formula."""

from __future__ import annotations

import csv
import io

from jamkit.core.model import Judge
from jamkit.judging.spreadsheet import read
from jamkit.judging.template import ToScore, sheet

FORMULAS = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


def test_no_cell_of_a_score_sheet_is_run_by_a_spreadsheet_and_the_import_reads_it_back() -> None:
    written = sheet(FORMULAS[0], [ToScore(f, f, f) for f in FORMULAS], FORMULAS[2:4])
    rows = list(csv.reader(io.StringIO(written)))
    assert rows[0] == ["judge", "project", "title", "link", "'-2+3 (1-5)", "'@SUM(A1:A2) (1-5)", "comment"]
    assert [row[:4] for row in rows[1:]] == [["'" + FORMULAS[0], *(["'" + f] * 3)] for f in FORMULAS]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    filled = written.replace(",,,\n", ',4,5,"=1+1, said the judge"\n')
    filled = filled.replace(',"","",""\n', ',"4","5","=1+1, said the judge"\n')  # the row quoted for its \r
    found = read(filled, "sheet.csv", [Judge(id="ana", name="Ana")], {c: c for c in FORMULAS[2:4]})
    assert [r.data["project"] for r in found] == [f.strip().casefold() for f in FORMULAS]
    assert {r.data["judge"] for r in found} == {FORMULAS[0]}
    assert {(tuple(r.data["scores"].items()), r.data["comment"]) for r in found} == {
        (((FORMULAS[2], 4.0), (FORMULAS[3], 5.0)), "=1+1, said the judge")
    }
