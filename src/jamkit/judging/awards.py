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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from jamkit.core import wording
from jamkit.core.identity import handle_key
from jamkit.core.model import Award, Judge, Prize, Review, Sprint, Submission
from jamkit.core.wording import money
from jamkit.files import edit
from jamkit.judging.adjusted import Estimate, Rating, fit, means

DEFAULT_PLACES = 3
FEW_REVIEWS = 2  # docs/judging.md: every eligible project should have at least two reviews
TIE = 1e-9  # scores closer than this are equal: the same numbers, added in another order
Method = Literal["adjusted", "mean"]
METHODS: tuple[Method, ...] = ("adjusted", "mean")
POOL = True  # `jam award` pools earlier sprints' reviews unless --no-pool: it finds the true top three more often


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
class Place:
    """One place the finalist round decided: the project, its strength, and what decided it, in words."""

    place: int
    project: str
    strength: float
    first: int  # judges who ranked it first among what they ranked
    held: float  # share of resamplings of the judges in which it keeps this place
    why: str


@dataclass(frozen=True)
class Round:
    """A finalist round as ``jam award`` and the sprint page report it."""

    judges: int  # judges whose rankings went into the fit
    places: tuple[Place, ...]  # in place order
    unchanged: tuple[str, ...] = ()  # judges whose list is still in the template's (adjusted) order


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
    variances: Mapping[str, float] | None = None  # judge, criterion, project(, cell), residual; adjusted only
    ratings: int = 0  # individual criterion scores the ranking was computed from
    groups: int = 1  # groups of judges that share no project; above 1, scores compare only within a group
    final: Round | None = None  # the finalist round that placed the finalists (``jamkit.judging.finals``)

    @property
    def places(self) -> int:
        """How many places get an award: the sprint's prizes, else three."""
        return len(ladder(self.sprint))


def rank(
    sprint: Sprint,
    reviews: Sequence[Review],
    submissions: Sequence[Submission],
    today: dt.date,
    method: Method = "adjusted",
    context: Sequence[Rating] = (),
) -> Ranking:
    """Rank the sprint's published, reviewed projects; the prize places are checked for close calls and ties.

    ``context`` (``pooled_context``): earlier sprints' ratings, from which the adjusted method also learns
    each judge's leniency; only this sprint's projects are ranked.
    """
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
    result = fit(ratings, criteria, context=context) if method == "adjusted" else means(ratings, criteria)
    used: Method = "adjusted" if method == "adjusted" and result.method == "adjusted" else "mean"
    criterion_means = _criterion_means(ratings, criteria)
    standings = [_standing(public[p], e, criterion_means[p], used) for p, e in result.estimates.items()]
    # One list for the proposal. Judges in separate groups cannot be compared, so then the
    # fallback's raw means are interleaved and every standing carries its group for the report.
    return Ranking(
        sprint,
        _flagged(_in_order(standings), len(ladder(sprint))),
        tuple(sorted(left_out)),
        method,
        used,
        (*result.notes, *_pooled_note(context, used)) if method == "adjusted" else (),
        judges=len({r.judge for r in ratings}),
        reviews=len({(r.judge, r.project) for r in ratings}),
        judge_effects=result.judge_effects if used == "adjusted" else None,
        variances=result.variances if used == "adjusted" else None,
        ratings=len(ratings),
        groups=max(len(result.groups), 1),
    )


def _pooled_note(context: Sequence[Rating], used: Method) -> tuple[str, ...]:
    earlier = sorted({r.project.split("/", 1)[0] for r in context})
    if used != "adjusted" or not earlier:
        return ()
    return (f"the judges' leniency is also learnt from their reviews in {', '.join(earlier)} (--pool)",)


def pooled_context(
    sprints: Mapping[str, Sprint], reviews: Mapping[str, Sequence[Review]], sprint: Sprint
) -> list[Rating]:
    """The ratings of earlier sprints that can calibrate ``sprint``'s judges, named apart from its own.

    An earlier sprint counts when it ended before this one, scores on the same scale, and shares a judge with
    it (the same ``id`` or GitHub handle); its other judges come too, as they link its projects. Its projects,
    criteria and unshared judges are prefixed with its slug, so none is mistaken for one of this sprint's.
    """
    found: list[Rating] = []
    for earlier in sorted(sprints.values(), key=lambda s: s.slug):
        if earlier.fields.ends >= sprint.fields.ends or earlier.fields.scale != sprint.fields.scale:
            continue
        same = {j.key: _same_judge(j, sprint.fields.judges) for j in earlier.fields.judges}
        if not any(same.values()):
            continue
        criteria = {c.id for c in earlier.fields.criteria}
        for review in reviews.get(earlier.slug, ()):
            judge = same.get(review.fields.judge) or f"{earlier.slug}\x1f{review.fields.judge}"
            project = f"{earlier.slug}/{review.fields.project}"
            found += [
                Rating(judge, project, f"{earlier.slug}\x1f{criterion}", float(score))
                for criterion, score in review.fields.scores.items()
                if criterion in criteria
            ]
    return found


def _same_judge(judge: Judge, judges: Sequence[Judge]) -> str | None:
    """The key of the judge of ``judges`` who is ``judge`` (the same id, or the same GitHub handle), else None."""
    handle = handle_key(judge.github or "")
    same = (j for j in judges if j.key == judge.key or (handle and handle_key(j.github or "") == handle))
    return next((j.key for j in same), None)


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


def _in_order(standings: list[Standing]) -> list[Standing]:
    """Best first; scores within ``TIE`` of each other are equal, and equal scores go in order of slug."""
    ordered: list[list[Standing]] = []
    for s in sorted(standings, key=lambda s: -s.score):
        if ordered and abs(ordered[-1][0].score - s.score) < TIE:
            ordered[-1].append(s)
        else:
            ordered.append([s])
    return [s for tied in ordered for s in sorted(tied, key=lambda s: s.project)]


def _overlap(s: Standing, after: Standing | None) -> bool:
    """Whether ``after``'s interval reaches ``s``'s (same judge group, a real interval)."""
    return after is not None and after.group == s.group and after.high >= s.low and s.high > s.low


def _flagged(standings: list[Standing], places: int) -> tuple[Standing, ...]:
    """Mark ties, and prize places whose interval overlaps the next project's (too close to call)."""
    result = []
    for index, s in enumerate(standings):
        neighbours = [o for o in standings[max(0, index - 1) : index + 2] if o is not s]
        tied = any(abs(o.score - s.score) < TIE for o in neighbours)
        after = standings[index + 1] if index + 1 < len(standings) else None
        result.append(replace(s, tied=tied, close=index < places and (_overlap(s, after) or tied)))
    return tuple(result)


def close_pairs(ranking: Ranking) -> list[int]:
    """The prize places ``i`` (0-based) that cannot be told from place ``i + 1``: overlapping intervals, or a tie."""
    standings = ranking.standings
    return [
        index
        for index in range(min(ranking.places, len(standings) - 1))
        if _overlap(standings[index], standings[index + 1])
        or abs(standings[index].score - standings[index + 1].score) < TIE
    ]


# --------------------------------------------------------------------------- proposal


def prize_text(prize: Prize) -> str:
    return money(prize.amount, prize.currency)


def ladder(sprint: Sprint) -> list[Prize | None]:
    """One entry per place to award: the sprint's prizes by place, else three places without a prize."""
    prizes = sorted(sprint.fields.prizes, key=lambda p: p.place)
    return list(prizes) if prizes else [None] * DEFAULT_PLACES


def committed_mentions(sprint: Sprint) -> list[str]:
    """The honorable mentions already in the sprint file: a maintainers' decision that re-ranking keeps."""
    return [a.project for a in sprint.fields.awards if a.mention]


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
            awards.append(Award(project=project, mention=True, prize=wording.MENTION))
    return awards


def awards_yaml(awards: Sequence[Award]) -> str:
    """The ``awards:`` block exactly as ``--write`` writes it."""
    return edit.dump_field("awards", as_data(awards))


def as_data(awards: Sequence[Award]) -> list[dict[str, Any]]:
    return [award.model_dump(exclude_defaults=True) for award in awards]
