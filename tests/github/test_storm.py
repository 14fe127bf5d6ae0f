"""The deadline storm: pull requests pushing three times each within one simulated hour (see storm.py).

The bot runs for real (``Bot.apply``) against the stand-in behind a proxy that
enforces GitHub's primary and secondary rate limits on a simulated clock, so an
hour and more of the storm takes seconds. The numbers are those of
docs/performance.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml

from tests.github.standin import ROOT, TIMINGS, StandIn
from tests.github.storm import PRIMARY_PER_HOUR, SECONDARY_PER_HOUR, Storm, StormResult, summary

VERIFY = ROOT / ".github" / "workflows" / "verify.yml"


@pytest.fixture
def storm_of(stand_in: StandIn) -> Iterator[type[Storm]]:
    made: list[Storm] = []

    def make(**kwargs: object) -> Storm:
        storm = Storm(stand_in, **kwargs)  # type: ignore[arg-type]
        made.append(storm)
        return storm

    yield make  # type: ignore[misc]
    for storm in made:
        storm.close()


def verify_time_limit() -> float:
    """The ``--time-limit`` verify.yml gives the bot: the storm runs with the workflow's own number."""
    text = VERIFY.read_text(encoding="utf-8")
    [limit] = re.findall(r"python -m jamkit\.github .*--time-limit (\d+)", text)
    return float(limit)


def test_the_workflow_gives_the_bot_time_to_wait_and_the_runner_more() -> None:
    """The bot's own deadline ends first, so it can stop with one line; the runner never kills it mid-wait."""
    job = yaml.safe_load(VERIFY.read_text(encoding="utf-8"))["jobs"]["verify"]
    [step] = [s for s in job["steps"] if "python -m jamkit.github " in s.get("run", "")]
    limit = verify_time_limit()
    assert limit >= 1800  # long enough that a newer push cancels most runs before they write (docs/maintainers.md)
    assert step["timeout-minutes"] * 60 >= limit + 60
    assert job["timeout-minutes"] >= step["timeout-minutes"] + 3  # checkout, install and jam check first


def check_every_run(result: StormResult, stand_in: StandIn) -> dict[str, object]:
    numbers = summary(result)
    assert [r.crashed for r in result.runs if r.crashed] == []
    assert stand_in.rejected() == []  # every request still matched GitHub's API description
    # GitHub's limits were never reached: the primary one counts in hourly windows that start
    # with a window's first request and end at x-ratelimit-reset, the secondary one (as the
    # proxy enforces it, more strictly than GitHub says) in any sliding hour.
    assert numbers["refused"] == 0  # paced under the limits: GitHub never had to refuse
    assert numbers["max_counted_per_window"] < PRIMARY_PER_HOUR
    assert numbers["max_content_creating_per_hour"] < SECONDARY_PER_HOUR
    # Requests per run, by what the run found: those GitHub counts (GET /rate_limit is free),
    # a request refused for a rate limit and made again after the wait counted once, and
    # the look at the pull request's head a run makes after waiting counted apart.
    for run in result.runs:
        outcome = run.outcome
        if outcome is None or outcome.errors:
            continue
        assert outcome.head_reads <= 2, run
        made = outcome.requests - outcome.refused - outcome.head_reads
        writes = outcome.writes - outcome.refused
        if outcome.comment == "unchanged":
            assert made <= 2, run
        else:
            assert made <= 4 and writes <= 3, run
    return numbers


def check_every_latest_head(result: StormResult) -> None:
    """The verdict branch protection reads is on every pull request's latest head, and it is the verdict."""
    for pr, run in result.latest.items():
        assert run.sha in result.status_at, f"pull request {pr}: no status on its latest head"
        assert result.status_at[run.sha][1] == ("success" if run.passed else "failure"), f"pull request {pr}"


def test_a_storm_of_100_pull_requests_gets_every_latest_head_its_status(storm_of, stand_in: StandIn) -> None:
    result = storm_of(prs=100, time_limit=verify_time_limit()).run()
    numbers = check_every_run(result, stand_in)
    TIMINGS["storm_100"] = numbers  # type: ignore[assignment]
    check_every_latest_head(result)
    assert numbers["max_counted_per_hour"] < PRIMARY_PER_HOUR  # even in any sliding hour
    assert numbers["max_lag_push_to_status_s"] <= 120  # within a minute of its run


def test_a_storm_of_300_pull_requests_gets_every_latest_head_its_status(storm_of, stand_in: StandIn) -> None:
    """900 pushes in an hour would need 900 statuses, more than the 500 writes an hour GitHub allows.

    Runs wait for the repository's pace, up to verify.yml's time limit, and a newer
    push cancels most of the superseded ones meanwhile; a run that waited looks at
    the head before it writes. Every latest head gets its verdict; how long that
    takes is in docs/performance.md.
    """
    result = storm_of(prs=300, time_limit=verify_time_limit()).run()
    numbers = check_every_run(result, stand_in)
    TIMINGS["storm_300"] = numbers  # type: ignore[assignment]
    check_every_latest_head(result)
