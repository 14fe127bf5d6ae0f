"""What a page says about itself beyond its body: search filters, social cards and schema.org data.

Pagefind reads the filters (kind, sprint, topic, year) from attributes the
theme writes around the page body; Open Graph, Twitter and JSON-LD go into
``<head>``. Everything here is plain data, escaped where it is written: JSON-LD
with ``json_ld_text``, which a hostile title cannot use to close its script tag.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jamkit.core.model import Publication, Sprint, SprintSite, Submission

# The image a sprint may give for link previews: a file beside its page with one of these names.
COVER_NAMES = ("cover.png", "cover.jpg", "cover.jpeg", "cover.webp")


@dataclass(frozen=True)
class PageMeta:
    """A page's search filters, its Open Graph type, an optional image, and its schema.org records."""

    og_type: str = "website"
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    image: str | None = None  # a site-relative path
    structured: tuple[Mapping[str, Any], ...] = ()
    indexed: bool = True  # False: the page is left out of search (e.g. the search page itself)


def filters(**values: str | int | tuple[str, ...] | list[str] | None) -> dict[str, tuple[str, ...]]:
    """Filter values as Pagefind reads them: text, one value per item, blanks and repeats dropped."""
    found: dict[str, tuple[str, ...]] = {}
    for name, value in values.items():
        items = value if isinstance(value, tuple | list) else (value,)
        clean = tuple(dict.fromkeys(" ".join(str(v).split()) for v in items if v is not None and str(v).strip()))
        if clean:
            found[name] = clean
    return found


def filter_attribute(name: str, value: str) -> str:
    """``data-pagefind-filter``'s value: Pagefind splits on commas and the first colon, so neither may slip in."""
    return f"{name}:{value.replace(',', ' ')}"


def event(sprint: Sprint, sites: Sequence[SprintSite], url: str | None, description: str | None) -> dict[str, Any]:
    """schema.org ``Event`` for a sprint: online, at its sites (``sites_of``), or both."""
    f = sprint.fields
    places: list[dict[str, Any]] = []
    for site in sites:
        if site.online or not site.country:
            places.append({"@type": "VirtualLocation", "name": site.name, **({"url": site.url} if site.url else {})})
        else:
            address = {"@type": "PostalAddress", "addressCountry": site.country}
            if site.city:
                address["addressLocality"] = site.city
            places.append({"@type": "Place", "name": site.name, "address": address})
    mode = {
        "online": "OnlineEventAttendanceMode",
        "in-person": "OfflineEventAttendanceMode",
        "hybrid": "MixedEventAttendanceMode",
    }.get(str(f.format or ""))
    record: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f.title,
        "startDate": f.starts.isoformat(),
        "endDate": sprint.deadline_aoe.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
    }
    if mode:
        record["eventAttendanceMode"] = f"https://schema.org/{mode}"
    if places:
        record["location"] = places if len(places) > 1 else places[0]
    if description:
        record["description"] = description
    if url:
        record["url"] = url
    if f.partners:
        record["organizer"] = [{"@type": "Organization", "name": p.name} for p in f.partners]
    return record


def _article(title: str, people: list[tuple[str, str | None]]) -> dict[str, Any]:
    """What every ``ScholarlyArticle`` of the site starts with: its type, title and authors."""
    return {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": title,
        "name": title,
        "author": [_person(name, github) for name, github in people],
    }


def project_article(sub: Submission, sprint: Sprint, url: str | None) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for a public project: its title, team, abstract, sprint and licence."""
    f = sub.fields
    record: dict[str, Any] = {
        **_article(f.title, [(m.name, m.github) for m in f.members]),
        "abstract": " ".join(f.abstract.split()),
        "datePublished": sprint.deadline_aoe.date().isoformat(),
        "isPartOf": {"@type": "Event", "name": sprint.fields.title},
        "license": f"https://spdx.org/licenses/{f.license}.html",
    }
    if f.tags:
        record["keywords"] = list(f.tags)
    if url:
        record["url"] = url
    return record


def publication_article(pub: Publication) -> dict[str, Any]:
    """schema.org ``ScholarlyArticle`` for a publication as ``jamkit.core.public`` shows it (a restricted one names
    no author and no URL): title, authors, venue, year and where to read it."""
    f = pub.fields
    record: dict[str, Any] = {
        **_article(f.title, [(a.name, a.github) for a in f.authors]),
        "datePublished": str(f.year),
        "publisher": {"@type": "Organization", "name": f.venue},
    }
    if f.url:
        record["url"] = f.url
    if f.doi:
        record["sameAs"] = f"https://doi.org/{f.doi}"
    return record


def _person(name: str, github: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Person", "name": name}
    if github:
        found["sameAs"] = f"https://github.com/{github}"
    return found


def json_ld_text(records: tuple[Mapping[str, Any], ...]) -> str:
    """JSON for a ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` as JSON escapes.

    No value, however hostile, can then close the script tag or open a comment in it.
    """
    data: Any = records[0] if len(records) == 1 else {"@context": "https://schema.org", "@graph": list(records)}
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
