"""What a finished sprint announces: its winners, its honorable mentions, and how it was judged.

The results lead a finished sprint's page and fill ``/winners/``. The judging
summary says which method ranked the projects, on how many judges and reviews,
with which criteria; a sprint that sets ``publish_scores`` also shows the raw
and adjusted table. Only such a sprint is ranked here (``awards.rank`` fits the
model, and statsmodels alone takes about 1.6 s to import); for the others the
method is read from the judge–project graph, which is what decides it.

A finalist round (``finals.yaml``) is named with how many judges ranked; with
published scores, the places it decided are shown with what decided them.

Visibility is the caller's: only projects readers may see are passed in, and
the scores table keeps only published work, so retracted or embargoed projects
never appear in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jamkit.core.model import Award, Criterion, FinalRanking, Review, Sprint, Submission
from jamkit.core.wording import place
from jamkit.judging import awards, finals
from jamkit.judging.adjusted import LEVEL, Rating
from jamkit.judging.graph import judge_groups

MENTION_RANK = 10**5  # after every place, before projects without an award


def award_rank(award: Award | None) -> int:
    """Where an award sorts: by place, mentions after the places, no award last."""
    if award is None:
        return 10**6
    return MENTION_RANK if award.place is None else award.place


def prize_shown(award: Award) -> str | None:
    """The prize beside the award's label, unless it only repeats it (a mention's prize reads "Honorable mention")."""
    return award.prize if award.prize and award.prize != place(award.place) else None


@dataclass(frozen=True)
class Result:
    """One award as readers see it: the award, its project, and whether the project was since retracted."""

    award: Award
    sub: Submission
    retracted: bool = False

    @property
    def label(self) -> str:
        return place(self.award.place)

    @property
    def prize(self) -> str | None:
        return prize_shown(self.award)


@dataclass(frozen=True)
class SprintResults:
    """A finished sprint's places (by place) and honorable mentions (in the order written)."""

    sprint: Sprint
    placed: tuple[Result, ...]
    mentions: tuple[Result, ...]

    def __bool__(self) -> bool:
        return bool(self.placed or self.mentions)


def results(sprint: Sprint, visible: Mapping[str, Submission], retracted: set[str]) -> SprintResults:
    """The sprint's awards whose project readers may see; a retracted one stays, marked withdrawn; hidden ones go."""
    found = [
        Result(a, visible[ref], ref in retracted)
        for a in sprint.fields.awards
        if (ref := f"{sprint.slug}/{a.project}") in visible
    ]
    placed = sorted((r for r in found if r.award.place is not None), key=lambda r: (award_rank(r.award), r.sub.slug))
    return SprintResults(sprint, tuple(placed), tuple(r for r in found if r.award.place is None))


# --------------------------------------------------------------------------- how it was judged


@dataclass(frozen=True)
class ScoreRow:
    """One published project in the scores table."""

    sub: Submission
    raw: float
    score: float
    low: float
    high: float
    reviews: int
    close: bool
    award: Award | None


@dataclass(frozen=True)
class FinalRow:
    """One place a finalist round decided, as the scores section shows it."""

    sub: Submission
    place: int
    first: int  # judges who ranked it first
    held: float  # share of resamplings of the judges that keep it in this place


@dataclass(frozen=True)
class Judging:
    """How a finished sprint was judged, as its page explains it."""

    method: awards.Method  # what ranks these reviews: "adjusted", or "mean" when leniency cannot be compared
    panel: int  # judges the sprint lists
    judges: int  # judges who scored a published project
    reviews: int  # reviews of published projects
    groups: int  # groups of judges that share projects; above 1, leniency cannot be compared across them
    criteria: tuple[tuple[Criterion, float], ...]  # each criterion and its share of the weights
    published: bool  # the sprint sets publish_scores
    rows: tuple[ScoreRow, ...] = ()
    notes: tuple[str, ...] = ()
    level: float = LEVEL  # the intervals' coverage
    round_judges: int = 0  # judges who ranked the finalists in a finalist round; 0 without one
    final: tuple[FinalRow, ...] = ()  # the places the round decided, shown with published scores


def judging(
    sprint: Sprint,
    reviews: Sequence[Review],
    submissions: Sequence[Submission],
    today: dt.date,
    award_of: Mapping[str, Award],
    round_: Sequence[FinalRanking] = (),
    context: Sequence[Rating] = (),
) -> Judging:
    """The judging summary of ``sprint``; its scores table is ranked only when the sprint publishes scores.

    ``submissions`` are the sprint's projects readers may see; ``award_of`` maps a project slug to its award;
    ``round_`` is the sprint's finalist round, if it had one.
    ``context``: earlier sprints' ratings, pooled as ``jam award`` pools them by default.
    """
    public = {s.slug for s in submissions if s.visibility(today) == "public"}
    criteria = {c.id for c in sprint.fields.criteria}
    scored = [r for r in reviews if r.fields.project in public and criteria & set(r.fields.scores)]
    pairs = {(r.fields.judge, r.fields.project) for r in scored}
    groups = len(judge_groups(pairs))
    judges = len({judge for judge, _ in pairs})
    total = sum(c.weight for c in sprint.fields.criteria) or 1.0
    shares = tuple((c, c.weight / total) for c in sprint.fields.criteria)
    method: awards.Method = "adjusted" if groups == 1 and judges >= 2 and len({p for _, p in pairs}) >= 2 else "mean"
    ranked = finals.rankings_of(round_)
    summary = Judging(
        method,
        len(sprint.fields.judges),
        judges,
        len(pairs),
        groups,
        shares,
        sprint.fields.publish_scores,
        round_judges=len(ranked),
    )
    if not sprint.fields.publish_scores or not scored:
        return summary
    ranking = awards.rank(sprint, scored, [s for s in submissions if s.slug in public], today, context=context)
    ranking = finals.settle(ranking, round_) if ranked else ranking
    by_slug = {s.slug: s for s in submissions}
    decided = ranking.final.places if ranking.final else ()
    final = tuple(FinalRow(by_slug[p.project], p.place, p.first, p.held) for p in decided if p.project in by_slug)
    rows = tuple(
        ScoreRow(by_slug[s.project], s.raw, s.score, s.low, s.high, s.reviews, s.close, award_of.get(s.project))
        for s in ranking.standings
        if s.project in public
    )
    return Judging(
        ranking.fitted,
        summary.panel,
        ranking.judges,
        ranking.reviews,
        summary.groups,
        shares,
        True,
        rows,
        ranking.notes if ranking.fitted == "mean" else (),
        round_judges=summary.round_judges,
        final=final,
    )
