"""What every page of the site needs to know about the catalog, computed once: the ``Index``.

Every page reads the catalog through ``jamkit.core.public`` (what readers may see of
each record); the figures alone count from the raw catalog. Only public projects
reach the lists, people and results; embargoed projects reach nothing, a retracted
one only its tombstone, a restricted publication names nobody and no project.
People are gathered here too, each named by ``identity.display_names``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from jamkit.core import public
from jamkit.core.i18n import _
from jamkit.core.identity import display_names, handle_key, name_key
from jamkit.core.model import (
    Award,
    Catalog,
    Cohort,
    Judge,
    Profile,
    Publication,
    Review,
    Sprint,
    Status,
    Submission,
    sites_of,
    utc_day,
)
from jamkit.figures import outcomes, stats
from jamkit.figures.outcomes import Outcomes, Step
from jamkit.figures.stats import Figures
from jamkit.judging.adjusted import Rating
from jamkit.judging.awards import POOL, pooled_context
from jamkit.site.results import Judging, SprintResults, award_rank, judging, results


@dataclass(frozen=True)
class Judged:
    """A sprint someone judged: the sprint, their entry in its judges, what else they did there, their reviews."""

    sprint: Sprint
    judge: Judge
    roles: tuple[str, ...]  # "Judge", then e.g. "speaker", "organizer of London hub"
    reviews: int | None  # None until the sprint has awards: reviews stay private until then


@dataclass
class PersonView:
    """A person as readers see them: only what is visible counts."""

    key: str
    github: str
    name: str
    projects: list[Submission] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    judged: list[Judged] = field(default_factory=list)
    affiliation: str | None = None  # their profile's, else where they last judged, else on their newest project
    profile: Profile | None = None
    path: tuple[Step, ...] = ()  # oldest first; restricted publications left out

    @property
    def listed(self) -> bool:
        """``listed: false`` in their profile keeps the page out of the people list and out of search."""
        return self.profile is None or self.profile.fields.listed


def _affiliation(person: PersonView) -> str | None:
    """Their profile's, else where they were when they last judged, else as their newest project gives it."""
    if person.profile is not None and person.profile.fields.affiliation:
        return person.profile.fields.affiliation
    judged = (j.judge.affiliation for j in person.judged if j.judge.affiliation)
    member = (
        m.affiliation
        for sub in person.projects
        for m in sub.fields.members
        if m.affiliation and m.github and handle_key(m.github) == handle_key(person.github)
    )
    return next(judged, None) or next(member, None)


# --------------------------------------------------------------------------- index


class Index:
    """Every lookup the templates need, built in one pass over the catalog (no O(N²))."""

    def __init__(self, raw: Catalog, now: dt.datetime) -> None:
        self.raw = raw  # for the figures only, which count what no page shows
        self.catalog = catalog = public.catalog(raw, now)
        self.now = now
        today = utc_day(now)
        self.sprints = dict(sorted(catalog.sprints.items(), key=lambda kv: kv[1].fields.starts, reverse=True))
        self.status = {slug: s.status(now) for slug, s in self.sprints.items()}
        self.visibility = {ref: sub.visibility(today) for ref, sub in catalog.submissions.items()}
        self.visible = {
            ref: sub
            for ref, sub in sorted(catalog.submissions.items())
            if self.visibility[ref] == "public" and sub.sprint in self.sprints
        }
        self.retracted = {
            ref: sub
            for ref, sub in sorted(catalog.submissions.items())
            if self.visibility[ref] == "retracted" and sub.sprint in self.sprints
        }
        self.awards: dict[str, Award] = {
            f"{slug}/{a.project}": a for slug, s in self.sprints.items() for a in s.fields.awards
        }
        self.projects_of: dict[str, list[Submission]] = defaultdict(list)
        for sub in self.visible.values():
            self.projects_of[sub.sprint].append(sub)
        for subs in self.projects_of.values():
            subs.sort(key=self._gallery_key)
        self.publications_of: dict[str, list[Publication]] = defaultdict(list)
        for pub in catalog.publications.values():
            for ref in pub.fields.projects:
                if ref in self.visible:
                    self.publications_of[ref].append(pub)
        self.reviews_of: dict[str, list[Review]] = defaultdict(list)
        for sprint, reviews in catalog.reviews.items():
            for review in reviews:
                self.reviews_of[f"{sprint}/{review.fields.project}"].append(review)
        self.people = self._people()
        self.results: dict[str, SprintResults] = {
            slug: results(sprint, {**self.visible, **self.retracted}, set(self.retracted))
            for slug, sprint in self.sprints.items()
            if self.status[slug] is Status.FINISHED
        }
        self.judging: dict[str, Judging] = {
            slug: judging(
                self.sprints[slug],
                catalog.reviews.get(slug, ()),
                self.projects_of.get(slug, []),
                today,
                {a.project: a for a in self.sprints[slug].fields.awards},
                catalog.finals.get(slug, ()),
                self._pooled(catalog, self.sprints[slug]),
            )
            for slug in self.results
        }

    @staticmethod
    def _pooled(catalog: Catalog, sprint: Sprint) -> list[Rating]:
        """Earlier sprints' ratings, as ``jam award`` pools them, when the sprint publishes its scores."""
        if not (POOL and sprint.fields.publish_scores):
            return []
        return pooled_context(catalog.sprints, catalog.reviews, sprint)

    def _gallery_key(self, sub: Submission) -> tuple[int, int, str]:
        """Winners by place, then honorable mentions, then published work by title, retracted work last."""
        retracted = self.visibility[sub.ref] == "retracted"
        return (int(retracted), award_rank(self.awards.get(sub.ref)), sub.fields.title.lower())

    def _people(self) -> dict[str, PersonView]:
        people: dict[str, PersonView] = {}

        def person(github: str, name: str) -> PersonView:
            key = handle_key(github)
            if key not in people:
                people[key] = PersonView(key=key, github=github, name=name)
            return people[key]

        for sub in self.visible.values():
            for m in sub.fields.members:
                if m.github:
                    person(m.github, m.name).projects.append(sub)
        for pub in self.catalog.publications.values():
            for a in pub.fields.authors:
                if a.github:
                    person(a.github, a.name).publications.append(pub)
        for github, profile in self.catalog.profiles.items():
            person(github, profile.fields.name or github).profile = profile
        for sprint in self.sprints.values():  # newest first
            for j in sprint.fields.judges:
                if j.github:
                    person(j.github, j.name).judged.append(self._judged(sprint, j))
        newest = {slug: -s.fields.starts.timestamp() for slug, s in self.sprints.items()}
        own = [(github, p.fields.name) for github, p in self.catalog.profiles.items() if p.fields.name]
        judges = own + [(j.github, j.name) for s in self.sprints.values() for j in s.fields.judges if j.github]
        mentioned = [(m.github, m.name) for sub in self.visible.values() for m in sub.fields.members if m.github]
        mentioned += [
            (a.github, a.name) for pub in self.catalog.publications.values() for a in pub.fields.authors if a.github
        ]
        names = display_names(judges, mentioned)
        for p in people.values():
            found = self.paths.get(handle_key(p.github))
            p.path = tuple(s for s in found.steps if not s.restricted) if found else ()
            p.name = names.get(handle_key(p.github), p.name)
            p.projects.sort(key=lambda sub: (newest[sub.sprint], *self._gallery_key(sub)))
            p.publications.sort(key=lambda pub: (-pub.fields.year, pub.fields.title.lower()))
            p.affiliation = _affiliation(p)
        return dict(sorted(people.items()))

    def _judged(self, sprint: Sprint, judge: Judge) -> Judged:
        """What a judge did at a sprint: judging, and talks or a site they ran there."""
        names = {name_key(judge.name), name_key(judge.github or ""), name_key(judge.key)} - {""}
        roles = [_("Judge")]
        if any(item.speaker and name_key(item.speaker) in names for item in sprint.fields.schedule):
            roles.append(_("speaker"))
        roles += [
            _("organizer of %(site)s") % {"site": s.name}
            for s in sites_of(sprint, self.catalog)
            if names & {name_key(who) for who in (*s.organizers, *s.handles)}
        ]
        reviews = None
        if self.has_awards(sprint.slug):  # reviews stay private until then; hidden projects are not counted
            found = self.catalog.reviews.get(sprint.slug, ())
            reviews = sum(
                1 for r in found if r.fields.judge == judge.key and f"{sprint.slug}/{r.fields.project}" in self.visible
            )
        return Judged(sprint, judge, tuple(roles), reviews)

    # ---------------------------------------------------------------- helpers for templates

    def is_public(self, sub: Submission) -> bool:
        return self.visibility.get(sub.ref) == "public"

    def has_awards(self, sprint: str) -> bool:
        return sprint in self.sprints and bool(self.sprints[sprint].fields.awards)

    def judge_name(self, sprint: str, key: str) -> str:
        for judge in self.sprints[sprint].fields.judges:
            if judge.key == key:
                return judge.name
        return key

    def site_of(self, sub: Submission) -> Any:
        sprint = self.sprints.get(sub.sprint)
        if sprint is None or sub.fields.site is None:
            return None
        return next((s for s in sites_of(sprint, self.catalog) if s.id == sub.fields.site), None)

    def has_page(self, github: str | None) -> bool:
        """Whether the person has a page: only people that public projects, papers or judging name get one."""
        return bool(github and handle_key(github) in self.people)

    def name_of(self, github: str | None, written: str) -> str:
        """The name a page shows for a person a file names: their own profile's, else as written."""
        if not github:
            return written
        profile = self.profiles.get(handle_key(github))
        return profile.fields.name if profile is not None and profile.fields.name else written

    @cached_property
    def profiles(self) -> dict[str, Profile]:
        return {handle_key(github): p for github, p in sorted(self.catalog.profiles.items())}

    @cached_property
    def paths(self) -> dict[str, outcomes.PersonPath]:
        """Every person's path, as ``jam outcomes`` reads it."""
        return outcomes.paths(self.raw, self.now)

    @cached_property
    def outcomes(self) -> Outcomes:
        """The outcome figures, as ``jam outcomes`` and ``jam stats --json`` compute them."""
        return outcomes.outcomes(self.raw, self.now)

    @cached_property
    def cohort_of(self) -> dict[str, Cohort]:
        """The cohort each fellowship team's project belongs to."""
        return {ref: cohort for ref, (cohort, _) in stats.fellowship_teams(self.raw).items() if cohort}

    @cached_property
    def figures(self) -> Figures:
        """The impact figures, as ``jam stats`` computes them."""
        return stats.figures(self.raw, self.now)
