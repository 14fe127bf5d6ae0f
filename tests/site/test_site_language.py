"""A programme in Brazilian Portuguese: with ``theme.language: pt-BR`` no word of jamkit's stays in English.

One small repository (a live sprint with everything a sprint page can show, and
one project in it) is built for real with the mkdocs.yml of this repository set
to ``pt-BR``. The test takes what a reader sees on the sprint's and the project's
pages, removes the content's own words, and looks for every English message of
jamkit's catalog: none may be left.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.helpers.language import english_left
from tests.site import browserkit
from tests.site.sitekit import NOW, Node, Site, build, site_skeleton

SPRINT = """\
---
title: Zorblat Agents Sprint
tagline: Quuxing the frobnicators.
topics: [agents]
format: hybrid
starts: 2024-03-01T17:00:00+00:00
ends: 2024-03-03
registration: https://example.org/zorblat
signups: 40
team_size: {min: 2, max: 4}
prizes:
  - {place: 1, amount: 2000}
  - {place: 2, amount: 1000, currency: EUR}
criteria:
  - {id: impact, name: Zimpact, description: "Zimpact desc.", weight: 2}
  - {id: quality, name: Zquality, description: "Zquality desc."}
judges:
  - {name: Zed Judge, affiliation: Zed Institute, github: zed-judge}
sites:
  - {id: online, name: Zonline hub, online: true}
  - {id: london, name: Zlondon hub, city: London, country: GB, organizer: Zorg Club}
schedule:
  - {at: 2024-03-01T17:00:00+00:00, title: Zkeynote, speaker: Zed Judge}
resources:
  - {title: Znotebook, url: "https://example.org/nb", kind: notebook}
partners:
  - {name: Zpartner, url: "https://example.org/partner"}
---
Zbody of the sprint.
"""

PROJECT = """\
---
title: Zprobing Zdeception
team: Zteam
members:
  - {name: Zoe Zbuilder, github: zoe, affiliation: Zuniversity}
abstract: Zabstract of the project.
report: https://example.org/zreport.pdf
code: https://example.org/zcode
video: https://example.org/zvideo
site: london
---
Zwrite-up of the project.
"""

CONTENT = (
    "Zorblat Agents Sprint",
    "Quuxing the frobnicators.",
    "Zimpact desc.",
    "Zquality desc.",
    "Zed Institute",
    "Zed Judge",
    "Zonline hub",
    "Zlondon hub",
    "London",
    "Zorg Club",
    "Zkeynote",
    "Znotebook",
    "notebook",
    "Zpartner",
    "Zbody of the sprint.",
    "Zprobing Zdeception",
    "Zteam",
    "Zoe Zbuilder",
    "Zuniversity",
    "Zabstract of the project.",
    "Zwrite-up of the project.",
    "CC-BY-4.0",
    "AI Safety Research Sprints",  # the programme's own words, from mkdocs.yml
    "Example Org",
    "@misc",
)
PAGES = ("sprints/zorblat/", "projects/zorblat/zprobing/")


@pytest.fixture(scope="module")
def pt_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    repo = tmp_path_factory.mktemp("pt") / "repo"
    site_skeleton(repo)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text
    config.write_text(text.replace("\n  language: en\n", "\n  language: pt-BR\n"), encoding="utf-8")
    for path, body in {"sprints/zorblat.md": SPRINT, "submissions/zorblat/zprobing.md": PROJECT}.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(body, encoding="utf-8")
    return build(repo, tmp_path_factory.mktemp("pt-built") / "site", NOW)


def _visible(node: Node) -> str:
    """What a reader sees, with the content's own words (and web addresses) taken out."""
    text = re.sub(r"https?://\S+", " ", node.text)
    for words in sorted(CONTENT, key=len, reverse=True):
        text = text.replace(words, " ")
    return text


def _page_text(site: Site, url: str) -> str:
    page = site.page(url)
    parts = [site.content(url), page.find("div", cls="jam-footer"), page.find("form", cls="jam-search")]
    return (
        " ".join(_visible(part) for part in parts) + " " + page.find("input", id="jam-search-box").attrs["placeholder"]
    )


@pytest.mark.parametrize("url", PAGES)
def test_no_english_word_of_jamkit_is_left_on_a_portuguese_page(pt_site: Site, url: str) -> None:
    text = _page_text(pt_site, url)
    left = english_left(text)
    assert not left, f"English left on /{url}: {left}\n\n{text}"


def test_the_sprint_page_speaks_portuguese(pt_site: Site) -> None:
    page = pt_site.page("sprints/zorblat/")
    assert page.find("html").attrs["lang"].startswith("pt")  # Material's own words follow the same setting
    text = pt_site.content("sprints/zorblat/").text
    for words in (
        "Prazo",
        "Inscreva-se",
        "Envie seu projeto",
        "Em andamento",
        "domingo, 3 de março de 2024, 23:59 AoE",  # the deadline, in its own time zone, in Portuguese
        "sex. 1 mar. 2024, 17:00 UTC",
        "de 2 a 4 pessoas",
        "1º lugar: US$ 2.000",
        "2º lugar: € 1.000",
        "Reino Unido",  # GB, from pycountry's Portuguese names
        "(peso 2)",
        "organizado por Zorg Club",
        "Projetos",
    ):
        assert words in text, words
    assert "Estimated" not in text


def test_the_project_page_speaks_portuguese(pt_site: Site) -> None:
    text = pt_site.content("projects/zorblat/zprobing/").text
    for words in ("Integrantes", "Resumo", "Leia o relatório", "Código", "Vídeo", "Cite este projeto", "Reino Unido"):
        assert words in text, words
    assert "note = {Equipe: Zteam}" in text  # the BibTeX entry too
    footer = pt_site.page("projects/zorblat/zprobing/").find("div", cls="jam-footer").text
    assert "é organizado por" in footer and "Conteúdo sob CC-BY-4.0" in footer


def test_the_feed_and_the_calendar_speak_portuguese(pt_site: Site) -> None:
    feed = pt_site.file("feed.xml").read_text(encoding="utf-8")
    assert "Novos sprints de pesquisa e seus projetos vencedores." in feed
    assert "Em andamento: de 1 de março de 2024 a 3 de março de 2024 (AoE)." in feed
    calendar = pt_site.file("calendar.ics").read_text(encoding="utf-8").replace("\r\n ", "")  # unfolded
    assert "Prazo de envio: 2024-03-03 23:59" in calendar and "Palestrante: Zed Judge" in calendar
    assert "Submission deadline" not in calendar and "Speaker:" not in calendar


def test_the_scripts_speak_portuguese_in_a_real_browser(pt_site: Site, browser: Browser) -> None:
    """assets/jamkit.js moves the badge on and counts down with the reader's clock, in the site's language."""
    context = browser.new_context(timezone_id="America/Sao_Paulo", locale="pt-BR")
    try:
        watched = browserkit.Watched(context.new_page())
        page = watched.page
        page.clock.install(time=dt.datetime(2024, 3, 1, 16, 59, tzinfo=dt.UTC))  # a minute before the start
        with browserkit.served(pt_site.root) as url:
            page.goto(url + "sprints/zorblat/", wait_until="networkidle")
            badge, countdown = page.locator("article .jam-status").first, page.locator(".jam-countdown")
            assert badge.inner_text() == "Em breve"
            assert countdown.inner_text() == "Começa em 1 minuto"
            assert "(seu horário: " in page.locator("dl.jam-facts").inner_text()
            page.clock.run_for(61_000)
            assert badge.inner_text() == "Em andamento"
            assert countdown.inner_text() == "Prazo termina em 2 dias, 19 horas"
        assert watched.problems == []
    finally:
        context.close()


def test_the_english_build_keeps_its_words(site: Site) -> None:
    """The fixture repository's mkdocs.yml says ``language: en``: the shared English build keeps jamkit's words."""
    text = site.content("sprints/live-sprint/").text
    assert "Deadline" in text and "Register" in text and "Prazo" not in text
    assert site.page("sprints/live-sprint/").find("html").attrs["lang"] == "en"
    assert "jamkitWords" not in site.file("sprints/live-sprint/").read_text(encoding="utf-8")  # the scripts' own


def test_the_catalogs_are_package_data() -> None:
    """A wheel carries the .po files: the plugin compiles them when a site is built."""
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.po"' in pyproject
