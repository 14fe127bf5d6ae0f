"""People's paths and profiles, the fellowship's pages, restricted publications and the outcomes on /stats/.

Read from the real strict build of the repository's example content.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re

import yaml

from jamkit.checks import check
from jamkit.files.load import load_catalog
from jamkit.site.pages import build_pages
from jamkit.site.render import Renderer
from tests.helpers import Repo, example_root
from tests.site.sitekit import EXAMPLE_NOW, Node, Site

NOOR = "people/example-noor-haddad/"
MIRELA = "people/example-mirela-dunstan/"
COHORT = "lab/2026-spring/"
RESTRICTED = "Paraphrase as a Probe"


def test_a_persons_path_is_in_time_order_with_the_source_of_each_item(example_site: Site) -> None:
    page = example_site.content(NOOR)
    steps = page.find("ol", cls="jam-path").find_all("li")
    dates = [s.find("time").attrs["datetime"] for s in steps]
    assert dates == sorted(dates)
    kinds = [s.find("span", cls="jam-chip").text for s in steps]
    assert {"sprint", "award", "fellowship", "publication", "position", "talk"} <= set(kinds)
    by_kind: dict[str, Node] = {}
    for kind, step in zip(kinds, steps, strict=True):
        by_kind.setdefault(kind, step)  # the first of each kind
    assert "submissions/evals-sprint-2026/agentic-shutdown-suite.md" in by_kind["sprint"].text
    assert "self-reported" in by_kind["position"].text and "people/example-noor-haddad.md" in by_kind["position"].text
    assert "self-reported" not in by_kind["sprint"].text
    assert "../../lab/2026-spring/" in page.links()
    assert "she/her" in page.text and "University of Eastmoor (fictional)" in page.text  # the profile's, first
    assert "Example content" in page.text


def test_a_person_without_a_profile_shows_only_what_projects_say(example_site: Site) -> None:
    page = example_site.content("people/example-callum-treadgold/")
    steps = page.find("ol", cls="jam-path").find_all("li")
    assert steps and not any("self-reported" in s.text for s in steps)
    assert not page.has("div", cls="jam-bio")


def test_the_profile_name_is_shown_wherever_the_person_is(example_site: Site) -> None:
    people = example_site.content("people/").text
    assert "Noor Haddad-Ellery" in people


def test_an_unlisted_person_keeps_credit_but_leaves_lists_search_and_sitemap(example_site: Site) -> None:
    assert example_site.exists(MIRELA)
    assert "Mirela Dunstan" not in example_site.content("people/").text
    assert "Mirela Dunstan" in example_site.content("projects/evals-sprint-2026/sandbagging-under-paraphrase/").text
    assert example_site.content(MIRELA).has("div", **{"data-pagefind-ignore": "all"})
    fragments = [gzip.decompress(f.read_bytes()) for f in (example_site.root / "pagefind" / "fragment").iterdir()]
    assert any(b"people/example-priya-windermere/" in f for f in fragments)  # a listed person is found by search
    assert not any(MIRELA.encode() in f for f in fragments)  # an unlisted one is not
    assert MIRELA not in (example_site.root / "sitemap.xml").read_text(encoding="utf-8")
    assert MIRELA.encode() not in gzip.decompress((example_site.root / "sitemap.xml.gz").read_bytes())


def test_the_lab_lists_cohorts_and_a_cohort_shows_teams_mentors_timeline_and_outcomes(example_site: Site) -> None:
    lab = example_site.content("lab/")
    assert "Fellowship, spring 2026" in lab.text and "3 teams" in lab.text and "finished" in lab.text
    page = example_site.content(COHORT)
    assert "Ingrid Vasquez-Holm" in page.text and "Tomasz Reyes-Barlow" in page.text
    teams = page.find_all("section", cls="jam-team")
    assert len(teams) == 3
    first = teams[0]
    dots = first.find_all("span", cls="jam-timeline__dot")
    lefts = [float(d.attrs["style"].split(":")[1].strip(" %")) for d in dots]
    assert lefts == sorted(lefts) and 0 <= lefts[0] < lefts[-1] <= 100
    assert "Off-Switch Bench: Measuring Shutdown Compliance" in first.text
    assert RESTRICTED not in page.text  # restricted work is not tied to its team
    assert "under review" in teams[2].text


def test_a_fellowship_projects_page_links_to_its_cohort(example_site: Site) -> None:
    page = example_site.content("projects/evals-sprint-2026/multilingual-refusal-consistency/")
    assert "../../../lab/2026-spring/" in page.links() and "Fellowship, spring 2026" in page.text
    other = example_site.content("projects/interpretability-2026/feature-labels-audit/")
    assert "Fellowship" not in other.text


def test_restricted_work_is_listed_by_title_venue_and_status_only(example_site: Site) -> None:
    pubs = example_site.content("publications/")
    article = pubs.find("article", id="paraphrase-sandbagging")
    assert RESTRICTED in article.text and "under review" in article.text
    assert not article.find_all("a")  # no link, no authors
    assert "Mirela" not in article.text and "Oskar" not in article.text
    for url in ("people/example-oskar-pellworth/", "projects/evals-sprint-2026/sandbagging-under-paraphrase/"):
        assert RESTRICTED not in example_site.content(url).text
    data = json.loads((example_site.root / "api" / "publications.json").read_text(encoding="utf-8"))
    item = next(p for p in data["publications"] if p["slug"] == "paraphrase-sandbagging")
    assert (item["authors"], item["url"], item["abstract"], item["projects"]) == ([], None, "", [])
    assert (item["status"], item["access"]) == ("under review", "restricted")


def test_stats_shows_the_outcomes_and_says_what_is_self_reported(example_site: Site) -> None:
    page = example_site.content("stats/")
    table = page.find("table", cls="jam-outcomes")
    rows = {r.find("td").text: r.find_all("td")[1].text for r in table.find_all("tr") if r.find_all("td")}
    position = next(value for label, value in rows.items() if "position" in label)
    assert position.startswith("at least ")
    assert any("self-reported" in label for label in rows if "position" in label)
    assert "Evaluations Research Sprint 2026" in page.find("h3", id="funnel").next("div").text


# --------------------------------------------------------------------------- profiles as untrusted input

HOSTILE_BIO = """\
---
name: Ada Judge
links:
  - {title: "<img src=x onerror=alert(1)>", url: "https://example.org/ada"}
milestones:
  - {date: 2025-02-01, kind: talk, title: "<script>alert(2)</script>", url: "https://example.org/talk"}
---
<script>alert(3)</script>
[click](javascript:alert(4)) <a href="#" onclick="alert(5)">x</a>
"""


def test_a_profile_names_the_person_everywhere_and_its_markup_is_made_harmless(demo_repo: Repo) -> None:
    demo_repo.write("people/ada-judge.md", HOSTILE_BIO)
    catalog, problems = load_catalog(demo_repo.root)
    assert problems == [] and check(catalog) == []
    now = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    pages, _, index = build_pages(catalog, now)
    assert index.people["ada-judge"].name == "Ada Judge"
    assert index.name_of("ADA-JUDGE", "Someone Else") == "Ada Judge"  # the profile wins over what a file says
    html = Renderer(index, None).render(next(p for p in pages if p.url == "people/ada-judge/"))
    assert "<script" not in html and "javascript:" not in html
    assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no event handler on any element
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html and "&lt;img src=x" in html


def test_the_fellowship_is_one_count_on_every_page_and_in_jam_stats(example_site: Site, run_jam) -> None:
    """Issue 25: the Impact page, `jam stats`, the lab page and the cohort pages count the files' own teams."""

    teams: set[str] = set()
    for cohort in sorted((example_root() / "lab").glob("*.md")):
        front = yaml.safe_load(cohort.read_text(encoding="utf-8").split("---\n")[1])
        teams |= {team["project"] for team in front["teams"]}
    in_lab = set()
    for path in (example_root() / "submissions").glob("*/*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if front.get("lab"):
            in_lab.add(f"{path.parent.name}/{path.stem}")
    assert teams == in_lab and teams  # the files agree (JAM231 holds them to it)
    n = len(teams)
    stats = example_site.content("stats/").text
    assert f"{n} taken into the fellowship" in stats
    code, out, _ = run_jam("--root", str(example_root()), "stats", "--json", "--now", EXAMPLE_NOW)
    assert code == 0 and json.loads(out)["funnel"]["fellowship"] == n
    assert f"{n} teams" in example_site.content("lab/").text
