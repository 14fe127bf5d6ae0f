"""From a Catalog to the pages of the public site, without knowing MkDocs.

Each page is a ``SitePage``: its URL (from ``jamkit.site.urls``; its file in the
build, ``src_uri``, is derived from it here and nowhere else), its plain-text
title, the template that draws it and the context the template needs. Everything here is plain data so that a
later move away from MkDocs only has to replace ``jamkit.site.build``.

Visibility is decided once, in ``jamkit.site.index``: only public projects reach
the lists, people, figures and results. Hidden (embargoed) projects reach no
template at all, and a retracted project only its own tombstone (title, date,
reason), which search leaves out; so no page, list, person or figure can leak either.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jamkit.core.i18n import N_, _
from jamkit.core.model import Award, Catalog, Cohort, Publication, Sprint, Status, Submission, sites_of
from jamkit.figures.stats import DEFINITIONS, FIGURE_LABELS, country_name, money_text
from jamkit.files.layout import Remote, attachment, own_file, project_folder, published_files, sprint_folder
from jamkit.files.outputs import PAGE_SOURCE, clash
from jamkit.site.charts import stats_charts
from jamkit.site.choices import catalogue_choices, search_choices, sprint_year
from jamkit.site.index import Index, PersonView
from jamkit.site.meta import COVER_NAMES, PageMeta, event, filters, project_article, publication_article
from jamkit.site.programme import UNNAMED, Programme
from jamkit.site.sites import Hosted, SiteView, by_country, site_views, world_map
from jamkit.site.urls import (
    HOME,
    LAB,
    PEOPLE,
    PUBLICATIONS,
    SEARCH,
    SITES,
    SPRINTS,
    STATS,
    WINNERS,
    cohort_url,
    people_page_url,
    person_url,
    project_url,
    report_url,
    site_calendar_url,
    site_kit_url,
    site_url,
    sprint_url,
)

STATUS_ORDER = (Status.LIVE, Status.UPCOMING, Status.JUDGING, Status.FINISHED)
RECENT_WINNERS = 6
HOME_LINKS = (
    (WINNERS, N_("Winners")),
    (STATS, N_("More figures")),
    (PUBLICATIONS, N_("Publications")),
    (PEOPLE, N_("People")),
)
PEOPLE_PER_PAGE = 500  # the people index is split into pages of this many rows, never 10,000 in one


# --------------------------------------------------------------------------- page records


@dataclass(frozen=True)
class SitePage:
    """One generated page: its URL, its title (plain text) and what its template needs."""

    url: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    in_nav: bool = False
    # Generated pages are reached from the tabs and from each other: a sidebar would be empty or one item.
    hide: tuple[str, ...] = ("navigation", "toc")
    example: bool = False
    description: str | None = None
    tombstone: bool = False  # a retracted project's notice: left out of search and the sitemap
    listed: bool = True  # False: left out of search and the sitemap (a profile with `listed: false`)
    empty: bool = False  # a listing with nothing in it yet: its tab is left out of the navigation
    meta: PageMeta = field(default_factory=PageMeta)  # search filters, link previews, schema.org records

    @property
    def src_uri(self) -> str:
        """The page's file, as if it were in ``docs/``: MkDocs gives ``<url>index.md`` the directory URL ``<url>``."""
        return f"{self.url}{PAGE_SOURCE}"


@dataclass(frozen=True)
class Asset:
    """A file copied into the site as is, e.g. a project's report beside its page."""

    src_uri: str
    abs_path: str


# --------------------------------------------------------------------------- pages


def build_pages(
    catalog: Catalog, now: dt.datetime, programme: Programme = UNNAMED
) -> tuple[list[SitePage], list[Asset], Index]:
    """Every generated page and copied file of the site; ``programme``: its own words (``mkdocs.yml``)."""
    index = Index(catalog, now)
    pages = [
        _catalogue(index),
        _publications(index),
        *_people_index(index),
        _stats(index),
        _winners(index),
        _lab(index),
        _search(index),
    ]
    pages.insert(0, _home(index, programme, {page.url for page in pages if page.empty}))
    pages += [_cohort(index, cohort) for cohort in _cohorts(index)]
    views = site_views(index)
    pages.append(_sites(views))
    pages += [_site(index, view) for view in views]
    pages += [_site_kit(view, hosted) for view in views for hosted in view.hosted]
    assets: list[Asset] = []
    covers = {slug: _cover(catalog.root, sprint) for slug, sprint in index.sprints.items()}  # once, not per project
    for sprint in index.sprints.values():
        pages.append(_sprint(index, sprint, covers[sprint.slug]))
        assets += _folder_assets(catalog.root, sprint_folder(sprint.slug), sprint_url(sprint.slug))
    for sub in index.visible.values():
        pages.append(_project(index, sub, covers[sub.sprint]))
        assets += _folder_assets(catalog.root, project_folder(sub.ref), project_url(sub.ref))
    pages += [_tombstone(index, sub) for sub in index.retracted.values()]
    for person in index.people.values():
        pages.append(_person(index, person))
    return pages, assets, index


def _folder_assets(root: str, folder: str, url: str) -> list[Asset]:
    """The files of a content file's folder, published beside its page at ``url`` under the same names.

    A file that would land on one of the build's own outputs (``index.html/``) is left out; the build says so
    (JAM316, ``jamkit.checks.pull_request.publishable``).
    """
    return [Asset(url + name, path) for name, path in published_files(root, folder) if clash(url + name) is None]


def _home(index: Index, programme: Programme, empty: set[str]) -> SitePage:
    """The programme's words, then what is on now, what comes next and who won; links only to pages with content."""
    live = [s for s in index.sprints.values() if index.status[s.slug] is Status.LIVE]
    upcoming = sorted(
        (s for s in index.sprints.values() if index.status[s.slug] is Status.UPCOMING),
        key=lambda s: s.fields.starts,
    )
    winners: list[tuple[Submission, Award]] = []
    for sprint in sorted(index.sprints.values(), key=lambda s: s.fields.ends, reverse=True):
        for sub in index.projects_of.get(sprint.slug, []):
            award = index.awards.get(sub.ref)
            if award and award.place is not None and index.is_public(sub):
                winners.append((sub, award))
        if len(winners) >= RECENT_WINNERS:
            break
    held = any(status is not Status.UPCOMING for status in index.status.values())
    return SitePage(
        HOME,
        programme.name,
        "home.html",
        {
            "programme": programme,
            "live": live,
            "upcoming": upcoming,
            "held": held,
            "winners": winners[:RECENT_WINNERS],
            "figures": index.figures,
            "links": [(url, _(title)) for url, title in HOME_LINKS if url not in empty],
        },
        in_nav=True,
        description=programme.tagline or None,
    )


def _catalogue(index: Index) -> SitePage:
    groups: dict[Status, list[Sprint]] = {status: [] for status in STATUS_ORDER}
    for sprint in index.sprints.values():
        groups[index.status[sprint.slug]].append(sprint)
    groups[Status.UPCOMING].sort(key=lambda s: s.fields.starts)
    choices = catalogue_choices(index, [status for status in STATUS_ORDER if groups[status]])
    return SitePage(
        SPRINTS,
        _("Sprints"),
        "sprints.html",
        {"groups": [(status, groups[status]) for status in STATUS_ORDER], "choices": choices},
        in_nav=True,
        description=_("All research sprints: live, upcoming, in judging and finished."),
    )


def _sprint(index: Index, sprint: Sprint, cover: str | None) -> SitePage:
    online = _("Online")
    by_country: dict[str, list[Any]] = defaultdict(list)
    hosts = sites_of(sprint, index.catalog)
    for site in hosts:
        by_country[online if site.online or not site.country else country_name(site.country)].append(site)
    sites = sorted(by_country.items(), key=lambda kv: (kv[0] == online, kv[0]))
    return SitePage(
        sprint_url(sprint.slug),
        sprint.fields.title,
        "sprint.html",
        {
            "sprint": sprint,
            "status": index.status[sprint.slug],
            "sites": sites,
            "projects": index.projects_of.get(sprint.slug, []),
            "prizes": sorted(sprint.fields.prizes, key=lambda p: p.place),
            "schedule": sorted(sprint.fields.schedule, key=lambda i: i.at),
            "results": index.results.get(sprint.slug),
            "judging": index.judging.get(sprint.slug),
        },
        tags=tuple(sprint.fields.topics),
        example=sprint.fields.example,
        description=sprint.fields.tagline,
        meta=PageMeta(
            "website",
            filters(kind="sprint", sprint=sprint.fields.title, topic=sprint.fields.topics, year=sprint_year(sprint)),
            image=cover,
            structured=(event(sprint, hosts, None, sprint.fields.tagline),),
        ),
    )


def _cover(root: str, sprint: Sprint) -> str | None:
    """A sprint's picture for link previews: ``sprints/<sprint>/cover.png`` (or .jpg, .jpeg, .webp), if given."""
    folder = os.path.join(root, sprint_folder(sprint.slug))
    for name in COVER_NAMES:
        path = os.path.join(folder, name)
        if own_file(path, os.path.realpath(folder)):
            return sprint_url(sprint.slug) + name
    return None


def _project(index: Index, sub: Submission, cover: str | None) -> SitePage:
    sprint = index.sprints[sub.sprint]
    visibility = index.visibility[sub.ref]
    reviews = index.reviews_of.get(sub.ref, []) if index.has_awards(sub.sprint) else []
    return SitePage(
        project_url(sub.ref),
        sub.fields.title,
        "project.html",
        {
            "sub": sub,
            "sprint": sprint,
            "retracted": visibility == "retracted",
            "award": index.awards.get(sub.ref),
            "site": index.site_of(sub),
            "publications": index.publications_of.get(sub.ref, []),
            "reviews": [(index.judge_name(sub.sprint, r.fields.judge), r) for r in reviews if r.fields.comment],
            "report_url": report_url(sub),
            "report_is_file": not isinstance(attachment(sub.path, sub.fields.report), Remote),
        },
        tags=tuple(sub.fields.tags) if visibility == "public" else (),
        example=sub.fields.example,
        description=None if visibility != "public" else " ".join(sub.fields.abstract.split()[:40]),
        meta=PageMeta(
            "article",
            filters(
                kind="project",
                sprint=sprint.fields.title,
                topic=[*sprint.fields.topics, *sub.fields.tags],
                year=sprint_year(sprint),
            ),
            image=cover,
            structured=(project_article(sub, sprint, None),),
        ),
    )


def _tombstone(index: Index, sub: Submission) -> SitePage:
    """A retracted project's page: its title, the day and the reason; nothing else, and not in search."""
    return SitePage(
        project_url(sub.ref),
        sub.fields.title,
        "tombstone.html",
        {"sub": sub, "sprint": index.sprints[sub.sprint]},
        tombstone=True,
    )


def _search(index: Index) -> SitePage:
    """Where the header's search box leads: Pagefind's results, narrowed by kind, sprint, topic and year.

    The filters' choices are written into the page from the catalog, so a first search loads no filter data.
    """
    return SitePage(
        SEARCH,
        _("Search"),
        "search.html",
        {"choices": search_choices(index)},
        description=_("Search projects, sprints, people and publications."),
        meta=PageMeta(indexed=False),
    )


def _winners(index: Index) -> SitePage:
    """Every finished sprint's places and mentions, newest sprint first."""
    return SitePage(
        WINNERS,
        _("Winners"),
        "winners.html",
        {"sprints": (shown := [found for found in index.results.values() if found])},
        in_nav=True,
        empty=not shown,
        description=_("Every sprint's winning projects and honorable mentions, newest sprint first."),
    )


def _publications(index: Index) -> SitePage:
    by_year: dict[int, list[Publication]] = defaultdict(list)
    for pub in index.catalog.publications.values():
        by_year[pub.fields.year].append(pub)
    years = [(year, sorted(by_year[year], key=lambda p: p.fields.title.lower())) for year in sorted(by_year)[::-1]]
    return SitePage(
        PUBLICATIONS,
        _("Publications"),
        "publications.html",
        {"years": years},
        in_nav=True,
        empty=not years,
        description=_("Papers, preprints and posts that grew out of sprint projects."),
        meta=PageMeta(
            "website",
            filters(kind="publication", year=tuple(str(year) for year, _pubs in years)),
            structured=tuple(publication_article(pub) for _year, pubs in years for pub in pubs),
        ),
    )


def _people_index(index: Index) -> list[SitePage]:
    """The people, by name, in pages of ``PEOPLE_PER_PAGE``: the first at ``/people/``, the rest numbered after it."""
    per_page = PEOPLE_PER_PAGE
    people = sorted((p for p in index.people.values() if p.listed), key=lambda p: (p.name.casefold(), p.key))
    chunks = [people[i : i + per_page] for i in range(0, len(people), per_page)] or [[]]
    urls = [people_page_url(n) for n in range(1, len(chunks) + 1)]
    pager = [
        (n, url, chunk[0].name if chunk else "", chunk[-1].name if chunk else "")
        for n, (url, chunk) in enumerate(zip(urls, chunks, strict=True), 1)
    ]
    return [
        SitePage(
            url,
            _("People") if n == 1 else _("People, page %(n)s of %(pages)s") % {"n": n, "pages": len(chunks)},
            "people.html",
            {"people": chunk, "pager": pager, "number": n, "total": len(people)},
            in_nav=n == 1,
            empty=not people,
            description=_("Everyone who took part in, judged or published from the sprints."),
            meta=PageMeta(indexed=False),  # search finds each person's own page; a list of 500 names is no result
        )
        for n, (url, chunk) in enumerate(zip(urls, chunks, strict=True), 1)
    ]


def _person(index: Index, person: PersonView) -> SitePage:
    profile = person.profile
    years = sorted(
        {sprint_year(index.sprints[s.sprint]) for s in person.projects} | {sprint_year(j.sprint) for j in person.judged}
    )
    sprints = [index.sprints[s.sprint].fields.title for s in person.projects] + [
        j.sprint.fields.title for j in person.judged
    ]
    return SitePage(
        person_url(person.key),
        person.name,
        "person.html",
        {"person": person, "awards": [(s, index.awards[s.ref]) for s in person.projects if s.ref in index.awards]},
        example=bool(profile and profile.fields.example),
        listed=person.listed,
        meta=PageMeta(
            "profile",
            filters(kind="person", sprint=sprints, year=tuple(str(y) for y in years)),
            indexed=person.listed,  # `listed: false`: out of search too
        ),
    )


# --------------------------------------------------------------------------- the fellowship


def _cohorts(index: Index) -> list[Cohort]:
    """Newest cohort first."""
    return sorted(index.catalog.cohorts.values(), key=lambda c: (c.fields.starts, c.slug), reverse=True)


def _lab(index: Index) -> SitePage:
    return SitePage(
        LAB,
        _("Fellowship"),
        "lab.html",
        {"cohorts": (cohorts := _cohorts(index))},
        in_nav=True,
        empty=not cohorts,
        description=_("The fellowship: sprint teams taken on for months, their mentors, and what came of them."),
    )


def _cohort(index: Index, cohort: Cohort) -> SitePage:
    """A cohort's teams (public projects only), their milestones on one timeline, mentors and outcomes."""
    teams = [t for t in cohort.fields.teams if t.project in index.visible]
    days = [m.date for t in teams for m in t.milestones] + [cohort.fields.starts, cohort.fields.ends]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    mentors = {m.github.lower(): m for m in cohort.fields.mentors if m.github}
    mentors |= {m.name.casefold(): m for m in cohort.fields.mentors}
    return SitePage(
        cohort_url(cohort.slug),
        cohort.fields.title,
        "cohort.html",
        {
            "cohort": cohort,
            "teams": [(t, index.visible[t.project], mentors.get((t.mentor or "").casefold())) for t in teams],
            "first": first,
            "last": last,
            "at": lambda day: round(100 * (day - first).days / span, 1),
            "publications": index.catalog.publications,
        },
        example=cohort.fields.example,
        description=_("%(cohort)s: teams, mentors, milestones and outcomes.") % {"cohort": cohort.fields.title},
    )


def _sites(views: list[SiteView]) -> SitePage:
    """Every local site on a world map, and the same by country: sites, sprints hosted, teams."""
    countries = by_country(views)
    return SitePage(
        SITES,
        _("Local sites"),
        "sites.html",
        {"countries": countries, "map": world_map(countries), "views": views},
        in_nav=True,
        empty=not views,
        description=_("Local sites that host sprints, on a map and by country."),
    )


def _site_kit(view: SiteView, hosted: Hosted) -> SitePage:
    """A sprint at one site, to print for the room: its local schedule, resources, criteria and submission link."""
    site = view.site
    return SitePage(
        site_kit_url(site.slug, hosted.sprint.slug),
        _("%(sprint)s at %(site)s") % {"sprint": hosted.sprint.fields.title, "site": site.fields.name},
        "site_kit.html",
        {"view": view, "site": site, "h": hosted},
        example=site.fields.example,
        listed=False,  # a copy of the sprint's and the site's pages, for paper: left out of search and the sitemap
        description=_("The printable kit of %(site)s for %(sprint)s.")
        % {"site": site.fields.name, "sprint": hosted.sprint.fields.title},
    )


def _site(index: Index, view: SiteView) -> SitePage:
    """One site: organisers, the sprints it hosts in its own time, its teams and their results, how to join."""
    site = view.site
    return SitePage(
        site_url(site.slug),
        site.fields.name,
        "site.html",
        {"view": view, "site": site, "calendar": site_calendar_url(site.slug)},
        example=site.fields.example,
        description=_("%(name)s, a local site in %(city)s: its sprints, teams and how to join.")
        % {"name": site.fields.name, "city": site.fields.city},
    )


def _stats(index: Index) -> SitePage:
    found = index.figures
    return SitePage(
        STATS,
        _("Impact"),
        "stats.html",
        {
            "figures": found,
            "rows": found.by_sprint,
            "countries": found.by_country,
            "charts": stats_charts(found),
            "definitions": DEFINITIONS,
            "labels": FIGURE_LABELS,
            "money_text": money_text,
        },
        in_nav=True,
        empty=not found.sprints,
        description=_(
            "Sprints held, projects, participants, places, prize money and publications, computed from the repository."
        ),
    )
