"""A programme's own words on its pages, and a new programme with nothing in it yet reads well.

The fixture repository's mkdocs.yml is this repository's, so its footer says the
example programme's words; the empty programme is that mkdocs.yml with no content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jamkit.files.load import load_catalog
from jamkit.site.pages import build_pages
from jamkit.site.programme import Programme
from jamkit.site.render import Renderer
from tests.site.sitekit import FILES, NOW, Node, Site, build, parse, site_skeleton

EMPTY_TABS = {"Winners", "Publications", "People", "Impact", "Fellowship"}


@pytest.fixture(scope="module")
def empty_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A repository made for a new programme: mkdocs.yml and the guides, no sprint, project or publication."""
    repo = tmp_path_factory.mktemp("empty") / "repo"
    site_skeleton(repo)
    return build(repo, tmp_path_factory.mktemp("empty-built") / "site", NOW)


def _tabs(page: Node) -> list[str]:
    return [a.text for a in page.find_all("a", cls="md-tabs__link")]


def test_the_home_page_says_the_programmes_words_from_mkdocs_yml(site: Site) -> None:
    hero = site.content("").find("div", cls="jam-hero")
    assert hero.find("h1").text == "AI Safety Research Sprints"
    assert hero.find("p", cls="jam-hero__lead").text.startswith("Weekend research sprints where teams")
    introduction = hero.find("div", cls="jam-hero__introduction")
    assert "submit your project as a pull request" in introduction.text


def test_every_page_has_the_programmes_footer(site: Site) -> None:
    for url in ("", "sprints/past-sprint/", "submit/"):
        footer = site.page(url).find("div", cls="jam-footer")
        assert "AI Safety Research Sprints is run by Example Org." in footer.text
        links = {a.text: a.attrs["href"] for a in footer.find_all("a")}
        prefix = "../" * url.count("/")
        assert links == {
            "Example Org": "https://github.com/example-org",
            "CC-BY-4.0": "https://spdx.org/licenses/CC-BY-4.0.html",
            "Contact": "https://github.com/example-org/sprints/discussions",
            "Code of conduct": f"{prefix}policies/#code-of-conduct",
            "Privacy": f"{prefix}policies/#privacy-of-participants",
        }


def test_a_new_programme_builds_strictly_and_its_home_page_says_nothing_broken(empty_site: Site) -> None:
    home = empty_site.content("")
    text = home.text
    assert home.find("h1").text == "AI Safety Research Sprints"
    assert "0 " not in text and "sprints held" not in text
    assert not home.has(cls="jam-figures")
    assert "past sprints" not in text and "Browse sprints" not in text
    assert "No sprint is announced yet: the first one will be listed here." in text
    assert [a.text for a in home.find_all("a")] == ["How to submit"]  # no link to a page with nothing in it


def test_a_new_programme_has_no_empty_tabs_but_their_pages_still_say_nothing_yet(empty_site: Site) -> None:
    assert _tabs(empty_site.page("")) == ["Home", "Sprints", "Take part", "Run a sprint"]
    assert "No publications yet." in empty_site.content("publications/").text
    assert "No sprint has announced its winners yet." in empty_site.content("winners/").text
    assert "No one yet" in empty_site.content("people/").text
    assert empty_site.content("sprints/").find("p", cls="jam-empty").text.startswith("No sprint is announced yet")


def test_a_new_programme_draws_no_empty_chart(empty_site: Site) -> None:
    stats = empty_site.content("stats/")
    assert not stats.has("figure", cls="jam-chart") and not stats.has("svg")
    assert stats.find("p", id="no-charts").text.startswith("Nothing to chart yet")
    assert stats.find("p", id="nothing-yet").text.startswith("No sprint has been held yet")


def test_a_programme_with_content_keeps_its_tabs(site: Site) -> None:
    assert EMPTY_TABS - {"Fellowship"} <= set(_tabs(site.page("")))  # the fixture has no cohort
    assert "Fellowship" not in _tabs(site.page(""))


def test_this_repository_keeps_jamkits_developer_pages_out_of_the_programmes_navigation(example_site: Site) -> None:
    tabs = _tabs(example_site.page(""))
    assert "Develop" not in tabs and "Fellowship" in tabs
    nav = example_site.page("").find("nav", cls="md-nav--primary").text
    assert "Architecture" not in nav and "Performance" not in nav
    assert example_site.exists("architecture/") and example_site.exists("performance/")
    assert example_site.exists("engines/")


def test_one_sprint_held_is_worded_in_the_singular(tmp_path: Path) -> None:
    for path in ("sprints/past-sprint.md", "submissions/past-sprint/alpha-first.md"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(FILES[path], encoding="utf-8")
    catalog, _ = load_catalog(tmp_path)
    pages, _, index = build_pages(catalog, dt.datetime.fromisoformat(NOW), Programme(name="One Sprint"))
    home = next(page for page in pages if page.url == "")
    figures = parse(Renderer(index, None).render(home)).find("div", cls="jam-figures")
    shown = {
        div.attrs["data-figure"]: " ".join(span.text for span in div.find_all("span"))
        for div in figures.find_all("div", cls="jam-figure")
    }
    assert shown["sprints"] == "1 sprint held"
    assert shown["projects"] == "1 project"
    assert shown["participants"] == "1 participant"
