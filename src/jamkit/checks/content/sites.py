"""Rules over local sites' own files (``sites/<site>.md``): the sprints they host exist, each once, by one name.

Whether a sprint is still open to a new site depends on the clock, so that is
the pull-request policy's business (JAM342), not a content rule's.
"""

from __future__ import annotations

from collections.abc import Iterator

from jamkit.checks.content.bodies import check_body
from jamkit.checks.registry import site_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Catalog, LocalSite
from jamkit.files.layout import has_sprint, sprint_file
from jamkit.files.validate import Known


@site_rule
def site_body(site: LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(site)


@site_rule
def hosted_sprints_exist(site: LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    known = Known(codes.SITE_SPRINT, "a sprint", tuple(sorted(catalog.sprints)))
    for index, hosting in enumerate(site.fields.hosts):
        if not has_sprint(catalog, hosting.sprint):
            yield codes.SITE_SPRINT.at(
                site.path,
                site.at("hosts", index, "sprint"),
                f"there is no sprint '{hosting.sprint}' ({sprint_file(hosting.sprint)})",
                known.fix(hosting.sprint),
            )


@site_rule
def one_site_one_name(site: LocalSite, catalog: Catalog) -> Iterator[Diagnostic]:
    """Each sprint once in ``hosts``, and the file's slug is not also one of that sprint's inline site ids."""
    seen: set[str] = set()
    for index, hosting in enumerate(site.fields.hosts):
        where = site.at("hosts", index, "sprint")
        sprint = catalog.sprints.get(hosting.sprint)
        if hosting.sprint in seen:
            yield codes.SITE_TWICE.at(
                site.path, where, f"'{hosting.sprint}' is listed twice in hosts", "merge the two entries into one"
            )
        elif sprint is not None and any(s.id == site.slug for s in sprint.fields.sites):
            yield codes.SITE_TWICE.at(
                site.path,
                where,
                f"{sprint.fields.title} already has a site with the id '{site.slug}' in {sprint.path}",
                "rename this file, or ask a maintainer to rename the sprint's inline site",
            )
        seen.add(hosting.sprint)
