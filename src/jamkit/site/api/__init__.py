"""Machine-readable outputs of the site: open data, JSON Schema, Atom feed, iCalendar.

``outputs`` returns every file as text keyed by its path relative to the site
root; the MkDocs hook only writes them. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt

from jamkit.core import public
from jamkit.core.model import Catalog
from jamkit.site.api.data import dump, projects_document, publications_document, sprints_document
from jamkit.site.api.feed import atom
from jamkit.site.api.ical import icalendar_text, site_icalendar_text, sprint_icalendar_text
from jamkit.site.api.schema import all_schemas
from jamkit.site.urls import CALENDAR, FEED, Links, api_url, site_calendar_url, sprint_calendar_url

__all__ = ["outputs"]


def outputs(
    catalog: Catalog, now: dt.datetime, site_url: str | None = None, site_name: str = "Research sprints"
) -> dict[str, str]:
    """Site path -> file text for every machine-readable file.

    ``now`` decides sprint status and embargoes (and stamps the files), so the
    output for a given catalog and time is always the same. Links are relative
    to the site root unless ``site_url`` is given. Every file reads the catalog as
    readers may see it (``jamkit.core.public``), never the raw records.
    """
    catalog = public.catalog(catalog, now)
    link = Links(site_url)
    files = {
        api_url("sprints"): dump(sprints_document(catalog, now, link)),
        api_url("projects"): dump(projects_document(catalog, now, link)),
        api_url("publications"): dump(publications_document(catalog, now, link)),
        FEED: atom(catalog, now, link, site_name),
        CALENDAR: icalendar_text(catalog, now, link, site_name),
    }
    files |= {path: dump(schema) for path, schema in all_schemas(link).items()}
    files |= {
        sprint_calendar_url(s.slug): sprint_icalendar_text(s, catalog, now, link) for s in catalog.sprints.values()
    }
    files |= {site_calendar_url(s.slug): site_icalendar_text(s, catalog, now, link) for s in catalog.sites.values()}
    return files
