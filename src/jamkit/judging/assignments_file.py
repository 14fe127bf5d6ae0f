"""``assignments.yaml`` as ``jam judge assign`` writes it: the same plan always gives the same bytes.

One entry per judge in the sprint's order, each judge's projects sorted, a
comment line that says how to make the file again. Nothing in it depends on the
time or the machine, so re-running with the same seed rewrites it unchanged and
a different plan shows up as a small diff in review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml


def render(sprint: str, order: Sequence[str], projects_of: Mapping[str, Sequence[str]], reviews: int, seed: int) -> str:
    """The file's text: ``- judge: <id>`` then ``projects: [<slug>, ...]`` per judge, judges in ``order``."""
    entries = [{"judge": judge, "projects": sorted(projects_of.get(judge, ()))} for judge in order]
    header = (
        f"# Who reads which project. Written by `jam judge assign {sprint} --reviews {reviews} --seed {seed}`,\n"
        "# which writes the same file again; edits by hand are checked by `jam check`.\n"
    )
    body = yaml.safe_dump(entries, default_flow_style=None, sort_keys=False, allow_unicode=True, width=100)
    return header + body
