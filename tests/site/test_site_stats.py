"""The site's figures and `jam stats --json` come from one definition, so they agree on the same repository."""

from __future__ import annotations

import json
from pathlib import Path

from sitekit import NOW, Site

LABELS = {"sprints": "sprints", "projects": "projects", "participants": "participants", "countries": "countries"}
LABELS |= {"local sites": "sites", "publications": "publications"}


def shown_figures(site: Site, url: str) -> dict[str, int | str]:
    page = site.content(url)
    shown: dict[str, int | str] = {}
    for figure in page.find_all(cls="jam-figure"):
        label, value = figure.find_all("span")[1].text, figure.find("span", cls="jam-figure__n").text
        shown[LABELS.get(label, label)] = value if label == "prize money awarded" else int(value)
    return shown


def test_home_and_stats_pages_show_what_jam_stats_reports(site: Site, site_repo: Path, run_jam) -> None:
    code, out, err = run_jam("--root", str(site_repo), "stats", "--json", "--now", NOW)
    assert (code, err) == (0, "")
    data = json.loads(out)
    home = shown_figures(site, "")
    assert home == {key: data[key] for key in home}
    assert set(home) == {"sprints", "projects", "participants", "countries", "sites"}
    stats = shown_figures(site, "stats/")
    assert stats.pop("prize money awarded") == "€1,000 + $2,000" and data["prize_money"] == {"EUR": 1000, "USD": 2000}
    assert stats == {key: data[key] for key in stats}
    assert "publications" in stats


def test_stats_page_rows_are_jam_stats_rows(site: Site, site_repo: Path, run_jam) -> None:
    _, out, _ = run_jam("--root", str(site_repo), "stats", "--json", "--now", NOW)
    data = json.loads(out)
    page = site.content("stats/")
    shown = [[td.text for td in r.find_all("td")] for r in page.find("table").find_all("tr") if r.has("a")]
    expected = [
        [r["title"], *(str(r[k]) for k in ("projects", "participants", "countries")), str(r["signups"] or "–")]
        for r in data["by_sprint"]
    ]
    assert [[row[0], *row[2:]] for row in shown] == expected  # the status column is a badge
