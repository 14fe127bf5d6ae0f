"""Local sites on the example site: the map and table of /sites/, one site's page, its calendar, the sprint's links.

Read from the real strict build of the repository's example content, whose London and São Paulo hubs are
site files hosting the 2026 evals sprint (teams and results) and a 2027 sprint each (still to come).
"""

from __future__ import annotations

import datetime as dt
import re

import segno
from icalendar import Calendar
from playwright.sync_api import Browser

from jamkit.checks import check
from jamkit.files.load import load_catalog
from jamkit.site.pages import build_pages
from jamkit.site.render import Renderer
from tests.helpers import Repo
from tests.site.sitekit import Site


def test_the_map_has_one_titled_shape_per_country_and_the_table_the_same_numbers(example_site: Site) -> None:
    page = example_site.content("sites/")
    svg = page.find("svg", cls="jam-map__svg")
    assert svg.attrs["role"] == "img"
    assert svg.find("title").text == "Local sites on a world map"
    assert "2 local sites in 2 countries: Brazil (1 site); United Kingdom (1 site)." in svg.find("desc").text
    marks = svg.find_all("g", cls="jam-map__country")
    assert sorted(m.attrs["data-country"] for m in marks) == ["BR", "GB"]
    assert {m.find("title").text for m in marks} == {"Brazil: São Paulo hub", "United Kingdom: London hub"}
    assert len(svg.find_all("g", cls="jam-map__land")) > 150  # the rest of the world, drawn and unmarked
    assert not page.has("script")
    rows = page.find("table", cls="jam-sites-table").find("tbody").find_all("tr")
    cells = {r.attrs["data-country"]: [c.text.strip() for c in r.find_all("td")] for r in rows}
    assert [r.attrs["data-country"] for r in rows] == ["BR", "GB"]  # by the country's name
    assert cells["GB"][1:] == ["2", "2"] and cells["BR"][1:] == ["2", "1"]  # sprints hosted, teams
    assert "../sites/london/" not in page.links() and "london/" in page.links()


def test_a_sites_page_shows_its_sprints_in_its_time_its_teams_and_how_to_join(example_site: Site) -> None:
    page = example_site.content("sites/sao-paulo/")
    assert page.find("h1").text == "São Paulo hub"
    assert "Beatriz Okafor Lima" in page.text and "times in America/Sao_Paulo" in page.text
    evals = page.find("section", id="sprint-evals-sprint-2026")
    assert "Fri 13 Mar 2026, 14:00 -03" in evals.text  # 17:00 UTC, in the site's own time zone
    starts = evals.find("time")  # and in UTC, for the reader's local time beside it (jamkit.js)
    assert starts.attrs["datetime"] == "2026-03-13T17:00:00+00:00"
    assert "../../projects/evals-sprint-2026/judge-model-drift/" in evals.links()
    join = page.find("h2", id="join").next("ul")
    assert "Interpretability" in join.text and "site: sao-paulo" in join.text
    assert "https://example.org/sites/sao-paulo/contato" in page.links()
    assert "calendar.ics" in page.links()


def test_a_sites_calendar_holds_the_sprints_it_hosts(example_site: Site) -> None:
    calendar = Calendar.from_ical(example_site.file("sites/london/calendar.ics").read_bytes())
    uids = {str(event["UID"]).split("@")[0] for event in calendar.walk("VEVENT")}
    hosted = ("sprint-evals-sprint-2026", "sprint-safety-benchmarks-2027")
    assert set(hosted) <= uids  # each sprint, with the same UID as in /calendar.ics
    assert all(uid.startswith(hosted) for uid in uids)  # and their schedules, nothing else


def test_a_sprints_page_links_each_of_its_site_files(example_site: Site) -> None:
    page = example_site.content("sprints/evals-sprint-2026/")
    where = page.find("h2", id="sites")
    links = page.links()
    assert where is not None and "../../sites/london/" in links and "../../sites/sao-paulo/" in links


def test_a_reader_sees_the_sites_time_and_their_own_beside_it(browser: Browser, example_url: str) -> None:
    context = browser.new_context(timezone_id="Asia/Kolkata", locale="en-GB")
    try:
        page = context.new_page()
        page.goto(example_url + "sites/sao-paulo/")
        starts = page.locator("#sprint-evals-sprint-2026 dl.jam-facts dt:text-is('Starts') + dd").inner_text()
        assert (
            starts == "Fri 13 Mar 2026, 14:00 -03 (Fri 13 Mar 2026, 17:00 UTC (your time: Fri 13 Mar, 22:30 GMT+5:30))"
        )
        assert page.locator("svg.jam-map__svg").count() == 0  # the map is on /sites/, drawn without script
        page.goto(example_url + "sites/")
        assert page.locator("svg.jam-map__svg g.jam-map__country").count() == 2
    finally:
        context.close()


HOSTILE_SITE = """\
---
name: "<img src=x onerror=alert(1)>"
city: Leeds
country: GB
timezone: Europe/London
organizers:
  - {name: "<script>alert(2)</script>", github: cara}
contact: https://example.org/leeds/contact
hosts:
  - {sprint: demo-sprint, venue: "<b onmouseover=alert(3)>Room</b>", notes: "[x](javascript:alert(4))"}
---
<script>alert(5)</script>
[click](javascript:alert(6)) <a href="#" onclick="alert(7)">x</a>
"""


def test_a_site_files_markup_is_made_harmless_on_every_page(demo_repo: Repo) -> None:
    demo_repo.write("sites/leeds-hub.md", HOSTILE_SITE)
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == [] and check(catalog) == []
    pages, _, index = build_pages(catalog, dt.datetime(2025, 1, 10, tzinfo=dt.UTC))
    renderer = Renderer(index, None)
    for url in ("sites/", "sites/leeds-hub/", "sprints/demo-sprint/"):
        html = renderer.render(next(p for p in pages if p.url == url))
        assert "<script" not in html and 'href="javascript:' not in html, url  # notes are text, never links
        assert not re.search(r"<[^>]*\son\w+\s*=", html), url  # no event handler on any element
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url  # the name, shown as text


def test_a_sites_printable_kit_has_the_local_schedule_the_criteria_and_a_qr_code_of_the_submission_link(
    example_site: Site,
) -> None:
    """Issue 27, item 4: what an organiser prints for the room, linked from the site's page."""
    assert "evals-sprint-2026/" in example_site.content("sites/sao-paulo/").links()
    kit = example_site.content("sites/sao-paulo/evals-sprint-2026/")
    assert "times in America/Sao_Paulo" in kit.text and "Fri 13 Mar 2026, 14:00 -03" in kit.text
    assert kit.find("h2", id="criteria") is not None and "site: sao-paulo" in kit.text
    svg = kit.find("div", cls="jam-kit__qr").find("svg")
    submit = kit.find("h2", id="submit").next("p").text.strip()
    assert submit.startswith("https://github.com/") and "evals-sprint-2026" in submit
    assert svg.attrs["data-url"] == submit and svg.attrs["role"] == "img"
    # The code is the link's: the same QR, drawn again from the link alone, has the same modules.
    drawn = segno.make(submit, error="m").svg_inline(scale=4, border=2, dark="#000", light="#fff")
    path = re.search(r' d="([^"]+)"', drawn)
    assert path is not None and path.group(1) in example_site.file("sites/sao-paulo/evals-sprint-2026/").read_text()
    assert "sites/sao-paulo/evals-sprint-2026/" not in example_site.file("sitemap.xml").read_text()  # for paper
