"""The awards ``jam award`` proposes for a sprint, and whether ``--write`` may write them, as data.

The write policy: awards are written after the sprint's deadline, once every
assigned review of a published project is in (``force`` overrides both), and a
mention names a ranked project without a place. Honorable mentions already in
the sprint's file are kept. What is proposed is exactly what ``write`` writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jamkit.core.model import Award, Catalog, Review, Sprint, Status, is_slug, utc_day
from jamkit.core.wording import plural, printable, shown
from jamkit.files import edit
from jamkit.files.layout import REVIEWS_FILE, assignments_file, finals_file, reviews_file, sprint_file, sprint_projects
from jamkit.files.load import load_file
from jamkit.judging.adjusted import Rating
from jamkit.judging.awards import Method, Ranking, as_data, committed_mentions, pooled_context, propose, rank
from jamkit.judging.finals import settle
from jamkit.judging.status import progress


@dataclass(frozen=True)
class Refusal:
    """Why the awards are not even proposed: the command was used wrongly, or ``--write`` may not write yet."""

    reason: str


@dataclass(frozen=True)
class Proposal:
    """The ranking, the awards it proposes, and what the maintainer should know before writing them."""

    sprint: Sprint
    ranking: Ranking
    awards: list[Award]
    kept: list[str]  # honorable mentions already in the sprint's file, kept
    missing: list[tuple[str, str]]  # (judge, project) of each assigned review not yet in

    @property
    def existing(self) -> list[Award]:
        return list(self.sprint.fields.awards)

    @property
    def unchanged(self) -> bool:
        """The sprint's file already has exactly these awards."""
        return self.existing == self.awards

    @property
    def empty(self) -> str | None:
        """Why there is nothing to write, or None."""
        return None if self.awards else f"nothing to write: no project of {self.sprint.slug} can be ranked yet"


def known_sprints(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "sprints").glob("*.md"))


def unknown_sprint(root: Path, slug: str) -> Refusal | None:
    """A refusal naming the known sprints when ``slug`` has no file, else None."""
    if is_slug(slug) and (root / sprint_file(slug)).is_file():
        return None
    known = ", ".join(known_sprints(root)) or "none yet"
    return Refusal(f"there is no sprint '{shown(slug)}' ({sprint_file(shown(slug))}); known sprints: {known}")


def content_paths(root: Path, slug: str) -> list[str]:
    """The files whose errors would make the ranking wrong: the sprint, its reviews, assignments, finals, projects."""
    folder = sprint_projects(slug)
    projects = sorted(f"{folder}/{p.name}" for p in (root / folder).glob("*.md"))
    return [sprint_file(slug), reviews_file(slug), assignments_file(slug), finals_file(slug), *projects]


def earlier_ratings(root: Path, catalog: Catalog, sprint: Sprint) -> list[Rating]:
    """The earlier sprints' ratings that ``--pool`` fits with ``sprint``'s, read from their reviews files.

    Only loaded, not checked: a mistake in an earlier sprint's file must not stop this sprint's awards
    (a review that does not load is left out).
    """
    reviews: dict[str, tuple[Review, ...]] = {}
    for slug in catalog.sprints:
        path = reviews_file(slug)
        if slug != sprint.slug and (root / path).is_file():
            records, _ = load_file(root, path, REVIEWS_FILE)
            reviews[slug] = tuple(r for r in records if isinstance(r, Review))
    return pooled_context(catalog.sprints, reviews, sprint)


def propose_awards(
    catalog: Catalog,
    slug: str,
    *,
    now: dt.datetime,
    method: Method = "adjusted",
    mentions: Sequence[str] = (),
    write: bool = False,
    force: bool = False,
    context: Sequence[Rating] = (),
) -> Proposal | Refusal:
    """Rank the sprint and propose its awards; a refusal when ``write`` may not write them or a mention is wrong."""
    sprint = catalog.sprints[slug]
    status = sprint.status(now)
    if write and status in (Status.UPCOMING, Status.LIVE) and not force:
        return Refusal(
            f"{slug} is {status.value} (the deadline is {sprint.deadline_aoe.isoformat()}): projects may still "
            "change, so awards are written after it; pass --force to write them anyway"
        )
    submissions = [s for s in catalog.submissions.values() if s.sprint == slug]
    ranking = rank(sprint, catalog.reviews.get(slug, ()), submissions, utc_day(now), method, context)
    ranking = settle(ranking, catalog.finals.get(slug, ()))
    missing = missing_reviews(catalog, sprint, utc_day(now))
    if write and missing and not force:
        return Refusal(
            f"{plural(len(missing), 'assigned review')} of {slug} {'is' if len(missing) == 1 else 'are'} "
            f"still missing ({listed(missing)}), and a ranking without them can change; wait for them "
            f"(jam judge status {slug} shows who), or pass --force to write the awards anyway"
        )
    wrong = wrong_mention(ranking, mentions)
    if wrong is not None:
        return wrong
    placed = {s.project for s in ranking.standings[: ranking.places]}
    kept = [p for p in committed_mentions(sprint) if p not in mentions and p not in placed]
    return Proposal(sprint, ranking, propose(ranking, [*kept, *mentions]), kept, missing)


def missing_reviews(catalog: Catalog, sprint: Sprint, today: dt.date) -> list[tuple[str, str]]:
    """(judge, project) for each assigned review not yet in, of projects still published."""
    slug = sprint.slug
    published = {s.slug for s in catalog.submissions.values() if s.sprint == slug and s.visibility(today) == "public"}
    state = progress(sprint, catalog.assignments.get(slug, ()), catalog.reviews.get(slug, ()))
    return [(j.judge, project) for j in state.judges for project in j.missing if project in published]


def listed(missing: Sequence[tuple[str, str]]) -> str:
    """``ann: p03, p04; bob: p07``, in judge order."""
    by_judge: dict[str, list[str]] = {}
    for judge, project in missing:
        by_judge.setdefault(judge, []).append(project)
    return "; ".join(f"{printable(j)}: {', '.join(printable(p) for p in ps)}" for j, ps in by_judge.items())


def wrong_mention(ranking: Ranking, mentions: Sequence[str]) -> Refusal | None:
    """A mention names a ranked project that has no place; a refusal otherwise, with the choices."""
    ranked = [s.project for s in ranking.standings]
    placed = {s.project: index + 1 for index, s in enumerate(ranking.standings[: ranking.places])}
    for project in mentions:
        if project not in ranked:
            choices = ", ".join(p for p in ranked if p not in placed) or "none"
            return Refusal(
                f"--mention {shown(project)}: not a ranked project of {ranking.sprint.slug}; "
                f"the ranked projects without a place are: {choices}"
            )
        if project in placed:
            return Refusal(
                f"--mention {shown(project)}: it already has place {placed[project]}; "
                "a mention is for a ranked project without a place"
            )
    return None


def write_awards(root: Path, proposal: Proposal) -> edit.Edit:
    """Write the proposed awards into the sprint's file (``edit.EditError`` if the result would not check)."""
    return edit.update(root, proposal.sprint.path, {"awards": as_data(proposal.awards)})
