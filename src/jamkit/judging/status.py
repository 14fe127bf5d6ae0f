"""Where judging stands: each judge's assigned, done and missing reviews, and projects still short of reviews.

``jam judge status`` prints this, and ``jam award --write`` refuses while
assigned reviews are missing, so both read the same progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jamkit.core.model import Assignment, Review, Sprint


@dataclass(frozen=True)
class JudgeProgress:
    judge: str
    assigned: tuple[str, ...]
    done: tuple[str, ...]  # assigned projects this judge has reviewed
    extra: tuple[str, ...]  # reviewed without being assigned

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(p for p in self.assigned if p not in self.done)


@dataclass(frozen=True)
class Progress:
    judges: tuple[JudgeProgress, ...]
    short: tuple[tuple[str, int, int], ...]  # (project, reviews, assigned readers) where reviews < readers

    @property
    def missing(self) -> int:
        return sum(len(j.missing) for j in self.judges)


def progress(sprint: Sprint, assignments: Sequence[Assignment], reviews: Sequence[Review]) -> Progress:
    """Each of the sprint's judges (in the sprint's order), and the assigned projects not yet fully reviewed."""
    assigned: dict[str, list[str]] = {}
    for a in assignments:
        assigned.setdefault(a.fields.judge, []).extend(
            p for p in a.fields.projects if p not in assigned.get(a.fields.judge, [])
        )
    reviewed: dict[str, set[str]] = {}
    for r in reviews:
        reviewed.setdefault(r.fields.judge, set()).add(r.fields.project)
    keys = [j.key for j in sprint.fields.judges]
    keys += sorted(k for k in {*assigned, *reviewed} if k not in keys)
    judges = tuple(
        JudgeProgress(
            key,
            tuple(assigned.get(key, ())),
            tuple(p for p in assigned.get(key, ()) if p in reviewed.get(key, set())),
            tuple(sorted(reviewed.get(key, set()) - set(assigned.get(key, ())))),
        )
        for key in keys
    )
    readers: dict[str, int] = {}
    for projects in assigned.values():
        for project in projects:
            readers[project] = readers.get(project, 0) + 1
    done = {project: sum(1 for j in judges if project in j.done) for project in readers}
    short = tuple((p, done[p], readers[p]) for p in sorted(readers) if done[p] < readers[p])
    return Progress(judges, short)
