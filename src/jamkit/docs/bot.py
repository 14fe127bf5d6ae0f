"""``docs/bot.md``: the bot's real comments for every verdict, from real checks of the example files.

The first two come from ``jam check`` of a submission pushed with two mistakes,
then fixed; the others from ``jam check --pr`` on a real git repository (a late
pull request, one sent before its sprint opened, one that touches site code).
All are rendered by ``jamkit.github.report``, so the page shows exactly what
the bot writes, one section per outcome of ``jamkit.core.verdict``.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from jamkit.checks import check
from jamkit.checks.pull_request.check import check_pull_request
from jamkit.cli.formats import to_verdict
from jamkit.core.verdict import Change, Outcome, Verdict
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
from jamkit.files.load import load_catalog
from jamkit.github.report import Context, labels_for, render_comment, status_for

PATH = "docs/bot.md"
CTX = Context(repo="example-org/sprints", head_sha="0123456789abcdef0123456789abcdef01234567")
AUTHOR = "bea-example"
# Moments around the example sprint (2026-03-13 17:00 UTC to 2026-03-15 AoE).
DURING = dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 3, 17, 9, tzinfo=dt.UTC)
EARLY = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)


def bot_comments() -> tuple[str, str]:
    """The bot's comments (needs changes, then ready) for a real ``jam check`` of a broken, then fixed, file."""
    return _render(_file_verdicts()[0]), _render(_file_verdicts()[1])


def _file_verdicts() -> tuple[Verdict, Verdict]:
    change = Change(projects=("demo-sprint/probing",), sprints=("demo-sprint",))
    verdicts = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_files(root, {DEMO_SPRINT_PATH: DEMO_SPRINT, DEMO_REPORT_PATH: EXAMPLE_PDF})
        for text in (BROKEN_SUBMISSION, FIXED_SUBMISSION):
            write_files(root, {DEMO_SUBMISSION_PATH: text})
            catalog, found = load_catalog(root, [DEMO_SUBMISSION_PATH])
            found += [d for d in check(catalog) if d.path == DEMO_SUBMISSION_PATH]
            verdicts.append(to_verdict(sorted(found), 1, change))
    return verdicts[0], verdicts[1]


def _git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=Example", "-c", "user.email=example@example.org", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def _pull_request_verdicts() -> dict[Outcome, Verdict]:
    """Real ``jam check --pr`` verdicts: the fixed submission sent late and too early, and a change to site code."""
    found: dict[Outcome, Verdict] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _git(root, "init", "-q", "-b", "main")
        write_files(root, {DEMO_SPRINT_PATH: DEMO_SPRINT, "mkdocs.yml": "site_name: Example\n"})
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "base")
        _git(root, "switch", "-q", "-c", "submission")
        write_files(root, {DEMO_SUBMISSION_PATH: FIXED_SUBMISSION, DEMO_REPORT_PATH: EXAMPLE_PDF})
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "our project")
        for now in (LATE, EARLY):
            outcome = check_pull_request(root, "main", author=AUTHOR, now=now)
            verdict = to_verdict(outcome.diagnostics, outcome.checked, outcome.change)
            found[verdict.outcome] = verdict
        _git(root, "switch", "-q", "-c", "site-change", "main")
        write_files(root, {"mkdocs.yml": "site_name: Example sprints\n"})
        _git(root, "commit", "-q", "-am", "rename the site")
        outcome = check_pull_request(root, "main", author="a-maintainer", maintainer=True, now=DURING)
        verdict = to_verdict(outcome.diagnostics, outcome.checked, outcome.change)
        found[verdict.outcome] = verdict
    return found


def _render(verdict: Verdict) -> str:
    return render_comment(verdict, CTX)


def _quoted(markdown: str) -> str:
    """A comment shown as GitHub shows it, inside a quote block on the docs page."""
    return "\n".join(f"> {line}".rstrip() for line in markdown.splitlines() if not line.startswith("<!--"))


def _section(title: str, what: str, verdict: Verdict) -> list[str]:
    labels = ", ".join(f"`{label}`" for label in sorted(labels_for(verdict)))
    state, description = status_for(verdict)
    return [
        f"## {title}",
        "",
        what,
        "",
        f"Labels: {labels}. Status `jam/verified`: {state} (“{description}”).",
        "",
        _quoted(_render(verdict)),
        "",
    ]


def page() -> str:
    """The text of ``docs/bot.md``."""
    needs_changes, ready = _file_verdicts()
    waiting = _pull_request_verdicts()
    return "\n".join(
        [
            header("src/jamkit/github/report.py", "src/jamkit/docs/bot.py"),
            "# What the bot says",
            "",
            "Every pull request gets one comment from the repository's bot, written by the",
            "trusted copy of `jam` on the main branch and **edited in place** on each push.",
            "The comment says who acts next: you (some changes needed), a maintainer (ready, or",
            "maintainer review), the organisers (late), or the calendar (the sprint is not open yet).",
            "These are real comments, one for every verdict. The same problems also appear as",
            "annotations on the lines of the **Files changed** tab.",
            "",
            *_section(
                "First push: some changes needed",
                "A submission whose first push had two mistakes (a GitHub handle written with `@`, "
                "and a plain `http:` link).",
                needs_changes,
            ),
            *_section("After the fix: ready for review", "The same submission, second push.", ready),
            *_section(
                "Late: waiting for the organisers",
                "The fixed submission, sent after the sprint's deadline. Nothing is wrong with it, so the team "
                "is not asked to change anything: the organisers decide whether late work is accepted.",
                waiting["late"],
            ),
            *_section(
                "Not yet open",
                "The fixed submission, sent before the sprint started.",
                waiting["not-open"],
            ),
            *_section(
                "Maintainer review",
                "A pull request that changes the site's configuration (`mkdocs.yml`): it passes every check, "
                "but code that runs at build time is always read by a maintainer first.",
                waiting["maintainer-review"],
            ),
            "See [how to submit](submit.md) for the whole flow and [the rules](rules.md) for every code.",
            "",
        ]
    )
