"""Plain-language text generated from the data: chart descriptions and headline sentences.

A screen-reader user, or anyone with images off, gets the same story the chart tells.
"""

from __future__ import annotations

from mission_tracker.analyse.facts import IndicatorFacts, MilestoneFacts
from mission_tracker.analyse.numbers import format_value
from mission_tracker.model.data import Indicator, Observation


def _at(o: Observation) -> str:
    return f"{o.period.preposition} {o.period.label}"


def chart_description(
    indicator: Indicator, facts: IndicatorFacts, milestone: MilestoneFacts | None
) -> str:
    """ "Line chart. Percentage waiting under 18 weeks, England, monthly, Aug 2007 to Oct 2022.
    It fell from 90.6% in ... to 60.1% in Oct 2022. Target: 92% by Mar 2029." """
    spec = indicator.spec
    series = indicator.headline
    valued = [o for o in series if o.value is not None]
    if not valued:
        return f"Line chart. {spec.measure}. No figures are published yet."
    first, last = valued[0], valued[-1]
    parts = [f"Line chart. {spec.measure}, {series[0].period.label} to {series[-1].period.label}."]
    assert first.value is not None and last.value is not None
    if len(valued) == 1:
        parts.append(f"There is one figure: {format_value(first.value, spec)} {_at(first)}.")
    else:
        peak = max(valued, key=lambda o: o.value or 0.0)
        low = min(valued, key=lambda o: o.value or 0.0)
        verb = (
            "rose"
            if last.value > first.value
            else ("fell" if last.value < first.value else "was unchanged")
        )
        sentence = (
            f"It {verb} from {format_value(first.value, spec)} {_at(first)} to "
            f"{format_value(last.value, spec)} {_at(last)}"
        )
        extremes = []
        if peak not in (first, last):
            extremes.append(f"a high of {format_value(peak.value or 0.0, spec)} {_at(peak)}")
        if low not in (first, last):
            extremes.append(f"a low of {format_value(low.value or 0.0, spec)} {_at(low)}")
        if extremes:
            sentence += ", with " + " and ".join(extremes)
        parts.append(sentence + ".")
    gaps = [o for o in series if o.value is None]
    if gaps:
        parts.append(
            "No figure for " + _list([o.period.label for o in gaps]) + " (gaps in the line)."
        )
    for brk in spec.series_breaks:
        parts.append(f"The series breaks at {brk.period}: {brk.reason}")
    keys = [k for k in indicator.series_keys() if any(k)]
    if keys:
        parts.append(
            f"The data are also broken down by {_list([b.label.lower() for b in spec.breakdowns])}"
            f" ({_list([indicator.series_label(k) for k in keys])}), shown in the second chart."
        )
    target = milestone.drawn_target_words if milestone is not None else None
    if target is not None:
        parts.append(f"Target: {target}.")
    return " ".join(p if p.endswith(".") else p + "." for p in parts)


def _list(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def headline_sentence(
    indicator: Indicator, facts: IndicatorFacts, milestone: MilestoneFacts | None
) -> str:
    """ "60.1% in October 2022 (England); target 92% by March 2029." """
    text = facts.headline
    target = milestone.drawn_target_words if milestone is not None else None
    if target is not None:
        text += f"; target {target}"
    return f"{indicator.spec.title}: {text}."


def breakdown_description(indicator: Indicator) -> str:
    """The breakdown chart in words: what its panels show and each series' latest figure."""
    parts = [
        f"Small multiples: {indicator.spec.measure}, one panel per series, each with the "
        "all-series figure as a grey line."
    ]
    for key in indicator.series_keys():
        if not any(key):
            continue
        valued = [o for o in indicator.series(key) if o.value is not None]
        if valued and valued[-1].value is not None:
            last = valued[-1]
            parts.append(
                f"{indicator.series_label(key)}: {format_value(last.value or 0.0, indicator.spec)} "
                f"{last.period.preposition} {last.period.label}."
            )
    return " ".join(parts)
