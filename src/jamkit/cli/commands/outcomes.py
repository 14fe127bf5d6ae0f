"""``jam outcomes [--json] [--since DATE] [--csv FILE]``: the outcome figures for a grant report.

The figures are defined once in ``jamkit.figures.outcomes``, for the site's /stats/
page, ``jam stats --json`` and this command. ``--csv`` writes every
participant's path under an anonymised id (no names, handles or titles), for
the organisation's own analysis; ``-`` writes it to standard output. A file
that cannot be read is not counted, and makes the exit code 1.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from jamkit.cli.commands import Out, parse_now, refused, repository_root, to_stderr, uncounted
from jamkit.core.errors import UsageError
from jamkit.core.wording import plural
from jamkit.figures.outcomes import anonymised_csv, as_data, as_text, outcomes
from jamkit.files.load import load_catalog


def parse_since(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--since: '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-01-01") from None


def run(
    root: str | None,
    *,
    json_output: bool = False,
    since: str | None = None,
    csv_path: str | None = None,
    now: str | None = None,
    out: Out = print,
    err: Out = to_stderr,
) -> int:
    """Print the outcome figures (as JSON with ``json_output``); ``csv_path`` also writes the anonymised paths."""
    try:
        folder = repository_root(root)
        moment = parse_now(now) or dt.datetime.now(dt.UTC)
        start = parse_since(since)
        target = _csv_target(csv_path)
    except UsageError as error:
        return refused("outcomes", error, err)
    catalog, problems = load_catalog(folder)
    found = outcomes(catalog, moment, start)
    if target == "-":
        out(anonymised_csv(found).rstrip("\n"))
    else:
        if json_output:
            data = {"generated": moment.astimezone(dt.UTC).isoformat(), **as_data(found)}
            out(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            out(as_text(found))
        if target is not None:
            _write(target, anonymised_csv(found))
            err(f"jam outcomes: wrote {plural(len(found.paths), 'anonymised path')} to {target}")
    return uncounted("outcomes", problems, err)


def _csv_target(given: str | None) -> Path | str | None:
    if given is None or given == "-":
        return given
    target = Path(given)
    if target.is_dir():
        raise UsageError(f"--csv {given}: that is a folder; name a file, e.g. {target / 'paths.csv'}")
    if not target.resolve().parent.is_dir():
        raise UsageError(f"--csv {given}: the folder {target.parent} does not exist")
    return target


def _write(target: Path | str, text: str) -> None:
    """Written whole or not at all: a temporary file beside it, then renamed."""
    path = Path(target)
    handle, temporary = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    os.replace(temporary, path)
