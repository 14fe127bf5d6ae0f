"""Results, /winners/, "How this was judged", honorable mentions and judges' pages, as readers see them.

Most tests read the shared strict MkDocs build of the fixture repository; the
variations (published scores, judges who share no project, a hostile judge)
render the same pages from a changed copy through ``build_pages`` and the
templates, without MkDocs, which is the part they exercise.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from jamkit.core.model import utc_day
from jamkit.files.load import load_catalog
from jamkit.judging import awards
from jamkit.site.pages import build_pages
from jamkit.site.render import Renderer
from tests.site.sitekit import NOW, Node, Site, parse, write_content

PAST = "sprints/past-sprint/"
ATOM = "{http://www.w3.org/2005/Atom}"
SPRINT_FILE = "sprints/past-sprint.md"
REVIEWS_FILE = "sprints/past-sprint/reviews.yaml"


def position(page: Node, node: Node) -> int:
    return next(i for i, n in enumerate(page.iter()) if n is node)


def results_of(node: Node) -> list[tuple[str, str, str, str]]:
    """Each result as (award, title, link, team) in the order shown."""
    return [
        (
            li.find(cls="jam-award").text,
            li.find("p", cls="jam-result__title").text,
            li.find("p", cls="jam-result__title").find("a").attrs["href"],
            li.find("p", cls="jam-result__team").text,
        )
        for li in node.find_all("li", cls="jam-result")
        if li.has("p", cls="jam-result__title")  # (a place withdrawn shows no project)
    ]


def rendered(repo: Path, now: str = NOW) -> dict[str, Node]:
    """Every generated page of ``repo``, rendered by the site's templates and parsed."""
    catalog, problems = load_catalog(repo)
    assert problems == []
    pages, _, index = build_pages(catalog, dt.datetime.fromisoformat(now))
    renderer = Renderer(index, None)
    return {page.url: parse(renderer.render(page)) for page in pages}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write_content(tmp_path)
    return tmp_path


def edit(repo: Path, path: str, old: str, new: str) -> None:
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- results first


def test_a_finished_sprint_leads_with_its_results_before_the_description(site: Site) -> None:
    page = site.content(PAST)
    results = page.find("h2", id="results")
    assert position(page, page.find("h1")) < position(page, results)
    for later in (page.find("dl", cls="jam-facts"), page.find("div", cls="jam-body"), page.find("h2", id="projects")):
        assert position(page, results) < position(page, later)
    section = page.find("section", cls="jam-results-section")
    assert results_of(section.find("ol", cls="jam-results")) == [
        (
            "1st place · $2,000",
            "Zebra Winner Project",
            "../../projects/past-sprint/winner-proj/",
            "Stripes · Bea Builder, No Handle",
        ),
        ("2nd place", "Middle Second Place", "../../projects/past-sprint/second-proj/", "Bea Builder"),
    ]
    assert section.find("h3", cls="jam-results__mentions").text == "Honorable mention"
    assert results_of(section.find("ul", cls="jam-results--mentions")) == [
        (
            "Honorable mention",
            "Aardvark Comes First Alphabetically",
            "../../projects/past-sprint/alpha-first/",
            "Cy Coder",
        ),
    ]
    assert ("Winners of every sprint", "../../winners/") in [(a.text, a.attrs["href"]) for a in section.find_all("a")]


@pytest.mark.parametrize("url", ["sprints/judging-sprint/", "sprints/live-sprint/", "sprints/future-sprint/"])
def test_a_sprint_without_awards_has_no_results_and_no_judging_section(site: Site, url: str) -> None:
    page = site.content(url)
    assert not page.has(id="results") and not page.has(id="judging")


# --------------------------------------------------------------------------- /winners/


def test_winners_page_lists_every_finished_sprints_places_then_mentions(site: Site) -> None:
    page = site.content("winners/")
    assert page.find("h1").text == "Winners"
    sections = page.find_all("section", cls="jam-winners")
    assert [s.attrs["id"] for s in sections] == ["past-sprint"]  # the judging sprint has no winners yet
    assert sections[0].find("h2").find("a").attrs["href"] == "../sprints/past-sprint/"
    assert [r[:2] for r in results_of(sections[0])] == [
        ("1st place · $2,000", "Zebra Winner Project"),
        ("2nd place", "Middle Second Place"),
        ("Honorable mention", "Aardvark Comes First Alphabetically"),
    ]
    assert "HIDDEN" not in page.text and "Withdrawn Work" not in page.text


def test_winners_page_is_in_the_navigation_and_linked_from_home(site: Site) -> None:
    nav = site.page(PAST).find("nav", cls="md-nav--primary")
    assert "Winners" in [a.text for a in nav.find_all("a", cls="md-nav__link")]
    assert "winners/" in site.content("").links()


def test_winners_are_ordered_newest_sprint_first(repo: Path) -> None:
    """An older finished sprint, written to disk after the newer one, still comes second."""
    (repo / "sprints" / "old-sprint.md").write_text(
        "---\ntitle: Old Sprint\nstarts: 2023-05-01T09:00:00+00:00\nends: 2023-05-03\n"
        "awards:\n  - {place: 1, project: old-proj}\n---\nOld.\n",
        encoding="utf-8",
    )
    (repo / "submissions" / "old-sprint").mkdir()
    (repo / "submissions" / "old-sprint" / "old-proj.md").write_text(
        "---\ntitle: Old Winner\nmembers:\n  - {name: Olu Old, github: olu}\nabstract: Old.\n"
        "report: https://example.org/old.pdf\n---\n",
        encoding="utf-8",
    )
    page = rendered(repo)["winners/"]
    assert [s.attrs["id"] for s in page.find_all("section", cls="jam-winners")] == ["past-sprint", "old-sprint"]


def test_a_retracted_winner_leaves_its_place_withdrawn_and_an_embargoed_one_is_left_out(repo: Path) -> None:
    edit(
        repo,
        SPRINT_FILE,
        "  - {place: 2, project: second-proj}\n",
        "  - {place: 2, project: second-proj}\n"
        "  - {place: 3, project: gone-proj}\n"
        "  - {place: 4, project: hidden-proj}\n",
    )
    pages = rendered(repo)
    for url in (PAST, "winners/"):
        shown = results_of(pages[url])
        assert [title for _, title, _, _ in shown] == [
            "Zebra Winner Project",
            "Middle Second Place",
            "Aardvark Comes First Alphabetically",
        ]
        withdrawn = [
            li for li in pages[url].find_all("li", cls="jam-result") if li.has("p", cls="jam-result__withdrawn")
        ]
        assert [li.find(cls="jam-award").text for li in withdrawn] == ["3rd place"]  # the place, said withdrawn
        assert "Withdrawn Work" not in pages[url].text and "HIDDEN" not in pages[url].text  # no title of either


# --------------------------------------------------------------------------- how this was judged


def test_judging_section_without_published_scores_gives_method_counts_and_criteria(site: Site) -> None:
    page = site.content(PAST)
    section = page.find("section", cls="jam-judging")
    assert position(page, page.find("div", cls="jam-body")) < position(page, section)
    facts = dict(
        zip([dt.text for dt in section.find_all("dt")], [dd.text for dd in section.find_all("dd")], strict=True)
    )
    assert facts["Method"].startswith("Leniency-adjusted ranking.")
    final = section.find("strong", cls="jam-final").text
    assert final == "The places too close to call were decided in a finalist round by 2 judges"
    # Two judges; five reviews of published projects (not those of the retracted or the embargoed one).
    assert (facts["Judges"], facts["Reviews"], facts["Scale"]) == ("2", "5", "1 to 5")
    criteria = section.find("dl", cls="jam-criteria")
    assert [(t.text, d.text) for t, d in zip(criteria.find_all("dt"), criteria.find_all("dd"), strict=True)] == [
        ("AI safety impact (67%)", "Does it reduce risk?"),
        ("Quality (33%)", "Is it sound?"),
    ]
    assert not section.has(id="scores") and not section.has("div", cls="jam-scores")
    assert ("Judging", "../../judging/") in [(a.text, a.attrs["href"]) for a in section.find_all("a")]


def test_published_scores_show_raw_and_adjusted_but_never_retracted_or_embargoed_work(repo: Path) -> None:
    edit(repo, SPRINT_FILE, "signups: 120\n", "signups: 120\npublish_scores: true\n")
    catalog, _ = load_catalog(repo)
    ranking = awards.rank(
        catalog.sprints["past-sprint"],
        catalog.reviews["past-sprint"],
        list(catalog.submissions.values()),
        utc_day(dt.datetime.fromisoformat(NOW)),
    )
    section = rendered(repo)[PAST].find("section", cls="jam-judging")
    table = section.find("div", cls="jam-scores")
    head = [th.text for th in table.find_all("th")]
    assert head == ["#", "Project", "Award", "Raw mean", "Adjusted", "Interval", "Reviews"]
    rows = [[td.text.replace(" ≈", "") for td in tr.find_all("td")] for tr in table.find_all("tr")][1:]
    expected = [
        [f"{s.raw:.2f}", f"{s.score:.2f}", f"{s.low:.2f} – {s.high:.2f}", str(s.reviews)] for s in ranking.standings
    ]
    assert [row[3:] for row in rows] == expected
    assert [row[1:3] for row in rows] == [
        ["Zebra Winner Project", "1st place"],
        ["Middle Second Place", "2nd place"],
        ["Aardvark Comes First Alphabetically", "Honorable mention"],
    ]
    assert "Withdrawn Work" not in section.text and "HIDDEN" not in section.text
    facts = dict(zip([d.text for d in section.find_all("dt")], [d.text for d in section.find_all("dd")], strict=True))
    assert facts["Method"].startswith("Leniency-adjusted ranking.") and facts["Reviews"] == "5"


def test_judges_who_share_no_project_are_ranked_by_raw_means_and_the_page_says_why(repo: Path) -> None:
    edit(repo, SPRINT_FILE, "signups: 120\n", "signups: 120\npublish_scores: true\n")
    (repo / REVIEWS_FILE).write_text(
        "- {judge: ada-judge, project: winner-proj, scores: {impact: 5, quality: 4}}\n"
        "- {judge: quinn-nohandle, project: second-proj, scores: {impact: 3, quality: 4}}\n",
        encoding="utf-8",
    )
    section = rendered(repo)[PAST].find("section", cls="jam-judging")
    method = section.find("dd").text
    assert method.startswith("Raw means.") and "2 groups that read no project in common" in method
    table = section.find("div", cls="jam-scores")
    assert [th.text for th in table.find_all("th")] == ["#", "Project", "Award", "Raw mean", "Reviews"]
    assert "Note: the judges form 2 groups" in section.text


def test_judges_and_criteria_written_as_html_stay_text(repo: Path) -> None:
    edit(
        repo,
        SPRINT_FILE,
        "  - {name: Quinn Nohandle, affiliation: Quiet Institute}\n",
        '  - {id: quinn-nohandle, name: "<script>alert(\'judge\')</script>", affiliation: "<b>Bold Inc</b>"}\n',
    )
    edit(repo, SPRINT_FILE, "name: Quality,", "name: \"<img src=x onerror=alert('criterion')>\",")
    edit(repo, SPRINT_FILE, "signups: 120\n", "signups: 120\npublish_scores: true\n")
    pages = rendered(repo)
    page = pages[PAST]
    assert not page.has("script") and not page.has("b") and not page.has("img", src="x")
    assert "<script>alert('judge')</script> <b>Bold Inc</b>" in page.find("ul", cls="jam-people").text
    assert "<img src=x onerror=alert('criterion')>" in page.find("dl", cls="jam-criteria").text
    review = pages["projects/past-sprint/alpha-first/"].find("blockquote", cls="jam-review")
    assert "<script>alert('judge')</script>" in review.text and not review.has("script")


# --------------------------------------------------------------------------- a mention everywhere


def test_a_mention_reads_honorable_mention_on_every_page_and_in_the_open_data(site: Site) -> None:
    project = site.content("projects/past-sprint/alpha-first/")
    assert project.find(cls="jam-award").text == "Honorable mention"
    assert "jam-award--mention" in project.find(cls="jam-award").classes
    assert "MENTION-REVIEW a brave first attempt." in project.find("blockquote", cls="jam-review").text
    awards_of_cy = site.content("people/cy/").find("h2", id="awards").next("ul")
    assert [li.text for li in awards_of_cy.find_all("li")] == [
        "Honorable mention Aardvark Comes First Alphabetically, Past Interpretability Sprint"
    ]
    # "Recent winners" on the home page are the places only.
    assert "Aardvark Comes First Alphabetically" not in site.content("").find("h2", id="winners").next("ul").text
    sprints = json.loads(site.file("api/sprints.json").read_text(encoding="utf-8"))
    past = next(s for s in sprints["sprints"] if s["slug"] == "past-sprint")
    assert [(a["place"], a["project"]) for a in past["awards"]] == [
        (1, "past-sprint/winner-proj"),
        (2, "past-sprint/second-proj"),
        (None, "past-sprint/alpha-first"),
    ]


def test_a_mention_has_its_own_feed_entry(site: Site) -> None:
    feed = ET.parse(site.file("feed.xml")).getroot()
    entries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in feed.iter(f"{ATOM}entry")}
    summary = entries["Honorable mention at Past Interpretability Sprint: Aardvark Comes First Alphabetically"]
    assert summary == "Honorable mention. An unranked project."


# --------------------------------------------------------------------------- judges' pages


def test_a_judges_page_shows_their_affiliation_and_what_they_did_at_each_sprint(site: Site) -> None:
    page = site.content("people/ada-judge/")
    assert page.find("p", cls="jam-affiliation").text == "Judge Institute"
    judged = page.find("h2", id="judged").next("ul")
    assert [li.text for li in judged.find_all("li")] == [
        "Judging Evals Sprint Judge",  # reviews stay private until the sprint has awards
        # She gave the opening keynote; her reviews of the embargoed and the retracted project are not counted.
        "Past Interpretability Sprint Judge, speaker · Judge Institute · 2 reviews",
    ]


def test_awards_given_without_recorded_scores_say_so(repo: Path) -> None:
    edit(repo, SPRINT_FILE, "signups: 120\n", "signups: 120\npublish_scores: true\n")
    (repo / REVIEWS_FILE).unlink()
    section = rendered(repo)[PAST].find("section", cls="jam-judging")
    assert section.find("dd").text == "Not recorded. This sprint's scores are not in the repository."
    assert section.find("p", cls="jam-empty").text == "No published project was scored."
    assert not section.has("div", cls="jam-scores")
