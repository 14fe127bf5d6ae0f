"""What came of the sprints for the people in them: each person's path, and the outcome figures, defined once.

A person's path joins what the repository's files say about them (the projects
they were members of, awards, fellowship cohorts, publications they co-authored)
with what their own profile shares (dated milestones, marked self-reported).
People are followed by GitHub handle; a member without one is counted but has
no path beyond their project. The outcome figures are counts over these paths,
so the site's /stats/ page, ``jam stats --json`` and ``jam outcomes`` cannot
disagree; figures from profiles are self-reported and read "at least", since
nobody has to write a profile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jamkit.core.i18n import N_
from jamkit.core.identity import ANONYMOUS, handle_key, name_key
from jamkit.core.model import Catalog, Publication, Submission
from jamkit.core.wording import place
from jamkit.figures.stats import fellowship_teams, published
from jamkit.files.layout import profile_file, sprint_file
from jamkit.infra import csvfile

PUBLISHED = ("accepted", "published")  # publication statuses that count as out in the world
ARRIVED = ("accepted", "published")  # team milestones that date a publication


@dataclass(frozen=True)
class Step:
    """One item of a person's path: when, what, and the file that says so."""

    date: dt.date
    kind: str  # sprint, award, fellowship, publication, or a profile milestone's kind
    title: str
    source: str  # the repository file it comes from
    self_reported: bool = False  # from the person's own profile
    year_only: bool = False  # the date is only known to the year (a publication without a dated milestone)
    sprint: str | None = None
    project: str | None = None  # <sprint>/<project>
    cohort: str | None = None
    publication: str | None = None
    url: str | None = None  # an https URL the person gave
    detail: str = ""  # e.g. "1st place", "under review", a milestone's organisation
    restricted: bool = False  # a restricted publication: counted, never shown with the person


@dataclass(frozen=True)
class PersonPath:
    """Everything known about one person, oldest first."""

    key: str  # handle_key, or a name key for a member without a GitHub handle
    github: str | None
    steps: tuple[Step, ...]

    def of(self, *kinds: str) -> list[Step]:
        """Steps of these kinds that the repository's files record (a profile's own milestones are not)."""
        return [s for s in self.steps if s.kind in kinds and not s.self_reported]

    def reported(self, *kinds: str) -> list[Step]:
        """Milestones of these kinds that the person's own profile shares."""
        return [s for s in self.steps if s.kind in kinds and s.self_reported]

    @property
    def sprints(self) -> list[str]:
        return sorted({s.sprint for s in self.of("sprint") if s.sprint})

    @property
    def first_sprint(self) -> dt.date | None:
        return min((s.date for s in self.of("sprint")), default=None)


@dataclass(frozen=True)
class Figure:
    """One outcome figure, with the words that say what it counts."""

    key: str
    value: int
    label: str
    self_reported: bool = False  # from profiles: a lower bound ("at least")


@dataclass(frozen=True)
class Delay:
    """Days from a project's sprint deadline to its publication being accepted or published."""

    count: int
    median_days: float | None
    shortest_days: int | None
    longest_days: int | None


@dataclass(frozen=True)
class FunnelRow:
    """One sprint's participants, and how many of them went on to each outcome."""

    sprint: str
    title: str
    ended: dt.date
    participants: int
    returned: int  # took part in a later sprint
    awarded: int  # their project at this sprint won a place or a mention
    fellowship: int  # their project at this sprint joined the fellowship
    publication: int  # a publication grew out of their project at this sprint, with them as author
    position: int  # self-reported: a position after this sprint


@dataclass(frozen=True)
class Outcomes:
    since: dt.date | None
    figures: tuple[Figure, ...]
    publications: Mapping[str, int]  # by status, every publication that grew out of a counted project
    to_publication: Delay
    funnel: tuple[FunnelRow, ...]
    paths: tuple[PersonPath, ...] = field(repr=False, default=())


# --------------------------------------------------------------------------- paths


def deadline_day(catalog: Catalog, sprint: str) -> dt.date:
    return catalog.sprints[sprint].deadline_aoe.date()


def publication_dates(catalog: Catalog) -> dict[str, dt.date]:
    """The day each publication was accepted or published, as its cohort team's milestones give it."""
    dates: dict[str, dt.date] = {}
    for cohort in catalog.cohorts.values():
        for team in cohort.fields.teams:
            arrived = [m.date for m in team.milestones if m.kind in ARRIVED]
            if team.publication and arrived:
                dates[team.publication] = min([*arrived, dates.get(team.publication, max(arrived))])
    return dates


def member_key(sub: Submission, index: int) -> str:
    """Who a member is across files: their GitHub handle; else their name (each "Anonymous" is someone else)."""
    member = sub.fields.members[index]
    if member.github:
        return handle_key(member.github)
    if member.name == ANONYMOUS:
        return f"anonymous:{sub.ref}:{index}"
    return f"name:{name_key(member.name)}"


def counted_projects(catalog: Catalog, now: dt.datetime, since: dt.date | None = None) -> list[Submission]:
    """Public projects of sprints whose deadline is on or after ``since``."""
    return [s for s in published(catalog, now) if since is None or deadline_day(catalog, s.sprint) >= since]


def paths(catalog: Catalog, now: dt.datetime, since: dt.date | None = None) -> dict[str, PersonPath]:
    """Every participant's path (and every profile's), by key, from the counted projects on."""
    steps: dict[str, list[Step]] = defaultdict(list)
    github: dict[str, str] = {}
    projects = counted_projects(catalog, now, since)
    fellows = fellowship_teams(catalog)
    dates = publication_dates(catalog)
    for sub in projects:
        ended = deadline_day(catalog, sub.sprint)
        sprint = catalog.sprints[sub.sprint]
        award = catalog.award_of(sub)
        pubs = catalog.publications_of(sub.ref)
        for index, member in enumerate(sub.fields.members):
            key = member_key(sub, index)
            if member.github:
                github.setdefault(key, member.github)
            mine = steps[key]
            mine.append(Step(ended, "sprint", sub.fields.title, sub.path, sprint=sub.sprint, project=sub.ref))
            if award is not None:
                won = place(None if award.mention else award.place)
                mine.append(
                    Step(
                        ended,
                        "award",
                        sprint.fields.title,
                        sprint_file(sub.sprint),
                        sprint=sub.sprint,
                        project=sub.ref,
                        detail=won,
                    )
                )
            if sub.ref in fellows:
                cohort, source = fellows[sub.ref]
                when = cohort.fields.starts if cohort else ended
                title = cohort.fields.title if cohort else "Fellowship"
                mine.append(
                    Step(when, "fellowship", title, source, project=sub.ref, cohort=cohort.slug if cohort else None)
                )
            if member.github:
                mine += [_publication_step(p, dates, sub.ref, ended) for p in pubs if _authored(p, key)]
    for gh, profile in catalog.profiles.items():
        key = handle_key(gh)
        github.setdefault(key, gh)
        for m in profile.fields.milestones:
            steps[key].append(
                Step(
                    m.date,
                    m.kind,
                    m.title,
                    profile_file(gh),
                    self_reported=True,
                    url=m.url,
                    detail=m.organisation or "",
                )
            )
    found: dict[str, PersonPath] = {}
    for key, items in steps.items():
        unique = items
        if sum(1 for s in items if s.kind == "publication") > 1:
            unique = _one_per_publication(items)  # a paper from two of one's projects is one step
        ordered = sorted(unique, key=lambda s: (s.date, _ORDER.get(s.kind, 9), s.title))
        found[key] = PersonPath(key, github.get(key), tuple(ordered))
    return dict(sorted(found.items()))


_ORDER = {"sprint": 0, "award": 1, "fellowship": 2, "publication": 3}


def _authored(pub: Publication, key: str) -> bool:
    return any(a.github and handle_key(a.github) == key for a in pub.fields.authors)


def _publication_step(pub: Publication, dates: Mapping[str, dt.date], ref: str, ended: dt.date) -> Step:
    """Dated by its cohort team's milestone, else by its year (never before the sprint it grew out of)."""
    when = dates.get(pub.slug)
    return Step(
        when or max(dt.date(pub.fields.year, 1, 1), ended),
        "publication",
        pub.fields.title,
        pub.path,
        year_only=when is None,
        project=ref,
        publication=pub.slug,
        detail=pub.fields.status,
        restricted=pub.fields.restricted,
    )


def _one_per_publication(items: list[Step]) -> list[Step]:
    """One step per publication of the repository; a profile's own publication milestones are each kept."""
    seen: set[str] = set()
    kept = []
    for s in items:
        if s.kind == "publication" and s.publication is not None:
            if s.publication in seen:
                continue
            seen.add(s.publication)
        kept.append(s)
    return kept


# --------------------------------------------------------------------------- figures


def outcomes(catalog: Catalog, now: dt.datetime, since: dt.date | None = None) -> Outcomes:
    """Every outcome figure, over the projects of sprints whose deadline is on or after ``since``."""
    everyone = paths(catalog, now, since)
    people = [p for p in everyone.values() if p.of("sprint")]
    position = [p for p in people if any(s.date > p.first_sprint for s in p.reported("position"))]  # type: ignore[operator]
    figures = (
        Figure("participants", len(people), N_("participants (unique team members)")),
        Figure("returned", sum(1 for p in people if len(p.sprints) > 1), N_("took part in more than one sprint")),
        Figure("awarded", sum(1 for p in people if p.of("award")), N_("were in a team that won a place or a mention")),
        Figure("fellowship", sum(1 for p in people if p.of("fellowship")), N_("joined the fellowship with their team")),
        Figure("coauthored", sum(1 for p in people if p.of("publication")), N_("co-authored a publication")),
        Figure("position", len(position), N_("report a position after their first sprint"), self_reported=True),
    )
    projects = {s.ref for s in counted_projects(catalog, now, since)}
    grown = [p for p in catalog.publications.values() if projects & set(p.fields.projects)]
    by_status: dict[str, int] = defaultdict(int)
    for pub in grown:
        by_status[pub.fields.status] += 1
    return Outcomes(
        since=since,
        figures=figures,
        publications=dict(sorted(by_status.items())),
        to_publication=_delay(catalog, grown),
        funnel=_funnel(catalog, people),
        paths=tuple(people),
    )


def _delay(catalog: Catalog, grown: Iterable[Publication]) -> Delay:
    dates = publication_dates(catalog)
    days = []
    for pub in grown:
        if pub.fields.status not in PUBLISHED or pub.slug not in dates:
            continue
        sprints = [ref.split("/")[0] for ref in pub.fields.projects if ref.split("/")[0] in catalog.sprints]
        if sprints:
            days.append((dates[pub.slug] - min(deadline_day(catalog, s) for s in sprints)).days)
    return Delay(
        len(days),
        statistics.median(days) if days else None,
        min(days, default=None),
        max(days, default=None),
    )


def _funnel(catalog: Catalog, people: list[PersonPath]) -> tuple[FunnelRow, ...]:
    """One pass over the people, each counted at the sprints they took part in (no sprints × people scan)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for p in people:
        sprints = p.of("sprint")
        reported = [s.date for s in p.reported("position")]
        for slug in {s.sprint for s in sprints if s.sprint}:
            ended = deadline_day(catalog, slug)
            mine = {s.project for s in sprints if s.sprint == slug}
            row = counts[slug]
            row["participants"] += 1
            row["returned"] += any(s.date > ended for s in sprints)
            for kind in ("award", "fellowship", "publication"):
                row[kind] += any(s.project in mine for s in p.of(kind))
            row["position"] += any(day > ended for day in reported)
    return tuple(
        FunnelRow(
            sprint=slug,
            title=catalog.sprints[slug].fields.title,
            ended=deadline_day(catalog, slug),
            participants=row["participants"],
            returned=row["returned"],
            awarded=row["award"],
            fellowship=row["fellowship"],
            publication=row["publication"],
            position=row["position"],
        )
        for slug, row in sorted(counts.items(), key=lambda kv: (deadline_day(catalog, kv[0]), kv[0]))
    )


# --------------------------------------------------------------------------- output


def as_data(found: Outcomes) -> dict[str, object]:
    """The figures as JSON-ready data (for ``jam outcomes --json`` and the ``outcomes`` key of ``jam stats``)."""
    delay = found.to_publication
    return {
        "since": found.since.isoformat() if found.since else None,
        "figures": {
            f.key: {"value": f.value, "label": f.label, "self_reported": f.self_reported, "at_least": f.self_reported}
            for f in found.figures
        },
        "publications_by_status": dict(found.publications),
        "days_from_sprint_to_publication": {
            "publications": delay.count,
            "median": delay.median_days,
            "shortest": delay.shortest_days,
            "longest": delay.longest_days,
        },
        "funnel": [
            {
                "sprint": r.sprint,
                "ended": r.ended.isoformat(),
                "participants": r.participants,
                "returned": r.returned,
                "awarded": r.awarded,
                "fellowship": r.fellowship,
                "publication": r.publication,
                "position": {"value": r.position, "self_reported": True, "at_least": True},
            }
            for r in found.funnel
        ],
    }


CSV_COLUMNS = ("person", "date", "event", "sprint", "cohort", "detail", "self_reported")


def anonymised_csv(found: Outcomes) -> str:
    """Each participant's path as rows, under an id that names nobody: no names, handles, titles or links.

    Ids are numbered in the order of the first sprint, ties broken by a hash of
    the person's key, so neither the order nor the id spells a name.
    """
    order = sorted(found.paths, key=lambda p: (p.first_sprint, hashlib.sha256(p.key.encode()).hexdigest()))
    width = max(3, len(str(len(order))))
    rows: list[tuple[csvfile.Cell, ...]] = [CSV_COLUMNS]
    for number, person in enumerate(order, 1):
        for s in person.steps:
            detail = s.detail if s.kind in ("award", "publication") else ""
            date = str(s.date.year) if s.year_only else s.date.isoformat()
            rows.append(
                (
                    f"P{number:0{width}d}",
                    date,
                    s.kind,
                    s.sprint or "",
                    s.cohort or "",
                    detail,
                    str(s.self_reported).lower(),
                )
            )
    return csvfile.text(rows)


def as_text(found: Outcomes) -> str:
    """The figures for a grant report, in plain lines."""
    lines = [f"Outcomes of the sprints{' since ' + found.since.isoformat() if found.since else ''}", ""]
    total = next((f.value for f in found.figures if f.key == "participants"), 0)
    for f in found.figures:
        share = f" ({100 * f.value / total:.0f}%)" if total and f.key != "participants" else ""
        lead = "at least " if f.self_reported else ""
        tail = " (self-reported in profiles)" if f.self_reported else ""
        lines.append(f"  {lead}{f.value}{share} {f.label}{tail}")
    if found.publications:
        lines += ["", "Publications: " + ", ".join(f"{n} {status}" for status, n in found.publications.items())]
    delay = found.to_publication
    if delay.count:
        lines.append(
            f"From sprint to publication: median {delay.median_days:g} days "
            f"({delay.shortest_days} to {delay.longest_days}, {delay.count} with dated milestones)"
        )
    if found.funnel:
        lines += ["", "By sprint: participants > came back later > awarded > fellowship > publication > position*"]
        for r in found.funnel:
            lines.append(
                f"  {r.sprint}: {r.participants} > {r.returned} > {r.awarded} > {r.fellowship} > "
                f"{r.publication} > {r.position}"
            )
        lines.append("  * self-reported in profiles: at least")
    return "\n".join(lines)
