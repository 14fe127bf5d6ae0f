"""Search with Pagefind: what is indexed, and what a reader finds in Chromium on the built example site."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from playwright.sync_api import Browser, Page

from jamkit.site.search import FOLDER
from tests.helpers import example_root
from tests.site.browserkit import fetch, mkdocs_serve, served, wait_for
from tests.site.sitekit import NOW, ROOT, Site


def fragments(site: Site) -> list[dict[str, object]]:
    """Every page Pagefind indexed, as it stored it: URL, text, filters and meta."""
    found = []
    for path in sorted((site.root / FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data[len(b"pagefind_dcd") :]))
    return found


def indexed_urls(site: Site) -> set[str]:
    """Site-relative URLs of the indexed pages (Pagefind stores them from the site root)."""
    return {str(f["url"]).lstrip("/") for f in fragments(site)}


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def titles(page: Page) -> list[str]:
    page.wait_for_selector(".jam-search-page__title", timeout=15_000)
    page.wait_for_load_state("networkidle")
    return [t.inner_text().strip() for t in page.query_selector_all(".jam-search-page__title")]


def project_titles() -> dict[str, str]:
    """Each public example project's URL and title, read from its file (not from the site)."""
    found = {}
    for path in sorted((example_root() / "submissions").glob("*/*.md")):
        fields = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if fields.get("status", "published") == "published":
            found[f"projects/{path.parent.name}/{path.stem}/"] = fields["title"]
    return found


# --------------------------------------------------------------------------- the index


def test_material_search_is_off_and_pagefind_indexed_the_site(example_site: Site) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- search" not in config
    assert not (example_site.root / "search" / "search_index.json").exists()
    assert (example_site.root / FOLDER / "pagefind.js").is_file()
    urls = indexed_urls(example_site)
    assert set(project_titles()) <= urls
    assert {"sprints/interpretability-2026/", "people/example-priya-windermere/", "publications/", "submit/"} <= urls
    assert "search/" not in urls  # the results page has nothing to find


def test_only_page_bodies_are_indexed_never_navigation_or_footer(example_site: Site) -> None:
    project = next(f for f in fragments(example_site) if f["url"].endswith("attention-head-atlas/"))
    text = str(project["content"])
    assert "A browsable atlas of attention heads" in text
    for chrome in ("Skip to content", "Made with", "Maintainers' guide", "Rules and checks", "Example content"):
        assert chrome not in text, chrome
    assert "¶" not in text


def test_a_project_is_found_on_its_own_page_not_on_every_list_that_shows_it(example_site: Site) -> None:
    """Cards and results repeat a project's title, team and abstract on its sprint's page, its members' pages,
    the home page and the winners: search indexes that text on the project's page alone."""
    phrase = "Steering vectors are a cheap way to push"  # from the first prize's abstract
    title = "What else moves? Side effects of steering vectors"
    own = "/projects/interpretability-2026/steering-vector-side-effects/"
    pages = {str(f["url"]): str(f["content"]) for f in fragments(example_site)}
    assert sorted(url for url, text in pages.items() if phrase in text) == [own]
    lists = ("sprints/interpretability-2026/", "winners/", "people/example-noor-haddad/")
    for url in lists:  # each list still shows the project; only search passes over it there
        assert title in (example_site.root / url / "index.html").read_text(encoding="utf-8"), url
    assert all(title not in pages["/" + url] for url in lists[:2])  # (a member's path still names it)
    assert "Noor Haddad-Ellery" in pages["/people/example-noor-haddad/"]  # found by their own name


def test_what_every_page_of_a_kind_repeats_is_shown_but_not_indexed(example_site: Site) -> None:
    """Labels, buttons, the BibTeX entry, the edit link and where each step of a path comes from are on every
    project's or person's page: indexed, a search for "report" or "source" would match every one of them (and
    Pagefind holds every word of 22,000 pages in memory). What tells one page from another stays indexed."""
    own = "projects/interpretability-2026/steering-vector-side-effects/"
    person = "people/example-noor-haddad/"
    pages = {str(f["url"]).lstrip("/"): str(f["content"]) for f in fragments(example_site)}
    shown = {url: (example_site.root / url / "index.html").read_text(encoding="utf-8") for url in (own, person)}
    repeated = {
        own: ("Members", "Licence", "Read the report", "Cite this project", "howpublished", "Edit this project"),
        person: ("In time order", "source:", "submissions/interpretability-2026/"),
    }
    for url, phrases in repeated.items():
        for phrase in phrases:
            assert phrase in shown[url], (url, phrase)  # readers still see it
            assert phrase not in pages[url], (url, phrase)
    projects = [text for url, text in pages.items() if url.startswith("projects/")]
    assert projects and not [text for text in projects if "howpublished" in text or "Edit this project" in text]
    for kept in ("What else moves? Side effects of steering vectors", "Noor Haddad-Ellery", "Steering vectors are"):
        assert kept in pages[own], kept  # its title, its members and its abstract
    assert "What else moves? Side effects of steering vectors" in pages[person]  # the path names the project


def test_each_page_carries_its_kind_sprint_topic_and_year(example_site: Site) -> None:
    by_url = {str(f["url"]): f["filters"] for f in fragments(example_site)}
    project = next(v for k, v in by_url.items() if k.endswith("projects/interpretability-2026/attention-head-atlas/"))
    assert project["kind"] == ["project"]
    assert project["sprint"] == ["Interpretability Research Sprint 2026"]
    assert project["year"] == ["2026"] and "interpretability" in project["topic"]
    sprint = next(v for k, v in by_url.items() if k.endswith("sprints/interpretability-2026/"))
    assert sprint["kind"] == ["sprint"] and sprint["year"] == ["2026"]
    person = next(v for k, v in by_url.items() if k.endswith("people/example-priya-windermere/"))
    assert person["kind"] == ["person"] and person["sprint"] == ["Interpretability Research Sprint 2026"]
    assert next(v for k, v in by_url.items() if k.endswith("/publications/"))["kind"] == ["publication"]
    assert next(v for k, v in by_url.items() if k.endswith("/submit/"))["kind"] == ["page"]


def test_nothing_of_retracted_or_embargoed_work_is_indexed(site: Site) -> None:
    """The fixture has a retracted project (SECRET-...) and one under embargo (HIDDEN-...)."""
    found = fragments(site)
    urls = indexed_urls(site)
    assert "projects/past-sprint/gone-proj/" not in urls and "projects/past-sprint/hidden-proj/" not in urls
    assert "projects/past-sprint/winner-proj/" in urls
    everything = json.dumps(found)
    for secret in ("SECRET", "HIDDEN", "Withdrawn Work", "Dee Withdrawn", "Hidden Person"):
        assert secret not in everything, secret
    assert "Embargo Has Ended" in everything  # a finished embargo is published, and found


def test_example_retracted_project_is_not_found(example_site: Site) -> None:
    retracted = yaml.safe_load(
        (example_root() / "submissions/interpretability-2026/deception-probe-transfer.md")
        .read_text(encoding="utf-8")
        .split("---")[1]
    )
    assert retracted["status"] == "retracted"
    assert retracted["title"] not in json.dumps(fragments(example_site))


# --------------------------------------------------------------------------- in the browser


def test_the_header_box_leads_to_results_where_an_exact_title_ranks_first(tab: Page, example_url: str) -> None:
    for url, title in list(project_titles().items())[::4]:
        tab.goto(example_url + "sprints/")
        box = tab.get_by_role("searchbox", name="Search the site")
        box.fill(title)
        box.press("Enter")
        tab.wait_for_url("**/search/?q=*")
        found = titles(tab)
        assert found[0] == title, (title, found[:5])
        first = tab.locator(".jam-search-page__title").first
        assert (first.get_attribute("href") or "").endswith(url)


def test_filters_narrow_results_by_kind_sprint_topic_and_year(tab: Page, example_url: str) -> None:
    tab.goto(example_url + "search/?q=" + quote("evaluation"))
    everything = titles(tab)
    form = tab.get_by_role("search", name="Search the site's pages")
    form.get_by_label("Kind").select_option("person")
    tab.wait_for_function(
        """() => {
            const links = [...document.querySelectorAll(".jam-search-page__title")];
            return links.length > 0 && links.every(a => a.href.includes("/people/"));
        }"""
    )
    assert "kind=person" in tab.url  # the choice is kept in the address, to share or go back to
    people = [a.get_attribute("href") or "" for a in tab.locator(".jam-search-page__title").all()]
    assert people and all("/people/" in href for href in people)
    assert len(people) < len(everything) or len(everything) == 10  # ten at a time
    bundle = example_url + FOLDER + "/pagefind.js"
    found = tab.evaluate(
        """async (bundle) => {
            const pf = await import(bundle);
            const filters = await pf.filters();
            const urls = async (options) => {
                const search = await pf.search("evaluation", options);
                return (await Promise.all(search.results.map(r => r.data()))).map(d => d.url);
            };
            return {
                filters,
                all: await urls({}),
                people: await urls({filters: {kind: "person"}}),
                projects2026: await urls({filters: {kind: "project", year: "2026"}}),
                sprint: await urls({filters: {sprint: "Evaluations Research Sprint 2026"}}),
                topic: await urls({filters: {topic: "interpretability", kind: "sprint"}}),
            };
        }""",
        bundle,
    )
    assert set(found["filters"]["kind"]) == {"project", "sprint", "person", "publication", "page"}
    assert {"2026", "2027"} <= set(found["filters"]["year"])
    assert len(found["all"]) > len(found["people"]) > 0
    assert all("/people/" in u for u in found["people"])
    assert found["projects2026"] and all("/projects/" in u and "2026" in u for u in found["projects2026"])
    assert found["sprint"] and all("evals-sprint-2026" in u or "/people/" in u for u in found["sprint"])
    assert found["topic"] and all("/sprints/interpretability-" in u for u in found["topic"])
    # Every choice the page offers is a value the index holds, so no choice can come back empty for that reason.
    for name in ("kind", "sprint", "topic", "year"):
        offered = form.locator(f"select[name={name}] option").all()
        values = {o.get_attribute("value") for o in offered} - {""}
        assert values <= set(found["filters"][name]), name


def test_a_first_search_fetches_only_what_the_query_needs(browser: Browser, example_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(example_url + "search/?q=" + quote("attention heads"))
    titles(page)
    loaded = [url.split(f"/{FOLDER}/", 1)[1] for url in fetched if f"/{FOLDER}/" in url]
    context.close()
    assert "pagefind.js" in loaded and any(u.endswith(".pf_meta") for u in loaded)
    assert not [u for u in loaded if u.startswith("filter/")]  # the choices are in the page
    assert not [u for u in loaded if "-ui." in u]  # no ready-made interface to download


def test_results_show_hostile_text_as_text(browser: Browser, site: Site) -> None:
    with served(site.root) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url + "search/?q=alert")
        titles(page)
        results = page.locator(".jam-search-page__results")
        assert "alert(" in results.inner_text()  # the payloads are found, as words
        assert results.locator("script, b, img, iframe").count() == 0
        assert dialogs == []
        context.close()


def test_the_search_page_explains_itself_without_javascript(example_site: Site) -> None:
    assert "needs JavaScript" in example_site.content("search/").find("noscript").text


# --------------------------------------------------------------------------- scripts/serve


def test_serve_indexes_again_after_a_change(site_repo: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(site_repo, repo)
    with mkdocs_serve(repo, NOW) as url:
        entry = f"{url}{FOLDER}/pagefind-entry.json"
        before = wait_for(lambda: fetch(entry))
        project = repo / "submissions/past-sprint/winner-proj.md"
        project.write_text(project.read_text(encoding="utf-8").replace("title:", "title: Renamed", 1), encoding="utf-8")
        after = wait_for(lambda: found if (found := fetch(entry)) and found != before else None)
        assert json.loads(after) != json.loads(before)  # a new index, written by the rebuild
