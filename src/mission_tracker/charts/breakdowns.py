"""Breakdown charts: one breakdown of one measure at a time (analyse/views.py says which series).

- A few values: small multiples, a panel per value over time, each over the total in grey.
- Many values: a ranking of the latest figures, the highest first; beyond twenty, the ten
  highest and the ten lowest (the table and downloads have every one), so no image grows
  taller than a page.
- Area codes on a declared map: a map of the latest figures (maps.py).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import altair as alt

from mission_tracker.analyse.describe import MIDDLE_NOTE, RANKED_ENDS, view_description
from mission_tracker.analyse.numbers import value_text
from mission_tracker.analyse.views import DimensionView, ViewKind, other_views
from mission_tracker.charts.axes import frange, value_label_expr, x_axis, y_axis, y_domain
from mission_tracker.charts.chart import BREAKDOWNS, Chart
from mission_tracker.charts.frame import footer_lines, frame, named, series_layers, series_rows
from mission_tracker.charts.maps import map_chart
from mission_tracker.charts.theme import CONTEXT, MUTED, PALETTE, TEXT, WIDTH
from mission_tracker.model.data import Indicator, Observation
from mission_tracker.model.maps import Boundaries

BAR = 18  # the height of one bar of a ranking, in pixels
LABELS = 230  # the width of a ranking's names, in pixels


def view_chart(
    indicator: Indicator,
    view: DimensionView,
    address: str,
    stem: str,
    boundaries: Mapping[str, Boundaries],
) -> Chart:
    title = _title(indicator, view)
    if view.kind is ViewKind.MAP and view.breakdown.map is not None:
        spec, footer = map_chart(indicator, view, boundaries[view.breakdown.map], address, title)
        options: tuple[dict[str, Any], ...] = ()
    else:
        spec, footer = _drawn(indicator, view, address, title)
        others = other_views(indicator, view, frozenset(boundaries))
        options = tuple(
            _option(indicator, v, spec if v is view else _drawn(indicator, v, address, title)[0])
            for v in ([view, *others] if others else [])
        )
    subtitle = _subtitle(view)
    heading = f"By {view.breakdown.noun}"
    if view.measure.id:
        heading = f"{view.measure.title}, by {view.breakdown.noun}"
    return Chart(
        BREAKDOWNS,
        spec,
        title,
        subtitle,
        footer,
        stem,
        heading,
        view.measure.id,
        view.column,
        view.kind.value,
        view.kind is not ViewKind.MAP,
        options,
    )


def _subtitle(view: DimensionView) -> str:
    held = f", {view.held_words}" if view.held else ""
    return f"{view.measure.measure}{held}"


def _drawn(
    indicator: Indicator, view: DimensionView, address: str, title: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    if view.kind is ViewKind.RANKED:
        return _ranked(indicator, view, address, title, _subtitle(view))
    return _panels(indicator, view, address, title, _subtitle(view))


def _option(indicator: Indicator, view: DimensionView, spec: dict[str, Any]) -> dict[str, Any]:
    """One choice of the held values, as the page's script offers it."""
    return {
        "held": {h.breakdown.column: h.value for h in view.held},
        "words": view.held_words,
        "description": view_description(indicator, view),
        "spec": spec,
    }


def _title(indicator: Indicator, view: DimensionView) -> str:
    from mission_tracker.charts.specs import chart_title

    return f"{chart_title(indicator, view.measure)}, by {view.breakdown.noun}"


# -- small multiples ------------------------------------------------------------------------


def _panels(
    indicator: Indicator, view: DimensionView, address: str, title: str, subtitle: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    measure, unit = view.measure, view.measure.unit
    keys = list(view.keys)
    headline, _ = series_rows(indicator, measure, indicator.headline_key, "All")
    shown = [o for key in keys for o in indicator.series(key, measure.id)]
    values = [o.value for o in [*shown, *indicator.headline_of(measure.id)] if o.value is not None]
    periods = [o.period for o in shown]
    lo, hi, step = y_domain(values, unit)
    x = x_axis(min(periods), max(periods), measure.period_type, few=True)
    y = y_axis(lo, hi, step, unit, ticks=3)
    columns = 2 if len(keys) <= 4 else 3
    gap = 24
    width = (WIDTH - gap * (columns - 1)) // columns
    size = (width, 110 if len(keys) <= columns else 90)
    panels = []
    datasets: dict[str, Any] = {"headline": headline}
    flagged_any = False
    for i, key in enumerate(keys):
        label = view.label(key)
        rows, flagged = series_rows(indicator, measure, key, label)
        flagged_any |= flagged
        datasets[f"series{i}"] = rows
        colour = PALETTE[(i + 1) % len(PALETTE)]
        panels.append(_panel(f"series{i}", label, rows, colour, x, y, size, bool(headline)))
    notes = (MIDDLE_NOTE,) if measure.period_type.multi_year else ()
    footer = footer_lines(indicator, address, flagged_any, *notes)
    grid = alt.ConcatChart(concat=panels, columns=columns, spacing=gap)
    grey = ". Grey line: all" if headline else ""
    spec = frame(
        grid,
        title=title,
        subtitle=f"{subtitle}{grey}",
        footer=footer,
        datasets=datasets,
        exact=False,
    )
    return spec, footer


def _panel(
    name: str,
    label: str,
    rows: list[dict[str, Any]],
    colour: str,
    x: alt.X,
    y: alt.Y,
    size: tuple[int, int],
    total: bool,
) -> Any:
    """One small multiple: a series over the total in grey, titled with its latest value."""
    width, height = size
    last = [r for r in rows if r["v"] is not None][-1:]
    panel_title = f"{label}: {last[0]['value']}" if last else label
    context = (
        [
            alt.Chart(named("headline"))
            .mark_line(invalid="break-paths-filter-domains", strokeWidth=1.5, color=CONTEXT)
            .encode(x=x, y=y, detail=alt.Detail("g:N"))
        ]
        if total
        else []
    )
    layers = [
        *context,
        *[
            layer.properties(data=named(name))
            for layer in series_layers(x, y, colour, len(rows) <= 30, 2)
        ],
    ]
    return alt.LayerChart(
        layer=layers,
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


# -- rankings -------------------------------------------------------------------------------


def ranked_rows(indicator: Indicator, view: DimensionView) -> tuple[list[Observation], bool]:
    """The figures a ranking shows, highest first: every one, or the ten highest and the ten
    lowest of more than twenty; with whether some were left out."""
    valued = [o for o in view.latest_rows(indicator) if o.value is not None]
    ordered = sorted(valued, key=lambda o: (-(o.value or 0.0), indicator.series_label(o.series)))
    if len(ordered) <= 2 * RANKED_ENDS:
        return ordered, False
    return [*ordered[:RANKED_ENDS], *ordered[-RANKED_ENDS:]], True


def _ranked(
    indicator: Indicator, view: DimensionView, address: str, title: str, subtitle: str
) -> tuple[dict[str, Any], tuple[str, ...]]:
    unit = view.measure.unit
    shown, cut = ranked_rows(indicator, view)
    rows = [
        {
            "label": view.label(o.series),
            "v": o.value,
            "value": value_text(o, unit),
            "rank": i + (1 if cut and i >= RANKED_ENDS else 0),
        }
        for i, o in enumerate(shown)
    ]
    if cut:
        left_out = len(view.keys) - len(shown)
        rows.append(
            {
                "label": f"… {left_out} more, in the table",
                "v": None,
                "value": "",
                "rank": RANKED_ENDS,
            }
        )
    values = [o.value for o in shown if o.value is not None]
    lo, hi, step = y_domain([*values, 0.0], unit)
    when = view.latest.label if view.latest else ""
    note = (
        f"The {RANKED_ENDS} highest and {RANKED_ENDS} lowest of {len(view.keys)}, {when}; every "
        "figure is in the table and downloads."
        if cut
        else f"Latest figures, {when}."
    )
    x = alt.X(
        "v:Q",
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=alt.Axis(
            title=None, values=frange(lo, hi, step), labelExpr=value_label_expr(unit, hi)
        ),
    )
    y = alt.Y(
        "label:N",
        sort=alt.EncodingSortField("rank"),
        # Names beside their bars, not above them as the house style puts value labels.
        axis=alt.Axis(
            title=None,
            labelAlign="right",
            labelBaseline="middle",
            labelPadding=6,
            labelOffset=0,
            labelLimit=LABELS,
        ),
    )
    bars = alt.Chart(named("ranked")).mark_bar(color=PALETTE[0], height=BAR - 6).encode(x=x, y=y)
    labels = (
        alt.Chart(named("ranked"))
        .mark_text(align="left", baseline="middle", dx=4, fontSize=11, color=MUTED)
        .encode(x=x, y=y, text=alt.Text("value:N"))
    )
    layered = alt.LayerChart(
        layer=[bars, labels], width=WIDTH - LABELS - 10, height=BAR * len(rows)
    )
    footer = footer_lines(indicator, address, False, note)
    spec = frame(
        layered,
        title=title,
        subtitle=subtitle,
        footer=footer,
        datasets={"ranked": rows},
        exact=False,
    )
    return spec, footer
