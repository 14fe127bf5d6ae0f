"""The impact figures, defined once for the website's pages and for ``jam stats``.

Each figure has one definition here and one sentence in ``DEFINITIONS`` that
says what it counts; ``/stats/`` prints the sentences beside the numbers. Only
what readers may see counts: projects are published work (not retracted, not
under embargo) of sprints that exist; retracted projects are counted apart and
in no other figure. A sprint is *held* once it has started. Places (countries,
cities) count only where a held sprint had a published project made there.
New groups of figures (e.g. outcomes) belong in their own module and their own
section of the page; this one stays the figures of sprints and projects.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import NamedTuple

import pycountry

from jamkit.core import i18n
from jamkit.core.i18n import N_
from jamkit.core.identity import ANONYMOUS, handle_key, name_key
from jamkit.core.model import Catalog, Cohort, Member, Sprint, Status, Submission, sites_of, utc_day
from jamkit.core.wording import money, printable
from jamkit.figures.prizes import Uncounted, prize_money
from jamkit.files.layout import cohort_file

# What each figure counts, as /stats/, `jam stats` and the docs say it.
DEFINITIONS: Mapping[str, str] = {
    "sprints": N_(
        "Sprints held: sprints that have started (live, in judging or finished); announced ones are not counted."
    ),
    "projects": N_("Published projects of every sprint; retracted and embargoed work is not counted."),
    "retracted": N_("Retracted projects, counted apart: they are in no other figure."),
    "participants": N_(
        "Unique people on the teams of published projects: the same GitHub handle (any case) is one "
        "person; a member without a handle is told apart by name (case, accents and spacing ignored)."
    ),
    "returning": N_("Participants who were on published projects of two or more different sprints."),
    "projects_per_sprint": N_("Published projects per sprint held, on average."),
    "countries": N_("Countries where a held sprint had a local site at which at least one published project was made."),
    "cities": N_("Cities where a held sprint had a local site at which at least one published project was made."),
    "sites": N_(
        "Local sites at which a held sprint had at least one published project made; a site with its own file "
        "counts once however many sprints it hosted."
    ),
    "signups": N_("Sign-ups reported by maintainers, summed over the held sprints that report them."),
    "prize_money": N_(
        "Prize money awarded to published projects, per currency: each award's written prize (e.g. "
        "'€1,000 (shared)'), else its place's prize; two projects sharing a place and the same prize count it once."
    ),
    "publications": N_(
        "Papers, preprints and posts that grew out of sprint projects, as listed on the publications page."
    ),
    "funnel": N_(
        "Published projects that reached each step: awarded (a place or an honorable mention), taken into "
        "the fellowship (a lab entry in its file), and named by a publication. Each step counts its projects on their "
        "own."
    ),
}

# How each figure is named beside its number, in the order /stats/ defines them.
FIGURE_LABELS: tuple[tuple[str, str], ...] = (
    ("sprints", N_("sprints held")),
    ("projects", N_("projects")),
    ("retracted", N_("retracted")),
    ("participants", N_("participants")),
    ("returning", N_("returning participants")),
    ("projects_per_sprint", N_("projects per sprint")),
    ("countries", N_("countries")),
    ("cities", N_("cities")),
    ("sites", N_("local sites")),
    ("signups", N_("sign-ups")),
    ("prize_money", N_("prize money awarded")),
    ("publications", N_("publications")),
    ("funnel", N_("from project to publication")),
)


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code
    return i18n.country(str(getattr(found, "common_name", None) or found.name))


@dataclass(frozen=True)
class SprintFigures:
    slug: str
    title: str
    status: Status
    starts: dt.datetime
    projects: int
    participants: int
    returning: int  # participants already on a published project of an earlier sprint
    countries: int  # countries of this sprint's sites where a published project was made
    signups: int | None


@dataclass(frozen=True)
class CountryFigures:
    code: str
    name: str
    sprints: int  # held sprints with a published project made at a site in the country
    projects: int  # published projects made at the country's sites
    cities: tuple[str, ...]


@dataclass(frozen=True)
class Funnel:
    projects: int
    awarded: int
    fellowship: int
    publication: int


@dataclass(frozen=True)
class Figures:
    sprints: int
    by_status: Mapping[str, int]
    projects: int
    retracted: int
    participants: int
    returning: int
    projects_per_sprint: float
    countries: int
    cities: int
    sites: int  # local sites where a held sprint had a published project made (a site's file counts once)
    signups: int
    signups_reported: int  # how many held sprints report sign-ups
    prize_money: Mapping[str, float]
    prizes_uncounted: tuple[Uncounted, ...]
    publications: int
    funnel: Funnel
    by_sprint: tuple[SprintFigures, ...]
    by_country: tuple[CountryFigures, ...]


def person_key(member: Member, where: str) -> str:
    """Who a team member is: their GitHub handle, else their normalised name (a forgotten person is nobody else)."""
    if member.github:
        return "@" + handle_key(member.github)
    if member.name == ANONYMOUS:
        return f"anonymous:{where}"
    return "name:" + name_key(member.name)


def people(subs: Iterable[Submission]) -> set[str]:
    return {person_key(m, f"{sub.ref}#{i}") for sub in subs for i, m in enumerate(sub.fields.members)}


def participants(subs: Iterable[Submission]) -> int:
    """Unique members: by GitHub handle, else by normalised name."""
    return len(people(subs))


def held(sprint: Sprint, now: dt.datetime) -> bool:
    """A sprint is held once it has started."""
    return now >= sprint.fields.starts


def published(catalog: Catalog, now: dt.datetime) -> list[Submission]:
    """Projects that count: public today (not retracted, not embargoed) and of a sprint that exists."""
    today = utc_day(now)
    subs = (catalog.submissions[ref] for ref in sorted(catalog.submissions))  # by reference, never by record
    return [sub for sub in subs if sub.sprint in catalog.sprints and sub.visibility(today) == "public"]


def fellowship_teams(catalog: Catalog) -> dict[str, tuple[Cohort | None, str]]:
    """Each project in the fellowship: the cohort that lists it (or None when only its ``lab`` says so), and why."""
    found: dict[str, tuple[Cohort | None, str]] = {}
    for cohort in sorted(catalog.cohorts.values(), key=lambda c: (c.fields.starts, c.slug)):
        for team in cohort.fields.teams:
            found.setdefault(team.project, (cohort, cohort_file(cohort.slug)))
    for ref, sub in catalog.submissions.items():
        if sub.fields.lab is not None and ref not in found:
            found[ref] = (catalog.cohorts.get(sub.fields.lab.cohort or ""), sub.path)
    return found


def figures(catalog: Catalog, now: dt.datetime) -> Figures:
    """Every figure of the site's home and stats pages and of ``jam stats``."""
    public = published(catalog, now)
    refs = {sub.ref for sub in public}
    sprints = sorted(catalog.sprints.values(), key=lambda s: (s.fields.starts, s.slug))
    done = [s for s in sprints if held(s, now)]
    statuses = Counter(s.status(now).value for s in sprints)
    by_sprint: dict[str, list[Submission]] = defaultdict(list)
    for sub in public:
        by_sprint[sub.sprint].append(sub)
    places = _places(catalog, done, public)
    rows, returning = _rows(sprints, by_sprint, places, now)
    money = prize_money(sprints, refs)
    countries = _countries(places)
    in_publications = {ref for pub in catalog.publications.values() for ref in pub.fields.projects}
    awarded = {f"{s.slug}/{a.project}" for s in sprints for a in s.fields.awards}
    today = utc_day(now)
    return Figures(
        sprints=len(done),
        by_status={status.value: statuses[status.value] for status in Status},
        projects=len(public),
        retracted=sum(
            1
            for sub in catalog.submissions.values()
            if sub.sprint in catalog.sprints and sub.visibility(today) == "retracted"
        ),
        participants=participants(public),
        returning=returning,
        projects_per_sprint=round(sum(len(by_sprint[s.slug]) for s in done) / len(done), 1) if done else 0.0,
        countries=len(countries),
        cities=sum(len(row.cities) for row in countries),
        sites=len({place.site for place in places.values()}),
        signups=sum(s.fields.signups or 0 for s in done),
        signups_reported=sum(1 for s in done if s.fields.signups is not None),
        prize_money=money.totals,
        prizes_uncounted=money.uncounted,
        publications=len(catalog.publications),
        funnel=Funnel(
            projects=len(public),
            awarded=len(refs & awarded),
            fellowship=len(refs & set(fellowship_teams(catalog))),
            publication=len(refs & in_publications),
        ),
        by_sprint=rows,
        by_country=countries,
    )


class Place(NamedTuple):
    """Where a project was made: the site's country, its city, and the site (one key per site file)."""

    country: str
    city: str | None
    site: str  # ``sites/<slug>`` for a site's own file (the same hub in every sprint), else ``<sprint>/<id>``


def _places(catalog: Catalog, done: list[Sprint], public: list[Submission]) -> dict[str, Place]:
    """Each published project of a held sprint made at a local site with a country: ref -> its place."""
    held_slugs = {s.slug for s in done}
    found: dict[str, Place] = {}
    for sub in public:
        if sub.sprint not in held_slugs or sub.fields.site is None:
            continue
        site = next((s for s in sites_of(catalog.sprints[sub.sprint], catalog) if s.id == sub.fields.site), None)
        if site is not None and site.country and not site.online:
            city = " ".join(site.city.split()) if site.city else None
            key = f"sites/{site.id}" if site.file is not None else f"{sub.sprint}/{site.id}"
            found[sub.ref] = Place(site.country.upper(), city, key)
    return found


def _rows(
    sprints: list[Sprint],
    by_sprint: Mapping[str, list[Submission]],
    places: Mapping[str, Place],
    now: dt.datetime,
) -> tuple[tuple[SprintFigures, ...], int]:
    """One row per sprint, oldest first, and how many participants returned to a later sprint."""
    seen: Counter[str] = Counter()
    rows = []
    for s in sprints:
        here = people(by_sprint[s.slug])
        rows.append(
            SprintFigures(
                slug=s.slug,
                title=s.fields.title,
                status=s.status(now),
                starts=s.fields.starts,
                projects=len(by_sprint[s.slug]),
                participants=len(here),
                returning=sum(1 for key in here if seen[key]),
                countries=len({places[sub.ref].country for sub in by_sprint[s.slug] if sub.ref in places}),
                signups=s.fields.signups,
            )
        )
        seen.update(here)
    return tuple(rows), sum(1 for count in seen.values() if count > 1)


def _countries(places: Mapping[str, Place]) -> tuple[CountryFigures, ...]:
    """Countries where published projects were made: held sprints, projects and cities in each."""
    sprints_in: dict[str, set[str]] = defaultdict(set)
    projects_in: Counter[str] = Counter()
    cities_in: dict[str, dict[str, str]] = defaultdict(dict)  # one spelling per city, the first met
    for ref, (code, city, _site) in sorted(places.items()):
        sprints_in[code].add(ref.partition("/")[0])
        projects_in[code] += 1
        if city:
            cities_in[code].setdefault(name_key(city), city)
    rows = (
        CountryFigures(code, country_name(code), len(s), projects_in[code], tuple(sorted(cities_in[code].values())))
        for code, s in sprints_in.items()
    )
    return tuple(sorted(rows, key=lambda r: (-r.projects, -r.sprints, r.name)))


# --------------------------------------------------------------------------- output


def _whole(amount: float) -> float | int:
    return int(amount) if float(amount).is_integer() else amount


def as_json(found: Figures, now: dt.datetime) -> str:
    """The figures as ``jam stats --json`` prints them; each key is defined in ``DEFINITIONS``."""
    data = asdict(found)
    data["prize_money"] = {c: _whole(a) for c, a in found.prize_money.items()}
    for row in data["by_sprint"]:
        row["status"] = row["status"].value
        row["starts"] = row["starts"].isoformat()
    for row in data["by_country"]:
        row["cities"] = list(row["cities"])
    data["prizes_uncounted"] = [asdict(u) for u in found.prizes_uncounted]
    return json.dumps({"generated": now.astimezone(dt.UTC).isoformat(), **data}, indent=2, ensure_ascii=False)


def money_text(amounts: Mapping[str, float]) -> str:
    """Prize money as one phrase: "€1,000 + $2,000"; the same on the page and in the terminal."""
    return " + ".join(money(amount, currency) for currency, amount in amounts.items())


def as_text(found: Figures) -> str:
    statuses = ", ".join(f"{count} {status}" for status, count in found.by_status.items() if count)
    awarded = money_text(found.prize_money)
    funnel = found.funnel
    lines = [
        f"Sprints held   {found.sprints}" + (f" (of {sum(found.by_status.values())}: {statuses})" if statuses else ""),
        f"Projects       {found.projects} published" + (f", {found.retracted} retracted" if found.retracted else ""),
        f"Participants   {found.participants} unique team members, {found.returning} returning",
        f"Per sprint     {found.projects_per_sprint:g} projects on average",
        f"Countries      {found.countries}",
        f"Cities         {found.cities}",
        f"Local sites    {found.sites}",
        f"Sign-ups       {found.signups} reported by {found.signups_reported} of {found.sprints} sprints held",
        f"Prize money    {awarded + ' awarded' if awarded else 'none awarded yet'}",
        f"Publications   {found.publications}",
        f"Funnel         {funnel.projects} projects, {funnel.awarded} awarded, {funnel.fellowship} in the "
        f"fellowship, {funnel.publication} published",
    ]
    lines += [f"Not counted    {printable(u.prize)!r} ({u.sprint}/{u.project})" for u in found.prizes_uncounted]
    if found.by_sprint:
        head = ("Sprint", "Status", "Projects", "Participants", "Been before", "Sign-ups")
        rows = [head] + [
            (
                printable(r.title),
                r.status.value,
                str(r.projects),
                str(r.participants),
                str(r.returning),
                "–" if r.signups is None else str(r.signups),
            )
            for r in found.by_sprint
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        lines.append("")
        for row in rows:
            cells = [c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
