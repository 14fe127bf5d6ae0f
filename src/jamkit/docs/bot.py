"""``docs/bot.md``: the bot's real comments on a submission pushed with two mistakes, then fixed.

Both comments are rendered by ``jamkit.github.report`` from the verdict of a
real ``jam check`` of the example files, so the page shows exactly what the
bot writes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jamkit.docs.example import (
    BROKEN_SUBMISSION,
    DEMO_REPORT_PATH,
    DEMO_SPRINT,
    DEMO_SPRINT_PATH,
    DEMO_SUBMISSION_PATH,
    EXAMPLE_PDF,
    FIXED_SUBMISSION,
    write_files,
)
from jamkit.docs.page import header
from jamkit.formats import to_verdict
from jamkit.github.report import Context, render_comment
from jamkit.load import load_catalog
from jamkit.rules import check
from jamkit.verdict import Change

PATH = "docs/bot.md"


def bot_comments() -> tuple[str, str]:
    """The bot's comments (needs changes, then ready) for a real ``jam check`` of a broken, then fixed, file."""
    ctx = Context(repo="example-org/sprints", head_sha="0123456789abcdef0123456789abcdef01234567")
    change = Change(projects=("demo-sprint/probing",), sprints=("demo-sprint",))
    comments = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root, {DEMO_SPRINT_PATH: DEMO_SPRINT, DEMO_REPORT_PATH: EXAMPLE_PDF})
        for text in (BROKEN_SUBMISSION, FIXED_SUBMISSION):
            write_files(root, {DEMO_SUBMISSION_PATH: text})
            catalog, found = load_catalog(root, [DEMO_SUBMISSION_PATH])
            found += [d for d in check(catalog) if d.path == DEMO_SUBMISSION_PATH]
            comments.append(render_comment(to_verdict(sorted(found), 1, change), ctx))
    return comments[0], comments[1]


def _quoted(markdown: str) -> str:
    """A comment shown as GitHub shows it, inside a quote block on the docs page."""
    return "\n".join(f"> {line}".rstrip() for line in markdown.splitlines() if not line.startswith("<!--"))


def page() -> str:
    """The text of ``docs/bot.md``."""
    needs_changes, ready = bot_comments()
    return "\n".join(
        [
            header("src/jamkit/github/report.py", "src/jamkit/docs/bot.py"),
            "# What the bot says",
            "",
            "Every pull request gets one comment from the repository's bot, written by the",
            "trusted copy of `jam` on the main branch and **edited in place** on each push.",
            "These are real comments for a submission whose first push had two mistakes",
            "(a GitHub handle written with `@`, and a plain `http:` link), and whose second push fixed them.",
            "The same problems also appear as annotations on the lines of the **Files changed** tab.",
            "",
            "## First push: some changes needed",
            "",
            "Labels: `submission`, `sprint:demo-sprint`, `needs-changes`. Status `jam/verified`: failure.",
            "",
            _quoted(needs_changes),
            "",
            "## After the fix: ready for review",
            "",
            "Labels: `submission`, `sprint:demo-sprint`, `ready`. Status `jam/verified`: success.",
            "",
            _quoted(ready),
            "",
            "See [how to submit](submit.md) for the whole flow and [the rules](rules.md) for every code.",
            "",
        ]
    )
