"""What an import may change: a judge's own sheet, ambiguous cells, and the plan per judge."""

from __future__ import annotations

from jamkit.core.model import Judge, Review, ReviewFields
from jamkit.judging import importing
from jamkit.judging.spreadsheet import read

JUDGES = [Judge(id="tom", name="Tom Berg", github="tberg"), Judge(id="tberg", name="Tina Berger"), Judge(name="Ana")]
CRITERIA = {"impact": "Impact"}


def review(judge: str, project: str, score: float) -> Review:
    fields = ReviewFields(judge=judge, project=project, scores={"impact": score})
    return Review(path="reviews.yaml", sprint="s", index=0, fields=fields)


def test_a_file_named_after_a_judge_is_their_sheet_and_settles_cells_that_may_be_them() -> None:
    rows = read("judge,project,impact\ntberg,p01,3\nana,p02,4\n", "sheets/tberg.csv", JUDGES, CRITERIA)
    owner = importing.sheet_owner("sheets/tberg.csv", JUDGES)
    assert owner is not None and owner.key == "tberg"
    assert importing.sheet_owner("Sheets/TBerg.CSV", JUDGES) == owner
    assert importing.sheet_owner("export.csv", JUDGES) is None
    importing.settle(rows, owner)
    assert rows[0].data["judge"] == "tberg"
    refused = importing.refused(rows, "sheets/tberg.csv", JUDGES, owner)
    assert [(d.code, d.line, d.col) for d in refused] == [("JAM220", 3, 1)]


def test_the_plan_counts_only_the_pairs_the_rows_name() -> None:
    existing = [review("tom", "p01", 3), review("ana", "p01", 4), review("ana", "p02", 2)]
    merged = [review("tom", "p01", 3), review("ana", "p01", 5), review("ana", "p02", 2), review("ana", "p03", 1)]
    plans = importing.plan(existing, merged, [("ana", "p01"), ("ana", "p02"), ("ana", "p03")])
    assert plans == [importing.JudgePlan("ana", added=("p03",), changed=("p01",), unchanged=("p02",))]
