"""``feed.xml``: an Atom feed (RFC 4287) of sprints and awarded projects, newest first.

Honorable mentions are awards too: their entries read "Honorable mention at <sprint>".

A sprint's entry is dated at its start and an award's at the sprint's deadline:
the repository keeps no announcement dates, and these are stable from build to
build, so feed readers do not announce the same news twice. A retracted winner
has no entry at all: its notice page is the only place that names it.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from jamkit import __version__
from jamkit.core import i18n
from jamkit.core.i18n import _
from jamkit.core.model import Award, Catalog, Sprint, Submission, utc_day
from jamkit.core.wording import clean, day, place
from jamkit.site.urls import FEED, SPRINTS, Links, project_url, sprint_url
from jamkit.site.vocabulary import status_word

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    key: str  # site path, also the basis of the entry's id
    title: str
    updated: dt.datetime
    published: dt.datetime
    summary: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _sprint_entry(sprint: Sprint, now: dt.datetime) -> Entry:
    f = sprint.fields
    if i18n.english():
        starts, ends = f"{f.starts:%d %B %Y}", f"{sprint.deadline_aoe:%d %B %Y}"
    else:
        starts, ends = day(f.starts.date()), day(sprint.deadline_aoe.date())  # each in its own time zone
    when = _("%(starts)s to %(ends)s (AoE)") % {"starts": starts, "ends": ends}
    summary = (f"{f.tagline} " if f.tagline else "") + f"{status_word(sprint.status(now))}: {when}."
    return Entry(sprint_url(sprint.slug), f.title, f.starts, f.starts, summary, categories=tuple(f.topics))


def _award_entry(sprint: Sprint, award: Award, sub: Submission) -> Entry:
    """A published winner's entry."""
    ends = sprint.fields.ends
    title = _("%(award)s at %(sprint)s: %(project)s") % {
        "award": place(award.place),
        "sprint": sprint.fields.title,
        "project": sub.fields.title,
    }
    authors = tuple(m.name for m in sub.fields.members)
    label = place(award.place)  # "1st place", or "Honorable mention" for a mention (no place)
    prize = f" ({award.prize})" if award.prize and award.prize != label else ""
    summary = f"{label}{prize}. {sub.fields.abstract}"
    return Entry(project_url(sub.ref), title, ends, ends, summary, authors, tuple(sub.fields.tags))


def entries(catalog: Catalog, now: dt.datetime) -> list[Entry]:
    """Every sprint, and every awarded project that is published (not retracted, not under embargo), newest first."""
    today = utc_day(now)
    found: list[Entry] = []
    for sprint in catalog.sprints.values():
        found.append(_sprint_entry(sprint, now))
        for award in sprint.fields.awards:
            sub = catalog.submissions.get(f"{sprint.slug}/{award.project}")
            if sub is not None and sub.visibility(today) == "public":
                found.append(_award_entry(sprint, award, sub))
    return sorted(found, key=lambda e: (e.updated, e.key), reverse=True)


def _text(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = clean(text)
    return element


def atom(catalog: Catalog, now: dt.datetime, link: Links, title: str = "Research sprints") -> str:
    """The feed as text. ElementTree escapes every value; ``clean`` drops what XML cannot hold."""
    items = entries(catalog, now)
    feed = ET.Element("feed", {"xmlns": ATOM})
    _text(feed, "title", title)
    _text(feed, "subtitle", _("New research sprints and their winning projects."))
    _text(feed, "id", link(FEED) if link.absolute else "tag:jamkit,2025:feed")
    _text(feed, "updated", _stamp(max((e.updated for e in items), default=now)))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": link(FEED)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": link(SPRINTS)})
    author = ET.SubElement(feed, "author")
    _text(author, "name", title)
    _text(feed, "generator", "jamkit", version=__version__)
    for item in items:
        entry = ET.SubElement(feed, "entry")
        _text(entry, "title", item.title)
        ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link(item.key)})
        _text(entry, "id", link(item.key) if link.absolute else f"tag:jamkit,2025:{item.key}")
        _text(entry, "published", _stamp(item.published))
        _text(entry, "updated", _stamp(item.updated))
        for name in item.authors:
            _text(ET.SubElement(entry, "author"), "name", name)
        for term in item.categories:
            ET.SubElement(entry, "category", {"term": clean(term)})
        _text(entry, "summary", item.summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
