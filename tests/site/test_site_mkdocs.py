"""The site as readers see it: a real strict MkDocs build of a fixture repository, read as HTML."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from jamkit.site.build.load import build_time
from tests.helpers import PDF
from tests.site.sitekit import NOW, Node, Site, build, parse

WINNER = "projects/past-sprint/winner-proj/"
EVIL = "projects/past-sprint/evil-proj/"
GONE = "projects/past-sprint/gone-proj/"


def card_titles(node: Node) -> list[str]:
    return [card.find("p", cls="jam-card__title").text for card in node.find_all("li", cls="jam-card")]


# --------------------------------------------------------------------------- home and catalogue


def test_home_shows_live_and_upcoming_sprints_recent_winners_and_headline_numbers(site: Site) -> None:
    home = site.content("")
    figures = {
        f.find_all("span")[1].text: f.find("span", cls="jam-figure__n").text for f in home.find_all(cls="jam-figure")
    }
    # Published projects only: not the retracted one, not the hidden one; the future sprint is not held yet.
    assert figures == {
        "sprints held": "3",
        "projects": "6",
        "participants": "6",
        "countries": "2",
        "cities": "2",
        "local sites": "2",
    }
    headings = [h.text for h in home.find_all("h2")]
    assert headings[:3] == ["Live now", "Upcoming sprints", "Recent winners"]
    assert "Live Agents Sprint" in home.text and "Future Governance Sprint" in home.text
    winners = home.find_all("li", cls="jam-card--winner")
    assert [card.find("p", cls="jam-card__title").text for card in winners] == [
        "Zebra Winner Project",
        "Middle Second Place",
    ]
    assert "Past Interpretability Sprint" not in " ".join(card_titles(home)[:2])


def test_browser_titles_name_the_page_then_the_site_and_the_home_page_just_the_site(site: Site) -> None:
    site_name = site.page("").find("title").text
    assert " - " not in site_name
    assert site.page(WINNER).find("title").text == f"Zebra Winner Project - {site_name}"


def test_catalogue_groups_sprints_by_status_derived_from_jam_now(site: Site) -> None:
    catalogue = site.content("sprints/")
    groups = {s.attrs["id"]: card_titles(s) for s in catalogue.find_all("section", cls="jam-group")}
    assert groups == {
        "live": ["Live Agents Sprint"],
        "upcoming": ["Future Governance Sprint"],
        "judging": ["Judging Evals Sprint"],
        "finished": ["Past Interpretability Sprint"],
    }
    assert list(groups) == ["live", "upcoming", "judging", "finished"]


def test_status_moves_with_jam_now(site_repo: Path, tmp_path: Path) -> None:
    later = build(site_repo, tmp_path / "site", "2024-06-08T12:00:00Z")
    groups = {s.attrs["id"]: card_titles(s) for s in later.content("sprints/").find_all("section", cls="jam-group")}
    assert groups["live"] == ["Future Governance Sprint"]
    assert groups["upcoming"] == []
    assert groups["judging"] == ["Live Agents Sprint", "Judging Evals Sprint"]
    assert "Register" not in later.content("sprints/live-sprint/").text


def test_build_time_reads_jam_now_and_defaults_to_utc() -> None:
    assert build_time({"JAM_NOW": "2024-03-02T12:00:00+01:00"}).isoformat() == "2024-03-02T12:00:00+01:00"
    assert build_time({"JAM_NOW": "2024-03-02T12:00:00"}).utcoffset().total_seconds() == 0
    assert build_time({}).tzinfo is not None


# --------------------------------------------------------------------------- sprint page


def test_sprint_page_shows_dates_deadline_in_words_and_every_section(site: Site) -> None:
    page = site.content("sprints/past-sprint/")
    assert page.find("h1").text == "Past Interpretability Sprint"
    facts = page.find("dl", cls="jam-facts").text
    assert "Fri 19 Jan 2024, 09:00 UTC" in facts
    # A bare-date deadline is 23:59:59 AoE, i.e. noon UTC the next day.
    assert page.find("strong", cls="jam-deadline").text == "Sunday 21 January, 23:59 AoE"
    assert "Mon 22 Jan 2024, 11:59 UTC" in facts
    schedule = [row.text for row in page.find("h2", id="schedule").next("div").find_all("tr")][1:]
    assert schedule == ["Fri 19 Jan 2024, 09:00 UTC Opening keynote Ada Judge", "Sat 20 Jan 2024, 15:00 UTC Check-in"]
    prizes = page.find("ul", cls="jam-prizes").text
    assert "1st place: $2,000" in prizes and "2nd place: €1,000" in prizes
    # A finished sprint explains its criteria in "How this was judged" (weights as shares of the total).
    assert not page.has("h2", id="criteria")
    assert "AI safety impact (67%)" in page.find("section", cls="jam-judging").find("dl", cls="jam-criteria").text
    judges = page.find("ul", cls="jam-people")
    judge = judges.find("a")
    assert (judge.text, judge.attrs["href"]) == ("Ada Judge", "../../people/ada-judge/")
    # A judge without a GitHub handle is listed all the same, without a link.
    assert [li.text for li in judges.find_all("li")] == ["Ada Judge Judge Institute", "Quinn Nohandle Quiet Institute"]
    countries = [h.text for h in page.find_all("h3") if not h.classes]
    assert countries == ["Nigeria", "United Kingdom", "Online"]
    assert "organized by LDN Safety" in page.text
    assert "Starter notebook" in page.text and "notebook" in page.text
    assert ("Linked Partner", "https://example.org/partner") in [
        (a.text, a.attrs.get("href")) for a in page.find_all("a")
    ]
    assert "Partner Org" in page.text
    # Registration only while it can be used.
    assert "Register" not in page.text
    assert "Register" in site.content("sprints/live-sprint/").text
    # The description's image sits beside the page.
    assert page.find("div", cls="jam-body").find("img").attrs["src"] == "banner.png"
    assert site.exists("sprints/past-sprint/banner.png")
    assert not site.exists("sprints/past-sprint/reviews.yaml")


def test_sprint_gallery_lists_winners_first_then_by_title_and_no_retracted_work(site: Site) -> None:
    gallery = site.content("sprints/past-sprint/").find("ul", cls="jam-cards")
    assert card_titles(gallery) == [
        "Zebra Winner Project",
        "Middle Second Place",
        "Aardvark Comes First Alphabetically",  # an honorable mention: after the places, before the rest
        "<b>Bold</b> & <script>alert('title')</script>",
        "Embargo Has Ended",
    ]
    cards = gallery.find_all("li", cls="jam-card")
    assert cards[0].find(cls="jam-award").text == "1st place · $2,000"
    assert cards[1].find(cls="jam-award").text == "2nd place"
    assert cards[2].find(cls="jam-award").text == "Honorable mention"
    assert not cards[3].has(cls="jam-award")
    assert "Withdrawn Work" not in gallery.text and "SECRET-ABSTRACT" not in gallery.text


# --------------------------------------------------------------------------- project page


def test_project_page_shows_everything_about_a_winning_project(site: Site) -> None:
    page = site.content(WINNER)
    assert page.find("h1").text == "Zebra Winner Project"
    assert page.find(cls="jam-award").text == "1st place · $2,000"
    facts = page.find("dl", cls="jam-facts")
    assert "Stripes" in facts.text
    members = [(a.text, a.attrs["href"]) for a in facts.find("ul", cls="jam-members").find_all("a")]
    assert members == [
        ("Bea Builder", "../../../people/bea/"),
        ("ORCID", "https://orcid.org/0000-0002-1825-0097"),
    ]
    assert "No Handle" in facts.text
    assert "London hub, London, United Kingdom" in facts.text
    assert "MIT" in facts.text
    assert page.find("p", cls="jam-abstract").text == "We probe a small model for deceptive behaviour."
    buttons = {a.text: a.attrs["href"] for a in page.find("p", cls="jam-links").find_all("a")}
    assert buttons == {
        "Read the report (PDF)": "report.pdf",
        "Code": "https://github.com/example/zebra",
        "Video": "https://example.org/video",
    }
    assert ("Demo", "https://example.org/demo") in [(a.text, a.attrs["href"]) for a in page.find_all("a")]
    assert [t.text for t in page.find("nav", cls="md-tags").find_all(cls="md-tag")] == ["interpretability", "probing"]
    body = page.find("div", cls="jam-body")
    assert body.find("h3").text == "Method"  # the page owns the h1 and h2s; bodies start one level down
    assert body.find("img").attrs["src"] == "figure.png"
    bib = page.find("pre").text
    assert bib.startswith("@misc{past-sprint-winner-proj,")
    assert "author = {Bea Builder and No Handle}" in bib and "year = {2024}" in bib
    assert ("A Paper That Grew", "https://example.org/paper") in [(a.text, a.attrs["href"]) for a in page.find_all("a")]
    review = page.find("blockquote", cls="jam-review").text
    assert "REVIEW-SHOWN clear and careful work." in review and "Ada Judge" in review


def test_attachments_are_copied_beside_the_project_page(site: Site) -> None:
    assert site.file(WINNER + "report.pdf").read_bytes() == PDF
    assert site.exists(WINNER + "figure.png")
    assert site.file(WINNER + "data/table.txt").read_text() == "a,b\n1,2\n"


def test_reviews_stay_private_until_the_sprint_has_awards(site: Site) -> None:
    page = site.content("projects/judging-sprint/pending-proj/")
    assert not page.has("blockquote", cls="jam-review")
    assert all(
        "REVIEW-TOO-EARLY" not in p.read_text(encoding="utf-8")
        for p in site.root.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml", ".ics"}
    )


def test_untrusted_body_and_front_matter_are_inert(site: Site) -> None:
    document = site.page(EVIL)
    page = document.find("article", cls="md-content__inner")
    assert page.find("h1").text == "<b>Bold</b> & <script>alert('title')</script>"
    assert not page.has("b") and not page.has("script") and not page.has("iframe") and not page.has("i")
    assert document.find("title").text.startswith("<b>Bold</b> & <script>")
    assert document.find("meta", name="description").attrs["content"].startswith("<script>alert('abstract')")
    assert page.find("p", cls="jam-abstract").text.startswith("<script>alert('abstract')</script>")
    assert page.find("ul", cls="jam-members").find("a").text == "<img src=x onerror=alert('member')>"
    assert page.find(cls="md-tag").text == "<img src=x onerror=alert('tag')>"
    handlers = [(n.tag, k) for n in document.iter() for k in n.attrs if k.startswith("on")]
    assert handlers == []
    hrefs = [n.attrs.get("href", "") + n.attrs.get("src", "") for n in document.iter()]
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]
    body = page.find("div", cls="jam-body")
    assert [a.text for a in body.find_all("a")] == ["Image from example.org", "click me", "styled", "raw link"]
    assert "alert('body')" not in body.text and not body.has("img")  # an outside image is a link, without onerror
    assert body.find("a", cls="jam-outside-image").attrs["href"] == "https://example.org/x.png"
    # Material's own inline scripts mention no payload; the schema.org data holds the title as inert JSON.
    scripts = document.find_all("script")
    assert all("alert(" not in s.text for s in scripts if s.attrs.get("type") != "application/ld+json")
    (data,) = [json.loads(s.text) for s in scripts if s.attrs.get("type") == "application/ld+json"]
    assert data["name"] == "<b>Bold</b> & <script>alert('title')</script>"
    # The title is escaped wherever else it appears.
    gallery = site.content("sprints/past-sprint/")
    assert not gallery.has("b") and not gallery.has("script")
    assert not (site.root / "search" / "search_index.json").exists()  # Pagefind's index, not Material's


def test_retracted_project_keeps_a_notice_page_without_its_content(site: Site) -> None:
    page = site.content(GONE)
    notice = page.find("div", cls="jam-retracted")
    assert "This project has been retracted" in notice.text
    assert "It described a hazardous capability in detail." in notice.text and "1 February 2024" in notice.text
    assert page.find("h1").text == "Withdrawn Work"
    assert not page.has(cls="jam-abstract") and not page.has(cls="jam-body") and not page.has("pre")
    assert "SECRET" not in page.text
    assert not site.exists(GONE + "report.pdf")
    assert all(
        "SECRET" not in p.read_text(encoding="utf-8", errors="ignore") for p in site.root.rglob("*") if p.is_file()
    )


def test_hidden_project_has_no_page_and_is_listed_nowhere(site: Site) -> None:
    assert not (site.root / "projects" / "past-sprint" / "hidden-proj").exists()
    assert not (site.root / "people" / "hidden-person").exists()
    leaks = [str(p.relative_to(site.root)) for p in site.root.rglob("*") if p.is_file() and b"HIDDEN" in p.read_bytes()]
    assert leaks == []
    # A publication that grew out of it links only the visible project.
    article = site.content("publications/").find("article", id="grown-paper")
    assert "projects/past-sprint/hidden-proj" not in " ".join(article.links())


def test_embargo_that_has_ended_is_published(site: Site) -> None:
    assert site.content("projects/past-sprint/embargo-over/").find("h1").text == "Embargo Has Ended"


def test_example_content_is_marked_on_its_page(site: Site) -> None:
    notice = "Example content — not real research"
    assert site.content("sprints/past-sprint/").find(cls="jam-example").find(cls="admonition-title").text == notice
    assert site.content(WINNER).find(cls="jam-example").find(cls="admonition-title").text == notice
    grown = site.content("publications/").find("article", id="grown-paper")
    assert grown.find(cls="jam-example").find(cls="admonition-title").text == notice
    for url in ("sprints/live-sprint/", "projects/past-sprint/second-proj/"):
        assert not site.content(url).has(cls="jam-example")
    assert not site.content("publications/").find("article", id="older-paper").has(cls="jam-example")


# --------------------------------------------------------------------------- publications, people, stats


def test_publications_by_year_linked_to_their_projects(site: Site) -> None:
    page = site.content("publications/")
    assert [h.text for h in page.find_all("h2")] == ["2024", "2022"]
    grown = page.find("article", id="grown-paper")
    assert grown.find("h3").find("a").attrs["href"] == "https://example.org/paper"
    assert ("Zebra Winner Project", "../projects/past-sprint/winner-proj/") in [
        (a.text, a.attrs["href"]) for a in grown.find_all("a")
    ]
    assert ("arXiv:2401.01234", "https://arxiv.org/abs/2401.01234") in [
        (a.text, a.attrs["href"]) for a in grown.find_all("a")
    ]
    assert "Outside Author" in grown.text


def test_person_page_lists_projects_awards_papers_and_judging(site: Site) -> None:
    bea = site.content("people/bea/")
    assert bea.find("h1").text == "Bea Builder"
    assert card_titles(bea) == ["Zebra Winner Project", "Middle Second Place"]
    awards = bea.find("h2", id="awards").next("ul")
    assert [li.text for li in awards.find_all("li")] == [
        "1st place · $2,000 Zebra Winner Project, Past Interpretability Sprint",
        "2nd place Middle Second Place, Past Interpretability Sprint",
    ]
    assert ("A Paper That Grew", "../../publications/#grown-paper") in [
        (a.text, a.attrs["href"]) for a in bea.find_all("a")
    ]
    judged = site.content("people/ada-judge/").find("h2", id="judged").next("ul")
    assert [(a.text, a.attrs["href"]) for a in judged.find_all("a")] == [
        ("Judging Evals Sprint", "../../sprints/judging-sprint/"),
        ("Past Interpretability Sprint", "../../sprints/past-sprint/"),
    ]
    people = site.content("people/")
    names = [a.text for a in people.find("table").find_all("a")]
    assert "Bea Builder" in names and "Hidden Person" not in names and "Dee Withdrawn" not in names


def test_stats_page_counts_by_sprint_and_country(site: Site) -> None:
    page = site.content("stats/")
    by_sprint = page.find("h2", id="by-sprint").parent
    rows = {r.find("a").text: [td.text for td in r.find_all("td")][2:] for r in by_sprint.find_all("tr") if r.has("a")}
    # projects, participants, returning, countries where they were made, sign-ups
    assert rows["Past Interpretability Sprint"] == ["5", "5", "0", "2", "120"]
    assert rows["Judging Evals Sprint"] == ["1", "1", "0", "0", "–"]
    section = page.find("h2", id="countries").parent
    countries = [[td.text for td in r.find_all("td")] for r in section.find("tbody").find_all("tr")]
    assert countries == [["Nigeria", "1", "1", "Lagos"], ["United Kingdom", "1", "1", "London"]]


def test_open_data_is_written_beside_the_pages(site: Site) -> None:
    projects = json.loads((site.root / "api" / "projects.json").read_text(encoding="utf-8"))
    assert "Zebra Winner Project" in json.dumps(projects)
    for name in ("api/sprints.json", "api/publications.json", "feed.xml", "calendar.ics", "schema/sprint.json"):
        assert (site.root / name).is_file(), name


# --------------------------------------------------------------------------- links and navigation


def test_every_internal_link_is_relative_and_resolves(site: Site) -> None:
    """Crawl every page: links must work when the site is served under a sub-path."""
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    for path in site.html_pages():
        if path.name == "404.html":
            continue  # MkDocs gives the error page root-absolute links on purpose: it is served at any path.
        document = parse(path.read_text(encoding="utf-8"))
        for node in document.iter():
            target = node.attrs.get("href") if node.tag in ("a", "link") else node.attrs.get("src")
            if not target or node.tag not in ("a", "link", "img", "script"):
                continue
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith(("#", "mailto:")):
                continue
            page = path.relative_to(site.root)
            if target.startswith("/"):
                broken.append(f"{page}: absolute link {target}")
                continue
            resolved = (path.parent / unquote(parts.path)).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append(f"{page}: {target}")
            elif parts.fragment and resolved.suffix == ".html":
                if resolved not in ids:
                    ids[resolved] = {
                        n.attrs["id"] for n in parse(resolved.read_text("utf-8")).iter() if "id" in n.attrs
                    }
                if parts.fragment not in ids[resolved]:
                    broken.append(f"{page}: {target} (no such anchor)")
    assert broken == []


def test_navigation_stays_small_on_generated_pages(site: Site) -> None:
    document = site.page(WINNER)
    nav = document.find("nav", cls="md-nav--primary")
    titles = [a.text for a in nav.find_all("a", cls="md-nav__link")]
    assert "Zebra Winner Project" not in titles and "Bea Builder" not in titles
    assert {"Sprints", "Publications", "People", "Impact"} <= set(titles)
    assert len(titles) < 30


@pytest.fixture
def empty_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    from tests.site.sitekit import site_skeleton

    site_skeleton(repo)
    return repo


def test_a_repository_without_content_still_builds(empty_repo: Path, tmp_path: Path) -> None:
    site = build(empty_repo, tmp_path / "site", NOW)
    assert "No sprint is announced yet" in site.content("").text
    assert "No publications yet." in site.content("publications/").text
