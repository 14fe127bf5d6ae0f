"""The deadline storm: pull requests pushing three times each within one simulated hour (see storm.py).

The bot runs for real (``Bot.apply``) against the stand-in behind a proxy that
enforces GitHub's primary and secondary rate limits on a simulated clock, so an
hour and more of the storm takes seconds. The numbers are those of
docs/performance.md.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from standin import TIMINGS, StandIn
from storm import PRIMARY_PER_HOUR, SECONDARY_PER_HOUR, Storm, StormResult, summary


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


def check_every_run(result: StormResult, stand_in: StandIn) -> dict[str, object]:
    numbers = summary(result)
    assert [r.crashed for r in result.runs if r.crashed] == []
    assert stand_in.rejected() == []  # every request still matched GitHub's API description
    # GitHub's limits were never passed (the proxy would have refused), and the bot did not hammer.
    assert numbers["max_counted_per_hour"] <= PRIMARY_PER_HOUR
    assert numbers["max_content_creating_per_hour"] <= SECONDARY_PER_HOUR
    # Requests per run, by what the run found: those GitHub counts (GET /rate_limit is free),
    # a request refused for a rate limit and made again after the wait counted once.
    for run in result.runs:
        outcome = run.outcome
        if outcome is None or outcome.errors:
            continue
        made, writes = outcome.requests - outcome.refused, outcome.writes - outcome.refused
        if outcome.comment == "unchanged":
            assert made <= 2, run
        else:
            assert made <= 4 and writes <= 3, run
    return numbers


def test_a_storm_of_100_pull_requests_gets_every_latest_head_its_status(storm_of, stand_in: StandIn) -> None:
    result = storm_of(prs=100).run()
    numbers = check_every_run(result, stand_in)
    TIMINGS["storm_100"] = numbers  # type: ignore[assignment]
    assert numbers["refused"] == 0  # paced under the limits: GitHub never had to refuse
    for pr, run in result.latest.items():
        assert run.sha in result.status_at, f"pull request {pr}: no status on its latest head"
        assert result.status_at[run.sha][1] == ("success" if run.passed else "failure")
    assert numbers["max_counted_per_hour"] < 1000 and numbers["max_content_creating_per_hour"] < 500


def test_a_storm_of_300_pull_requests_stays_within_the_limits(storm_of, stand_in: StandIn) -> None:
    """900 pushes in an hour need 900 statuses, more than the 500 writes an hour GitHub allows.

    Measured, not solved: no run crashes and the limits hold, but with a ten-minute
    time limit per run not every latest head gets its status (docs/performance.md).
    """
    result = storm_of(prs=300).run()
    numbers = check_every_run(result, stand_in)
    TIMINGS["storm_300"] = numbers  # type: ignore[assignment]
    assert numbers["latest_heads_with_status"] >= 100
    stopped = [r for r in result.runs if r.outcome and r.outcome.errors and not r.outcome.status]
    assert all("rate limit" in " ".join(r.outcome.errors) for r in stopped if r.outcome)
