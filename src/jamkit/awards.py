"""Ranking a sprint's projects from its judges' reviews, and the awards that ranking proposes (``jam award``).

A project's score is, for each criterion, the mean of the scores that the judges
who reviewed it gave, combined by the sprint's criterion weights (normalized to
sum to 1). A judge who did not review a project (a conflict of interest, say)
does not lower its score. Arithmetic is exact (fractions of the numbers as
written), so equal scores are a real tie, never a rounding accident. Only
published projects are ranked: retracted and embargoed work is left out, and so
is work that no judge scored.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jamkit import edit
from jamkit.model import Award, Prize, Review, Sprint, Submission
from jamkit.wording import money, printable

DEFAULT_PLACES = 3
FEW_REVIEWS = 2  # docs/maintainers.md: every eligible project should have at least two reviews


@dataclass(frozen=True)
class Standing:
    """One ranked project: its weighted score, its reviews, and each criterion's mean (None: nobody scored it)."""

    project: str
    title: str
    score: Fraction
    reviews: int
    means: Mapping[str, Fraction | None]
    tied: bool = False

    @property
    def missing(self) -> list[str]:
        return [criterion for criterion, mean in self.means.items() if mean is None]


@dataclass(frozen=True)
class Ranking:
    """A sprint's standings, best first, and the projects left out with the reason."""

    sprint: Sprint
    standings: tuple[Standing, ...]
    left_out: tuple[tuple[str, str], ...]


def _exact(number: float) -> Fraction:
    """The number as written in the file (0.3 is 3/10, not the nearest binary fraction)."""
    return Fraction(repr(float(number)))


def rank(sprint: Sprint, reviews: Sequence[Review], submissions: Sequence[Submission], today: dt.date) -> Ranking:
    """Rank the sprint's published projects by the weighted mean of their per-criterion mean scores."""
    weights = {c.id: _exact(c.weight) for c in sprint.fields.criteria}
    scores: dict[str, dict[str, list[Fraction]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[str, int] = defaultdict(int)
    for review in reviews:
        scored = {c: s for c, s in review.fields.scores.items() if c in weights}
        if scored:
            counts[review.fields.project] += 1
        for criterion, score in scored.items():
            scores[review.fields.project][criterion].append(_exact(score))
    standings: list[Standing] = []
    left_out: list[tuple[str, str]] = []
    for sub in sorted(submissions, key=lambda s: s.slug):
        visibility = sub.visibility(today)
        if visibility != "public":
            until = sub.fields.embargo_until
            left_out.append((sub.slug, "retracted" if visibility == "retracted" else _embargoed(until)))
            continue
        if not counts[sub.slug]:
            left_out.append((sub.slug, "no reviews"))
            continue
        means = {c: (sum(s) / len(s) if (s := scores[sub.slug][c]) else None) for c in weights}
        present = {c: mean for c, mean in means.items() if mean is not None}
        total = sum(weights[c] for c in present)
        score = sum(weights[c] * mean for c, mean in present.items()) / total
        standings.append(Standing(sub.slug, sub.fields.title, score, counts[sub.slug], means))
    standings.sort(key=lambda s: (-s.score, s.project))
    tied = [
        s
        if not any(o is not s and o.score == s.score for o in standings[max(0, i - 1) : i + 2])
        else Standing(s.project, s.title, s.score, s.reviews, s.means, tied=True)
        for i, s in enumerate(standings)
    ]
    return Ranking(sprint, tuple(tied), tuple(left_out))


def _embargoed(until: dt.date | None) -> str:
    return f"embargoed until {until.isoformat()}" if until else "embargoed"


# --------------------------------------------------------------------------- proposal


def prize_text(prize: Prize) -> str:
    return money(prize.amount, prize.currency)


def ladder(sprint: Sprint) -> list[Prize | None]:
    """One entry per place to award: the sprint's prizes by place, else three places without a prize."""
    prizes = sorted(sprint.fields.prizes, key=lambda p: p.place)
    return list(prizes) if prizes else [None] * DEFAULT_PLACES


def propose(ranking: Ranking) -> list[Award]:
    """The top N standings, N the number of prizes (else 3); two prizes for one place make a shared place."""
    awards = []
    for index, (standing, prize) in enumerate(zip(ranking.standings, ladder(ranking.sprint), strict=False)):
        if prize is None:
            awards.append(Award(place=index + 1, project=standing.project))
        else:
            awards.append(Award(place=prize.place, project=standing.project, prize=prize_text(prize)))
    return awards


def awards_yaml(awards: Sequence[Award]) -> str:
    """The ``awards:`` block exactly as ``--write`` writes it."""
    return edit.dump_field("awards", as_data(awards))


def as_data(awards: Sequence[Award]) -> list[dict[str, Any]]:
    return [award.model_dump(exclude_none=True) for award in awards]


# --------------------------------------------------------------------------- table


def _number(value: Fraction | None, digits: int) -> str:
    return "–" if value is None else f"{float(value):.{digits}f}"


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
    weights = sum(_exact(c.weight) for c in sprint.fields.criteria) or Fraction(1)
    criteria = ", ".join(f"{c.id} {float(_exact(c.weight) / weights):.0%}" for c in sprint.fields.criteria)
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
    groups: dict[Fraction, list[tuple[int, str]]] = defaultdict(list)
    for index, s in enumerate(ranking.standings):
        if s.tied:
            groups[s.score].append((index + 1, s.project))
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
