"""`docs/bot.md`: a real comment for every verdict, and a late one never asks for changes."""

from __future__ import annotations

from jamkit.core.verdict import OUTCOMES
from jamkit.docs import bot


def test_the_page_shows_a_real_comment_for_every_verdict_a_pull_request_can_get() -> None:
    text = bot.page()
    for heading in (
        "some changes needed",
        "ready for review",
        "late, waiting for the organisers",
        "the sprint is not open yet",
        "passes, waiting for a maintainer's review",
    ):
        assert f"jam check: {heading}" in text
    assert set(OUTCOMES) - {"nothing"} == set(bot._pull_request_verdicts()) | {"needs-changes", "ready"}


def test_the_late_example_is_a_real_late_verdict_that_asks_nothing_of_the_team() -> None:
    late = bot._pull_request_verdicts()["late"]
    assert late.outcome == "late" and [p.code for p in late.problems] == ["JAM307"]
    section = bot.page().split("## Late")[1].split("\n## ")[0]
    assert "push again" not in section and "changes needed" not in section
