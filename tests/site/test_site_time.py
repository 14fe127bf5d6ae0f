"""Time for humans in a real browser: local times beside UTC, countdowns, and statuses that follow the clock.

The fixture site is built at 2024-03-02 12:00 UTC, when "Live Agents Sprint"
(17:00 UTC on 1 March to the end of 3 March, Anywhere on Earth) is live. The
browser's zone and clock are forced (Playwright ``timezone_id`` and ``clock``),
so what a reader in Kolkata or New York sees is checked, not assumed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import icalendar
import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.site import browserkit
from tests.site.sitekit import Site

LIVE = "sprints/live-sprint/"


@pytest.fixture(scope="module")
def served(site: Site) -> Iterator[str]:
    with browserkit.served(site.root) as url:
        yield url


@pytest.fixture
def context_in(browser: Browser) -> Iterator:
    opened: list[BrowserContext] = []

    def make(zone: str, **options: object) -> BrowserContext:
        context = browser.new_context(timezone_id=zone, locale="en-GB", **options)
        opened.append(context)
        return context

    yield make
    for context in opened:
        context.close()


def fact(page, name: str) -> str:
    return page.locator(f"dl.jam-facts dt:text-is('{name}') + dd").inner_text()


def test_a_reader_in_kolkata_sees_their_own_time_beside_utc(context_in, served: str) -> None:
    watched = browserkit.Watched(context_in("Asia/Kolkata").new_page())
    page = watched.page
    page.goto(served + LIVE, wait_until="networkidle")
    assert fact(page, "Starts") == "Fri 1 Mar 2024, 17:00 UTC (your time: Fri 1 Mar, 22:30 GMT+5:30)"
    deadline = fact(page, "Deadline")  # 3 March 23:59:59 AoE is 4 March 11:59 UTC, 17:29 in Kolkata
    assert deadline.endswith("(Mon 4 Mar 2024, 11:59 UTC (your time: Mon 4 Mar, 17:29 GMT+5:30))")
    page.goto(served + "sprints/past-sprint/", wait_until="networkidle")
    first = page.locator("#schedule ~ div table tbody tr").first.locator("td").first.inner_text()
    assert first == "Fri 19 Jan 2024, 09:00 UTC (your time: Fri 19 Jan, 14:30 GMT+5:30)"
    assert watched.problems == []


def test_a_reader_on_utc_sees_utc_once(context_in, served: str) -> None:
    page = context_in("UTC").new_page()
    page.goto(served + LIVE, wait_until="networkidle")
    assert fact(page, "Starts") == "Fri 1 Mar 2024, 17:00 UTC"
    assert page.locator(".jam-local").count() == 0


def test_status_and_countdown_follow_the_readers_clock(context_in, served: str) -> None:
    context = context_in("America/New_York")
    watched = browserkit.Watched(context.new_page())
    page = watched.page
    page.clock.install(time=dt.datetime(2024, 3, 1, 16, 59, tzinfo=dt.UTC))  # a minute before the start
    page.goto(served + LIVE, wait_until="networkidle")
    badge, countdown = page.locator("article .jam-status").first, page.locator(".jam-countdown")
    assert badge.inner_text() == "Upcoming" and "jam-status--upcoming" in badge.get_attribute("class")
    assert countdown.inner_text() == "Starts in 1 minute"
    page.clock.run_for(61_000)  # the page is left open past the start
    assert badge.inner_text() == "Live" and "jam-status--upcoming" not in badge.get_attribute("class")
    assert countdown.inner_text() == "Deadline in 2 days, 19 hours"
    page.clock.fast_forward(72 * 3600 * 1000)  # past the deadline: judging until awards exist
    page.clock.run_for(16_000)
    assert badge.inner_text() == "Judging"
    assert countdown.is_hidden()
    assert watched.problems == []


def test_the_catalogue_badges_follow_the_clock_too(context_in, served: str) -> None:
    page = context_in("Europe/Berlin").new_page()
    page.clock.set_fixed_time(dt.datetime(2024, 6, 8, 12, tzinfo=dt.UTC))  # the future sprint has started
    page.goto(served + "sprints/", wait_until="networkidle")
    card = page.locator(".jam-card", has_text="Future Governance Sprint")
    assert card.locator(".jam-status").inner_text() == "Live"
    past = page.locator(".jam-card", has_text="Past Interpretability Sprint").locator(".jam-status")
    assert past.inner_text() == "Finished"  # awarded: it stays finished


def test_without_javascript_the_build_time_values_stand(context_in, served: str) -> None:
    page = context_in("Asia/Kolkata", java_script_enabled=False).new_page()
    page.goto(served + LIVE)
    assert page.locator("article .jam-status").first.inner_text() == "Live"
    assert page.locator(".jam-countdown").is_hidden()
    assert page.locator(".jam-local").count() == 0
    assert fact(page, "Starts") == "Fri 1 Mar 2024, 17:00 UTC"


def test_every_sprint_page_links_its_own_calendar(site: Site) -> None:
    for page in sorted((site.root / "sprints").glob("*/index.html")):
        url = f"sprints/{page.parent.name}/"
        link = site.content(url).find("p", cls="jam-calendar").find("a")
        assert link.text == "Add to calendar" and "download" in link.attrs
        target = (page.parent / link.attrs["href"]).resolve()
        calendar = icalendar.Calendar.from_ical(target.read_text(encoding="utf-8"))
        title = site.content(url).find("h1").text
        assert str(next(iter(calendar.walk("VEVENT")))["SUMMARY"]) == " ".join(title.split())
