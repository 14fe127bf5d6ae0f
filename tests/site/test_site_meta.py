"""What pages say about themselves: feed and calendar links, Open Graph and Twitter cards, schema.org JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from pathlib import Path

from jamkit.files.load import load_catalog
from jamkit.site.build.generated import page_head
from jamkit.site.meta import filter_attribute, filters, json_ld_text
from jamkit.site.pages import build_pages
from tests.helpers import example_root
from tests.site.sitekit import NOW, PNG, Node, Site, parse, write_content

EVIL_TITLE = "<b>Bold</b> & <script>alert('title')</script>"


def head(site: Site, url: str) -> Node:
    return site.page(url).find("head")


def json_ld(document: Node) -> list[dict[str, object]]:
    return [json.loads(s.text) for s in document.find_all("script", type="application/ld+json")]


def test_every_page_links_the_feed_and_the_calendar(example_site: Site) -> None:
    pages = [p for p in example_site.html_pages() if p.name != "404.html" and "pagefind" not in p.parts]
    assert len(pages) > 50
    for path in pages:
        document = parse(path.read_text(encoding="utf-8"))
        links = {n.attrs["type"]: n.attrs["href"] for n in document.find_all("link", rel="alternate")}
        assert set(links) == {"application/atom+xml", "text/calendar"}, path
        for href in links.values():  # relative, so they work under a sub-path too
            target = posixpath.normpath(posixpath.join(path.parent.relative_to(example_site.root).as_posix(), href))
            assert (example_site.root / target).is_file(), (path, href)


def test_open_graph_and_twitter_cards_name_the_page(example_site: Site) -> None:
    project = head(example_site, "projects/interpretability-2026/attention-head-atlas/")
    meta = {
        n.attrs.get("property") or n.attrs.get("name"): n.attrs.get("content", "") for n in project.find_all("meta")
    }
    title = "A browsable atlas of attention heads in a small language model"
    assert meta["og:title"] == title and meta["twitter:title"] == title
    assert meta["og:type"] == "article" and meta["og:site_name"] == "AI Safety Research Sprints"
    assert meta["og:description"].startswith(meta["description"][:40]) and meta["twitter:card"] == "summary"
    docs = head(example_site, "submit/")
    assert docs.find("meta", property="og:title").attrs["content"] == "How to submit"
    person = head(example_site, "people/example-priya-windermere/")
    assert person.find("meta", property="og:type").attrs["content"] == "profile"


def test_a_sprint_is_a_schema_org_event(example_site: Site) -> None:
    (event,) = json_ld(example_site.page("sprints/interpretability-2026/"))
    assert event["@type"] == "Event" and event["name"] == "Interpretability Research Sprint 2026"
    assert str(event["startDate"]).startswith("2026-") and str(event["endDate"]).startswith("2026-")
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    places = event["location"]
    assert isinstance(places, list) and {p["@type"] for p in places} == {"Place", "VirtualLocation"}


def test_projects_and_publications_are_scholarly_articles(example_site: Site) -> None:
    (article,) = json_ld(example_site.page("projects/interpretability-2026/attention-head-atlas/"))
    assert article["@type"] == "ScholarlyArticle"
    assert article["headline"] == "A browsable atlas of attention heads in a small language model"
    assert article["author"][0]["name"] == "Priya Windermere-Rao"  # type: ignore[index]
    (graph,) = json_ld(example_site.page("publications/"))
    papers = graph["@graph"]
    assert isinstance(papers, list) and len(papers) == len(list((example_root() / "publications").glob("*.md"))) > 1
    assert {p["@type"] for p in papers} == {"ScholarlyArticle"}
    restricted = [p for p in papers if "url" not in p]
    assert restricted and all(p["author"] == [] for p in restricted)  # restricted work: no authors, no link
    assert all(str(p["url"]).startswith("https://") for p in papers if p not in restricted)


def test_retracted_projects_and_other_pages_carry_no_scholarly_record(example_site: Site) -> None:
    assert json_ld(example_site.page("projects/interpretability-2026/deception-probe-transfer/")) == []
    assert json_ld(example_site.page("people/")) == []


def test_a_hostile_title_cannot_close_the_json_ld_script(site: Site) -> None:
    text = site.file("projects/past-sprint/evil-proj/").read_text(encoding="utf-8")
    start = text.index('<script type="application/ld+json">')
    body = text[start : text.index("</script>", start)]
    assert "<" not in body[len('<script type="application/ld+json">') :]
    (article,) = json_ld(site.page("projects/past-sprint/evil-proj/"))
    assert article["name"] == EVIL_TITLE
    og = site.page("projects/past-sprint/evil-proj/").find("meta", property="og:title").attrs["content"]
    assert og == EVIL_TITLE  # escaped in the attribute, the same text once parsed


def test_json_ld_text_escapes_what_could_end_a_script() -> None:
    hostile = ({"name": "</script><script>alert(1)</script> <!-- & -->"},)
    text = json_ld_text(hostile)
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile[0]
    two = json.loads(json_ld_text(({"a": 1}, {"b": 2})))
    assert two["@graph"] == [{"a": 1}, {"b": 2}]


def test_filter_values_are_clean_text() -> None:
    assert filters(kind="project", topic=["evals", " evals ", "", None, "red  teaming"], year=2026, sprint=None) == {
        "kind": ("project",),
        "topic": ("evals", "red teaming"),
        "year": ("2026",),
    }
    assert filter_attribute("topic", "a, b: c") == "topic:a  b: c"


def test_a_sprint_cover_becomes_the_link_preview_image(tmp_path: Path) -> None:
    write_content(tmp_path)
    (tmp_path / "sprints/past-sprint").mkdir(exist_ok=True)
    (tmp_path / "sprints/past-sprint/cover.png").write_bytes(PNG)
    catalog, _ = load_catalog(tmp_path)
    pages, _, _ = build_pages(catalog, dt.datetime.fromisoformat(NOW))
    by_url = {p.url: p for p in pages}
    sprint = by_url["sprints/past-sprint/"]
    assert sprint.meta.image == "sprints/past-sprint/cover.png"
    assert by_url["projects/past-sprint/winner-proj/"].meta.image == "sprints/past-sprint/cover.png"
    assert by_url["sprints/judging-sprint/"].meta.image is None
    found = page_head(sprint, "https://example.org/jams/")
    assert found["image"] == "https://example.org/jams/sprints/past-sprint/cover.png"
    assert json.loads(found["json_ld"])["url"] == "https://example.org/jams/sprints/past-sprint/"
    assert page_head(sprint, None)["image"] is None  # a preview image must be absolute: only with site_url
