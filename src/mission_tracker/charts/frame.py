"""What every chart shares: its data rows, the house frame around it (title, subtitle and the
self-citing footer), and the line-and-points layers of a series."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

from mission_tracker.analyse.numbers import value_text
from mission_tracker.charts.axes import epoch_ms, placed
from mission_tracker.charts.theme import HEIGHT, MUTED, TEXT, WIDTH, house_style
from mission_tracker.model.data import Indicator, SeriesKey
from mission_tracker.model.measures import Measure


def footer_lines(indicator: Indicator, address: str, flagged: bool, *notes: str) -> tuple[str, ...]:
    """The lines that make a chart cite itself: its sources, their licences, its address."""
    lines = [*textwrap.wrap(indicator.spec.credit, 100)]
    lines += textwrap.wrap(indicator.spec.attribution, 100)
    lines.append(address)
    if flagged:
        lines.append("Hollow points are provisional or estimated figures.")
    lines += [line for note in notes for line in textwrap.wrap(note, 100)]
    return tuple(lines)


def series_rows(
    indicator: Indicator, measure: Measure, key: SeriesKey, label: str
) -> tuple[list[dict[str, Any]], bool]:
    """A series as chart rows, with whether any figure in it is provisional or estimated."""
    breaks = [start for start, _ in indicator.breaks(measure)]
    rows, flagged = [], False
    for o in indicator.series(key, measure.id):
        flagged |= o.tentative
        rows.append(
            {
                "t": epoch_ms(placed(o.period, o.date)),
                "v": o.value,
                "s": label,
                # A new line segment after each series break, so the line is not joined.
                "g": f"{label}|{sum(1 for b in breaks if o.period >= b)}",
                "p": o.tentative,
                "period": o.period.label + (f" ({o.date.isoformat()})" if o.date else ""),
                "value": value_text(o, measure.unit),
            }
        )
    return rows, flagged


def named(name: str) -> Any:
    """A reference to one of the chart's named datasets (each dataset is written once)."""
    return alt.Data(name=name)  # type: ignore[no-untyped-call]


def conditional(channel: Any, test: str, then: Any, otherwise: Any) -> Any:
    """`alt.condition` as a typed channel: Altair takes it as it is, where the plain dict
    `alt.condition` returns is matched against the schema at every `encode` (tens of
    milliseconds each, the largest part of writing a chart)."""
    then = then if isinstance(then, alt.SchemaBase) else alt.value(then)
    return channel(**alt.condition(test, then, otherwise))


def series_layers(x: alt.X, y: alt.Y, colour: str, points: bool, width: float) -> list[Any]:
    line = (
        alt.Chart(named("observations"))
        .mark_line(
            invalid="break-paths-filter-domains",
            strokeWidth=width,
            strokeCap="round",
            color=colour,
        )
        .encode(x=x, y=y, detail=alt.Detail("g:N"))
    )
    # Points on every observation for short series (and on any isolated between gaps);
    # hollow for provisional or estimated figures.
    dots = (
        alt.Chart(named("observations"))
        .transform_filter("datum.v != null" + ("" if points else " && datum.p"))
        .mark_point(filled=True, size=28, opacity=1, color=colour, strokeWidth=1.5)
        .encode(x=x, y=y, fill=conditional(alt.FillValue, "datum.p", "white", alt.value(colour)))
    )
    return [line, dots]


def break_layers(x: alt.X) -> list[Any]:
    return [
        alt.Chart(named("breaks")).mark_rule(color=MUTED, strokeDash=[2, 3]).encode(x=x),
        alt.Chart(named("breaks"))
        .mark_text(align="left", baseline="top", dx=3, y=2, fontSize=11, color=MUTED)
        .encode(x=x, text=alt.Text("text:N")),
    ]


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
        alt.Chart(named("footer"))
        .mark_text(**_FOOTER_TEXT, x=0, y={"expr": "height + 26"} if below_axis else 0)
        .encode(text=alt.Text(field="text"))
    )
    return mark if below_axis else mark.properties(width=WIDTH, height=13 * len(footer))


def frame(
    chart: Any,
    *,
    title: str,
    subtitle: str,
    footer: tuple[str, ...],
    datasets: dict[str, Any],
    exact: bool,
) -> dict[str, Any]:
    """Title, subtitle and self-citing footer around a chart (for `exact`, around a list of
    layers); one copy of the data."""
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
    # Every property is given as the chart is made: Altair copies a composed chart's parts
    # deeply each time one is set afterwards, and validates each.
    top: dict[str, Any] = {
        "title": heading,
        "background": "white",
        "padding": {"left": 14, "top": 12, "right": 14, "bottom": 10},
        # A placeholder: the rows are put in the written spec below, so Altair never copies
        # nor validates them (most of a spec's bytes).
        "datasets": {},
    }
    framed: Any
    if exact:
        # Sized to exactly WIDTH x HEIGHT; the footer is a mark below the x-axis, and "fit"
        # counts its bounds when it sizes the plot. `chart` is the list of its layers.
        framed = alt.LayerChart(
            layer=[*chart, _footer(footer, below_axis=True)],
            width=WIDTH,
            height=HEIGHT,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
            **top,
        )
    else:
        framed = alt.VConcatChart(
            vconcat=[chart, _footer(footer, below_axis=False)], spacing=16, **top
        )
    with house_style():
        out: dict[str, Any] = framed.to_dict(validate=False)
    out["datasets"] = {**datasets, "footer": [{"text": list(footer)}]}
    return out
