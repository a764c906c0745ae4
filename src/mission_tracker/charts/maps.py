"""Maps: a breakdown whose values are area codes, drawn as a choropleth of its latest figures.

Boundaries are files the project declares (mkdocs.yml, `extra.maps`), so any organisation can
bring its own; each is GeoJSON with a property holding the area code and one holding its name,
and an attribution line that every map drawn on it carries. The map is a static SVG like every
chart, with the figures in words in its description and in the table beside it.
"""

from __future__ import annotations

from typing import Any

import altair as alt

from mission_tracker.analyse.numbers import value_text
from mission_tracker.analyse.views import DimensionView
from mission_tracker.charts.frame import conditional, footer_lines, frame, named
from mission_tracker.charts.theme import PALETTE, WIDTH
from mission_tracker.model.data import Indicator, Observation
from mission_tracker.model.maps import Boundaries
from mission_tracker.model.units import UnitSpec

# Five groups, light to the house blue.
CLASSES = ("#d2e1ef", "#9ebfdc", "#6a9cc6", "#3a73a6", PALETTE[0])
NO_FIGURE = "white"  # with a grey outline, unlike every area that has a figure
OUTLINE = "#6f777b"
HEIGHT = 600  # Great Britain is tall; with its footer, under 2,000 px as a PNG


def _groups(figures: list[Observation], unit: UnitSpec) -> list[tuple[Observation, str]]:
    """The figures in (up to) five groups of about equal size, lowest first, each named by the
    lowest and highest figure in it as published ("0.012 to 0.845"): real figures by area are
    skewed (one district can be a hundred times the median), and an even scale would colour
    every other area alike. Equal figures always share a group."""
    valued = sorted((o for o in figures if o.value is not None), key=lambda o: o.value or 0.0)
    n, size = len(valued), len(CLASSES)
    out: list[tuple[Observation, str]] = []
    start = 0
    for group in range(size):
        if start >= n:
            break
        end = max(start + 1, round((group + 1) * n / size))
        while end < n and valued[end].value == valued[end - 1].value:
            end += 1
        members = valued[start:end]
        name = f"{value_text(members[0], unit)} to {value_text(members[-1], unit)}"
        out += [(o, name) for o in members]
        start = end
    return out


def map_chart(
    indicator: Indicator,
    view: DimensionView,
    boundaries: Boundaries,
    address: str,
    title: str,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    unit = view.measure.unit
    known = boundaries.codes
    names = indicator.spec.value_labels[view.position]
    latest = view.latest_rows(indicator)
    on_map = [o for o in latest if o.series[view.position] in known]
    groups = _groups(on_map, unit)
    figures: list[dict[str, Any]] = [
        {
            "code": o.series[view.position],
            "group": group,
            "value": value_text(o, unit),
        }
        for o, group in groups
    ]
    labels = list(dict.fromkeys(group for _, group in groups))
    off_map = [
        names.get(c, c) for c in {o.series[view.position]: 0 for o in latest} if c not in known
    ]
    when = view.latest.label if view.latest else ""
    notes = [
        f"Latest figures, {when}, in {len(labels)} groups of about equal size. Areas outlined "
        f"in grey with no fill have no figure. Boundaries: {boundaries.title}. "
        f"{boundaries.attribution}"
    ]
    if off_map:
        more = f" and {len(off_map) - 8} more" if len(off_map) > 8 else ""
        shown = ", ".join(off_map[:8]) + more
        notes.append(
            f"{len(off_map)} of the areas in the data are not on this map ({shown}); their "
            "figures are in the table."
        )
    has_figure = "datum.group != null && datum.group !== ''"
    areas = (
        alt.Chart(named("areas"))
        .mark_geoshape(strokeWidth=0.5)
        .transform_lookup(
            lookup="properties.code",
            from_=alt.LookupData(named("figures"), key="code", fields=["group", "value"]),
            # Keep the areas with no figure: they are drawn, outlined, not left out.
            default="",
        )
        .encode(
            color=conditional(
                alt.ColorValue,
                has_figure,
                alt.Color(
                    "group:N",
                    scale=alt.Scale(domain=labels, range=list(CLASSES[: len(labels)])),
                    sort=labels,
                    legend=alt.Legend(
                        title=view.measure.title,
                        titleLimit=WIDTH,
                        orient="top",
                        direction="horizontal",
                        symbolType="square",
                        symbolSize=180,
                        columns=3,
                        labelLimit=220,
                    ),
                ),
                alt.value(NO_FIGURE),
            ),
            stroke=conditional(alt.StrokeValue, has_figure, "white", alt.value(OUTLINE)),
        )
        .project(type="mercator")
        .properties(width=WIDTH, height=HEIGHT)
    )
    footer = footer_lines(indicator, address, False, *notes)
    spec = frame(
        areas,
        title=title,
        subtitle=f"{view.measure.measure}{', ' + view.held_words if view.held else ''}",
        footer=footer,
        datasets={"areas": list(boundaries.features), "figures": figures},
        exact=False,
    )
    return spec, footer
