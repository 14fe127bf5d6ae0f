"""Listings that scale: the sprint catalogue filtered in the browser, and the people index in pages."""

from __future__ import annotations

import datetime as dt
import posixpath

import pytest
from playwright.sync_api import Browser, Page

from jamkit.files.load import load_catalog
from jamkit.site import pages as site_pages
from jamkit.site.pages import build_pages
from jamkit.site.render import Renderer
from jamkit.site.urls import people_page_url, person_url, relative
from tests.helpers import example_root
from tests.site.sitekit import EXAMPLE_NOW, Site, parse


def shown_cards(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        ".jam-group li.jam-card",
        """cards => cards.filter(c => c.offsetParent !== null).map(c => ({
            title: c.querySelector('.jam-card__title').innerText,
            topic: c.dataset.topic, year: c.dataset.year, format: c.dataset.format, status: c.dataset.status}))""",
    )


# --------------------------------------------------------------------------- /sprints/


def test_the_catalogue_filters_by_topic_year_format_and_status(browser: Browser, example_url: str) -> None:
    page = browser.new_page()
    page.goto(example_url + "sprints/")
    form = page.get_by_role("search", name="Filter sprints")
    assert form.is_visible()
    every = shown_cards(page)
    assert len(every) == len(list((example_root() / "sprints").glob("*.md")))
    assert "7 sprints" in form.locator("[role=status]").inner_text()

    form.get_by_label("Topic").select_option("interpretability")
    topic = shown_cards(page)
    assert 0 < len(topic) < len(every) and all('"interpretability"' in c["topic"] for c in topic)

    form.get_by_label("Year").select_option("2027")
    both = shown_cards(page)
    assert both and all(c["year"] == "2027" and '"interpretability"' in c["topic"] for c in both)
    assert f"{len(both)} of {len(every)} sprints match" in form.locator("[role=status]").inner_text()

    form.get_by_role("button", name="Show all").click()
    form.get_by_label("Status").select_option("finished")
    finished = shown_cards(page)
    assert finished and all(c["status"] == "finished" for c in finished)
    assert not page.locator("#upcoming ul.jam-cards").is_visible()  # an emptied group says so instead
    assert page.locator("#upcoming .jam-filters__none").is_visible()

    form.get_by_role("button", name="Show all").click()
    formats = form.get_by_label("Format").locator("option").all()
    chosen = formats[-1].get_attribute("value") or ""
    assert chosen in {"online", "in-person", "hybrid"}
    form.get_by_label("Format").select_option(chosen)
    kept = shown_cards(page)
    assert kept and all(c["format"] == chosen for c in kept)
    assert len(kept) == sum(1 for c in every if c["format"] == chosen)
    page.close()


def test_without_javascript_the_catalogue_is_the_full_list(browser: Browser, example_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(example_url + "sprints/")
    assert not page.locator("form.jam-filters").is_visible()
    assert len(shown_cards(page)) == len(list((example_root() / "sprints").glob("*.md")))
    context.close()


def test_a_hostile_topic_stays_data(site: Site) -> None:
    """Topics reach an attribute as JSON; quotes and angle brackets cannot leave it."""
    cards = site.content("sprints/").find_all("li", cls="jam-card")
    assert cards and all(card.attrs["data-topic"].startswith("[") for card in cards)
    assert not site.content("sprints/").has("script")


# --------------------------------------------------------------------------- /people/


def test_the_people_index_is_split_into_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_pages, "PEOPLE_PER_PAGE", 4)
    catalog, _ = load_catalog(example_root())
    now = dt.datetime.fromisoformat(EXAMPLE_NOW)
    pages, _, index = build_pages(catalog, now)
    listing = [p for p in pages if p.template == "people.html"]
    listed = [p for p in index.people.values() if p.listed]  # `listed: false` keeps a person out of the lists
    expected = -(-len(listed) // 4)
    assert len(listed) > 8 and len(listing) == expected
    assert [p.url for p in listing] == ["people/", *(f"people/page_{n}/" for n in range(2, expected + 1))]
    assert [p.in_nav for p in listing] == [True] + [False] * (expected - 1)
    renderer = Renderer(index, None)
    seen: list[str] = []
    for number, page in enumerate(listing, 1):
        html = parse(renderer.render(page))
        rows = html.find("table").find_all("tr")[1:]
        assert 0 < len(rows) <= 4
        seen += [posixpath.normpath(posixpath.join(page.url, row.find("a").attrs["href"])) + "/" for row in rows]
        pager = html.find("nav", cls="jam-pager")
        links = pager.links()
        assert links == [relative(page.url, p.url) for p in listing]
        (current,) = [a for a in pager.find_all("a") if a.attrs.get("aria-current") == "page"]
        assert current.text == str(number)
        assert f"page {number} of {expected}" in html.find("p").text
    assert sorted(seen) == sorted(person_url(p.key) for p in listed)  # everyone listed, once


def test_a_page_number_cannot_clash_with_a_person() -> None:
    """GitHub handles hold letters, digits and hyphens only; the numbered pages use an underscore."""
    assert people_page_url(1) == "people/"
    assert "_" in people_page_url(2) and people_page_url(2).startswith("people/")


def test_the_example_people_index_is_one_page_with_a_filter(example_site: Site) -> None:
    page = example_site.content("people/")
    assert not page.has("nav", cls="jam-pager")
    assert page.find("form", cls="jam-filters").attrs.get("hidden") is not None  # until JavaScript shows it


def test_the_people_filter_narrows_the_rows(browser: Browser, example_url: str) -> None:
    page = browser.new_page()
    page.goto(example_url + "people/")
    rows = page.locator("table.jam-people tbody tr")
    total = rows.count()
    page.get_by_role("search", name="Filter people").get_by_label("Name").fill("priya")
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total and all("priya" in r.inner_text().lower() for r in visible)
    page.close()
