"""What a spreadsheet import may change, and its plan: each judge's reviews added, changed and unchanged.

An import adds or changes only the reviews of the (judge, project) pairs its
rows name. A file named after a judge (``<judge>.csv``, as ``jam judge status
--templates`` writes them) is that judge's score sheet: a row for another judge
is refused (JAM220), so one judge's sheet cannot overwrite another's scores. A
judge cell that fits several judges (one's id, another's handle) is refused
(JAM219) rather than given to whichever judge comes first; on a judge's own
sheet it is read as that judge. ``plan`` compares the reviews before and after,
so what is printed before writing is what is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Judge, Review
from jamkit.core.wording import shown
from jamkit.judging.spreadsheet import Row


def sheet_owner(file: str, judges: Sequence[Judge]) -> Judge | None:
    """The judge whose score sheet ``file`` is, by its name (``kenji.csv``); None for any other export."""
    stem = PurePath(file).stem.casefold()
    return next((j for j in judges if j.key.casefold() == stem), None)


def settle(rows: Sequence[Row], owner: Judge | None) -> None:
    """On a judge's own sheet, a judge cell that may name its owner (and others) is the owner."""
    for row in rows:
        if owner is not None and len(row.judges) > 1 and owner.key in row.judges:
            row.judges = (owner.key,)
            row.data["judge"] = owner.key


def refused(rows: Sequence[Row], file: str, judges: Sequence[Judge], owner: Judge | None) -> list[Diagnostic]:
    """The rows an import must not apply: an ambiguous judge, or another judge on a judge's own sheet."""
    found = []
    for row in rows:
        where = row.locations.get(("judge",), row.locations[()])
        judge = str(row.data.get("judge", ""))
        if len(row.judges) > 1:
            found.append(
                codes.AMBIGUOUS_JUDGE.at(
                    file,
                    where,
                    f"row {where.line}: '{shown(judge)}' may name any of the judges {', '.join(row.judges)}",
                    f"write the judge's id: one of {', '.join(row.judges)}",
                )
            )
        elif owner is not None and row.judges and judge != owner.key:
            found.append(
                codes.OTHER_JUDGES_ROW.at(
                    file,
                    where,
                    f"row {where.line} is a review by {judge}, but {PurePath(file).name} is {owner.key}'s score "
                    "sheet (it is named after the judge): it may add or change only their reviews",
                    f"delete the row, or import {judge}'s scores from their own sheet",
                )
            )
    return found


@dataclass(frozen=True)
class JudgePlan:
    """What the import does to one judge's reviews."""

    judge: str
    added: tuple[str, ...]  # projects
    changed: tuple[str, ...]
    unchanged: tuple[str, ...]


def plan(existing: Sequence[Review], merged: Sequence[Review], named: Sequence[tuple[str, str]]) -> list[JudgePlan]:
    """Per judge the rows name (in row order): the projects whose review is added, changed or left as it was."""
    before = {(r.fields.judge, r.fields.project): r.fields for r in existing}
    after = {(r.fields.judge, r.fields.project): r.fields for r in merged}
    judges: dict[str, dict[str, list[str]]] = {}
    for key in dict.fromkeys(named):
        kind = "added" if key not in before else "unchanged" if before[key] == after.get(key) else "changed"
        judges.setdefault(key[0], {"added": [], "changed": [], "unchanged": []})[kind].append(key[1])
    return [
        JudgePlan(judge, tuple(kinds["added"]), tuple(kinds["changed"]), tuple(kinds["unchanged"]))
        for judge, kinds in judges.items()
    ]
