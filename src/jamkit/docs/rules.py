"""``docs/rules.md``: every rule code with its summary and explanation, and real ``jam check`` output.

The codes, their groups and their words live in ``jamkit.core.codes``; each
code's heading is ``Code.heading``, so its id is the ``Code.anchor`` the bot
links to.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jamkit.checks import check
from jamkit.cli.formats import as_text
from jamkit.core.codes import CODES, GROUPS
from jamkit.docs.example import BROKEN_SPRINT, DEMO_SPRINT_PATH, write_files
from jamkit.docs.page import cell, header
from jamkit.files.load import load_catalog

PATH = "docs/rules.md"


def sample_output() -> str:
    """Real ``jam check`` text output for a file with mistakes, so the example cannot go stale."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root, {DEMO_SPRINT_PATH: BROKEN_SPRINT})
        catalog, found = load_catalog(root)
        found += check(catalog)
        return as_text(sorted(found), len(catalog.present))


def page() -> str:
    """The text of ``docs/rules.md``."""
    groups = dict(GROUPS)
    for found in CODES.values():
        groups.setdefault(found.group, found.group.capitalize())
    out = [
        header("src/jamkit/core/codes.py", "src/jamkit/docs/rules.py"),
        "# Rule codes",
        "",
        "`jam check` (and the pull-request check in CI) reports each problem with a stable code, "
        "the file, and the line and column of the offending key. Codes never change meaning, so you "
        "can search for them. In text form a problem reads `path:line:col: CODE message`, followed "
        "by a suggested fix. For example, this sprint file:",
        "",
        "```markdown",
        BROKEN_SPRINT.rstrip("\n"),
        "```",
        "",
        "gives:",
        "",
        "```text",
        f"$ jam check {DEMO_SPRINT_PATH}",
        sample_output(),
        "```",
        "",
        "`--format github` prints the same problems as GitHub annotations, and `--format json` as JSON. "
        "`jam` exits with 0 when the content is clean, 1 when it has errors, 2 when the command "
        "was used wrongly, and 70 when jamkit itself failed (a bug, said in one line with where to report it).",
        "",
        "| code | summary |",
        "|---|---|",
    ]
    ordered = sorted(CODES.values(), key=lambda c: (list(groups).index(c.group), c.code))
    out += [f"| [{c.code}](#{c.anchor}) | {cell(c.summary)} |" for c in ordered]
    out.append("")
    for group, title in groups.items():
        members = [c for c in ordered if c.group == group]
        if not members:
            continue
        out += [f"## {title}", ""]
        for found in members:
            out += [f"### {found.heading}", "", found.explanation, ""]
    return "\n".join(out).rstrip("\n") + "\n"
