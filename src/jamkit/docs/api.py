"""``docs/api.md``: the open data, each key's meaning, and the real files built from the example repository.

``API_KEYS`` holds the meaning of every key of the JSON files; a test compares
it with the keys ``jamkit.site.api`` actually writes, so neither can drift.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from jamkit.docs.example import write_examples
from jamkit.docs.page import cell, header
from jamkit.files.load import load_catalog
from jamkit.site.api import outputs

PATH = "docs/api.md"

FROM_FRONT_MATTER = "As in the front matter"
API_KEYS: dict[str, dict[str, str]] = {
    "envelope": {
        "version": "`1`. Keys may be added; a key is renamed or dropped only with a new version",
        "generated": "When the site was built (UTC)",
    },
    "sprints": {
        "slug": "The sprint's slug",
        "url": "Its page, relative to the site root",
        "title": FROM_FRONT_MATTER,
        "tagline": FROM_FRONT_MATTER,
        "status": "`upcoming`, `live`, `judging` or `finished`, at build time",
        "starts": "ISO 8601 date-time with offset",
        "ends": "The submission deadline, ISO 8601 date-time with offset (a bare date becomes 23:59:59-12:00)",
        "topics": FROM_FRONT_MATTER,
        "format": FROM_FRONT_MATTER,
        "partners": "List of `{name, url}`",
        "team_size": "`{min, max}`, defaults filled in",
        "prizes": "List of `{place, amount, currency}`",
        "criteria": "List of `{id, name, description, weight}`",
        "scale": "`{min, max}`, defaults filled in",
        "judges": "List of `{id, name, affiliation, github, topics}`; `id` always filled in; a judge's "
        "`conflicts` are never published",
        "sites": "List of `{id, name, city, country, online, organizer, url}`: the sprint's own sites and the "
        "local sites' files that host it (those with `page`, the site's page)",
        "schedule": "List of `{at, title, speaker, url}`, in time order",
        "resources": "List of `{title, url, kind}`",
        "registration": FROM_FRONT_MATTER,
        "signups": FROM_FRONT_MATTER,
        "projects": "How many of its projects are published (retracted and embargoed ones are not counted)",
        "awards": "List of `{place, project, url, prize}`; `project` is `<sprint>/<project>`",
        "example": "`true` for demonstration content",
    },
    "projects": {
        "ref": "`<sprint>/<project>`",
        "sprint": "The sprint's slug",
        "slug": "The project's slug",
        "url": "Its page, relative to the site root",
        "title": FROM_FRONT_MATTER,
        "status": "`published` (retracted and embargoed projects are not listed)",
        "team": FROM_FRONT_MATTER,
        "members": "List of `{name, github, affiliation, orcid, url}`; `url` is the person's page",
        "award": "`{place, prize}`, or `null`",
        "example": "`true` for demonstration content",
        "abstract": "Published projects only: plain text",
        "report": "Published projects only: the PDF beside the project page, or an https URL",
        "code": "Published projects only",
        "video": "Published projects only",
        "links": "Published projects only: list of `{title, url}`",
        "tags": "Published projects only",
        "site": "Published projects only: a site `id` of the sprint",
        "license": "Published projects only: SPDX id",
        "lab": "Published projects only: `{status, cohort}`, or `null`",
        "publications": "Published projects only: slugs of the publications that grew out of it",
    },
    "publications": {
        "slug": "The publication's slug",
        "title": FROM_FRONT_MATTER,
        "authors": "List of `{name, github, url}`; `url` is the person's page",
        "venue": FROM_FRONT_MATTER,
        "year": FROM_FRONT_MATTER,
        "kind": "`paper`, `workshop`, `preprint` or `post`",
        "status": "`in preparation`, `under review`, `accepted` or `published`",
        "access": "`restricted`, or `null`; restricted work has only its slug, title, venue, year, kind and "
        "status: no authors, link, abstract or projects",
        "url": "Where to read it",
        "doi": FROM_FRONT_MATTER,
        "arxiv": FROM_FRONT_MATTER,
        "abstract": "The file's body: Markdown source",
        "projects": "List of `{ref, url}` of the published projects it grew out of",
        "example": "`true` for demonstration content",
    },
}

# The time the example files are built at: after the example sprint, so it is finished.
API_EXAMPLE_NOW = dt.datetime(2026, 4, 1, tzinfo=dt.UTC)


def example_outputs() -> dict[str, str]:
    """The machine-readable files built from the example repository."""
    with tempfile.TemporaryDirectory() as folder:
        write_examples(Path(folder))
        catalog, _ = load_catalog(folder)
        return outputs(catalog, API_EXAMPLE_NOW)


def page() -> str:
    """The text of ``docs/api.md``."""
    files = example_outputs()
    out = [
        header("src/jamkit/site/api/", "src/jamkit/docs/api.py"),
        "# Open data",
        "",
        "The site publishes its content for other programs. Readers of the data see what readers of "
        "the site see: embargoed and retracted projects are absent (a retracted project keeps only its "
        "notice page on the site). Links are relative to the site root.",
        "",
        "| URL | what |",
        "|---|---|",
        "| `/api/sprints.json` | every sprint, newest first |",
        "| `/api/projects.json` | every published project, by `<sprint>/<project>` |",
        "| `/api/publications.json` | every publication, newest year first |",
        "| `/schema/sprint.json`, `/schema/submission.json`, `/schema/publication.json`, `/schema/profile.json`, "
        "`/schema/cohort.json`, `/schema/reviews.json` "
        "| JSON Schema (draft 2020-12) of the files described in [File formats](format.md) |",
        "| `/feed.xml` | Atom feed of sprints (dated at their start) and winning projects (dated at the deadline) |",
        "| `/calendar.ics` | iCalendar: one event per sprint, from `starts` to `ends`, and one per schedule item |",
        '| `/calendar/<sprint>.ics` | one sprint\'s iCalendar, linked as "Add to calendar" on its page: its event and '
        "its schedule, with the same UIDs as in `/calendar.ics` |",
        "",
        "Each JSON file is an object with these keys, and a list under the name of the file:",
        "",
        "| key | meaning |",
        "|---|---|",
        *(f"| `{key}` | {cell(text)}. |" for key, text in API_KEYS["envelope"].items()),
        "",
    ]
    for kind in ("sprints", "projects", "publications"):
        out += [f"## `/api/{kind}.json`", "", "| key | meaning |", "|---|---|"]
        out += [f"| `{key}` | {cell(text)}. |" for key, text in API_KEYS[kind].items()]
        example = files[f"api/{kind}.json"].rstrip("\n")
        out += ["", "Built from the examples in [File formats](format.md):", "", "```json", example, "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"
