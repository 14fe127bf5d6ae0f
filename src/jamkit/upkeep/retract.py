"""Retracting a published project: ``status: retracted`` and ``retraction: {date, reason}`` (``jam retract``).

Retraction replaces the project's page with a short notice; it deletes nothing.
``retract`` edits only those two fields and reports what the maintainer must
still decide: the project's award, whether an embargoed project should rather
stay hidden, and its attachments, because hazardous files must be removed by
hand (and, for genuinely hazardous material, from Git history too:
docs/policies.md#hazardous-information).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from jamkit.core.errors import UsageError
from jamkit.core.model import Award, Retraction, is_slug, utc_day
from jamkit.core.wording import shown
from jamkit.files import edit
from jamkit.files.layout import submission_file
from jamkit.files.load import load_catalog


@dataclass(frozen=True)
class Retracted:
    """What ``retract`` did (``edit`` is None when the project already had this exact retraction)."""

    ref: str
    path: str
    edit: edit.Edit | None
    already: bool  # the project was retracted before
    previous: Retraction | None  # the retraction it already had, if any
    was_hidden: bool  # embargoed and hidden from readers until now
    award: Award | None  # the place the project holds in its sprint's awards
    attachments: tuple[str, ...]  # every file in the project's folder


def parse_ref(text: str) -> tuple[str, str]:
    """``SPRINT/PROJECT`` (a path ``submissions/SPRINT/PROJECT.md`` is accepted too)."""
    ref = text.strip().removeprefix("./").removeprefix("submissions/").removesuffix(".md").strip("/")
    sprint, _, project = ref.partition("/")
    if not (is_slug(sprint) and is_slug(project)):
        if project:
            raise UsageError(
                f"'{shown(text)}' is not a project: SPRINT and PROJECT are slugs "
                "(3 to 64 lowercase letters, digits and single hyphens), e.g. evals-sprint-2026/some-project"
            )
        raise UsageError(
            f"'{shown(text)}' is not a project; write it as SPRINT/PROJECT, e.g. evals-sprint-2026/some-project"
        )
    return sprint, project


def _unknown(root: Path, sprint: str, project: str) -> UsageError:
    folder = root / "submissions" / sprint
    if folder.is_dir():
        projects = sorted(p.stem for p in folder.glob("*.md"))
        listed = ", ".join(projects) if projects else "none"
        return UsageError(
            f"there is no project '{project}' in {sprint} (submissions/{sprint}/{project}.md); its projects: {listed}"
        )
    sprints = sorted(p.name for p in (root / "submissions").glob("*") if p.is_dir())
    known = ", ".join(sprints) or "none"
    return UsageError(
        f"no sprint '{sprint}' has projects (no folder submissions/{sprint}/); sprints with some: {known}"
    )


def retract(root: Path, ref: str, reason: str, *, date: dt.date | None = None) -> Retracted:
    """Mark the project ``SPRINT/PROJECT`` retracted; ``date`` defaults to today (UTC), or the earlier retraction's.

    Raises ``UsageError`` for an unknown project or an empty reason, and
    ``edit.EditError`` (nothing written) when the project's file has errors.
    """
    sprint, project = parse_ref(ref)
    reason = " ".join(reason.split())
    if not reason:
        raise UsageError("--reason must say why, in words that do not repeat the problem")
    path = submission_file(f"{sprint}/{project}")
    if not (root / path).is_file():
        raise _unknown(root, sprint, project)
    edit.read(root, path)  # a file with errors is refused here, with its diagnostics
    catalog, _ = load_catalog(root, [path])
    submission = catalog.submissions[f"{sprint}/{project}"]
    fields = submission.fields
    today = utc_day(dt.datetime.now(dt.UTC))
    already = fields.status == "retracted"
    previous = fields.retraction if already else None
    day = date or (previous.date if previous else today)
    done = None
    if not (previous and previous.reason == reason and previous.date == day):
        changes: dict[str, object] = {} if already else {"status": "retracted"}
        changes["retraction"] = {"date": day, "reason": reason}
        done = edit.update(root, path, changes)
    folder = root / "submissions" / sprint / project
    files = sorted(p.relative_to(root).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
    return Retracted(
        ref=submission.ref,
        path=path,
        edit=done,
        already=already,
        previous=previous,
        was_hidden=submission.visibility(today) == "hidden",
        award=catalog.award_of(submission),
        attachments=tuple(files),
    )
