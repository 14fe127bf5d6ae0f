"""The impact figures, defined once for the website's pages and for ``jam stats``.

Only what readers may see counts: projects are published work (not retracted,
not under embargo) of sprints that exist; participants are unique team members
of those projects (by GitHub handle, else by name). Countries and local sites
come from the sprints' ``sites``; prize money is the prize ladder of the places
that were awarded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass

import pycountry

from jamkit.model import Catalog, Sprint, Status, Submission, utc_day
from jamkit.wording import money, printable


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code
    return str(getattr(found, "common_name", None) or found.name)


@dataclass(frozen=True)
class SprintFigures:
    slug: str
    title: str
    status: Status
    starts: dt.datetime
    projects: int
    participants: int
    countries: int
    signups: int | None


@dataclass(frozen=True)
class CountryFigures:
    code: str
    name: str
    sprints: int  # sprints with a site in the country
    projects: int  # published projects from the country's in-person sites


@dataclass(frozen=True)
class Figures:
    sprints: int
    by_status: Mapping[str, int]
    projects: int
    retracted: int  # retracted projects, counted apart: they are in no other figure
    participants: int
    countries: int
    sites: int
    publications: int
    signups: int
    prize_money: Mapping[str, float]
    by_sprint: tuple[SprintFigures, ...]
    by_country: tuple[CountryFigures, ...]


def participants(subs: Iterable[Submission]) -> int:
    """Unique members: by GitHub handle, else by name."""
    return len({(m.github or m.name).casefold() for sub in subs for m in sub.fields.members})


def published(catalog: Catalog, now: dt.datetime) -> list[Submission]:
    """Projects that count: public today (not retracted, not embargoed) and of a sprint that exists."""
    today = utc_day(now)
    return [
        sub
        for _, sub in sorted(catalog.submissions.items())
        if sub.sprint in catalog.sprints and sub.visibility(today) == "public"
    ]


def prize_money(sprints: Iterable[Sprint]) -> dict[str, float]:
    """Per currency, the prizes of the places that were awarded (a place shared by two projects counts once)."""
    totals: dict[str, float] = defaultdict(float)
    for sprint in sprints:
        awarded = {award.place for award in sprint.fields.awards}
        for prize in sprint.fields.prizes:
            if prize.place in awarded:
                totals[prize.currency] += prize.amount
    return dict(sorted(totals.items()))


def figures(catalog: Catalog, now: dt.datetime) -> Figures:
    """Every figure of the site's home and stats pages and of ``jam stats``."""
    public = published(catalog, now)
    sprints = sorted(catalog.sprints.values(), key=lambda s: (s.fields.starts, s.slug))
    sites = [site for s in sprints for site in s.fields.sites]
    statuses = Counter(s.status(now).value for s in sprints)
    by_sprint: dict[str, list[Submission]] = defaultdict(list)
    for sub in public:
        by_sprint[sub.sprint].append(sub)
    rows = tuple(
        SprintFigures(
            slug=s.slug,
            title=s.fields.title,
            status=s.status(now),
            starts=s.fields.starts,
            projects=len(by_sprint[s.slug]),
            participants=participants(by_sprint[s.slug]),
            countries=len({site.country for site in s.fields.sites if site.country}),
            signups=s.fields.signups,
        )
        for s in sprints
    )
    return Figures(
        sprints=len(sprints),
        by_status={status.value: statuses[status.value] for status in Status},
        projects=len(public),
        retracted=sum(
            1
            for sub in catalog.submissions.values()
            if sub.sprint in catalog.sprints and sub.visibility(utc_day(now)) == "retracted"
        ),
        participants=participants(public),
        countries=len({site.country for site in sites if site.country}),
        sites=len({(site.name, site.city, site.country) for site in sites if not site.online}),
        publications=len(catalog.publications),
        signups=sum(s.fields.signups or 0 for s in sprints),
        prize_money=prize_money(sprints),
        by_sprint=rows,
        by_country=_countries(catalog, sprints, public),
    )


def _countries(catalog: Catalog, sprints: list[Sprint], public: list[Submission]) -> tuple[CountryFigures, ...]:
    """Countries with a site: how many sprints had one there, and published projects from in-person sites."""
    sprints_in: dict[str, set[str]] = defaultdict(set)
    for sprint in sprints:
        for site in sprint.fields.sites:
            if site.country:
                sprints_in[site.country].add(sprint.slug)
    projects_in: Counter[str] = Counter()
    for sub in public:
        sprint = catalog.sprints[sub.sprint]
        site = next((s for s in sprint.fields.sites if s.id == sub.fields.site), None)
        if site is not None and site.country and not site.online:
            projects_in[site.country] += 1
    rows = (CountryFigures(code, country_name(code), len(s), projects_in[code]) for code, s in sprints_in.items())
    return tuple(sorted(rows, key=lambda r: (-r.projects, -r.sprints, r.name)))


# --------------------------------------------------------------------------- output


def as_json(found: Figures, now: dt.datetime) -> str:
    data = asdict(found)
    data["prize_money"] = {c: int(a) if float(a).is_integer() else a for c, a in found.prize_money.items()}
    for row in data["by_sprint"]:
        row["status"] = row["status"].value
        row["starts"] = row["starts"].isoformat()
    return json.dumps({"generated": now.astimezone(dt.UTC).isoformat(), **data}, indent=2, ensure_ascii=False)


def as_text(found: Figures) -> str:
    statuses = ", ".join(f"{count} {status}" for status, count in found.by_status.items() if count)
    awarded = ", ".join(money(amount, currency) for currency, amount in found.prize_money.items())
    lines = [
        f"Sprints        {found.sprints}" + (f" ({statuses})" if statuses else ""),
        f"Projects       {found.projects} published" + (f", {found.retracted} retracted" if found.retracted else ""),
        f"Participants   {found.participants} unique team members",
        f"Countries      {found.countries}",
        f"Local sites    {found.sites}",
        f"Sign-ups       {found.signups} reported",
        f"Prize money    {awarded + ' awarded' if awarded else 'none awarded yet'}",
        f"Publications   {found.publications}",
    ]
    if found.by_sprint:
        head = ("Sprint", "Status", "Projects", "Participants", "Sign-ups")
        rows = [head] + [
            (
                printable(r.title),
                r.status.value,
                str(r.projects),
                str(r.participants),
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
