"""The built example site checked by real tools: axe-core in Chromium, the Nu HTML Checker, a link checker,
feedparser and icalendar, and a phone-sized screen."""

from __future__ import annotations

import posixpath
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import icalendar
import pytest
from playwright.sync_api import Browser, Page

from tests.site.browserkit import AXE, PAGE_KINDS, VNU, kind_files
from tests.site.sitekit import Site


def visit(page: Page, url: str, kind: str) -> None:
    page.goto(url + ("?q=attention" if kind == "search" else ""))
    if kind == "search":
        page.wait_for_selector(".jam-search-page__title", timeout=15_000)
    page.wait_for_load_state("networkidle")


# --------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation_on_any_page_kind(
    browser: Browser, example_site: Site, example_url: str, scheme: str
) -> None:
    kind_files(example_site)
    context = browser.new_context(color_scheme=scheme)  # the palette follows the system's preference
    page = context.new_page()
    axe = AXE.read_text(encoding="utf-8")
    found = []
    for kind, path in PAGE_KINDS.items():
        visit(page, example_url + path, kind)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        page.add_script_tag(content=axe)
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ")}`)"""
        )
        found += [f"{kind}: {v}" for v in violations]
    context.close()
    assert found == []


# --------------------------------------------------------------------------- HTML validity


def test_the_nu_html_checker_finds_no_error_on_any_page_kind(example_site: Site) -> None:
    files = kind_files(example_site)
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr or done.stdout


def test_the_nu_html_checker_does_report_invalid_html(tmp_path: Path) -> None:
    """The check above can fail: the checker really runs and reads the files it is given."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><title>x</title><p><div>nested</p>", encoding="utf-8")
    done = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(bad)], capture_output=True, text=True)
    assert done.returncode != 0 and "error" in done.stderr


# --------------------------------------------------------------------------- links


class _Links(HTMLParser):
    """The ids of a page, and every URL it points at (a, link, img, script, source, form)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if found.get(key):
                self.ids.add(str(found[key]))
        attr = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "form": "action"}.get(tag)
        if attr and found.get(attr) is not None:
            self.urls.append(str(found[attr]))


def broken_links(root: Path) -> list[str]:
    """Every internal link or anchor in the built site that leads nowhere."""
    pages: dict[str, _Links] = {}
    for path in sorted(root.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(root).as_posix()] = parser
    broken = []
    for name, parser in pages.items():
        here = posixpath.dirname(name)
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "//")):
                continue
            base = "" if parts.path.startswith("/") else here  # 404.html links from the root: it is served anywhere
            path = unquote(parts.path).lstrip("/")
            target = posixpath.normpath(posixpath.join(base, path) or ".") if parts.path else name
            if target.startswith(".."):
                broken.append(f"{name}: {url} leaves the site")
                continue
            if target != name and (root / target).is_dir():
                target = posixpath.join(target, "index.html")
            if target == ".":
                target = "index.html"
            if not (root / target).is_file():
                broken.append(f"{name}: {url} (no {target})")
            elif parts.fragment and target in pages and unquote(parts.fragment) not in pages[target].ids:
                broken.append(f"{name}: {url} (no #{parts.fragment} in {target})")
    return broken


def test_no_internal_link_or_anchor_in_the_built_site_is_broken(example_site: Site) -> None:
    assert len(list(example_site.root.rglob("*.html"))) > 50
    assert broken_links(example_site.root) == []


def test_the_link_checker_finds_a_broken_link_and_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">x</a><a href="b/">x</a>', encoding="utf-8"
    )
    assert broken_links(tmp_path) == ["index.html: a/#gone (no #gone in a/index.html)", "index.html: b/ (no b)"]


# --------------------------------------------------------------------------- feed and calendar


def test_feedparser_reads_the_feed(example_site: Site) -> None:
    feed = feedparser.parse((example_site.root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) >= 5 and all(e.title and e.link and e.updated for e in feed.entries)


def test_icalendar_reads_the_calendar(example_site: Site) -> None:
    calendar = icalendar.Calendar.from_ical((example_site.root / "calendar.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) >= 7
    assert all(e.get("DTSTART") and e.get("UID") and e.get("SUMMARY") for e in events)
    assert any(str(e.get("SUMMARY")) == "Interpretability Research Sprint 2026" for e in events)


# --------------------------------------------------------------------------- a phone


def test_no_page_kind_is_wider_than_a_phone(browser: Browser, example_site: Site, example_url: str) -> None:
    kind_files(example_site)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    for kind, path in PAGE_KINDS.items():
        visit(page, example_url + path, kind)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            wide.append(f"{kind}: {width}px")
    assert wide == []
    visit(page, example_url + "stats/", "stats")
    boxes = page.locator(".md-typeset__scrollwrap")
    wide = [boxes.nth(i) for i in range(boxes.count()) if boxes.nth(i).evaluate("b => b.scrollWidth > b.clientWidth")]
    assert wide  # the by-sprint table is wider than a phone: it scrolls inside its box...
    for box in wide:  # ...and each such box says so just above it
        hint = box.evaluate("b => b.previousElementSibling && b.previousElementSibling.className")
        assert hint == "jam-scroll-hint"
    assert all("Scroll sideways" in h for h in page.locator(".jam-scroll-hint").all_inner_texts())
    assert page.locator(".jam-scroll-hint").count() == len(wide)  # and no hint stands above a table that fits
    context.close()
