"""The tables of an indicator page: the figures behind each chart, and "about this data".

Without JavaScript, and for screen readers, a chart's table is its data: periods down the side
and series across for a chart over time; one row per value of the latest period for a ranking or
a map (every value, where the chart itself shows only the ends). Gaps and markers are spelt out
in words. Every figure, of every series, is in the CSV and JSON downloads.
"""

from __future__ import annotations

from typing import Any

from mission_tracker.analyse.facts import DEFAULT_RELATIVE_TOLERANCE
from mission_tracker.analyse.numbers import format_value, unit_words, value_text
from mission_tracker.analyse.views import DimensionView, ViewKind
from mission_tracker.model.data import Indicator, Mission, Observation, SeriesKey
from mission_tracker.model.measures import Measure
from mission_tracker.model.periods import Period
from mission_tracker.site.addresses import mission_url, relative
from mission_tracker.site.templating import long_date

Row = tuple[str, str, str | None]  # label, value, link


def over_time(indicator: Indicator, measure: Measure, keys: list[SeriesKey]) -> dict[str, Any]:
    """Periods as rows (newest first), series as columns."""
    by_period: dict[tuple[Period, str], dict[SeriesKey, Observation]] = {}
    for key in keys:
        for o in indicator.series(key, measure.id):
            when = o.date.isoformat() if o.date else ""
            by_period.setdefault((o.period, when), {})[key] = o
    notes: list[str] = []
    rows = []
    for period, when in sorted(by_period, reverse=True):
        cells = []
        for key in keys:
            found = by_period[(period, when)].get(key)
            cells.append(_cell(indicator, measure, found) if found else "")
            if found is not None and found.note:
                notes.append(f"{period.label}: {found.note}")
        label = f"{period.label} ({when})" if when else period.label
        rows.append({"period": label, "cells": cells})
    return {
        "headers": [indicator.series_label(k) for k in keys],
        "rows": rows,
        "notes": list(dict.fromkeys(notes)),
        "first": "Period",
    }


def latest(indicator: Indicator, view: DimensionView) -> dict[str, Any]:
    """The latest period of a ranking or map: one row per value, in declared order."""
    rows = []
    notes: list[str] = []
    shown = {o.series: o for o in view.latest_rows(indicator)}
    for key in view.keys:
        found = shown.get(key)
        rows.append(
            {
                "period": indicator.series_label(key),
                "cells": [_cell(indicator, view.measure, found) if found else "No figure"],
            }
        )
        if found is not None and found.note:
            notes.append(f"{indicator.series_label(key)}: {found.note}")
    when = view.latest.label if view.latest else "Latest"
    return {
        "headers": [when],
        "rows": rows,
        "notes": list(dict.fromkeys(notes)),
        "first": view.breakdown.label,
    }


def view_table(indicator: Indicator, view: DimensionView) -> dict[str, Any]:
    if view.kind is ViewKind.PANELS:
        return over_time(indicator, view.measure, list(view.keys))
    return latest(indicator, view)


def _cell(indicator: Indicator, measure: Measure, o: Observation) -> str:
    text = value_text(o, measure.unit)
    if o.markers:
        text += " " + " ".join(f"[{indicator.marker_meaning(m)}]" for m in sorted(o.markers))
    return text


def about_rows(indicator: Indicator, mission: Mission | None, here: str) -> list[Row]:
    spec = indicator.spec
    rows: list[Row] = []
    for i, src in enumerate(spec.all_sources):
        terms = spec.licence_of(src)
        suffix = f" ({i + 1})" if len(spec.all_sources) > 1 else ""
        rows += [
            (f"Publisher{suffix}", src.publisher, None),
            (f"Release{suffix}", src.release, str(src.url)),
            (
                f"Published{suffix}",
                long_date(src.release_date) if src.release_date else "Not stated in the copy used",
                None,
            ),
        ]
        if src.series_id:
            rows.append((f"Series code{suffix}", src.series_id, None))
        if src.copy_of:
            rows.append(
                (f"Copy used{suffix}", f"{src.copy_of} (taken {long_date(src.retrieved)})", None)
            )
        else:
            rows.append((f"Retrieved{suffix}", long_date(src.retrieved), None))
        if src.licence is not None or i == 0:
            rows.append((f"Licence{suffix}", terms.full_name, terms.url))
    rows += [
        ("Geography", spec.geography, None),
        ("Frequency", spec.frequency or spec.period_type.frequency, None),
        ("Next update", spec.next_update or "Not announced", None),
    ]
    for measure in indicator.measures:
        named = f" ({measure.title})" if measure.id else ""
        rows.append((f"Unit{named}", unit_words(measure.unit).capitalize(), None))
        rows.append((f"Direction{named}", direction_text(measure), None))
    breaks = [(start, reason) for m in indicator.measures for start, reason in indicator.breaks(m)]
    if breaks:
        text = "; ".join(f"{start.text}: {reason}" for start, reason in dict.fromkeys(breaks))
        rows.append(("Series breaks", text, None))
    if spec.no_headline:
        rows.append(("Total", f"None is published: {spec.no_headline}", None))
    if mission is not None:
        rows.append(("Mission", mission.spec.name, relative(here, mission_url(mission.id))))
    return rows


def direction_text(measure: Measure) -> str:
    tolerance = (
        f"changes within {format_value(measure.tolerance, measure.unit)} count as little or no "
        "change"
        if measure.tolerance is not None
        else f"changes within {DEFAULT_RELATIVE_TOLERANCE:.0%} of the earlier figure count as "
        "little or no change"
    )
    text = {
        "higher_is_better": "Higher is better",
        "lower_is_better": "Lower is better",
        "neutral": "Neither higher nor lower is better, so no judgement is made",
        "contested": "Contested, so no judgement is made",
    }[measure.direction.value]
    return f"{text}; {tolerance}." if measure.direction.judged else f"{text}."
