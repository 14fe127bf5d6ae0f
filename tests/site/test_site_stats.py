"""/stats/ and the home page show what `jam stats --json` reports: the same figures, rows and chart tables.

Both come from one definition (``jamkit.figures.stats``); these tests read the built
pages as a reader would and compare them with the command's JSON, on the
fixture site and on the example repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from jamkit.figures.stats import DEFINITIONS, FIGURE_LABELS
from tests.helpers import example_root
from tests.site.sitekit import EXAMPLE_NOW, NOW, Node, Site


def jam_stats(run_jam, root: Path, now: str) -> dict:
    code, out, err = run_jam("--root", str(root), "stats", "--json", "--now", now)
    assert (code, err) == (0, ""), err
    return json.loads(out)


def shown_money(text: str) -> dict[str, int]:
    """ "€1,000 + $2,000" as a reader reads it."""
    symbols = {"$": "USD", "€": "EUR", "£": "GBP"}
    found = {}
    for part in text.split(" + "):
        m = re.fullmatch(r"([$€£])([\d,]+)|([\d,]+) ([A-Z]{3})", part.strip())
        assert m, part
        found[symbols.get(m[1] or "", m[4])] = int((m[2] or m[3]).replace(",", ""))
    return found


def shown_figures(page: Node) -> dict[str, object]:
    """Each figure card's number, by the figure it shows."""
    shown: dict[str, object] = {}
    for card in page.find_all(cls="jam-figure"):
        key, text = card.attrs["data-figure"], card.find("span", cls="jam-figure__n").text
        shown[key] = shown_money(text) if key == "prize_money" else float(text) if "." in text else int(text)
    return shown


def table(node: Node) -> list[list[str]]:
    return [
        [cell.text for cell in row.find_all() if cell.tag in ("td", "th")] for row in node.find("tbody").find_all("tr")
    ]


@pytest.mark.parametrize(("which", "root", "now"), [("site", None, NOW), ("example_site", example_root(), EXAMPLE_NOW)])
def test_stats_and_home_pages_show_what_jam_stats_reports(which, root, now, request, run_jam) -> None:
    site: Site = request.getfixturevalue(which)
    data = jam_stats(run_jam, root or request.getfixturevalue("site_repo"), now)
    stats = shown_figures(site.content("stats/"))
    assert set(stats) == {"sprints", "projects", "participants", "countries", "cities", "sites", "returning"} | {
        "projects_per_sprint",
        "signups",
        "prize_money",
        "publications",
        "retracted",
    }
    assert stats == {key: data[key] for key in stats}
    home = shown_figures(site.content(""))
    assert home == {key: data[key] for key in ("sprints", "projects", "participants", "countries", "cities", "sites")}


def test_every_figure_says_what_it_counts(site: Site) -> None:
    page = site.content("stats/")
    said = {dd.attrs["data-definition"]: dd.text for dd in page.find_all("dd") if "data-definition" in dd.attrs}
    assert list(said) == [key for key, _ in FIGURE_LABELS]
    for key, sentence in said.items():
        assert sentence.startswith(DEFINITIONS[key])


def test_stats_page_rows_are_jam_stats_rows(site: Site, site_repo: Path, run_jam) -> None:
    data = jam_stats(run_jam, site_repo, NOW)
    section = site.content("stats/").find("h2", id="by-sprint").parent
    shown = table(section)
    keys = ("projects", "participants", "returning", "countries")
    expected = [[r["title"], *(str(r[k]) for k in keys), str(r["signups"] or "–")] for r in data["by_sprint"]]
    assert [[row[0], *row[2:]] for row in shown] == expected  # the status column is a badge


def test_each_chart_has_its_numbers_beside_it(example_site: Site, run_jam) -> None:
    data = jam_stats(run_jam, example_root(), EXAMPLE_NOW)
    page = example_site.content("stats/")
    charts = {fig.attrs["id"]: fig for fig in page.find_all("figure", cls="jam-chart")}
    assert list(charts) == ["chart-per-sprint", "chart-returning", "chart-countries", "chart-funnel"]
    held = [r for r in data["by_sprint"] if r["status"] != "upcoming"]
    assert [row[1:] for row in table(charts["chart-per-sprint"])] == [
        [str(r["participants"]), str(r["projects"])] for r in held
    ]
    assert [row[1:] for row in table(charts["chart-returning"])] == [
        [str(r["participants"] - r["returning"]), str(r["returning"])] for r in held
    ]
    assert table(charts["chart-countries"]) == [[c["name"], str(c["projects"])] for c in data["by_country"]]
    funnel = data["funnel"]
    assert [row[1] for row in table(charts["chart-funnel"])] == [
        str(funnel[k]) for k in ("projects", "awarded", "fellowship", "publication")
    ]
    for fig in charts.values():  # a drawing for the eye, a title and a description for everyone else
        svg = fig.find("svg")
        assert svg.attrs["role"] == "img"
        title, desc = svg.find("title", id=f"{fig.attrs['id']}-t"), svg.find("desc", id=f"{fig.attrs['id']}-d")
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        assert desc.text and desc.text in fig.find("figcaption").text


def test_the_catalogue_and_the_stats_agree_about_retracted_work(site: Site, site_repo: Path, run_jam) -> None:
    data = jam_stats(run_jam, site_repo, NOW)
    assert data["retracted"] >= 1  # the fixture retracts gone-proj of past-sprint
    sprints = {s["slug"]: s for s in json.loads((site.root / "api/sprints.json").read_text())["sprints"]}
    for row in data["by_sprint"]:
        assert sprints[row["slug"]]["projects"] == row["projects"]
        facts = site.content(f"sprints/{row['slug']}/").find("dl", cls="jam-facts")
        shown = dict(
            zip([dt.text for dt in facts.find_all("dt")], [dd.text for dd in facts.find_all("dd")], strict=True)
        )
        assert shown["Projects"] == str(row["projects"])
    assert sum(r["projects"] for r in data["by_sprint"]) == data["projects"]
