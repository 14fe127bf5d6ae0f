"""Open data: ``api/sprints.json``, ``api/projects.json``, ``api/publications.json``.

The shape is documented and versioned (``"version": 1``) so that people can build
on it; add keys freely, but rename or drop one only with a new version. Readers
of the data see exactly what readers of the site see, because both read the
records through ``jamkit.core.public``: only published projects are listed;
embargoed and retracted ones are absent (a retraction keeps only its notice page
on the site); a restricted publication has its title, venue, year, kind and status.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from jamkit.core.model import Catalog, Publication, Sprint, SprintSite, Submission, sites_of, utc_day
from jamkit.site.urls import Links, person_url, project_url, report_url, site_url, sprint_url

VERSION = 1

Json = dict[str, Any]


def dump(data: Json) -> str:
    """Stable, readable JSON: keys in documented order, UTF-8 text, a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def envelope(kind: str, items: list[Json], now: dt.datetime) -> Json:
    return {"version": VERSION, "generated": now.astimezone(dt.UTC).isoformat(), kind: items}


def visible_projects(catalog: Catalog, now: dt.datetime) -> list[Submission]:
    """Projects readers may know of (published, not retracted, not under embargo), ordered by reference."""
    today = utc_day(now)
    return [s for _, s in sorted(catalog.submissions.items()) if s.visibility(today) == "public"]


def sprints_newest_first(catalog: Catalog) -> list[Sprint]:
    return sorted(catalog.sprints.values(), key=lambda s: (s.fields.starts, s.slug), reverse=True)


def _site(site: SprintSite, link: Links) -> Json:
    """A sprint's site, inline or a local site's own file, in the shape inline sites have always had."""
    found: Json = {
        "id": site.id,
        "name": site.name,
        "city": site.city,
        "country": site.country,
        "online": site.online,
        "organizer": site.organizer,
        "url": site.url,
    }
    if site.file is not None:
        found["page"] = link(site_url(site.id))
    return found


def sprint_json(
    sprint: Sprint, catalog: Catalog, now: dt.datetime, visible: set[str], link: Links, projects: int
) -> Json:
    """One sprint; ``projects`` is how many of its projects are public (counted once for all sprints)."""
    f = sprint.fields
    awards = []
    for award in sorted(f.awards, key=lambda a: (a.place is None, a.place or 0)):  # mentions (no place) last
        ref = f"{sprint.slug}/{award.project}"
        if ref in visible:
            awards.append({"place": award.place, "project": ref, "url": link(project_url(ref)), "prize": award.prize})
    return {
        "slug": sprint.slug,
        "url": link(sprint_url(sprint.slug)),
        "title": f.title,
        "tagline": f.tagline,
        "status": sprint.status(now).value,
        "starts": f.starts.isoformat(),
        "ends": f.ends.isoformat(),
        "topics": list(f.topics),
        "format": f.format,
        "partners": [p.model_dump(mode="json") for p in f.partners],
        "team_size": f.team_size.model_dump(mode="json"),
        "prizes": [p.model_dump(mode="json") for p in f.prizes],
        "criteria": [c.model_dump(mode="json") for c in f.criteria],
        "scale": f.scale.model_dump(mode="json"),
        "judges": [
            {"id": j.key, "name": j.name, "affiliation": j.affiliation, "github": j.github, "topics": list(j.topics)}
            for j in f.judges  # never their conflicts: they name projects, embargoed ones too
        ],
        "sites": [_site(s, link) for s in sites_of(sprint, catalog)],
        "schedule": [s.model_dump(mode="json") for s in sorted(f.schedule, key=lambda s: s.at)],
        "resources": [r.model_dump(mode="json") for r in f.resources],
        "registration": f.registration,
        "signups": f.signups,
        "projects": projects,
        "awards": awards,
        "example": f.example,
    }


def project_json(sub: Submission, catalog: Catalog, now: dt.datetime, link: Links) -> Json:
    f = sub.fields
    award = catalog.award_of(sub)
    item: Json = {
        "ref": sub.ref,
        "sprint": sub.sprint,
        "slug": sub.slug,
        "url": link(project_url(sub.ref)),
        "title": f.title,
        "status": "published",
        "team": f.team,
        "members": [
            {**m.model_dump(mode="json"), "url": link(person_url(m.github)) if m.github else None} for m in f.members
        ],
        "award": {"place": award.place, "prize": award.prize} if award else None,
        "example": f.example,
    }
    item |= {
        "abstract": f.abstract,
        "report": link(report) if (report := report_url(sub)) else None,
        "code": f.code,
        "video": f.video,
        "links": [x.model_dump(mode="json") for x in f.links],
        "tags": list(f.tags),
        "site": f.site,
        "license": f.license,
        "lab": f.lab.model_dump(mode="json") if f.lab else None,
        "publications": [p.slug for p in sorted(catalog.publications_of(sub.ref), key=lambda p: p.slug)],
    }
    return item


def publication_json(pub: Publication, visible: set[str], link: Links) -> Json:
    """One publication as ``jamkit.core.public`` shows it: restricted, it has no authors, links, body or projects."""
    f = pub.fields
    return {
        "slug": pub.slug,
        "title": f.title,
        "authors": [
            {**a.model_dump(mode="json"), "url": link(person_url(a.github)) if a.github else None} for a in f.authors
        ],
        "venue": f.venue,
        "year": f.year,
        "kind": f.kind,
        "status": f.status,
        "access": f.access,
        "url": f.url or None,
        "doi": f.doi,
        "arxiv": f.arxiv,
        "abstract": pub.body.strip(),
        "projects": [{"ref": ref, "url": link(project_url(ref))} for ref in f.projects if ref in visible],
        "example": f.example,
    }


def sprints_document(catalog: Catalog, now: dt.datetime, link: Links) -> Json:
    public = visible_projects(catalog, now)
    visible = {s.ref for s in public}
    counts = Counter(s.sprint for s in public)
    items = [sprint_json(s, catalog, now, visible, link, counts[s.slug]) for s in sprints_newest_first(catalog)]
    return envelope("sprints", items, now)


def projects_document(catalog: Catalog, now: dt.datetime, link: Links) -> Json:
    items = [project_json(s, catalog, now, link) for s in visible_projects(catalog, now)]
    return envelope("projects", items, now)


def publications_document(catalog: Catalog, now: dt.datetime, link: Links) -> Json:
    visible = {s.ref for s in visible_projects(catalog, now)}
    pubs = sorted(catalog.publications.values(), key=lambda p: (-p.fields.year, p.fields.title.lower(), p.slug))
    return envelope("publications", [publication_json(p, visible, link) for p in pubs], now)
