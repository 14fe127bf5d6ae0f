"""``jam review import SPRINT FILE.csv [--map FIELD=COLUMN]...``: a spreadsheet of scores into ``reviews.yaml``.

A sheet of finalist rankings (a ``ranking`` column, or a column per rank, and
no project column; ``jamkit.judging.rankings_sheet``) goes into ``finals.yaml``
instead, checked by the same rules, each judge's ranking replaced in place.


The rows are read by ``jamkit.judging.spreadsheet``, merged into the sprint's
reviews by ``jamkit.judging.reviews_file`` (one review per judge and project; a
re-import updates in place), and the result is checked by the same rules as
``jam check``, with every imported review located at its row and column, so a
bad row reads ``FILE.csv:row:col: CODE message (fix: ...)``. If anything is
wrong nothing is written; otherwise ``reviews.yaml`` is written atomically.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path

from jamkit.checks import check
from jamkit.cli.commands import CONTENT_ERRORS, OK, Out, refused, repository_root, to_stderr
from jamkit.cli.commands.judge import Judging, listed, load_judging, table
from jamkit.cli.formats import render
from jamkit.core import codes
from jamkit.core.diagnostics import Diagnostic
from jamkit.core.errors import UsageError
from jamkit.core.model import FinalRanking, FinalRankingFields, Position, Review, ReviewFields, Sprint
from jamkit.core.wording import MB, plural, shown, size
from jamkit.files import edit
from jamkit.files.layout import finals_file, reviews_file, sprint_file, submission_file
from jamkit.files.load import decode_text
from jamkit.files.validate import validate
from jamkit.judging import finals, importing, rankings_sheet
from jamkit.judging import reviews_file as merging
from jamkit.judging.spreadsheet import FIELDS, Row, Sheet, SpreadsheetError, read_sheet

MAX_BYTES = 5 * MB  # a real export of a few hundred reviews is well under 1 MB
_ZIP = b"PK\x03\x04"
_EXPORT = "export it as CSV (UTF-8): in Excel 'Save As > CSV UTF-8', in Google Sheets 'Download > CSV'"


def run_import(
    root: str | None,
    sprint: str,
    file: str,
    *,
    maps: Sequence[str] = (),
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Import ``file`` into the sprint's ``reviews.yaml``; nothing is written if any row is wrong."""
    try:
        return _import(repository_root(root), sprint, file, maps, out=out)
    except UsageError as error:
        return refused("review", error, err)


def parse_maps(maps: Sequence[str], sprint: Sprint) -> dict[str, str]:
    """``--map FIELD=COLUMN`` as {field: column}; FIELD is a review field or one of the sprint's criterion ids."""
    criteria = [c.id for c in sprint.fields.criteria]
    allowed = [*FIELDS, *criteria]
    columns: dict[str, str] = {}
    for given in maps:
        name, sep, column = given.partition("=")
        name, column = name.strip().casefold(), column.strip()
        if not sep or not name or not column:
            raise UsageError(f"--map {shown(given)}: write FIELD=COLUMN, e.g. --map judge='Reviewer name'")
        if name not in allowed:
            raise UsageError(f"--map {shown(given)}: '{shown(name)}' is not a field; use one of: {', '.join(allowed)}")
        columns[name] = column
    return columns


def _read_file(file: str) -> bytes:
    path = Path(file)
    if not path.is_file():
        raise UsageError(f"{file}: no such file" if not path.exists() else f"{file}: not a file")
    try:
        length = path.stat().st_size
        if length > MAX_BYTES:
            raise UsageError(
                f"{file} is {size(length)}; a review export is far smaller (at most {size(MAX_BYTES)} is read): "
                "check that this is the right file"
            )
        raw = path.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {file}: {error.strerror}") from None
    if raw.startswith(_ZIP):
        raise UsageError(f"{file} is a spreadsheet workbook (e.g. .xlsx), not CSV; {_EXPORT}")
    return raw


def _text(file: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """The file as text; a JAM001 at the row and column of the first byte that is not UTF-8 text, or of a NUL."""
    text, problems = decode_text(file, raw)
    if text is None:
        return None, [dataclasses.replace(d, fix=f"{d.fix}: {_EXPORT}") for d in problems]
    if "\x00" in text:
        before = text[: text.index("\x00")]
        where = Position(before.count("\n") + 1, len(before) - before.rfind("\n"))
        return None, [codes.NOT_UTF8.at(file, where, "a NUL byte: this is not a text file", _EXPORT)]
    return text, []


def _import(root: Path, slug: str, file: str, maps: Sequence[str], *, out: Out) -> int:
    raw = _read_file(file)
    judging = load_judging(root, slug)
    blocking = judging.errors_in(sprint_file(slug), reviews_file(slug))
    if blocking:
        out(render(blocking, "text", len({d.path for d in blocking})))
        out(f"Fix these first: the import merges into {reviews_file(slug)} and is checked against {sprint_file(slug)}.")
        return CONTENT_ERRORS
    sprint = judging.catalog.sprints[slug]
    columns = parse_maps(maps, sprint)
    text, problems = _text(file, raw)
    if text is None:
        out(render(problems, "text", 1))
        out(f"Nothing written: {file} cannot be read.")
        return CONTENT_ERRORS
    criteria = {c.id: c.name for c in sprint.fields.criteria}
    titles = {sub.slug: sub.fields.title for sub in judging.catalog.submissions.values() if sub.sprint == slug}
    try:
        if rankings_sheet.is_rankings(text, file):
            return _import_rankings(root, judging, sprint, file, text, columns.get("judge", "judge"), out=out)
        sheet = read_sheet(text, file, sprint.fields.judges, criteria, columns, titles)
    except SpreadsheetError as error:
        raise UsageError(str(error)) from None
    rows = sheet.rows
    _print_reading(sheet, file, out)
    if not rows:
        out(f"{file} has no reviews in it (only a header); nothing written.")
        return OK
    owner = importing.sheet_owner(file, sprint.fields.judges)
    importing.settle(rows, owner)
    found = importing.refused(rows, file, sprint.fields.judges, owner)
    barred = {d.line for d in found}
    imported: list[Review] = []
    trimmed: set[int] = set()  # rows checked without their scores that are not numbers
    for row in rows:
        if row.locations[()].line in barred:
            continue
        unknown = _unknown_project(row, file, sprint, titles)
        data = row.data if unknown is None else {**row.data, "project": next(iter(titles), "x-x")}  # (a stand-in)
        fields, invalid = validate(ReviewFields, data, file, row.locations, cells=True)
        found += invalid if unknown is None else [unknown, *invalid]
        if fields is None and unknown is None:
            fields = _rest_of(row, file)  # the rules still see the row's other values: every problem in one pass
            trimmed.add(row.locations[()].line)
        if fields is not None and unknown is None:
            imported.append(Review(path=file, locations=row.locations, sprint=slug, index=0, fields=fields))
    existing = judging.catalog.reviews.get(slug, ())
    merged = merging.merge(existing, imported)
    found += [
        d
        for d in _checked(judging, slug, merged, file)
        if not (d.code == codes.REVIEW_INCOMPLETE.code and d.path == file and d.line in trimmed)
    ]
    errors = [d for d in found if d.severity == "error"]
    if errors:
        out(render(found, "text", 1))
        bad = len({d.line for d in errors if d.path == file})
        what = f"fix {plural(bad, 'row')} of {file}" if bad else "fix the files above"
        out(f"Nothing written: {what} and import it again.")
        return CONTENT_ERRORS
    if owner is not None:
        out(f"Read {file} as {owner.key}'s score sheet (it is named after the judge): only their reviews may change.")
    named = [(r.fields.judge, r.fields.project) for r in imported]
    _print_plan(importing.plan(existing, merged.reviews, named), out)
    return _write(root, slug, sprint, existing, merged, file, out=out)


def _unknown_project(row: Row, file: str, sprint: Sprint, titles: Mapping[str, str]) -> Diagnostic | None:
    """A project cell that is neither a project's slug nor its exact title, with the projects to choose from."""
    value = str(row.data.get("project", ""))
    if not value or value in titles:
        return None
    where = row.locations.get(("project",), row.locations[()])
    shown_titles = [f"{slug} ({shown(title, 40)})" for slug, title in list(titles.items())[:4]]
    more = ", ..." if len(titles) > 4 else ""
    return codes.REVIEW_PROJECT.at(
        file,
        where,
        f"'{shown(value)}' is not a project of {sprint.fields.title}",
        f"type the project's slug or its exact title in the cell: {', '.join(shown_titles)}{more}",
    )


def _rest_of(row: Row, file: str) -> ReviewFields | None:
    """The row's review without the scores that are not numbers (already reported), for the rules to check."""
    scores = {k: v for k, v in (row.data.get("scores") or {}).items() if not isinstance(v, str)}
    fields, _ = validate(ReviewFields, {**row.data, "scores": scores}, file, row.locations, cells=True)
    return fields


def _print_reading(sheet: Sheet, file: str, out: Out) -> None:
    """Before anything is written: the columns nothing reads, and the reviews sent twice whose later copy is kept."""
    if sheet.unused:
        out(
            f"Not imported from {file}: the column{'s' if len(sheet.unused) > 1 else ''} "
            + ", ".join(f"'{shown(h)}'" for h in sheet.unused)
            + " (no field of a review reads them; name one with --map FIELD=COLUMN if it should)"
        )
    for old, new in sheet.replaced:
        out(f"Row {old} of {file} was sent again in row {new} (the same judge and project, later): row {new} is kept.")


def _print_plan(plans: Sequence[importing.JudgePlan], out: Out) -> None:
    """Per judge, what the import adds, changes and leaves; every other judge's reviews are not touched."""
    rows = [["judge", "added", "changed", "unchanged"]]
    for p in plans:
        rows.append([shown(p.judge), str(len(p.added)), str(len(p.changed)), str(len(p.unchanged))])
    out("Plan, per judge (no other review is touched):")
    out(table(rows, right=(1, 2, 3)))


def _checked(judging: Judging, slug: str, merged: merging.Merge, file: str) -> list[Diagnostic]:
    """The rules' findings on the merged reviews, and on the files of the projects they name."""
    catalog = dataclasses.replace(judging.catalog, reviews={**judging.catalog.reviews, slug: merged.reviews})
    named = {submission_file(f"{slug}/{r.fields.project}") for r in merged.reviews if r.path == file}
    broken = [d for d in judging.problems if d.path in named and d.severity == "error"]
    return [d for d in check(catalog) if d.path == file] + broken


def _write(
    root: Path, slug: str, sprint: Sprint, existing: Sequence[Review], merged: merging.Merge, file: str, *, out: Out
) -> int:
    counts = f"{merged.added} added, {merged.updated} updated, {merged.unchanged} unchanged"
    path = reviews_file(slug)
    if not merged.changed:
        out(f"{counts}: {path} already has these reviews; nothing written.")
        return OK
    full = root / path
    try:
        before = full.read_bytes() if full.exists() else b""
        order = [c.id for c in sprint.fields.criteria]
        written = merging.render(path, before, existing, merged, order)
        edit.write(root, edit.Edit(path, before, written.after, ()))
    except (OSError, merging.ReviewsFileError, edit.EditError) as error:
        out(f"jam review: {getattr(error, 'strerror', None) or error}; nothing was written")
        return CONTENT_ERRORS
    out(f"Imported {file} into {path}: {counts}.")
    updated = [r.fields for r in merged.reviews[: len(existing)] if r.index in merged.changed]
    if updated:
        out("Updated in place: " + listed([f"{shown(f.judge)} on {f.project}" for f in updated]))
    if written.rewritten:
        out(
            f"Note: {path} was rewritten whole, because it was not written as one '- judge: ...' block per "
            "review; comments and layout in it were not kept (see the diff before committing)."
        )
    out(f"Next: jam judge status {slug}, then commit {path} through a pull request.")
    return OK


# --------------------------------------------------------------------------- finalist rankings


def _import_rankings(
    root: Path, judging: Judging, sprint: Sprint, file: str, text: str, judge_column: str, *, out: Out
) -> int:
    """Each row's ranking into ``finals.yaml``, in place of that judge's; nothing is written if a row is wrong."""
    slug, path = sprint.slug, finals_file(sprint.slug)
    rows = rankings_sheet.read_rankings(text, file, sprint.fields.judges, judge_column)
    found = importing.refused(rows, file, sprint.fields.judges, None)
    imported = []
    for row in rows:
        fields, invalid = validate(FinalRankingFields, row.data, file, row.locations)
        found += invalid
        if fields is not None:
            imported.append(FinalRanking(path=file, locations=row.locations, sprint=slug, index=0, fields=fields))
    existing = judging.catalog.finals.get(slug, ())
    entries = tuple(f for f in existing if f.fields.judge not in {i.fields.judge for i in imported}) + tuple(imported)
    catalog = dataclasses.replace(judging.catalog, finals={**judging.catalog.finals, slug: entries})
    found += [d for d in check(catalog) if d.path == file]
    if any(d.severity == "error" for d in found) or judging.errors_in(path):
        out(render(found + judging.errors_in(path), "text", 1))
        out(f"Nothing written: fix {file} (or {path}) and import it again.")
        return CONTENT_ERRORS
    full = root / path
    try:
        before = full.read_bytes() if full.exists() else b""
        lines = before.decode("utf-8").splitlines()
        header = lines[: next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))]
        after = finals.dump(header, finals.merged(existing, imported)).encode("utf-8")
        if after == before:
            out(f"{path} already has these rankings; nothing written.")
            return OK
        edit.write(root, edit.Edit(path, before, after, ()))
    except (OSError, UnicodeDecodeError, edit.EditError) as error:
        out(f"jam review: {getattr(error, 'strerror', None) or error}; nothing was written")
        return CONTENT_ERRORS
    out(f"Imported the rankings of {listed([shown(f.fields.judge) for f in imported])} from {file} into {path}.")
    out(f"Next: jam judge status {slug}, then jam award {slug}.")
    return OK
