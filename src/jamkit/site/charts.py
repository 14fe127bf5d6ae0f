"""The charts of ``/stats/``: static SVG drawn at build time from the impact figures, by pygal.

Each ``Chart`` holds its numbers (the page prints them as a table beside the
drawing), a text alternative, and its SVG. pygal lays the chart out (grid, bars,
stacks, legend, room for labels), so no coordinates are computed here; we choose
only the axis's round top and which labels show. From pygal's tree we drop its
``<script>`` (its config, for tooltips we do not want), its ``<style>`` (unscoped
with ``no_prefix``, it would restyle the whole page), its ids and backgrounds,
and give each part a ``jam-chart__*`` class that jamkit.css colours from
Material's palette variables, text in ``currentColor``. So a chart follows the
reader's light or dark scheme and runs no script. pygal writes text through
ElementTree, which escapes it: sprint titles are front matter.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Literal

import pygal
from markupsafe import Markup
from pygal.style import Style

from jamkit.core.i18n import _, ngettext
from jamkit.core.wording import month
from jamkit.figures.stats import Figures

WIDTH = 480  # the viewBox's width; the stylesheet scales the drawing to its column
HEIGHT = 280  # a column chart's height
ROW = 30  # the height of one row of a bar chart
LABELS = 6  # most labels under a column chart before they would overlap
CROWDED = 16  # more columns than this and their values would overlap; the table has them
FONT = 14  # the stylesheet's size for every text of a chart; pygal lays out with it
SVG = "http://www.w3.org/2000/svg"  # pygal writes bare tags and this as the root's xmlns


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
    """Participants and projects per sprint, returning participants, countries, and the funnel; a chart with
    nothing to draw is left out."""
    held = [r for r in found.by_sprint if r.status.value != "upcoming"]
    dates = tuple(month(r.starts) for r in held)
    titles = tuple(r.title for r in held)
    charts = []
    if held:
        busiest = max(held, key=lambda r: r.participants)
        charts.append(
            Chart(
                "chart-per-sprint",
                _("Participants and projects per sprint"),
                _(
                    "Columns for each sprint held, oldest first (%(first)s to %(last)s): participants and "
                    "published projects. The most participants, %(most)s, were at %(busiest)s."
                )
                % {"first": dates[0], "last": dates[-1], "most": busiest.participants, "busiest": busiest.title},
                _("Sprint"),
                dates,
                (
                    Series(_("Participants"), tuple(r.participants for r in held)),
                    Series(_("Projects"), tuple(r.projects for r in held)),
                ),
                "columns",
                titles,
            )
        )
        charts.append(
            Chart(
                "chart-returning",
                _("Returning participants"),
                ngettext(
                    "Stacked columns for each sprint held, oldest first: participants new to the sprints and "
                    "participants who had been on a project of an earlier sprint. In all, "
                    "%(num)s participant came back to a later sprint.",
                    "Stacked columns for each sprint held, oldest first: participants new to the sprints and "
                    "participants who had been on a project of an earlier sprint. In all, "
                    "%(num)s participants came back to a later sprint.",
                    found.returning,
                )
                % {"num": found.returning},
                _("Sprint"),
                dates,
                (
                    Series(_("New"), tuple(r.participants - r.returning for r in held)),
                    Series(_("Returning"), tuple(r.returning for r in held)),
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
                _("Projects by country"),
                ngettext(
                    "Bars for the %(num)s country where published projects were made at a local site, most first;",
                    "Bars for the %(num)s countries where published projects were made at a local site, most first;",
                    len(found.by_country),
                )
                % {"num": len(found.by_country)}
                + " "
                + ngettext("%(top)s leads with %(num)s project.", "%(top)s leads with %(num)s projects.", top.projects)
                % {"top": top.name, "num": top.projects},
                _("Country"),
                tuple(c.name for c in found.by_country),
                (Series(_("Projects"), tuple(c.projects for c in found.by_country)),),
                "bars",
            )
        )
    funnel = found.funnel
    if not funnel.projects:  # no bars to draw: the page says there is nothing yet
        return charts
    charts.append(
        Chart(
            "chart-funnel",
            _("From project to publication"),
            ngettext(
                "Bars for each step: %(num)s published project, %(awarded)s awarded, "
                "%(fellowship)s taken into the fellowship, %(publication)s named by a publication.",
                "Bars for each step: %(num)s published projects, %(awarded)s awarded, "
                "%(fellowship)s taken into the fellowship, %(publication)s named by a publication.",
                funnel.projects,
            )
            % {
                "num": funnel.projects,
                "awarded": funnel.awarded,
                "fellowship": funnel.fellowship,
                "publication": funnel.publication,
            },
            _("Step"),
            (_("Published projects"), _("Awarded"), _("In the fellowship"), _("Named by a publication")),
            (Series(_("Projects"), (funnel.projects, funnel.awarded, funnel.fellowship, funnel.publication)),),
            "bars",
        )
    )
    return charts


# --------------------------------------------------------------------------- drawing

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="inherit",
    label_font_size=FONT,
    major_label_font_size=FONT,
    value_font_size=FONT,
    legend_font_size=FONT,
    title_font_size=FONT,
)
KINDS = {"columns": pygal.Bar, "stacked": pygal.StackedBar, "bars": pygal.HorizontalBar}


def draw(chart: Chart) -> Markup:
    """The chart as an inline ``<svg>`` with a title and a description for assistive technology."""
    bars, stacked = chart.kind == "bars", chart.kind == "stacked"
    top = _scale(max(_totals(chart), default=0) or 1)
    ticks = (0, top / 2, top) if (top / 2).is_integer() else (0, top)
    drawing = KINDS[chart.kind](
        style=STYLE,
        js=[],  # pygal still writes its config as a script; _for_a_page drops it
        css=[],
        no_prefix=True,  # ids of our own (the chart's key), not a random uuid per build
        disable_xml_declaration=True,
        explicit_size=False,  # a viewBox only: the stylesheet sizes the drawing to its column
        width=WIDTH,
        height=ROW * len(chart.categories) + 24 if bars else HEIGHT,
        margin=8,
        margin_top=24,  # room for the value over the tallest column
        margin_right=40 if bars else 8,  # room for the value after the longest bar
        spacing=8,
        show_legend=len(chart.series) > 1,
        legend_at_bottom=True,
        print_values=bars or len(chart.categories) * (1 if stacked else len(chart.series)) <= CROWDED,
        print_zeroes=False,
        print_values_position="center" if stacked else "top",  # a stack's parts say theirs inside
        show_x_guides=False,
        show_x_labels=not bars,  # a bar chart needs no scale: each bar says its value
        show_y_guides=not bars,
        y_labels=ticks,
        range=(0, top),
        truncate_label=22 if bars else -1,
    )
    # With many sprints, every few are labelled; the table names them all. (pygal's x_labels_major_count picks
    # labels by their text, and sprints of one month share it, so the others are blanked here instead.)
    every = 1 if bars else -(-len(chart.categories) // LABELS)
    order = -1 if bars else 1  # pygal stacks bars from the bottom up; ours read top down, as the table does
    drawing.x_labels = [c if i % every == 0 else "" for i, c in enumerate(chart.categories)][::order]
    for s in chart.series:
        drawing.add(s.name, list(s.values)[::order])
    return Markup(ET.tostring(_for_a_page(drawing.render_tree(), chart), encoding="unicode"))


def _scale(top: int) -> int:
    """A round upper bound for the axis, close above the largest value: 5, 10, 15, 20, 25, 30, 40, 50, 60, 80..."""
    step = 1
    while True:
        for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            if step * m >= top and float(step * m).is_integer():
                return int(step * m)
        step *= 10


def _totals(chart: Chart) -> list[int]:
    if chart.kind == "stacked":
        return [sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))]
    return [max(s.values[i] for s in chart.series) for i in range(len(chart.categories))]


def _for_a_page(root: ET.Element, chart: Chart) -> ET.Element:
    """pygal's tree without its script, style, comments, backgrounds and tooltips, with our classes and labels."""
    uid = chart.key  # one chart of a kind per page
    prune(root)
    for group in root.iter("g"):
        classes = group.get("class", "").split()
        if "axis" in classes:  # the values' axis has ticks and a grid; the categories' axis only labels
            _axis(group, values=("x" in classes) == (chart.kind == "bars"), left="y" in classes)
        for text in group.iter("text") if {"legend", "text-overlay"} & set(classes) else ():
            text.set("class", "jam-chart__label" if "legend" in classes else "jam-chart__value")
            if "text-overlay" in classes and chart.kind == "bars":  # after the bar's end, not across it
                text.set("text-anchor", "start")
    for el in root.iter():  # pygal's ids (its legend's "activate-serie-0") would clash between charts
        el.attrib.pop("id", None)
    parent = {child: group for group in root.iter() for child in group}
    for rect in root.iter("rect"):  # a series' bars, and its box in the legend
        owner = rect
        while owner is not root and "color-" not in owner.get("class", ""):
            owner = parent[owner]
        series = next((c for c in owner.get("class", "").split() if c.startswith("color-")), "color-0")
        rect.set("class", f"jam-chart__s{int(series[6:]) + 1}")
    box = root.get("viewBox", f"0 0 {WIDTH} {HEIGHT}")
    root.attrib.clear()  # pygal's id, class and sizes
    root.attrib.update(
        {"xmlns": SVG, "class": "jam-chart__svg", "viewBox": box, "role": "img", "aria-labelledby": f"{uid}-t {uid}-d"}
    )
    title, desc = ET.Element("title", id=f"{uid}-t"), ET.Element("desc", id=f"{uid}-d")
    title.text, desc.text = chart.title, chart.summary
    root.insert(0, desc)
    root.insert(0, title)
    return root


def _axis(axis: ET.Element, *, values: bool, left: bool) -> None:
    """Ticks and a light grid for the values' axis; labels alone (no lines) for the categories'."""
    for group in list(axis.iter("g")):  # the axis group itself comes first
        for text in group.findall("text"):  # pygal's stylesheet anchored these; without it, we do
            text.set("class", "jam-chart__tick" if values else "jam-chart__label")
            text.set("text-anchor", "end" if left else "middle")
        for path in group.findall("path"):
            if values:
                path.set("class", "jam-chart__grid")
            else:
                group.remove(path)


def prune(parent: ET.Element) -> None:
    """Drop what a static, scriptless drawing on a styled page must not carry."""
    for child in list(parent):
        drop = (
            child.tag in ("defs", "script", "style", "title", "desc", ET.Comment)
            or {"background", "tooltip", "tooltip-box"} & set(child.get("class", "").split())
            or (child.tag == "text" and not (child.text or "").strip())
        )
        if drop:
            parent.remove(child)
        else:
            prune(child)
