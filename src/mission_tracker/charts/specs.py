"""Indicator -> Vega-Lite specs, written with Altair in one house theme.

Each chart is a self-citing figure: it carries its title, subtitle, source, licence and
address, so the same render serves the page, the SVG and PNG downloads and (for the headline
chart, whose 600 x 315 doubles to exactly 1200 x 630) the social card.

- The headline chart: the headline series, with the milestone target and trajectory.
- The breakdown chart (when the data has breakdowns): small multiples, one panel per series,
  each with the headline in grey behind it for comparison.

Every part of every spec is written with Altair, the house style included (registered as an
Altair theme in theme.py), so a chart reads as one description rather than a half-built object
patched afterwards. Importing Altair takes most of a second, so this module is imported only
when a spec has to be built (charts/produce.py): a rebuild whose specs all come from the store
never loads it.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.analyse.numbers import value_text
from mission_tracker.charts.axes import epoch_ms, x_axis, y_axis, y_domain
from mission_tracker.charts.chart import BREAKDOWNS, HEADLINE, Chart
from mission_tracker.charts.theme import (
    CONTEXT,
    HEIGHT,
    MUTED,
    PALETTE,
    TEXT,
    WIDTH,
    house_style,
)
from mission_tracker.model.data import Indicator, Marker, SeriesKey
from mission_tracker.model.periods import Period, parse_period


def subtitle(indicator: Indicator) -> str:
    return indicator.spec.measure


def footer_lines(indicator: Indicator, address: str, flagged: bool) -> tuple[str, ...]:
    lines = [*textwrap.wrap(indicator.spec.source.credit, 100)]
    lines.append(indicator.spec.licence.attribution)
    lines.append(address)
    if flagged:
        lines.append("Hollow points are provisional or estimated figures.")
    return tuple(lines)


def charts(indicator: Indicator, milestone: MilestoneFacts | None, address: str) -> list[Chart]:
    out = [headline_chart(indicator, milestone, address)]
    if len(indicator.series_keys()) > 1:
        out.append(breakdown_chart(indicator, address))
    return out


# -- data -----------------------------------------------------------------------------------


def _rows(indicator: Indicator, key: SeriesKey, label: str) -> tuple[list[dict[str, Any]], bool]:
    breaks = _breaks(indicator)
    rows, flagged = [], False
    for o in indicator.series(key):
        flag = bool(o.markers & {Marker.PROVISIONAL, Marker.ESTIMATED})
        flagged |= flag
        rows.append(
            {
                "t": epoch_ms(o.period.start),
                "v": o.value,
                "s": label,
                # A new line segment after each series break, so the line is not joined.
                "g": f"{label}|{sum(1 for b in breaks if o.period >= b)}",
                "p": flag,
                "period": o.period.label,
                "value": value_text(o, indicator.spec),
            }
        )
    return rows, flagged


def _named(name: str) -> Any:
    """A reference to one of the chart's named datasets (each dataset is written once)."""
    return alt.Data(name=name)  # type: ignore[no-untyped-call]


def _breaks(indicator: Indicator) -> list[Period]:
    spec = indicator.spec
    return sorted(parse_period(b.period, spec.period_type) for b in spec.series_breaks)


# -- the headline chart ---------------------------------------------------------------------


def headline_chart(indicator: Indicator, milestone: MilestoneFacts | None, address: str) -> Chart:
    spec = indicator.spec
    observations, flagged = _rows(indicator, indicator.headline_key, "All")
    values = [o.value for o in indicator.headline if o.value is not None]
    periods = [o.period for o in indicator.headline] or [o.period for o in indicator.observations]
    target_rows, trajectory = _target(milestone, periods, values)
    lo, hi, step = y_domain(values, spec.unit)
    x = x_axis(min(periods), max(periods), spec.period_type)
    y = y_axis(lo, hi, step, spec.unit)
    short = len(observations) <= 30
    breaks = _breaks(indicator)
    layers: list[Any] = []
    if breaks:
        layers += _break_layers(x)
    if target_rows:
        layers.append(
            alt.Chart(_named("target"))
            .mark_rule(color=TEXT, strokeDash=[6, 4], strokeWidth=1.5)
            .encode(y=y)
        )
        layers.append(
            alt.Chart(_named("target"))
            .mark_text(align="right", baseline="bottom", dy=-3, fontSize=12, color=TEXT)
            .encode(x=x, y=y, text="text:N")
        )
    if trajectory:
        layers.append(
            alt.Chart(_named("trajectory"))
            .mark_line(color=TEXT, strokeDash=[2, 3], strokeWidth=1.5)
            .encode(x=x, y=y)
        )
    layers += _series_layers(x, y, PALETTE[0], short, 2.5)
    latest = [r for r in observations if r["v"] is not None][-1:]
    layers.append(
        alt.Chart(_named("latest"))
        .mark_text(
            align="left", baseline="middle", dx=7, fontSize=13, fontWeight="bold", color=PALETTE[0]
        )
        .encode(x=x, y=y, text="value:N")
    )
    footer = footer_lines(indicator, address, flagged)
    chart = _frame(
        alt.LayerChart(layer=layers),
        title=spec.title,
        subtitle=subtitle(indicator),
        footer=footer,
        datasets={
            "observations": observations,
            "latest": latest,
            "target": target_rows,
            "trajectory": trajectory,
            "breaks": [{"t": epoch_ms(b.start), "text": "Series break"} for b in breaks],
        },
        exact=True,
    )
    return Chart(HEADLINE, chart, spec.title, subtitle(indicator), footer)


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
        target_rows.append({"t": epoch_ms(max(periods).start), "v": target, "text": text})
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
                {"t": epoch_ms(milestone.baseline_period.start), "v": baseline.value},
                {"t": epoch_ms(deadline.start), "v": target},
            ]
    return target_rows, trajectory


def _series_layers(x: alt.X, y: alt.Y, colour: str, points: bool, width: float) -> list[Any]:
    line = (
        alt.Chart(_named("observations"))
        .mark_line(
            invalid="break-paths-filter-domains",
            strokeWidth=width,
            strokeCap="round",
            color=colour,
        )
        .encode(x=x, y=y, detail="g:N")
    )
    # Points on every observation for short series (and on any isolated between gaps);
    # hollow for provisional or estimated figures.
    dots = (
        alt.Chart(_named("observations"))
        .transform_filter("datum.v != null" + ("" if points else " && datum.p"))
        .mark_point(filled=True, size=28, opacity=1, color=colour, strokeWidth=1.5)
        .encode(x=x, y=y, fill=alt.condition("datum.p", alt.value("white"), alt.value(colour)))
    )
    return [line, dots]


def _break_layers(x: alt.X) -> list[Any]:
    return [
        alt.Chart(_named("breaks")).mark_rule(color=MUTED, strokeDash=[2, 3]).encode(x=x),
        alt.Chart(_named("breaks"))
        .mark_text(align="left", baseline="top", dx=3, y=2, fontSize=11, color=MUTED)
        .encode(x=x, text="text:N"),
    ]


# -- the breakdown chart --------------------------------------------------------------------


def breakdown_chart(indicator: Indicator, address: str) -> Chart:
    spec = indicator.spec
    keys = [k for k in indicator.series_keys() if any(k)]
    headline, _ = _rows(indicator, indicator.headline_key, "All")
    values = [o.value for o in indicator.observations if o.value is not None]
    periods = [o.period for o in indicator.observations]
    lo, hi, step = y_domain(values, spec.unit)
    x = x_axis(min(periods), max(periods), spec.period_type, few=True)
    y = y_axis(lo, hi, step, spec.unit, ticks=3)
    columns = 2 if len(keys) <= 4 else 3
    gap = 24
    width = (WIDTH - gap * (columns - 1)) // columns
    height = 110 if len(keys) <= columns else 90
    size = (width, height)
    panels = []
    datasets: dict[str, Any] = {"headline": headline}
    flagged_any = False
    for i, key in enumerate(keys):
        label = indicator.series_label(key)
        rows, flagged = _rows(indicator, key, label)
        flagged_any |= flagged
        datasets[f"series{i}"] = rows
        panels.append(
            _panel(f"series{i}", label, rows, PALETTE[(i + 1) % len(PALETTE)], x, y, size)
        )
    footer = footer_lines(indicator, address, flagged_any)
    title = (
        f"{spec.title}, by {spec.breakdowns[0].label.lower()}"
        if len(spec.breakdowns) == 1
        else f"{spec.title}, by breakdown"
    )
    grid = alt.ConcatChart(concat=panels, columns=columns, spacing=gap)
    chart = _frame(
        grid,
        title=title,
        subtitle=f"{subtitle(indicator)}. Grey line: all",
        footer=footer,
        datasets=datasets,
        exact=False,
    )
    return Chart(BREAKDOWNS, chart, title, subtitle(indicator), footer)


def _panel(
    name: str,
    label: str,
    rows: list[dict[str, Any]],
    colour: str,
    x: alt.X,
    y: alt.Y,
    size: tuple[int, int],
) -> Any:
    """One small multiple: a series over the headline in grey, titled with its latest value."""
    width, height = size
    last = [r for r in rows if r["v"] is not None][-1:]
    panel_title = f"{label}: {last[0]['value']}" if last else label
    layers = [
        alt.Chart(_named("headline"))
        .mark_line(invalid="break-paths-filter-domains", strokeWidth=1.5, color=CONTEXT)
        .encode(x=x, y=y, detail="g:N"),
        *[
            layer.properties(data=_named(name))
            for layer in _series_layers(x, y, colour, len(rows) <= 30, 2)
        ],
    ]
    return alt.LayerChart(layer=layers).properties(
        width=width,
        height=height,
        title=alt.TitleParams(
            textwrap.wrap(panel_title, width // 8),
            anchor="start",
            fontSize=13,
            color=TEXT,
            fontWeight="bold",
        ),
    )


# -- shared frame ---------------------------------------------------------------------------

_FOOTER_TEXT: dict[str, Any] = {
    "align": "left",
    "baseline": "top",
    "fontSize": 11,
    "lineHeight": 13,
    "color": MUTED,
}


def _footer(footer: tuple[str, ...], *, below_axis: bool) -> Any:
    """The self-citing footer: a text mark under the x-axis (headline chart) or a row of its
    own under the panels (breakdown chart)."""
    mark = (
        alt.Chart(_named("footer"))
        .mark_text(**_FOOTER_TEXT, x=0, y={"expr": "height + 26"} if below_axis else 0)
        .encode(text=alt.Text(field="text"))
    )
    return mark if below_axis else mark.properties(width=WIDTH, height=13 * len(footer))


def _frame(
    chart: Any,
    *,
    title: str,
    subtitle: str,
    footer: tuple[str, ...],
    datasets: dict[str, Any],
    exact: bool,
) -> dict[str, Any]:
    """Title, subtitle and self-citing footer around a chart; one copy of the data."""
    heading = alt.TitleParams(
        text=textwrap.wrap(title, 50),
        subtitle=textwrap.wrap(subtitle, 84),
        anchor="start",
        fontSize=18,
        subtitleFontSize=13,
        subtitleColor=MUTED,
        color=TEXT,
        offset=12,
    )
    framed: Any
    if exact:
        # Sized to exactly WIDTH x HEIGHT; the footer is a mark below the x-axis, and "fit"
        # counts its bounds when it sizes the plot.
        framed = alt.LayerChart(layer=[*chart.layer, _footer(footer, below_axis=True)]).properties(
            width=WIDTH,
            height=HEIGHT,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        )
    else:
        framed = alt.VConcatChart(vconcat=[chart, _footer(footer, below_axis=False)], spacing=16)
    framed = framed.properties(
        title=heading,
        background="white",
        padding={"left": 14, "top": 12, "right": 14, "bottom": 10},
        datasets={**datasets, "footer": [{"text": list(footer)}]},
    )
    with house_style():
        out: dict[str, Any] = framed.to_dict(validate=False)
    return out
