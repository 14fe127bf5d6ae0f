"""Rules of people's own profiles and of fellowship cohorts.

A profile is untrusted input like a project: its bio is rendered under the
same limits, and its name, shown on every page that shows the person, is plain
text. A cohort must name real projects, publications and mentors, and agree
with its projects' own ``lab`` on who is in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jamkit.checks.content.bodies import check_body
from jamkit.checks.registry import cohort_rule, profile_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.identity import handle_key, name_key
from jamkit.core.model import Catalog, Cohort, Profile, Submission
from jamkit.core.wording import shown
from jamkit.files.layout import PUBLICATION, cohort_file, has_project, submission_file

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


@cohort_rule
def cohort_teams_have_lab(cohort: Cohort, catalog: Catalog) -> Iterator[Diagnostic]:
    """Each team a cohort lists says so in its own file, so every count of the fellowship is the same count."""
    for index, team in enumerate(cohort.fields.teams):
        sub = catalog.submissions.get(team.project)
        if sub is None:
            continue  # (JAM230 says the project is missing)
        lab = sub.fields.lab
        if lab is None or lab.cohort != cohort.slug:
            said = "has no `lab`" if lab is None else f"has `lab.cohort: {lab.cohort}`"
            yield codes.FELLOWSHIP_DISAGREES.at(
                cohort.path,
                cohort.at("teams", index, "project"),
                f"this cohort lists '{team.project}', but {sub.path} {said}",
                f"add `lab: {{status: fellowship, cohort: {cohort.slug}}}` to {sub.path}",
            )


@submission_rule
def lab_is_in_its_cohort(sub: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """A project's ``lab.cohort`` names a cohort that lists it."""
    lab = sub.fields.lab
    if lab is None or lab.cohort is None:
        return
    cohort = catalog.cohorts.get(lab.cohort)
    if cohort is None:
        if cohort_file(lab.cohort) in catalog.present:
            return  # (a broken cohort file is reported on its own)
        known = ", ".join(sorted(catalog.cohorts)) or "none yet"
        yield codes.FELLOWSHIP_DISAGREES.at(
            sub.path, sub.at("lab", "cohort"), f"there is no cohort '{lab.cohort}' (known: {known})",
            "name a file of lab/ without '.md', or add the cohort",
        )  # fmt: skip
    elif sub.ref not in {team.project for team in cohort.fields.teams}:
        yield codes.FELLOWSHIP_DISAGREES.at(
            sub.path, sub.at("lab", "cohort"), f"cohort '{lab.cohort}' does not list this project in its teams",
            f"add '- project: {sub.ref}' to the teams of {cohort.path}, or correct `lab.cohort`",
        )  # fmt: skip
