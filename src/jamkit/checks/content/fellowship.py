"""Rules of people's own profiles and of fellowship cohorts.

A profile is untrusted input like a project: its bio is rendered under the
same limits, and its name, shown on every page that shows the person, is plain
text. A cohort must name real projects, publications and mentors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jamkit.checks.content.bodies import check_body
from jamkit.checks.registry import cohort_rule, profile_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.identity import handle_key, name_key
from jamkit.core.model import Catalog, Cohort, Profile
from jamkit.core.wording import shown
from jamkit.files.layout import PUBLICATION, has_project, submission_file

_MARKUP = re.compile(r"[<>`]|\]\(|://|\bwww\.|^\s*[#>*-]\s", re.IGNORECASE)


# --------------------------------------------------------------------------- profiles


@profile_rule
def profile_body(profile: Profile, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(profile)


@profile_rule
def plain_name(profile: Profile, catalog: Catalog) -> Iterator[Diagnostic]:
    """The display name is plain text: it reaches titles, lists and every page that names the person."""
    name = profile.fields.name
    if name is not None and _MARKUP.search(name):
        yield codes.MARKUP_IN_NAME.at(
            profile.path,
            profile.at("name"),
            f"the name '{shown(name)}' holds markup or a link",
            "write just the name, e.g. 'Ada Lovelace'; put links under `links:`",
        )


# --------------------------------------------------------------------------- cohorts


@cohort_rule
def cohort_body(cohort: Cohort, catalog: Catalog) -> Iterator[Diagnostic]:
    yield from check_body(cohort)


@cohort_rule
def cohort_references(cohort: Cohort, catalog: Catalog) -> Iterator[Diagnostic]:
    """Each team names an existing project once, an existing publication, and one of the cohort's mentors."""
    mentors = {handle_key(m.github) for m in cohort.fields.mentors if m.github}
    mentors |= {name_key(m.name) for m in cohort.fields.mentors}
    seen: set[str] = set()
    for index, team in enumerate(cohort.fields.teams):
        if not has_project(catalog, team.project):
            yield codes.COHORT_REFERENCE.at(
                cohort.path,
                cohort.at("teams", index, "project"),
                f"'{team.project}' is not a project (no {submission_file(team.project)})",
                "write '<sprint>/<project>' of an existing project",
            )
        elif team.project in seen:
            yield codes.COHORT_REFERENCE.at(
                cohort.path,
                cohort.at("teams", index, "project"),
                f"'{team.project}' is listed twice in this cohort",
                "keep one entry per team; put every milestone in it",
            )
        seen.add(team.project)
        if team.publication is not None:
            path = PUBLICATION.path(team.publication)
            if team.publication not in catalog.publications and path not in catalog.present:
                yield codes.COHORT_REFERENCE.at(
                    cohort.path,
                    cohort.at("teams", index, "publication"),
                    f"'{team.publication}' is not a publication (no {path})",
                    "write the slug of a file in publications/, or add that file",
                )
        if team.mentor is not None and not ({handle_key(team.mentor), name_key(team.mentor)} & mentors):
            known = ", ".join(m.github or m.name for m in cohort.fields.mentors) or "none yet"
            yield codes.COHORT_REFERENCE.at(
                cohort.path,
                cohort.at("teams", index, "mentor"),
                f"'{shown(team.mentor)}' is not one of the cohort's mentors ({known})",
                "name a mentor by the `github` or `name` given under `mentors:`, or add them there",
            )
