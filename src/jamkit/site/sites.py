"""The local sites: ``/sites/`` (every site on a world map, and by country) and ``/sites/<site>/``.

The map is a static SVG drawn at build time by pygal's world map
(``pygal_maps_world``): one shape per country that has a site, each with a
``<title>`` naming the country and its sites, the whole with a ``<title>`` and
``<desc>``; the page prints the same numbers as a table, so the drawing is never
the only way to read them. As for the charts (``jamkit.site.charts``), pygal's
script, style and tooltips are dropped and jamkit.css colours the parts.
Teams and results count only public projects, the ones the index shows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from pygal.maps.world import World

from jamkit.core.i18n import _, ngettext
from jamkit.core.model import Award, Hosting, LocalSite, ScheduleItem, Sprint, Status, Submission
from jamkit.figures.stats import country_name
from jamkit.site.charts import SVG, prune
from jamkit.site.index import Index

MAP_KEY = "sites-map"


@dataclass(frozen=True)
class Hosted:
    """One sprint a site hosts, as its page shows it: the entry, the schedule, and the site's teams."""

    sprint: Sprint
    status: Status
    hosting: Hosting
    schedule: tuple[ScheduleItem, ...]
    teams: tuple[tuple[Submission, Award | None], ...]


@dataclass(frozen=True)
class SiteView:
    """A local site with what its pages count: the sprints it hosted and its teams."""

    site: LocalSite
    hosted: tuple[Hosted, ...]

    @property
    def teams(self) -> int:
        return sum(len(h.teams) for h in self.hosted)


@dataclass(frozen=True)
class Country:
    """One row of the table by country, and one shape on the map."""

    code: str
    name: str
    sites: tuple[SiteView, ...]

    @property
    def sprints(self) -> int:
        return sum(len(s.hosted) for s in self.sites)

    @property
    def teams(self) -> int:
        return sum(s.teams for s in self.sites)


def site_views(index: Index) -> list[SiteView]:
    """Every local site, by name, with the sprints it hosts (newest first) and its public teams."""
    return sorted((_view(index, site) for site in index.catalog.sites.values()), key=lambda v: v.site.fields.name)


def _view(index: Index, site: LocalSite) -> SiteView:
    hosted = []
    for hosting in site.fields.hosts:
        sprint = index.sprints.get(hosting.sprint)
        if sprint is None or any(s.id == site.slug for s in sprint.fields.sites):
            continue  # an unknown sprint, or an inline site of the same id (JAM240, JAM244)
        teams = tuple(
            (sub, index.awards.get(sub.ref))
            for sub in index.projects_of.get(sprint.slug, [])
            if sub.fields.site == site.slug
        )
        schedule = tuple(sorted(sprint.fields.schedule, key=lambda i: i.at))
        hosted.append(Hosted(sprint, index.status[sprint.slug], hosting, schedule, teams))
    hosted.sort(key=lambda h: h.sprint.fields.starts, reverse=True)
    return SiteView(site, tuple(hosted))


def by_country(views: list[SiteView]) -> list[Country]:
    """The table of ``/sites/`` and the shapes of its map: one row per country, by the country's name."""
    groups: dict[str, list[SiteView]] = defaultdict(list)
    for view in views:
        groups[view.site.fields.country].append(view)
    rows = [Country(code, country_name(code), tuple(group)) for code, group in groups.items()]
    return sorted(rows, key=lambda c: c.name)


def world_map(countries: list[Country]) -> Markup:
    """The map: every country drawn, those with a site marked, each mark titled with its country and sites."""
    drawing = World(js=[], css=[], show_legend=False, disable_xml_declaration=True, no_prefix=True)
    drawing.add("Sites", {c.code.lower(): len(c.sites) for c in countries})
    root = drawing.render_tree()
    prune(root)
    named = {c.code.lower(): c for c in countries}
    for el in root.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]  # the world's drawing is parsed with its namespace; the root declares it
        el.text = el.text if el.text and el.text.strip() else None  # pygal's indentation: a tenth of the bytes
        el.tail = None
        for noise in ("id", "style"):
            el.attrib.pop(noise, None)
        classes = el.get("class", "").split()
        if "country" not in classes:
            continue
        found = next((named[c] for c in classes if c in named), None)
        el.attrib.clear()
        if found is None:
            el.set("class", "jam-map__land")
            continue
        el.set("class", "jam-map__country")
        el.set("data-country", found.code)
        title = ET.Element("title")
        title.text = f"{found.name}: " + ", ".join(s.site.fields.name for s in found.sites)
        el.insert(0, title)
    box = root.get("viewBox", "0 0 800 600")
    root.attrib.clear()
    root.attrib.update(
        {
            "xmlns": SVG,
            "class": "jam-map__svg",
            "viewBox": box,
            "role": "img",
            "aria-labelledby": f"{MAP_KEY}-t {MAP_KEY}-d",
        }
    )
    title, desc = ET.Element("title", id=f"{MAP_KEY}-t"), ET.Element("desc", id=f"{MAP_KEY}-d")
    title.text = _("Local sites on a world map")
    desc.text = summary(countries)
    root.insert(0, desc)
    root.insert(0, title)
    return Markup(ET.tostring(root, encoding="unicode"))


def summary(countries: list[Country]) -> str:
    """The map in words: its text alternative."""
    if not countries:
        return _("No local sites yet.")

    sites = sum(len(c.sites) for c in countries)
    counts = [ngettext("%(num)d site", "%(num)d sites", len(c.sites)) % {"num": len(c.sites)} for c in countries]
    listed = "; ".join(f"{c.name} ({count})" for c, count in zip(countries, counts, strict=True))
    where = ngettext("%(num)d country", "%(num)d countries", len(countries)) % {"num": len(countries)}
    found = ngettext(
        "%(num)d local site in %(where)s: %(listed)s.", "%(num)d local sites in %(where)s: %(listed)s.", sites
    )
    return found % {"num": sites, "where": where, "listed": listed}
