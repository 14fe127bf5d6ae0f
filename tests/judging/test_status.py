"""Judging progress: each judge's assigned, done and missing reviews, and the projects still short of reviews."""

from __future__ import annotations

import csv
import io

from jamkit.core.model import Assignment, AssignmentFields, Review, ReviewFields, Sprint, SprintFields
from jamkit.judging.status import progress
from jamkit.judging.template import ToScore, sheet

SPRINT = Sprint(
    path="sprints/s.md",
    slug="s",
    fields=SprintFields.model_validate(
        {
            "title": "S",
            "starts": "2025-01-01T00:00:00+00:00",
            "ends": "2025-01-02",
            "judges": [{"id": "ana", "name": "Ana"}, {"id": "bo", "name": "Bo"}, {"id": "cy", "name": "Cy"}],
        }
    ),
)


def assignment(judge: str, *projects: str, index: int = 0) -> Assignment:
    return Assignment(path="a.yaml", sprint="s", index=index, fields=AssignmentFields(judge=judge, projects=projects))


def review(judge: str, project: str) -> Review:
    return Review(path="r.yaml", sprint="s", index=0, fields=ReviewFields(judge=judge, project=project, scores={}))


def test_progress_counts_done_missing_and_unassigned_reviews_per_judge() -> None:
    found = progress(
        SPRINT,
        [assignment("ana", "p01", "p02"), assignment("bo", "p01", "p03")],
        [review("ana", "p01"), review("bo", "p03"), review("bo", "p09"), review("zed", "p02")],
    )
    by_judge = {j.judge: j for j in found.judges}
    assert list(by_judge) == ["ana", "bo", "cy", "zed"]  # the sprint's order, then unknown judges
    assert (by_judge["ana"].done, by_judge["ana"].missing) == (("p01",), ("p02",))
    assert (by_judge["bo"].done, by_judge["bo"].missing, by_judge["bo"].extra) == (("p03",), ("p01",), ("p09",))
    assert by_judge["cy"].assigned == ()
    assert by_judge["zed"].extra == ("p02",)
    assert found.missing == 2
    assert found.short == (("p01", 1, 2), ("p02", 0, 1))


def test_a_judge_listed_twice_in_the_assignments_is_counted_once_per_project() -> None:
    found = progress(SPRINT, [assignment("ana", "p01"), assignment("ana", "p01", "p02", index=1)], [])
    assert found.judges[0].assigned == ("p01", "p02")
    assert found.short == (("p01", 0, 1), ("p02", 0, 1))


def test_nothing_missing_when_every_assigned_review_is_in() -> None:
    found = progress(SPRINT, [assignment("cy", "p01")], [review("cy", "p01")])
    assert found.missing == 0 and found.short == ()


def test_a_score_sheet_has_the_columns_the_import_finds_and_one_row_per_missing_project() -> None:
    text = sheet(
        "ana", [ToScore("p02", "Two", "l2"), ToScore("p07", "Seven", "l7")], ["advancement", "impact"], (0, 10)
    )
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["judge", "project", "title", "link", "advancement (0-10)", "impact (0-10)", "comment"],
        ["ana", "p02", "Two", "l2", "", "", ""],
        ["ana", "p07", "Seven", "l7", "", "", ""],
    ]
