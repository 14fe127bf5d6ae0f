"""The ranking of ``jam award`` laid out for a terminal: how it was computed, the table, what moved it, what to settle.

``jamkit.judging.awards`` computes the ranking and its data; this module only
writes it as text, in a table no wider than ``WIDTH`` when it can be. The
model's own statistics (REML, variances, its notes) are for ``--details``; the
default says in plain words what decided the places and, where they are too
close to call, the choice the maintainer has.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from jamkit.core.model import Award
from jamkit.core.wording import ordinal, plural, printable
from jamkit.judging.adjusted import LEVEL
from jamkit.judging.awards import FEW_REVIEWS, TIE, Ranking, Standing, awards_yaml, close_pairs
from jamkit.judging.finals import finalists

WIDTH = 120  # criterion means join the adjusted table only if it stays this narrow
# The model's terms, in lme4's notation, and their variance components' names in ``Ranking.variances``.
_TERMS = {"judge": "judge", "criterion": "criterion", "project": "project", "cell": "project:criterion"}
SMALL = 0.005  # a correction that rounds to 0.00 moved nothing worth naming


def _number(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float) -> str:
    """+0.90, -0.39; never -0.00."""
    return f"{round(value, 2) + 0.0:+.2f}"


def _leaning(effect: float) -> str:
    return "lenient" if effect > 0 else "harsh"


def _notes(ranking: Ranking, s: Standing) -> list[str]:
    notes = []
    if ranking.final is not None and any(p.project == s.project for p in ranking.final.places):
        notes.append("finalist round")
    if s.close and not s.tied:
        notes.append("too close to call")
    if s.tied:
        notes.append("tie")
    if ranking.groups > 1:
        notes.append(f"judge group {s.group + 1}")
    if s.missing:
        notes.append(f"no score for {', '.join(s.missing)}")
    if s.reviews < FEW_REVIEWS:
        notes.append(f"only {s.reviews} review")
    return notes


def _rows(ranking: Ranking, criteria: Sequence[str]) -> tuple[list[list[str]], set[int]]:
    """The table's cells, header first, and the indexes of its numeric columns."""
    effects = ranking.judge_effects or {}
    if ranking.fitted == "adjusted":
        head = ["place", "project", "raw", "adjusted", f"{LEVEL:.0%} interval", "reviews", "moved most by"]
    else:
        head = ["place", "project", "score", "reviews"]
    numeric = set(range(2, len(head) - (ranking.fitted == "adjusted")))
    numeric |= set(range(len(head), len(head) + len(criteria)))
    rows = [[*head, *criteria, "notes"]]
    for index, s in enumerate(ranking.standings):
        means = [_number(s.means[c], 2) for c in criteria]
        notes = "; ".join(_notes(ranking, s))
        if ranking.fitted == "adjusted":
            judge, moved = s.moved_by[0] if s.moved_by else ("", 0.0)
            mover = f"{printable(judge)} {_signed(moved)} ({_leaning(effects[judge])})" if abs(moved) >= SMALL else ""
            interval = f"{s.low:.2f}-{s.high:.2f}"
            cells = [f"{s.raw:.2f}", f"{s.score:.2f}", interval, str(s.reviews), mover]
        else:
            cells = [_number(s.score, 3), str(s.reviews)]
        rows.append([str(index + 1), printable(s.project), *cells, *means, notes])
    return rows, numeric


def table(ranking: Ranking, places: int) -> str:
    """One row per ranked project; a line where the awards end. Criterion means when there is room."""
    criteria = [c.id for c in ranking.sprint.fields.criteria]
    rows, numeric = _rows(ranking, criteria)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    if ranking.fitted == "adjusted" and sum(widths) + 2 * len(widths) > WIDTH:
        rows, numeric = _rows(ranking, [])
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
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


def report(ranking: Ranking, proposal: Sequence[Award], details: bool = False) -> str:
    """The ranking as people read it: how it was computed, the table, what moved it, and what to settle."""
    sprint = ranking.sprint
    weights = sum(c.weight for c in sprint.fields.criteria) or 1.0
    criteria = ", ".join(f"{c.id} {c.weight / weights:.0%}" for c in sprint.fields.criteria)
    scale = sprint.fields.scale
    lines = [
        f"{printable(sprint.fields.title)} ({sprint.slug})",
        f"Criteria (weight): {criteria or 'none'}; scale {scale.min:g} to {scale.max:g}",
        _basis(ranking),
        "",
    ]
    places = len([a for a in proposal if not a.mention])
    if not sprint.fields.criteria:
        lines.append(f"No project can be ranked: {sprint.path} has no `criteria` to score.")
    elif not ranking.standings:
        lines.append(f"No project can be ranked yet: no published project has scores in {sprint.slug}/reviews.yaml.")
    else:
        lines.append(table(ranking, places))
        lines += _fitted(ranking) if details else _counted(ranking)
        lines += _against_raw(ranking, places)
        lines += _final(ranking)
        lines += _to_settle(ranking, places)
    if ranking.left_out:
        lines += ["", "Not ranked: " + ", ".join(f"{printable(slug)} ({why})" for slug, why in ranking.left_out)]
    return "\n".join(lines)


def _basis(ranking: Ranking) -> str:
    if ranking.fitted == "adjusted":
        return (
            "Ranked by the adjusted score: what an average judge would give, each judge's leniency removed\n"
            "(a crossed random-effects model); raw: the mean as the judges gave it. --method mean ranks by raw means."
        )
    if ranking.method == "adjusted":
        return "Ranked by raw means: the adjusted score could not be computed (see the notes below)."
    return "Score: each criterion's mean over the judges who scored it, weighted by the criteria's weights."


def _fitted(ranking: Ranking) -> list[str]:
    """What was fitted in one sentence, the judges' leniency, and every note from the fit."""
    lines = [""]
    counts = (
        f"{plural(ranking.ratings, 'score')} ({plural(ranking.reviews, 'review')} by {plural(ranking.judges, 'judge')})"
    )
    if ranking.fitted == "adjusted" and ranking.variances is not None:
        terms = [name for name in _TERMS if name in ranking.variances]
        formula = " + ".join(f"(1|{_TERMS[name]})" for name in terms)
        variances = ", ".join(
            f"{_TERMS.get(name, name)} {ranking.variances[name]:.3f}" for name in [*terms, "residual"]
        )
        lines.append(f"Fitted: rating ~ 1 + {formula} by REML on {counts}.")
        lines.append(f"Variances: {variances}.")
        lines.append(_leniency(ranking.judge_effects or {}))
    else:
        lines.append(f"Computed from {counts}.")
    lines += [f"Note: {note}." for note in ranking.notes]
    if ranking.groups > 1:
        lines.append(
            f"Flagged: the {ranking.groups} judge groups were scored by different judges, so their places are "
            "interleaved by raw means and cannot be trusted across groups; settle them with the judges."
        )
    return lines


def _counted(ranking: Ranking) -> list[str]:
    """What the ranking was computed from, in one line, and the judges' leniency; the model's statistics wait."""
    counts = (
        f"{plural(ranking.ratings, 'score')} ({plural(ranking.reviews, 'review')} by {plural(ranking.judges, 'judge')})"
    )
    lines = ["", f"Computed from {counts}; jam award {ranking.sprint.slug} --details shows the model's statistics."]
    if ranking.fitted == "adjusted":
        lines.append(_leniency(ranking.judge_effects or {}))
    elif ranking.method == "adjusted":
        lines += [f"Note: {note}." for note in ranking.notes]
    if ranking.groups > 1:
        lines.append(
            f"Flagged: the {ranking.groups} judge groups were scored by different judges, so their places are "
            "interleaved by raw means and cannot be trusted across groups; settle them with the judges."
        )
    return lines


def _final(ranking: Ranking) -> list[str]:
    """What the finalist round decided: one plain sentence per place."""
    final = ranking.final
    if final is None:
        return []
    lines = [
        "",
        f"Decided in a finalist round by {plural(final.judges, 'judge')} (a Plackett-Luce fit of their rankings):",
    ]
    lines += [f"- {printable(p.why)}" for p in final.places]
    if final.unchanged:
        names = ", ".join(printable(j) for j in final.unchanged)
        lines.append(
            f"Still in the template's order (the adjusted order): {names}. If they have not ranked yet, wait for them "
            f"(jam judge status {ranking.sprint.slug} shows who has)."
        )
    return lines


def _leniency(effects: Mapping[str, float]) -> str:
    """The judges from most lenient to harshest, all of them if few, else the three at each end."""
    order = sorted(effects, key=lambda j: (-effects[j], j))
    if all(abs(effect) < SMALL for effect in effects.values()):
        return "Leniency: no judge is measurably more lenient than another; the adjusted score only weighs reviews."
    shown_judges = order if len(order) <= 8 else [*order[:3], "…", *order[-3:]]
    items = []
    for judge in shown_judges:
        if judge == "…":
            items.append("…")
            continue
        tag = " (most lenient)" if judge == order[0] else " (harshest)" if judge == order[-1] else ""
        items.append(f"{printable(judge)} {_signed(effects[judge])}{tag}")
    return "Leniency, in points above the average judge: " + ", ".join(items) + "."


def _against_raw(ranking: Ranking, places: int) -> list[str]:
    """Why each project that wins or loses a prize place against the raw means moved."""
    if ranking.fitted != "adjusted":
        return []
    raw_order = [s.project for s in sorted(ranking.standings, key=lambda s: (-s.raw, s.project))]
    raw_place = {p: i + 1 for i, p in enumerate(raw_order)}
    adjusted = sorted(ranking.standings, key=lambda s: (-s.score, s.project))  # before a finalist round
    lines = []
    for index, s in enumerate(adjusted):
        now, before = index + 1, raw_place[s.project]
        if now != before and min(now, before) <= places and s.moved_by:
            lines.append(
                f"- {printable(s.project)}: {ordinal(before)} by raw mean ({s.raw:.2f}), "
                f"{ordinal(now)} adjusted ({s.score:.2f}). {_why(s, ranking.judge_effects or {})}"
            )
    return ["", "Against the raw means:", *lines] if lines else []


def _why(s: Standing, effects: Mapping[str, float]) -> str:
    """The move in parts that add up as printed: each judge's share, then the pull toward the average (shrinkage)."""
    move = round(s.score - s.raw, 2)
    shares = [(judge, round(moved, 2)) for judge, moved in s.moved_by]
    correction = round(sum(share for _, share in shares), 2)
    judge, moved = shares[0]
    effect = effects[judge]
    if effect == max(effects.values()):
        who = f"{printable(judge)}, the most lenient judge ({_signed(effect)})"
    elif effect == min(effects.values()):
        who = f"{printable(judge)}, the harshest judge ({_signed(effect)})"
    else:
        who = f"{printable(judge)}, a {_leaning(effect)} judge ({_signed(effect)})"
    if len(shares) == 1:
        text = f"Moved {_signed(move)}: scored only by {who}, whose leniency accounts for {_signed(moved)}"
    else:
        parts = ", ".join(f"{printable(j)} {_signed(share)}" for j, share in shares)
        text = (
            f"Moved {_signed(move)}: its judges' leniency accounts for {_signed(correction)} "
            f"({parts}; most of all {who})"
        )
    rest = round(move - correction, 2)
    if abs(rest) >= SMALL:
        text += f", and {_signed(rest)} is the pull toward the average of a project with {plural(s.reviews, 'review')}"
    return text + "."


def _to_settle(ranking: Ranking, places: int) -> list[str]:
    """Close calls among the prize places said once: the best estimate, the two ways on, the closest pairs."""
    if ranking.final is not None or ranking.groups > 1:
        return []
    lines = _ties(ranking, places)
    chosen = finalists(ranking)
    if chosen:
        slug = ranking.sprint.slug
        where = {s.project: index + 1 for index, s in enumerate(ranking.standings)}
        numbers = [where[p] for p in chosen]
        span = (
            f"places {numbers[0]} to {numbers[-1]}"
            if numbers == list(range(numbers[0], numbers[-1] + 1))
            else ("places " + ", ".join(map(str, numbers)))
        )
        lines.append(
            f"Too close to call: {span} ({', '.join(printable(p) for p in chosen)}): their intervals overlap, so "
            "the reviews cannot tell them apart. The best single estimate is the adjusted order above."
        )
        lines.append(f"Closest: {_closest(ranking)}.")
        lines.append(
            f"Either keep the adjusted order (jam award {slug} --write), or let the judges rank these "
            f"{len(chosen)} projects in a finalist round: jam judge finalists {slug} --write."
        )
    return ["", *lines] if lines else []


def _closest(ranking: Ranking) -> str:
    """The two neighbouring pairs among the close calls whose adjusted scores are nearest."""
    standings = ranking.standings
    pairs = sorted(close_pairs(ranking), key=lambda i: (standings[i].score - standings[i + 1].score, i))
    return ", then ".join(
        f"{printable(standings[i].project)} and {printable(standings[i + 1].project)} "
        f"({standings[i].score - standings[i + 1].score:.2f} apart)"
        for i in pairs[:2]
    )


def _ties(ranking: Ranking, places: int) -> list[str]:
    groups: dict[float, list[tuple[int, str]]] = {}
    for index, s in enumerate(ranking.standings):
        if s.tied:
            key = next((k for k in groups if abs(k - s.score) < TIE), s.score)
            groups.setdefault(key, []).append((index + 1, s.project))
    lines = []
    for score, members in groups.items():
        if members[0][0] > places:
            continue
        names = " and ".join(printable(project) for _, project in members)
        where = ", ".join(str(place) for place, _ in members)
        across = members[0][0] <= places < members[-1][0]
        warning = " across the last awarded place" if across else ""
        lines.append(f"Tie{warning}: {names} score {float(score):.3f} exactly (places {where}, in order of slug).")
    return lines


def awards_diff(old: Sequence[Award], new: Sequence[Award]) -> str:
    """How the proposed awards differ from those in the sprint's file, as a unified diff of their YAML."""
    lines = difflib.unified_diff(
        awards_yaml(old).splitlines(), awards_yaml(new).splitlines(), "awards now", "awards proposed", lineterm=""
    )
    return "\n".join(printable(line) for line in lines)
