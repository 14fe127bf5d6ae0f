"""The charts of /stats/ as SVG: well-formed, labelled for assistive technology, and safe with hostile titles."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from itertools import pairwise

from jamkit.core.model import Status
from jamkit.figures.stats import CountryFigures, Figures, Funnel, SprintFigures
from jamkit.site.charts import stats_charts

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '</title><script>alert(1)</script><text onload="x">&amp;'


def figures(rows: tuple[SprintFigures, ...], countries: tuple[CountryFigures, ...] = ()) -> Figures:
    return Figures(
        sprints=len(rows), by_status={}, projects=sum(r.projects for r in rows), retracted=0,
        participants=0, returning=0, projects_per_sprint=0.0, countries=len(countries), cities=0, sites=0, signups=0,
        signups_reported=0, prize_money={}, prizes_uncounted=(), publications=0,
        funnel=Funnel(3, 2, 1, 0), by_sprint=rows, by_country=countries,
    )  # fmt: skip


def row(title: str, participants: int, projects: int, returning: int = 0, status: Status = Status.FINISHED):
    when = dt.datetime(2025, 1, 17, 9, tzinfo=dt.UTC)
    return SprintFigures("s-one", title, status, when, projects, participants, returning, 1, None)


def test_a_hostile_sprint_title_stays_text_in_every_chart() -> None:
    found = figures((row(HOSTILE, 7, 3, 2),), (CountryFigures("GB", HOSTILE, 1, 3, ("London",)),))
    for chart in stats_charts(found):
        tree = ET.fromstring(str(chart.svg))  # well-formed: nothing the title holds closed or opened a tag
        assert tree.tag == f"{SVG}svg"
        assert not tree.findall(f".//{SVG}script") and "onload" not in tree.attrib
        texts = " ".join("".join(el.itertext()) for el in tree.iter())
        assert "<script>" not in str(chart.svg)
        if chart.key in ("chart-per-sprint", "chart-countries"):
            assert HOSTILE.replace("&amp;", "&") in texts or HOSTILE[:20] in texts


def test_upcoming_sprints_are_not_drawn_and_nothing_divides_by_zero() -> None:
    charts = stats_charts(figures((row("Held", 0, 0), row("Announced", 0, 0, status=Status.UPCOMING))))
    assert [c.key for c in charts] == ["chart-per-sprint", "chart-returning", "chart-funnel"]
    assert charts[0].categories == ("Jan 2025",) and charts[0].rows == [("Jan 2025", [0, 0])]
    for chart in charts:
        ET.fromstring(str(chart.svg))


def test_stacked_columns_add_up_to_the_participants() -> None:
    returning = stats_charts(figures((row("A", 10, 4, 3), row("B", 6, 2, 6))))[1]
    assert returning.rows == [("Jan 2025", [7, 3]), ("Jan 2025", [0, 6])]
    tree = ET.fromstring(str(returning.svg))
    shown = [t.text for t in tree.iter(f"{SVG}text") if t.get("class") == "jam-chart__value"]
    assert shown == ["7", "3", "6"]  # each part of a stack says its number (a zero draws nothing)
    heights = {
        cls: [float(r.get("height")) for r in tree.iter(f"{SVG}rect") if r.get("class") == cls and r.get("height")]
        for cls in ("jam-chart__s1", "jam-chart__s2")
    }
    new, back = (h[:2] for h in heights.values())  # the first two of each: the columns (the rest are the legend's)
    stacks = [a + b for a, b in zip(new, back, strict=True)]
    assert abs(stacks[0] / stacks[1] - 10 / 6) < 0.01  # each column is as tall as its sprint's participants


def test_many_sprints_keep_their_labels_apart() -> None:
    rows = tuple(row(f"Sprint {i}", i, i // 2) for i in range(60))
    chart = stats_charts(figures(rows))[0]
    tree = ET.fromstring(str(chart.svg))
    legend = {"Participants", "Projects"}
    labels = [t for t in tree.iter(f"{SVG}text") if t.get("class") == "jam-chart__label" and t.text not in legend]
    assert 1 < len(labels) <= 6
    xs = [float(t.get("x")) for t in labels]
    assert min(b - a for a, b in pairwise(xs)) >= 60  # a "Jan 2025" label is about 60 units wide
    assert len(chart.rows) == 60  # the table still has every sprint


def test_a_chart_carries_no_script_no_stylesheet_and_no_ids_but_its_own() -> None:
    found = figures((row("A", 10, 4, 3), row("B", 6, 2, 6)), (CountryFigures("GB", "United Kingdom", 1, 3, ()),))
    for chart in stats_charts(found):
        tree = ET.fromstring(str(chart.svg))
        tags = {el.tag.removeprefix(SVG) for el in tree.iter()}
        assert not tags & {"script", "style", "foreignObject", "a"}, chart.key  # static: the page's CSS colours it
        assert [el.get("id") for el in tree.iter() if el.get("id")] == [f"{chart.key}-t", f"{chart.key}-d"]
        assert not any(k.startswith("on") for el in tree.iter() for k in el.attrib)


def test_bars_read_top_down_in_the_order_of_the_table() -> None:
    countries = (CountryFigures("CA", "Canada", 1, 5, ()), CountryFigures("KE", "Kenya", 1, 2, ()))
    chart = next(c for c in stats_charts(figures((row("A", 1, 1),), countries)) if c.key == "chart-countries")
    tree = ET.fromstring(str(chart.svg))
    labels = sorted(
        (float(t.get("y")), t.text) for t in tree.iter(f"{SVG}text") if t.get("class") == "jam-chart__label"
    )
    assert [name for _, name in labels] == ["Canada", "Kenya"]


def test_crowded_columns_leave_their_numbers_to_the_table() -> None:
    few, many = (stats_charts(figures(tuple(row(f"S{i}", 10 + i, 3) for i in range(n))))[0] for n in (4, 30))
    values = [
        [t.text for t in ET.fromstring(str(c.svg)).iter(f"{SVG}text") if t.get("class") == "jam-chart__value"]
        for c in (few, many)
    ]
    assert values == [["10", "11", "12", "13", "3", "3", "3", "3"], []]  # 60 numbers in 480 units would overlap
    assert len(many.rows) == 30
