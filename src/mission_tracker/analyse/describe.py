"""Plain-language text generated from the data: chart descriptions and headline sentences.

A screen-reader user, or anyone with images off, gets the same story the chart tells. A chart
of many series is summarised (how many, the highest, the lowest, the middle) rather than read
out value by value.
"""

from __future__ import annotations

from statistics import median

from mission_tracker.analyse.facts import IndicatorFacts, MilestoneFacts
from mission_tracker.analyse.numbers import format_value
from mission_tracker.analyse.views import DimensionView, ViewKind
from mission_tracker.model.data import Indicator, Observation
from mission_tracker.model.text import plural
from mission_tracker.model.units import UnitSpec

# Up to this many series, a description gives each one's latest figure; beyond it, a summary.
LISTED = 6
# A ranked chart shows this many of the highest and this many of the lowest values.
RANKED_ENDS = 10
# Said on every chart and in every description of figures for several years together.
MIDDLE_NOTE = "Each point is placed at the middle of the years it covers."


def _at(o: Observation) -> str:
    return f"{o.period.preposition} {o.period.label}"


def chart_description(
    indicator: Indicator, facts: IndicatorFacts, milestone: MilestoneFacts | None
) -> str:
    """ "Line chart. Percentage waiting under 18 weeks, England, monthly, Aug 2007 to Oct 2022.
    It fell from 90.6% in ... to 60.1% in Oct 2022. Target: 92% by Mar 2029." """
    measure = facts.of
    unit = measure.unit
    series = indicator.headline_of(measure.id)
    valued = [o for o in series if o.value is not None]
    if not valued:
        return f"Line chart. {measure.measure}. {facts.headline}."
    first, last = series[0].period.label, series[-1].period.label
    parts = [f"Line chart. {measure.measure}, {first if first == last else f'{first} to {last}'}."]
    parts.append(_story(valued, unit))
    gaps = [o for o in series if o.value is None]
    if gaps:
        parts.append(
            "No figure for " + _list([o.period.label for o in gaps]) + " (gaps in the line)."
        )
    for start, reason in indicator.breaks(measure):
        parts.append(f"The series breaks at {start.text}: {reason}")
    if measure.period_type.multi_year:
        parts.append(MIDDLE_NOTE)
    split = [b.noun for b in indicator.spec.breakdowns]
    if split:
        parts.append(f"The figures are also broken down by {_list(split)}, charted below.")
    target = milestone.drawn_target_words if milestone is not None else None
    if target is not None:
        parts.append(f"Target: {target}.")
    return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _story(valued: list[Observation], unit: UnitSpec) -> str:
    """Where a series began and ended, and its high and low if they were elsewhere."""
    first, last = valued[0], valued[-1]
    assert first.value is not None and last.value is not None
    if len(valued) == 1:
        return f"There is one figure: {format_value(first.value, unit)} {_at(first)}."
    peak = max(valued, key=lambda o: o.value or 0.0)
    low = min(valued, key=lambda o: o.value or 0.0)
    verb = (
        "rose"
        if last.value > first.value
        else ("fell" if last.value < first.value else "was unchanged")
    )
    sentence = (
        f"It {verb} from {format_value(first.value, unit)} {_at(first)} to "
        f"{format_value(last.value, unit)} {_at(last)}"
    )
    extremes = []
    if peak not in (first, last):
        extremes.append(f"a high of {format_value(peak.value or 0.0, unit)} {_at(peak)}")
    if low not in (first, last):
        extremes.append(f"a low of {format_value(low.value or 0.0, unit)} {_at(low)}")
    if extremes:
        sentence += ", with " + " and ".join(extremes)
    return sentence + "."


def view_description(indicator: Indicator, view: DimensionView) -> str:
    """A breakdown chart in words: what it shows, and the latest figures, summarised."""
    unit = view.measure.unit
    held = f", {view.held_words}" if view.held else ""
    what = view.breakdown.noun
    count = len(view.keys)
    if view.kind is ViewKind.PANELS:
        total = indicator.headline_of(view.measure.id)
        grey = ", each with the total as a grey line" if total else ""
        middle = f" {MIDDLE_NOTE}" if view.measure.period_type.multi_year else ""
        opening = (
            f"Small multiples: {view.measure.measure}, by {what}{held}: one panel for each of "
            f"{count} {plural(what, count)}{grey}.{middle}"
        )
        latest = [
            (view.label(key), rows[-1])
            for key in view.keys
            if (rows := [o for o in indicator.series(key, view.measure.id) if o.value is not None])
        ]
    else:
        when = view.latest.label if view.latest else ""
        shape = f"Map of {count}" if view.kind is ViewKind.MAP else f"Ranked bar chart of {count}"
        shown = (
            f", showing the {RANKED_ENDS} highest and {RANKED_ENDS} lowest"
            if view.kind is ViewKind.RANKED and count > 2 * RANKED_ENDS
            else ""
        )
        opening = f"{shape} {plural(what, count)}: {view.measure.measure}{held}, {when}{shown}."
        latest = [(view.label(o.series), o) for o in view.latest_rows(indicator)]
    return " ".join([opening, _summary(latest, count, unit)])


def _summary(latest: list[tuple[str, Observation]], count: int, unit: UnitSpec) -> str:
    valued = [(label, o) for label, o in latest if o.value is not None]
    if not valued:
        return "None has a figure."
    if len(valued) <= LISTED:
        return " ".join(
            f"{label}: {format_value(o.value or 0.0, unit)} {_at(o)}." for label, o in valued
        )
    ordered = sorted(valued, key=lambda pair: pair[1].value or 0.0)
    (low_label, low), (high_label, high) = ordered[0], ordered[-1]
    middle = median(o.value or 0.0 for _, o in valued)
    missing = count - len(valued)
    text = (
        f"Highest: {high_label}, {format_value(high.value or 0.0, unit)}. Lowest: {low_label}, "
        f"{format_value(low.value or 0.0, unit)}. The middle value is "
        f"{format_value(middle, unit)}."
    )
    if missing:
        text += f" {missing} of the {count} have no figure for the latest period."
    return text + " Every figure is in the table and the downloads."


def headline_sentence(
    indicator: Indicator, facts: IndicatorFacts, milestone: MilestoneFacts | None
) -> str:
    """ "60.1% in October 2022 (England); target 92% by March 2029." """
    text = facts.headline
    target = milestone.drawn_target_words if milestone is not None else None
    if target is not None:
        text += f"; target {target}"
    return f"{indicator.spec.title}: {text}."


def _list(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
