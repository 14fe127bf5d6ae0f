"""``calendar.ics``, ``calendar/<sprint>.ics`` and ``sites/<site>/calendar.ics``: iCalendars (RFC 5545) of sprints.

One event per sprint (``starts`` to ``ends``) and one per schedule item; a
sprint's own file ("add to calendar" on its page) and a local site's (the
sprints it hosts) hold only their events, with
the same UIDs as the whole calendar so that a client never holds an event twice. Times
are written in UTC, which every client reads the same way (a fixed offset has no
TZID a client would know). UIDs are built from slugs, never from positions or
random numbers, so that a subscribed calendar updates events instead of
duplicating them. The ``icalendar`` library does the escaping and the folding
at 75 octets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from icalendar import Calendar, Event

from jamkit.core.i18n import _
from jamkit.core.model import Catalog, LocalSite, ScheduleItem, Sprint, SprintSite, sites_of, slugify
from jamkit.core.wording import clean
from jamkit.site.urls import Links, sprint_url

PRODID = "-//jamkit//research sprints//EN"


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _line(text: str) -> str:
    """A value shown on one line (a summary, a calendar's name): no line breaks, whatever the title holds."""
    return clean(" ".join(text.split()))


def sprint_uid(sprint: Sprint, link: Links) -> str:
    return f"sprint-{sprint.slug}@{link.host}"


def schedule_uids(sprint: Sprint, link: Links) -> list[tuple[ScheduleItem, str]]:
    """Each item's UID comes from its time and title; a repeat of both gets a counter."""
    seen: dict[str, int] = {}
    result = []
    for item in sorted(sprint.fields.schedule, key=lambda i: (i.at, i.title)):
        base = f"{_utc(item.at):%Y%m%dT%H%M%SZ}-{slugify(item.title)[:40] or 'item'}"
        seen[base] = seen.get(base, 0) + 1
        suffix = f"-{seen[base]}" if seen[base] > 1 else ""
        result.append((item, f"sprint-{sprint.slug}-{base}{suffix}@{link.host}"))
    return result


def _sprint_event(sprint: Sprint, sites: Sequence[SprintSite], stamp: dt.datetime, link: Links) -> Event:
    f = sprint.fields
    deadline = _("Submission deadline: %(when)s Anywhere on Earth.") % {"when": f"{sprint.deadline_aoe:%Y-%m-%d %H:%M}"}
    lines = [f.tagline or "", deadline]
    if link.absolute:
        lines.append(link(sprint_url(sprint.slug)))
    places = [s.name + (f", {s.city}" if s.city else "") for s in sites]
    location = "; ".join(places) or {"online": _("Online")}.get(f.format or "", "")
    event = Event.new(
        uid=sprint_uid(sprint, link),
        stamp=stamp,
        start=_utc(f.starts),
        end=_utc(f.ends),
        summary=_line(f.title),
        description=clean("\n".join(line for line in lines if line)),
        location=clean(location) or None,
        url=link(sprint_url(sprint.slug)) if link.absolute else None,
    )
    if f.topics:
        event.categories = [clean(t) for t in f.topics]
    return event


def _schedule_event(sprint: Sprint, item: ScheduleItem, uid: str, stamp: dt.datetime, link: Links) -> Event:
    lines = [
        _("Speaker: %(who)s") % {"who": item.speaker} if item.speaker else "",
        _("Part of %(sprint)s.") % {"sprint": sprint.fields.title},
    ]
    if link.absolute:
        lines.append(link(sprint_url(sprint.slug)))
    return Event.new(
        uid=uid,
        stamp=stamp,
        start=_utc(item.at),
        summary=_line(f"{sprint.fields.title}: {item.title}"),
        description=clean("\n".join(line for line in lines if line)),
        url=item.url or (link(sprint_url(sprint.slug)) if link.absolute else None),
    )


def _calendar(title: str, uid: str) -> Calendar:
    calendar = Calendar.new(prodid=PRODID, name=_line(title), uid=uid)
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _add_sprint(
    calendar: Calendar, sprint: Sprint, sites: Sequence[SprintSite], stamp: dt.datetime, link: Links
) -> None:
    calendar.add_component(_sprint_event(sprint, sites, stamp, link))
    for item, uid in schedule_uids(sprint, link):
        calendar.add_component(_schedule_event(sprint, item, uid, stamp, link))


def icalendar_text(catalog: Catalog, now: dt.datetime, link: Links, title: str = "Research sprints") -> str:
    """The calendar as text with CRLF line endings; DTSTAMP is ``now``, as RFC 5545 asks."""
    stamp = _utc(now).replace(microsecond=0)
    calendar = _calendar(title, f"calendar@{link.host}")
    for sprint in sorted(catalog.sprints.values(), key=lambda s: (s.fields.starts, s.slug)):
        _add_sprint(calendar, sprint, sites_of(sprint, catalog), stamp, link)
    return calendar.to_ical().decode("utf-8")


def sprint_icalendar_text(sprint: Sprint, catalog: Catalog, now: dt.datetime, link: Links) -> str:
    """One sprint's own calendar: its event and its schedule, as in the whole calendar."""
    calendar = _calendar(sprint.fields.title, f"calendar-{sprint.slug}@{link.host}")
    _add_sprint(calendar, sprint, sites_of(sprint, catalog), _utc(now).replace(microsecond=0), link)
    return calendar.to_ical().decode("utf-8")


def site_icalendar_text(site: LocalSite, catalog: Catalog, now: dt.datetime, link: Links) -> str:
    """A local site's calendar: the sprints it hosts, each with its schedule, the same events as everywhere."""
    calendar = _calendar(site.fields.name, f"calendar-site-{site.slug}@{link.host}")
    hosted = [catalog.sprints[h.sprint] for h in site.fields.hosts if h.sprint in catalog.sprints]
    for sprint in sorted(hosted, key=lambda s: (s.fields.starts, s.slug)):
        _add_sprint(calendar, sprint, sites_of(sprint, catalog), _utc(now).replace(microsecond=0), link)
    return calendar.to_ical().decode("utf-8")
