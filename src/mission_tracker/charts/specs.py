"""Indicator -> Vega-Lite specs, written with Altair in one house theme.

Each chart is a self-citing figure: it carries its title, subtitle, sources, licences and
address, so the same render serves the page, the SVG and PNG downloads and (for the headline
chart, whose 600 x 315 doubles to exactly 1200 x 630) the social card.

- A headline chart for each measure: its headline series, with the milestone target and
  trajectory when one is drawn on it.
- A breakdown chart for each breakdown of each measure (breakdowns.py, maps.py): one breakdown
  at a time, the others held at their totals.

Every part of every spec is written with Altair, the house style included (registered as an
Altair theme in theme.py), so a chart reads as one description rather than a half-built object
patched afterwards. Importing Altair takes most of a second, so this module is imported only
when a spec has to be built (charts/produce.py): a rebuild whose specs all come from the store
never loads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt

from mission_tracker.analyse.describe import MIDDLE_NOTE
from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.analyse.views import dimension_views
from mission_tracker.charts.axes import epoch_ms, placed, x_axis, y_axis, y_domain
from mission_tracker.charts.breakdowns import view_chart
from mission_tracker.charts.chart import HEADLINE, Chart, chart_stem
from mission_tracker.charts.frame import (
    break_layers,
    footer_lines,
    frame,
    named,
    series_layers,
    series_rows,
)
from mission_tracker.charts.theme import PALETTE, TEXT
from mission_tracker.model.data import Indicator
from mission_tracker.model.maps import Boundaries
from mission_tracker.model.measures import Measure
from mission_tracker.model.periods import Period


def charts(
    indicator: Indicator,
    milestone: MilestoneFacts | None,
    address: str,
    boundaries: Mapping[str, Boundaries] | None = None,
) -> list[Chart]:
    """Every chart of an indicator, in the order its page shows them."""
    maps = boundaries or {}
    single = len(indicator.spec.breakdowns) == 1
    out = []
    for i, measure in enumerate(indicator.measures):
        drawn = milestone if milestone is not None and milestone.measure == measure else None
        if indicator.headline_of(measure.id):
            out.append(headline_chart(indicator, measure, drawn, address, first=i == 0))
        for view in dimension_views(indicator, measure, frozenset(maps)):
            stem = chart_stem(measure.id, i == 0, view.column, single)
            out.append(view_chart(indicator, view, address, stem, maps))
    return out


def chart_title(indicator: Indicator, measure: Measure) -> str:
    """ "Homes built", or "Road casualties: rate per 100,000" for a second measure."""
    spec = indicator.spec
    if not measure.id or measure.title == spec.title:
        return spec.title
    return f"{spec.title}: {measure.title[0].lower()}{measure.title[1:]}"


def headline_chart(
    indicator: Indicator,
    measure: Measure,
    milestone: MilestoneFacts | None,
    address: str,
    *,
    first: bool,
) -> Chart:
    unit = measure.unit
    headline = indicator.headline_of(measure.id)
    observations, flagged = series_rows(indicator, measure, indicator.headline_key, "All")
    values = [o.value for o in headline if o.value is not None]
    periods = [o.period for o in headline]
    target_rows, trajectory = _target(milestone, periods, values)
    lo, hi, step = y_domain(values, unit)
    x = x_axis(min(periods), max(periods), measure.period_type)
    y = y_axis(lo, hi, step, unit)
    short = len(observations) <= 30
    breaks = [start for start, _ in indicator.breaks(measure)]
    layers: list[Any] = []
    if breaks:
        layers += break_layers(x)
    layers += _target_layers(x, y, bool(target_rows), bool(trajectory))
    layers += series_layers(x, y, PALETTE[0], short, 2.5)
    latest = [r for r in observations if r["v"] is not None][-1:]
    layers.append(
        alt.Chart(named("latest"))
        .mark_text(
            align="left", baseline="middle", dx=7, fontSize=13, fontWeight="bold", color=PALETTE[0]
        )
        .encode(x=x, y=y, text=alt.Text("value:N"))
    )
    notes = (MIDDLE_NOTE,) if measure.period_type.multi_year else ()
    footer = footer_lines(indicator, address, flagged, *notes)
    title = chart_title(indicator, measure)
    spec = frame(
        layers,
        title=title,
        subtitle=measure.measure,
        footer=footer,
        datasets={
            "observations": observations,
            "latest": latest,
            "target": target_rows,
            "trajectory": trajectory,
            "breaks": [{"t": epoch_ms(placed(b)), "text": "Series break"} for b in breaks],
        },
        exact=True,
    )
    stem = chart_stem(measure.id, first, "", False)
    heading = "Chart" if first and not measure.id else f"Chart: {measure.title}"
    return Chart(HEADLINE, spec, title, measure.measure, footer, stem, heading, measure.id)


def _target_layers(x: alt.X, y: alt.Y, target: bool, trajectory: bool) -> list[Any]:
    layers: list[Any] = []
    if target:
        layers.append(
            alt.Chart(named("target"))
            .mark_rule(color=TEXT, strokeDash=[6, 4], strokeWidth=1.5)
            .encode(y=y)
        )
        layers.append(
            alt.Chart(named("target"))
            .mark_text(align="right", baseline="bottom", dy=-3, fontSize=12, color=TEXT)
            .encode(x=x, y=y, text=alt.Text("text:N"))
        )
    if trajectory:
        layers.append(
            alt.Chart(named("trajectory"))
            .mark_line(color=TEXT, strokeDash=[2, 3], strokeWidth=1.5)
            .encode(x=x, y=y)
        )
    return layers


def _target(
    milestone: MilestoneFacts | None, periods: list[Period], values: list[float]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The milestone's target line and the straight-line trajectory to it from the baseline,
    as chart rows; the periods and values they span are added to `periods` and `values`, so
    the axes include them."""
    target_rows: list[dict[str, Any]] = []
    trajectory: list[dict[str, Any]] = []
    target = milestone.drawn_target if milestone is not None else None
    if milestone is not None and target is not None:
        values.append(target)
        deadline = milestone.deadline_period
        text = f"Target: {milestone.drawn_target_words}"
        if deadline is not None:
            periods.append(deadline)
        target_rows.append({"t": epoch_ms(placed(max(periods))), "v": target, "text": text})
        baseline = milestone.milestone.baseline
        if (
            baseline is not None
            and baseline.value is not None
            and milestone.baseline_period is not None
            and deadline is not None
            and milestone.milestone.target_kind == "level"
        ):
            values.append(baseline.value)
            periods.append(milestone.baseline_period)
            trajectory = [
                {"t": epoch_ms(placed(milestone.baseline_period)), "v": baseline.value},
                {"t": epoch_ms(placed(deadline)), "v": target},
            ]
    return target_rows, trajectory
