"""The charts of ``/stats/``: static SVG drawn at build time from the impact figures.

Each ``Chart`` holds its numbers (the page prints them as a table beside the
drawing), a text alternative, and its SVG. The SVG is inline, colours come from
the stylesheet (Material's palette variables; text is ``currentColor``), so a
chart follows the reader's light or dark scheme and needs no script. Every
label is escaped: sprint titles are front matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup, escape

from jamkit.stats import Figures
from jamkit.wording import number, plural

WIDTH = 480
BAR_AREA = 200  # height of the plot of a column chart
ROW = 28  # height of one row of a bar chart
LABELS = 6  # most labels under a column chart before they would overlap
LABEL = 175  # width of a bar chart's labels


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


@dataclass(frozen=True)
class Chart:
    """One chart: its categories, one or more series over them, and how it is drawn."""

    key: str  # its anchor on the page
    title: str
    summary: str  # the text alternative: what the drawing shows, in words
    label: str  # the heading of the categories' column in the table
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    kind: Literal["columns", "stacked", "bars"]
    notes: tuple[str, ...] = ()  # each category's longer name, e.g. the sprint's title under its date

    @property
    def rows(self) -> list[tuple[str, list[int]]]:
        """The table: one row per category, one cell per series."""
        return [(c, [s.values[i] for s in self.series]) for i, c in enumerate(self.categories)]

    @property
    def svg(self) -> Markup:
        return draw(self)


# --------------------------------------------------------------------------- the charts of /stats/


def stats_charts(found: Figures) -> list[Chart]:
    """Participants and projects per sprint, returning participants, countries, and the funnel."""
    held = [r for r in found.by_sprint if r.status.value != "upcoming"]
    dates = tuple(f"{r.starts:%b %Y}" for r in held)
    titles = tuple(r.title for r in held)
    charts = []
    if held:
        busiest = max(held, key=lambda r: r.participants)
        charts.append(
            Chart(
                "chart-per-sprint",
                "Participants and projects per sprint",
                f"Columns for each sprint held, oldest first ({dates[0]} to {dates[-1]}): participants and "
                f"published projects. The most participants, {busiest.participants}, were at {busiest.title}.",
                "Sprint",
                dates,
                (
                    Series("Participants", tuple(r.participants for r in held)),
                    Series("Projects", tuple(r.projects for r in held)),
                ),
                "columns",
                titles,
            )
        )
        charts.append(
            Chart(
                "chart-returning",
                "Returning participants",
                f"Stacked columns for each sprint held, oldest first: participants new to the sprints and "
                f"participants who had been on a project of an earlier sprint. In all, "
                f"{plural(found.returning, 'participant')} came back to a later sprint.",
                "Sprint",
                dates,
                (
                    Series("New", tuple(r.participants - r.returning for r in held)),
                    Series("Returning", tuple(r.returning for r in held)),
                ),
                "stacked",
                titles,
            )
        )
    if found.by_country:
        top = found.by_country[0]
        charts.append(
            Chart(
                "chart-countries",
                "Projects by country",
                f"Bars for the {plural(len(found.by_country), 'country', 'countries')} where published projects "
                f"were made at a local site, most first; {top.name} leads with {plural(top.projects, 'project')}.",
                "Country",
                tuple(c.name for c in found.by_country),
                (Series("Projects", tuple(c.projects for c in found.by_country)),),
                "bars",
            )
        )
    funnel = found.funnel
    charts.append(
        Chart(
            "chart-funnel",
            "From project to publication",
            f"Bars for each step: {funnel.projects} published projects, {funnel.awarded} awarded, "
            f"{funnel.fellowship} taken into the fellowship, {funnel.publication} named by a publication.",
            "Step",
            ("Published projects", "Awarded", "In the fellowship", "Named by a publication"),
            (Series("Projects", (funnel.projects, funnel.awarded, funnel.fellowship, funnel.publication)),),
            "bars",
        )
    )
    return charts


# --------------------------------------------------------------------------- drawing


def draw(chart: Chart) -> Markup:
    """The chart as an inline ``<svg>`` with a title and a description for assistive technology."""
    uid = chart.key  # one chart of a kind per page
    body, height = (_bars if chart.kind == "bars" else _columns)(chart)
    legend = _legend(chart.series, height) if len(chart.series) > 1 else ""
    height += 28 if legend else 0
    return Markup(
        f'<svg class="jam-chart__svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{escape(chart.title)}</title><desc id="{uid}-d">{escape(chart.summary)}</desc>'
        f"{body}{legend}</svg>"
    )


def _scale(top: int) -> float:
    """A round upper bound for the axis, close above the largest value: 5, 10, 15, 20, 25, 30, 40, 50, 60, 80..."""
    step = 1
    while True:
        for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            if step * m >= top and float(step * m).is_integer():
                return float(step * m)
        step *= 10


def _columns(chart: Chart) -> tuple[str, int]:
    """Grouped (or stacked) columns, one group per category, with a light grid and the values on top."""
    stacked = chart.kind == "stacked"
    n, k = len(chart.categories), len(chart.series)
    totals = [
        sum(s.values[i] for s in chart.series) if stacked else max(s.values[i] for s in chart.series) for i in range(n)
    ]
    top = _scale(max(totals, default=0) or 1)
    left, plot_w, y0 = 40, WIDTH - 50, 20 + BAR_AREA
    group = plot_w / max(n, 1)
    bar = min(48.0, group * 0.8 / (1 if stacked else k))
    every = -(-n // LABELS)  # ceiling: at most LABELS labels under the columns
    parts = []
    for tick in (0, top / 2, top) if (top / 2).is_integer() else (0, top):
        y = y0 - BAR_AREA * tick / top
        parts.append(f'<line class="jam-chart__grid" x1="{left}" x2="{WIDTH - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="jam-chart__tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{number(tick)}</text>'
        )
    for i, category in enumerate(chart.categories):
        x = left + group * i + (group - bar * (1 if stacked else k)) / 2
        base = y0
        for j, s in enumerate(chart.series):
            value = s.values[i]
            h = BAR_AREA * value / top
            bx = x if stacked else x + bar * j
            by = base - h
            name = chart.notes[i] if chart.notes else category
            parts.append(
                f'<rect class="jam-chart__s{j + 1}" x="{bx:.1f}" y="{by:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(name)}: {value} {escape(s.name.lower())}</title></rect>"
            )
            if not stacked and value:
                parts.append(
                    f'<text class="jam-chart__value" x="{bx + bar / 2:.1f}" y="{by - 4:.1f}" '
                    f'text-anchor="middle">{value}</text>'
                )
            if stacked:
                base = by
        if stacked and totals[i]:
            parts.append(
                f'<text class="jam-chart__value" x="{x + bar / 2:.1f}" y="{base - 4:.1f}" '
                f'text-anchor="middle">{totals[i]}</text>'
            )
        if i % every == 0:  # with many sprints, every few are labelled; the table names them all
            parts.append(
                f'<text class="jam-chart__label" x="{left + group * (i + 0.5):.1f}" y="{y0 + 18}" '
                f'text-anchor="middle">{escape(category)}</text>'
            )
    return "".join(parts), y0 + 30


def _bars(chart: Chart) -> tuple[str, int]:
    """Horizontal bars, one row per category, labels on the left and the value at the end of the bar."""
    values = chart.series[0].values
    top = max(values, default=0) or 1
    plot_w = WIDTH - LABEL - 60
    parts = []
    for i, (category, value) in enumerate(zip(chart.categories, values, strict=True)):
        y = 8 + ROW * i
        w = plot_w * value / top
        shown = category if len(category) <= 22 else category[:21] + "…"
        parts.append(
            f'<text class="jam-chart__label" x="{LABEL - 8}" y="{y + ROW / 2 + 1:.1f}" text-anchor="end">'
            f"{escape(shown)}</text>"
            f'<rect class="jam-chart__s1" x="{LABEL}" y="{y + 4}" width="{w:.1f}" height="{ROW - 8}">'
            f"<title>{escape(category)}: {value}</title></rect>"
            f'<text class="jam-chart__value" x="{LABEL + w + 6:.1f}" y="{y + ROW / 2 + 1:.1f}">{value}</text>'
        )
    return "".join(parts), 16 + ROW * len(values)


def _legend(series: Sequence[Series], y: int) -> str:
    parts, x = [], 40
    for j, s in enumerate(series):
        parts.append(
            f'<rect class="jam-chart__s{j + 1}" x="{x}" y="{y + 6}" width="12" height="12"/>'
            f'<text class="jam-chart__label" x="{x + 18}" y="{y + 16}">{escape(s.name)}</text>'
        )
        x += 30 + 9 * len(s.name)
    return "".join(parts)
