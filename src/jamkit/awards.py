"""Ranking a sprint's projects from its judges' reviews, and the awards that ranking proposes (``jam award``).

Two methods. ``adjusted`` (the default) corrects each judge's leniency with a
crossed random-effects model of every criterion rating (``jamkit.judging.adjusted``)
and gives each project an interval; prize places whose interval overlaps the
next project's are too close to call. ``mean`` ranks by the weighted mean of each
criterion's mean score, as judges gave them. Only published projects are ranked:
retracted and embargoed work is left out, and so is work that no judge scored.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from jamkit import edit
from jamkit.judging.adjusted import Estimate, Rating, fit, means
from jamkit.model import Award, Prize, Review, Sprint, Submission
from jamkit.wording import money, printable

DEFAULT_PLACES = 3
FEW_REVIEWS = 2  # docs/judging.md: every eligible project should have at least two reviews
TIE = 1e-9  # scores closer than this are equal: the same numbers, added in another order
Method = Literal["adjusted", "mean"]
METHODS: tuple[Method, ...] = ("adjusted", "mean")
MENTION = "Honorable mention"


@dataclass(frozen=True)
class Standing:
    """One ranked project: raw and ranked score, interval, reviews, criterion means, and what moved it."""

    project: str
    title: str
    raw: float  # weighted mean of criterion means, as the judges gave them
    score: float  # what the ranking uses: ``raw`` for ``mean``, the adjusted score for ``adjusted``
    low: float
    high: float
    reviews: int
    means: Mapping[str, float | None]
    moved_by: tuple[tuple[str, float], ...] = ()
    group: int = 0
    tied: bool = False
    close: bool = False  # its interval overlaps the next project's: too close to call

    @property
    def missing(self) -> list[str]:
        return [criterion for criterion, mean in self.means.items() if mean is None]


@dataclass(frozen=True)
class Ranking:
    """A sprint's standings, best first, the projects left out with the reason, and how it was computed."""

    sprint: Sprint
    standings: tuple[Standing, ...]
    left_out: tuple[tuple[str, str], ...]
    method: Method = "mean"  # what was asked for
    fitted: Method = "mean"  # what was used: ``mean`` when the model could not be fitted
    notes: tuple[str, ...] = ()
    judges: int = 0
    reviews: int = 0
    judge_effects: Mapping[str, float] | None = None


def rank(
    sprint: Sprint,
    reviews: Sequence[Review],
    submissions: Sequence[Submission],
    today: dt.date,
    method: Method = "adjusted",
) -> Ranking:
    """Rank the sprint's published, reviewed projects; ``places`` prize places are checked for close calls."""
    criteria = {c.id: c.weight for c in sprint.fields.criteria}
    public = {s.slug: s for s in submissions if s.sprint == sprint.slug and s.visibility(today) == "public"}
    left_out = [
        (s.slug, _why_hidden(s, today)) for s in sorted(submissions, key=lambda s: s.slug) if s.slug not in public
    ]
    ratings = [
        Rating(r.fields.judge, r.fields.project, criterion, float(score))
        for r in reviews
        if r.fields.project in public
        for criterion, score in r.fields.scores.items()
        if criterion in criteria
    ]
    rated = {r.project for r in ratings}
    left_out += [(slug, "no reviews") for slug in sorted(public) if slug not in rated]
    result = fit(ratings, criteria) if method == "adjusted" else means(ratings, criteria)
    used: Method = "adjusted" if method == "adjusted" and result.method == "adjusted" else "mean"
    criterion_means = _criterion_means(ratings, criteria)
    standings = [_standing(public[p], e, criterion_means[p], used) for p, e in result.estimates.items()]
    standings.sort(key=lambda s: (s.group, -s.score, s.project))
    notes = result.notes if method == "adjusted" else ()
    return Ranking(
        sprint,
        _flagged(standings, len(ladder(sprint))),
        tuple(sorted(left_out)),
        method,
        used,
        notes,
        judges=len({r.judge for r in ratings}),
        reviews=len({(r.judge, r.project) for r in ratings}),
        judge_effects=result.judge_effects if used == "adjusted" else None,
    )


def _why_hidden(submission: Submission, today: dt.date) -> str:
    if submission.visibility(today) == "retracted":
        return "retracted"
    until = submission.fields.embargo_until
    return f"embargoed until {until.isoformat()}" if until else "embargoed"


def _criterion_means(ratings: Sequence[Rating], criteria: Mapping[str, float]) -> dict[str, dict[str, float | None]]:
    values: dict[str, dict[str, list[float]]] = {}
    for r in ratings:
        values.setdefault(r.project, {c: [] for c in criteria})[r.criterion].append(r.value)
    return {p: {c: (sum(v) / len(v) if v else None) for c, v in by.items()} for p, by in values.items()}


def _standing(sub: Submission, e: Estimate, means: Mapping[str, float | None], used: Method) -> Standing:
    if used == "mean":
        return Standing(sub.slug, sub.fields.title, e.raw, e.raw, e.raw, e.raw, e.reviews, means, (), e.group)
    return Standing(sub.slug, sub.fields.title, e.raw, e.adjusted, e.low, e.high, e.reviews, means, e.moved_by, e.group)


def _flagged(standings: list[Standing], places: int) -> tuple[Standing, ...]:
    """Mark ties, and prize places whose interval overlaps the next project's (too close to call)."""
    result = []
    for index, s in enumerate(standings):
        neighbours = [o for o in standings[max(0, index - 1) : index + 2] if o is not s and o.group == s.group]
        tied = any(abs(o.score - s.score) < TIE for o in neighbours)
        after = standings[index + 1] if index + 1 < len(standings) else None
        overlap = after is not None and after.group == s.group and after.high >= s.low and s.high > s.low
        close = index < places and (overlap or tied)
        result.append(
            Standing(
                s.project, s.title, s.raw, s.score, s.low, s.high, s.reviews, s.means, s.moved_by, s.group, tied, close
            )
        )
    return tuple(result)


# --------------------------------------------------------------------------- proposal


def prize_text(prize: Prize) -> str:
    return money(prize.amount, prize.currency)


def ladder(sprint: Sprint) -> list[Prize | None]:
    """One entry per place to award: the sprint's prizes by place, else three places without a prize."""
    prizes = sorted(sprint.fields.prizes, key=lambda p: p.place)
    return list(prizes) if prizes else [None] * DEFAULT_PLACES


def propose(ranking: Ranking, mentions: Sequence[str] = ()) -> list[Award]:
    """The top N standings, N the number of prizes (else 3), then honorable mentions in the order given.

    Two prizes for one place make a shared place. A project already placed gets no mention.
    """
    awards = []
    for index, (standing, prize) in enumerate(zip(ranking.standings, ladder(ranking.sprint), strict=False)):
        if prize is None:
            awards.append(Award(place=index + 1, project=standing.project))
        else:
            awards.append(Award(place=prize.place, project=standing.project, prize=prize_text(prize)))
    placed = {a.project for a in awards}
    for project in dict.fromkeys(mentions):
        if project not in placed:
            awards.append(Award(project=project, mention=True, prize=MENTION))
    return awards


def awards_yaml(awards: Sequence[Award]) -> str:
    """The ``awards:`` block exactly as ``--write`` writes it."""
    return edit.dump_field("awards", as_data(awards))


def as_data(awards: Sequence[Award]) -> list[dict[str, Any]]:
    return [award.model_dump(exclude_none=True) for award in awards]


# --------------------------------------------------------------------------- table


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def table(ranking: Ranking, places: int) -> str:
    """Place, project, weighted score, number of reviews and each criterion's mean; notes say what to look at."""
    criteria = [c.id for c in ranking.sprint.fields.criteria]
    head = ["place", "project", "score", "reviews", *criteria, "notes"]
    rows = [head]
    for index, s in enumerate(ranking.standings):
        notes = []
        if s.tied:
            notes.append("tie")
        if s.missing:
            notes.append(f"no score for {', '.join(s.missing)}")
        if s.reviews < FEW_REVIEWS:
            notes.append(f"only {s.reviews} review")
        place = str(index + 1)
        means = [_number(s.means[c], 2) for c in criteria]
        rows.append([place, printable(s.project), _number(s.score, 3), str(s.reviews), *means, "; ".join(notes)])
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    numeric = {2, 3, *range(4, 4 + len(criteria))}
    lines = []
    for number, row in enumerate(rows):
        cells = [
            cell.rjust(width) if i in numeric and number else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == places and number < len(rows) - 1:
            lines.append(f"{'-' * 8} awards end here (places beyond {places} get no award) {'-' * 8}")
    return "\n".join(lines)


def report(ranking: Ranking, proposal: Sequence[Award]) -> str:
    """The ranking as people read it: the criteria, the table, ties and what was left out."""
    sprint = ranking.sprint
    weights = sum(c.weight for c in sprint.fields.criteria) or 1.0
    criteria = ", ".join(f"{c.id} {c.weight / weights:.0%}" for c in sprint.fields.criteria)
    scale = sprint.fields.scale
    lines = [
        f"{printable(sprint.fields.title)} ({sprint.slug})",
        f"Criteria (weight): {criteria or 'none'}; scale {scale.min:g} to {scale.max:g}",
        "Score: each criterion's mean over the judges who scored it, weighted by the criteria's weights.",
        "",
    ]
    if not sprint.fields.criteria:
        lines.append(f"No project can be ranked: {sprint.path} has no `criteria` to score.")
    elif not ranking.standings:
        lines.append(f"No project can be ranked yet: no published project has scores in {sprint.slug}/reviews.yaml.")
    else:
        lines.append(table(ranking, len(proposal)))
    lines += _ties(ranking, len(proposal))
    if ranking.left_out:
        lines += ["", "Not ranked: " + ", ".join(f"{printable(slug)} ({why})" for slug, why in ranking.left_out)]
    return "\n".join(lines)


def _ties(ranking: Ranking, places: int) -> list[str]:
    groups: dict[float, list[tuple[int, str]]] = {}
    for index, s in enumerate(ranking.standings):
        if s.tied:
            key = next((k for k in groups if abs(k - s.score) < TIE), s.score)
            groups.setdefault(key, []).append((index + 1, s.project))
    lines = []
    for score, members in groups.items():
        names = " and ".join(printable(project) for _, project in members)
        where = ", ".join(str(place) for place, _ in members)
        across = members[0][0] <= places < members[-1][0]
        warning = " across the last awarded place" if across else ""
        lines.append(
            f"Tie{warning}: {names} score {float(score):.3f} exactly (places {where}, in order of slug); "
            "decide with the judges and edit `awards` if needed."
        )
    return ["", *lines] if lines else []


def awards_diff(old: Sequence[Award], new: Sequence[Award]) -> str:
    """How the proposed awards differ from those in the sprint's file, as a unified diff of their YAML."""
    lines = difflib.unified_diff(
        awards_yaml(old).splitlines(), awards_yaml(new).splitlines(), "awards now", "awards proposed", lineterm=""
    )
    return "\n".join(printable(line) for line in lines)
