"""``jam stats [--json]``: the impact figures, as on the site's stats page.

The figures are defined once in ``jamkit.figures.stats``, for the site and for this
command. A file that cannot be read is not counted, and makes the exit code 1.
"""

from __future__ import annotations

import datetime as dt
import json

from jamkit.cli.commands import Out, parse_now, refused, repository_root, to_stderr, uncounted
from jamkit.core.errors import UsageError
from jamkit.figures.outcomes import as_data, outcomes
from jamkit.figures.stats import as_json, as_text, figures
from jamkit.files.load import load_catalog


def run(
    root: str | None, *, json_output: bool = False, now: str | None = None, out: Out = print, err: Out = to_stderr
) -> int:
    """Print the figures (as JSON with ``json_output``); files with errors are named on ``err``."""
    try:
        folder, moment = repository_root(root), parse_now(now) or dt.datetime.now(dt.UTC)
    except UsageError as error:
        return refused("stats", error, err)
    catalog, problems = load_catalog(folder)
    found = figures(catalog, moment)
    if json_output:  # the outcome figures (jamkit.figures.outcomes) under one key of their own
        out(
            json.dumps({**json.loads(as_json(found, moment)), "outcomes": as_data(outcomes(catalog, moment))}, indent=2)
        )
    else:
        out(as_text(found))
    return uncounted("stats", problems, err)
