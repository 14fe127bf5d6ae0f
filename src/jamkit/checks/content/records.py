"""Rules over content that need more than one field, or more than one file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jamkit.checks.content.judging import judge_fix
from jamkit.checks.registry import publication_rule, review_rule, sprint_rule, submission_rule
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.model import Catalog, Publication, Review, Sprint, Submission, is_https, sites_of
from jamkit.core.wording import place, plural, shown
from jamkit.files.layout import (
    Attachment,
    Refused,
    Remote,
    add_report_fix,
    attachment,
    has_project,
    has_sprint,
    sprint_file,
    sprint_projects,
    submission_file,
)

PDF_MAGIC = b"%PDF-"


# --------------------------------------------------------------------------- sprints


@sprint_rule
def unique_ids(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """Criteria, judges and sites are named by id elsewhere, so ids must be unique."""
    groups = {
        "criteria": [c.id for c in sprint.fields.criteria],
        "judges": [j.key for j in sprint.fields.judges],
        "sites": [s.id for s in sprint.fields.sites],
        "awards": [a.project for a in sprint.fields.awards],
    }
    for group, ids in groups.items():
        seen: set[str] = set()
        for index, ident in enumerate(ids):
            if ident in seen:
                what = "project is awarded twice" if group == "awards" else "id is used twice"
                yield codes.DUPLICATE_ID.at(
                    sprint.path, sprint.at(group, index), f"{group}: '{ident}' {what}", "give each entry its own id"
                )
            seen.add(ident)


@sprint_rule
def awards_name_projects(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    for index, award in enumerate(sprint.fields.awards):
        if not has_project(catalog, f"{sprint.slug}/{award.project}"):
            yield codes.UNKNOWN_PROJECT.at(
                sprint.path,
                sprint.at("awards", index, "project"),
                f"the award ({place(award.place)}) names '{award.project}', which is not a project of this sprint",
                f"use the slug of a file in {sprint_projects(sprint.slug)}/",
            )


@sprint_rule
def awards_name_visible_work(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """A place won by work since retracted or embargoed is said, so a maintainer decides what becomes of it."""
    for index, award in enumerate(sprint.fields.awards):
        sub = catalog.submissions.get(f"{sprint.slug}/{award.project}")
        status = sub.fields.status if sub is not None else None
        if status in ("retracted", "embargoed"):
            yield codes.AWARD_WITHDRAWN.at(
                sprint.path,
                sprint.at("awards", index, "project"),
                f"the award ({place(award.place)}) names '{award.project}', which is {status}",
                "run `jam award` again to pass the place on, or leave it: the page says it was withdrawn",
            )


# --------------------------------------------------------------------------- submissions


@submission_rule
def sprint_exists(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    if not has_sprint(catalog, submission.sprint):
        known = ", ".join(sorted(catalog.sprints)) or "none yet"
        yield codes.UNKNOWN_SPRINT.at(
            submission.path,
            submission.at(),
            f"there is no sprint '{submission.sprint}' ({sprint_file(submission.sprint)})",
            f"move the file into the folder of an existing sprint: {known}",
        )


@submission_rule
def team_size(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    sprint = catalog.sprints.get(submission.sprint)
    if sprint is None:
        return
    bounds, count = sprint.fields.team_size, len(submission.fields.members)
    if not bounds.min <= count <= bounds.max:
        yield codes.TEAM_SIZE.at(
            submission.path,
            submission.at("members"),
            f"the team has {plural(count, 'member')}; {sprint.fields.title} allows {bounds.min} to {bounds.max}",
            "split the team or ask the organizers" if count > bounds.max else "add the missing team members",
        )


@submission_rule
def site_is_known(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    sprint = catalog.sprints.get(submission.sprint)
    site = submission.fields.site
    if sprint is None or site is None:
        return
    ids = [s.id for s in sites_of(sprint, catalog)]
    if site not in ids:
        yield codes.UNKNOWN_SITE.at(
            submission.path,
            submission.at("site"),
            f"'{site}' is not a site of {sprint.fields.title}",
            f"use one of: {', '.join(ids)}" if ids else "remove 'site': this sprint has no sites",
        )


@submission_rule
def report_exists(submission: Submission, catalog: Catalog) -> Iterator[Diagnostic]:
    """The report is an https URL, or a real PDF that the site can copy and link as written."""
    report = submission.fields.report
    where = submission.at("report")
    found = attachment(submission.path, report)
    if isinstance(found, Remote):
        if not is_https(report):
            yield codes.NOT_HTTPS.at(
                submission.path,
                where,
                f"'report': '{shown(report)}' is not an https URL",
                "use an https:// address, or put the PDF in the project's folder",
            )
        return
    if isinstance(found, Refused):
        yield codes.REPORT_MISSING.at(submission.path, where, f"'report': '{shown(report)}' {found.problem}", found.fix)
        return
    problem, fix = _not_a_pdf(Path(catalog.root), found)
    if problem:
        yield codes.REPORT_MISSING.at(submission.path, where, f"'report': {found.path} {problem}", fix)


def _not_a_pdf(root: Path, found: Attachment) -> tuple[str, str]:
    """What keeps the file the report names from being served as the report, if anything."""
    target = found.path
    full = root / target
    if full.is_symlink():
        return "is a symbolic link", "commit the PDF file itself, not a link to it"
    if full.exists() and full.resolve() != root.resolve() / target:
        return "is reached through a linked folder", "commit the folder and the PDF themselves, not links to them"
    if full.is_dir():
        return "is a folder, not a file", f"write the path of the PDF inside it, e.g. {found.name}/report.pdf"
    if not full.is_file():
        return "does not exist", add_report_fix(target)
    try:
        with full.open("rb") as handle:
            head = handle.read(len(PDF_MAGIC))
    except OSError as err:
        head = f"unreadable: {err.strerror}".encode()
    if head != PDF_MAGIC:
        return "is not a PDF file", "export the report as PDF"
    return "", ""


# --------------------------------------------------------------------------- publications


@publication_rule
def projects_exist(publication: Publication, catalog: Catalog) -> Iterator[Diagnostic]:
    for index, ref in enumerate(publication.fields.projects):
        if not has_project(catalog, ref):
            yield codes.UNKNOWN_PROJECT.at(
                publication.path,
                publication.at("projects", index),
                f"'{ref}' is not a project (no {submission_file(ref)})",
                "write '<sprint>/<project>' of an existing project",
            )


# --------------------------------------------------------------------------- reviews


@review_rule
def review_refs(review: Review, catalog: Catalog) -> Iterator[Diagnostic]:
    sprint = catalog.sprints.get(review.sprint)
    if sprint is None:
        if not has_sprint(catalog, review.sprint):
            yield codes.UNKNOWN_SPRINT.at(
                review.path,
                review.at(),
                f"there is no sprint '{review.sprint}'",
                f"add {sprint_file(review.sprint)} or move the reviews",
            )
        return
    fields = review.fields
    judges = [j.key for j in sprint.fields.judges]
    if fields.judge not in judges:
        yield codes.REVIEW_JUDGE.at(
            review.path,
            review.at("judge"),
            f"'{fields.judge}' is not a judge of {sprint.fields.title}",
            judge_fix(fields.judge, sprint.fields.judges),
        )
    if not has_project(catalog, f"{review.sprint}/{fields.project}"):
        yield codes.REVIEW_PROJECT.at(
            review.path,
            review.at("project"),
            f"'{fields.project}' is not a project of {sprint.fields.title}",
            f"use the slug of a file in {sprint_projects(review.sprint)}/",
        )
    criteria = [c.id for c in sprint.fields.criteria]
    scale = sprint.fields.scale
    for criterion, score in fields.scores.items():
        where = review.at("scores", criterion)
        if criterion not in criteria:
            yield codes.REVIEW_SCORE.at(
                review.path,
                where,
                f"'{criterion}' is not a criterion of {sprint.fields.title}",
                f"use one of: {', '.join(criteria)}" if criteria else "add 'criteria' to the sprint first",
            )
        elif not scale.min <= score <= scale.max:
            yield codes.REVIEW_SCORE.at(
                review.path,
                where,
                f"score {score:g} for '{criterion}' is outside the scale {scale.min:g} to {scale.max:g}",
                "give a score within the sprint's scale",
            )


@sprint_rule
def one_review_per_judge(sprint: Sprint, catalog: Catalog) -> Iterator[Diagnostic]:
    """A judge's second review of a project would count that judge twice in the ranking.

    A rule of the sprint, not of each review, so that it reads the sprint's reviews once.
    """
    first: dict[tuple[str, str], Review] = {}
    for review in catalog.reviews.get(sprint.slug, ()):
        fields = review.fields
        earlier = first.setdefault((fields.judge, fields.project), review)
        if earlier is not review:
            yield codes.REVIEW_TWICE.at(
                review.path,
                review.at(),
                f"'{fields.judge}' already reviewed '{fields.project}' (line {earlier.at().line})",
                "merge the two reviews into one",
            )
