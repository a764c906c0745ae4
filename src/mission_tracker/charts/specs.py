"""Indicator -> Vega-Lite specs (built with Altair), in one house theme.

Each chart is a self-citing figure: it carries its title, subtitle, source, licence and
address, so the same render serves the page, the SVG and PNG downloads and (for the headline
chart, whose 600 x 315 doubles to exactly 1200 x 630) the social card.

- The headline chart: the headline series, with the milestone target and trajectory.
- The breakdown chart (when the data has breakdowns): small multiples, one panel per series,
  each with the headline in grey behind it for comparison.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.analyse.numbers import format_given, format_value
from mission_tracker.model.data import Indicator, Marker, Observation, SeriesKey
from mission_tracker.model.periods import Period, PeriodType, parse_period
from mission_tracker.model.specs import Unit

if TYPE_CHECKING:
    import altair as alt
else:

    class _Altair:
        """Altair, imported on first use: the import takes most of a second, and a rebuild
        whose specs all come from the cache (chartcache.py) never needs it."""

        def __getattr__(self, name: str) -> Any:
            import altair

            return getattr(altair, name)

    alt = _Altair()

# UK Government Analysis Function categorical palette, in its recommended order.
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
TEXT = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#dcdcdc"
CONTEXT = "#b1b4b6"  # the headline drawn behind each breakdown panel
# Liberation Sans has Arial's metrics, so text laid out here fits the same in browsers that
# fall back to Arial or Helvetica; the site loads no web font. (Quoted: renderers drop text
# whose family name is not a valid CSS identifier.)
FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
WIDTH, HEIGHT = 600, 315
VEGA_LITE_VERSION = "6.4"
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.json"


@dataclass(frozen=True)
class Chart:
    kind: str  # "headline" or "breakdowns"
    spec: dict[str, Any]
    title: str
    subtitle: str
    footer: tuple[str, ...]


def subtitle(indicator: Indicator) -> str:
    return indicator.spec.measure


def source_line(indicator: Indicator) -> str:
    src = indicator.spec.source
    return f"Source: {src.publisher}, {src.release}"


def footer_lines(indicator: Indicator, address: str, flagged: bool) -> tuple[str, ...]:
    lines = [*textwrap.wrap(source_line(indicator), 100)]
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
                "t": _ms(o.period.start),
                "v": o.value,
                "s": label,
                # A new line segment after each series break, so the line is not joined.
                "g": f"{label}|{sum(1 for b in breaks if o.period >= b)}",
                "p": flag,
                "period": o.period.label,
                "value": _shown(o, indicator),
            }
        )
    return rows, flagged


def _shown(o: Observation, indicator: Indicator) -> str:
    if o.value is not None:
        return format_value(o.value, indicator.spec)
    return f"{o.missing.value} {o.missing.meaning}" if o.missing else ""


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
    target_rows: list[dict[str, Any]] = []
    trajectory: list[dict[str, Any]] = []
    if (
        milestone is not None
        and milestone.charted_target
        and milestone.milestone.target is not None
    ):
        target = milestone.milestone.target
        values.append(target)
        deadline = milestone.deadline_period
        by = milestone.deadline_text
        text = f"Target: {format_given(target, spec)}" + (f" by {by}" if by else "")
        if deadline is not None:
            periods.append(deadline)
        target_rows.append({"t": _ms(max(periods).start), "v": target, "text": text})
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
                {"t": _ms(milestone.baseline_period.start), "v": baseline.value},
                {"t": _ms(deadline.start), "v": target},
            ]
    lo, hi, step = _y_domain(values, spec.unit)
    x = _x(min(periods), max(periods), spec.period_type)
    y = _y(lo, hi, step, spec.unit)
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
            "breaks": [{"t": _ms(b.start), "text": "Series break"} for b in breaks],
        },
        exact=True,
    )
    return Chart("headline", chart, spec.title, subtitle(indicator), footer)


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
    lo, hi, step = _y_domain(values, spec.unit)
    x = _x(min(periods), max(periods), spec.period_type, few=True)
    y = _y(lo, hi, step, spec.unit, ticks=3)
    columns = 2 if len(keys) <= 4 else 3
    gap = 24
    width = (WIDTH - gap * (columns - 1)) // columns
    height = 110 if len(keys) <= columns else 90
    panels = []
    datasets: dict[str, Any] = {"headline": headline}
    flagged_any = False
    for i, key in enumerate(keys):
        label = indicator.series_label(key)
        rows, flagged = _rows(indicator, key, label)
        flagged_any |= flagged
        name = f"series{i}"
        datasets[name] = rows
        last = [r for r in rows if r["v"] is not None][-1:]
        panel_title = f"{label}: {last[0]['value']}" if last else label
        layers = [
            alt.Chart(_named("headline"))
            .mark_line(invalid="break-paths-filter-domains", strokeWidth=1.5, color=CONTEXT)
            .encode(x=x, y=y, detail="g:N"),
            *[
                layer.properties(data=_named(name))
                for layer in _series_layers(
                    x, y, PALETTE[(i + 1) % len(PALETTE)], len(rows) <= 30, 2
                )
            ],
        ]
        panels.append(
            alt.LayerChart(layer=layers).properties(
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
    return Chart("breakdowns", chart, title, subtitle(indicator), footer)


# -- shared frame ---------------------------------------------------------------------------


def _frame(
    chart: Any,
    *,
    title: str,
    subtitle: str,
    footer: tuple[str, ...],
    datasets: dict[str, Any],
    exact: bool,
) -> dict[str, Any]:
    """Title, subtitle and self-citing footer around a chart; the theme; one copy of the data."""
    titled = chart.properties(
        title=alt.TitleParams(
            text=textwrap.wrap(title, 50),
            subtitle=textwrap.wrap(subtitle, 84),
            anchor="start",
            fontSize=18,
            subtitleFontSize=13,
            subtitleColor=MUTED,
            color=TEXT,
            offset=12,
        )
    )
    if exact:
        titled = titled.properties(width=WIDTH, height=HEIGHT)
    out: dict[str, Any] = titled.to_dict(validate=False)
    out["$schema"] = SCHEMA
    out["background"] = "white"
    out["padding"] = {"left": 14, "top": 12, "right": 14, "bottom": 10}
    out["datasets"] = {**datasets, "footer": [{"text": list(footer)}]}
    out["config"] = _config()
    text = {
        "type": "text",
        "align": "left",
        "baseline": "top",
        "fontSize": 11,
        "lineHeight": 13,
        "color": MUTED,
    }
    if exact:
        # Sized to exactly WIDTH x HEIGHT; the footer is a mark below the x-axis, and "fit"
        # counts its bounds when it sizes the plot.
        out["autosize"] = {"type": "fit", "contains": "padding"}
        out["layer"].append(
            {
                "data": {"name": "footer"},
                "mark": {**text, "x": 0, "y": {"expr": "height + 26"}},
                "encoding": {"text": {"field": "text"}},
            }
        )
    else:
        body = {k: out.pop(k) for k in ("concat", "columns", "spacing") if k in out}
        out["vconcat"] = [
            body,
            {
                "data": {"name": "footer"},
                "width": WIDTH,
                "height": 13 * len(footer),
                "mark": {**text, "x": 0, "y": 0},
                "encoding": {"text": {"field": "text"}},
            },
        ]
        out["spacing"] = 16
    return out


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 12,
            "labelColor": MUTED,
            "labelFont": FONT,
            "gridColor": GRID,
        },
        "axisX": {"domainColor": MUTED, "tickColor": MUTED},
        # Value labels sit inside the plot, above their gridlines, so the title, plot and
        # footer share one left edge.
        "axisY": {
            "domain": False,
            "ticks": False,
            "labelAlign": "left",
            "labelBaseline": "bottom",
            "labelPadding": 0,
            "labelOffset": -2,
        },
        "title": {"font": FONT, "subtitleFont": FONT},
        "text": {"font": FONT},
        "concat": {"spacing": 24},
    }


# -- scales and axes ------------------------------------------------------------------------


def _x(first: Period, last: Period, ptype: PeriodType, *, few: bool = False) -> alt.X:
    return alt.X(
        "t:T",
        scale=alt.Scale(type="utc", domain=[_ms(first.start), _ms(last.start)]),
        axis=alt.Axis(
            title=None,
            values=_x_ticks(first, last, 3 if few else 6),
            labelExpr=LABEL_EXPR[ptype],
            grid=False,
            labelFlush=True,
            labelOverlap=True,
        ),
    )


def _y(lo: float, hi: float, step: float, unit: Unit, *, ticks: int = 0) -> alt.Y:
    values = _frange(lo, hi, step)
    if ticks and len(values) > ticks:
        values = values[:: math.ceil((len(values) - 1) / (ticks - 1))]
    return alt.Y(
        "v:Q",
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=alt.Axis(title=None, values=values, labelExpr=_y_label_expr(unit, hi)),
    )


def _ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def _frange(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [round(lo + i * step, 10) for i in range(count + 1)]


def _y_domain(values: list[float], unit: Unit) -> tuple[float, float, float]:
    """A domain with round ends and about five gridlines, including zero when it is near."""
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    if 0 <= lo <= hi * 0.5:
        lo = 0.0
    if hi == lo:
        hi, lo = hi + max(abs(hi) * 0.1, 1), lo - (0 if lo == 0 else max(abs(lo) * 0.1, 1))
    raw = (hi - lo) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    lo_n, hi_n = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if unit is Unit.PERCENT and lo >= 0:
        lo_n = max(lo_n, 0.0)
    return lo_n, hi_n, step


def _y_label_expr(unit: Unit, hi: float) -> str:
    number = (
        "format(datum.value / 1000000, ',.1~f') + 'm'"
        if hi >= 1_000_000 and unit is not Unit.GBP_MILLION
        else "format(datum.value, ',~f')"
    )
    if unit is Unit.PERCENT:
        return f"{number} + '%'"
    if unit is Unit.GBP:
        return f"'£' + {number}"
    if unit is Unit.GBP_MILLION:
        return f"'£' + {number} + 'm'"
    if unit is Unit.GWH:
        return f"{number} + ' GWh'"
    return number


_SPLIT_YEAR = "utcyear(datum.value) + '/' + slice('' + (utcyear(datum.value) + 1), 2)"
LABEL_EXPR = {
    PeriodType.YEAR: "utcFormat(datum.value, '%Y')",
    PeriodType.FINANCIAL_YEAR: _SPLIT_YEAR,
    PeriodType.ACADEMIC_YEAR: _SPLIT_YEAR,
    PeriodType.QUARTER: "'Q' + utcquarter(datum.value) + ' ' + utcyear(datum.value)",
    PeriodType.MONTH: "utcFormat(datum.value, '%b %Y')",
    PeriodType.DATE: "utcFormat(datum.value, '%-d %b %Y')",
}


def _x_ticks(first: Period, last: Period, most: int) -> list[int]:
    """Ticks every 1, 2, 5, 10... years, where the period type begins its year."""
    span = last.start.year - first.start.year
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= most), 100)
    month, day = (1, 1)
    if first.type in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.DATE):
        month, day = first.start.month, first.start.day
    ticks = []
    for year in range(first.start.year, last.start.year + 1):
        if year % step == 0:
            tick = date(year, month, min(day, 28) if (month, day) == (2, 29) else day)
            if first.start <= tick <= last.start:
                ticks.append(_ms(tick))
    return ticks or [_ms(first.start), _ms(last.start)]


# -- social cards for pages without a chart -----------------------------------------------


def card_spec(site_name: str, title: str, lines: list[str], address: str) -> dict[str, Any]:
    """A 600 x 315 card (1200 x 630 as PNG) for the home and mission pages."""
    texts = [{"x": 36, "y": 40, "text": site_name.upper(), "size": 14, "weight": "bold"}]
    y = 92
    for line in textwrap.wrap(title, 28)[:3]:
        texts.append({"x": 36, "y": y, "text": line, "size": 34, "weight": "bold"})
        y += 40
    y += 10
    for line in [w for text in lines for w in textwrap.wrap(text, 56)][:4]:
        texts.append({"x": 36, "y": y, "text": line, "size": 17, "weight": "normal"})
        y += 24
    texts.append({"x": 36, "y": 290, "text": address, "size": 13, "weight": "normal"})
    return {
        "$schema": SCHEMA,
        "width": WIDTH,
        "height": HEIGHT,
        "autosize": {"type": "none"},
        "padding": 0,
        "background": PALETTE[0],
        "data": {"values": texts},
        "mark": {"type": "text", "align": "left", "baseline": "alphabetic", "color": "white"},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "scale": None},
            "y": {"field": "y", "type": "quantitative", "scale": None},
            "text": {"field": "text"},
            "size": {"field": "size", "type": "quantitative", "scale": None},
            "fontWeight": {"field": "weight", "type": "nominal", "scale": None},
        },
        "config": {**_config(), "view": {"stroke": None}},
    }
