"""What an indicator's figures say now: the latest value, and the change and trend since a
year earlier, by the rules the Methodology page states (it quotes the constants here)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mission_tracker.analyse.numbers import (
    change_phrase,
    format_change,
    format_value,
)
from mission_tracker.model.data import Indicator, Observation
from mission_tracker.model.measures import Measure
from mission_tracker.model.periods import (
    Period,
)
from mission_tracker.model.specs import Direction

# A change no bigger than this share of the earlier value is "little or no change", unless the
# indicator declares its own `tolerance`.
DEFAULT_RELATIVE_TOLERANCE = 0.01


class Trend(StrEnum):
    IMPROVING = "improving"
    LITTLE_CHANGE = "little or no change"
    WORSENING = "worsening"
    NOT_JUDGED = "no judgement"  # neutral or contested direction
    NOT_ASSESSED = "not assessed"  # nothing comparable to compare with


@dataclass(frozen=True)
class Change:
    trend: Trend
    sentence: str
    earlier: Observation | None = None
    amount: float | None = None
    tolerance: float | None = None


@dataclass(frozen=True)
class IndicatorFacts:
    """What one measure of an indicator says now (the headline measure, unless asked)."""

    indicator: Indicator
    latest: Observation | None
    change: Change
    # Rows after the latest value that have no value ([x] etc.), newest last.
    later_gaps: tuple[Observation, ...] = ()
    measure: Measure | None = None  # None: the headline measure

    @property
    def of(self) -> Measure:
        return self.measure or self.indicator.headline_measure

    @property
    def headline(self) -> str:
        """ "60.1% in October 2022"; never "no figures" when there are some."""
        if self.latest is not None and self.latest.value is not None:
            value = format_value(self.latest.value, self.of.unit, with_label=True)
            return f"{value} {self.latest.period.preposition} {self.latest.period.long_label}"
        rows = self.indicator.rows(self.of.id)
        if not rows:
            return "No figures published yet"
        if not self.indicator.headline_of(self.of.id):
            return f"Figures by {_and(self.indicator)}, with no total"
        return "No figure available for any period"


def latest_value(series: list[Observation]) -> Observation | None:
    with_values = [o for o in series if o.value is not None]
    return with_values[-1] if with_values else None


def comparable_period(period: Period) -> Period:
    """A year earlier: the same month or quarter for sub-annual data, the previous year for
    annual data (the same thing, for annual periods), the same date a year before for dates."""
    return period.years_earlier(1)


def indicator_facts(indicator: Indicator, measure: Measure | None = None) -> IndicatorFacts:
    measure = measure or indicator.headline_measure
    series = indicator.headline_of(measure.id)
    latest = latest_value(series)
    later = tuple(o for o in series if latest is not None and o.period > latest.period)
    if latest is None:
        if indicator.spec.no_headline is not None and indicator.rows(measure.id):
            reason = (
                f"No trend is assessed: the figures are published only by {_and(indicator)}, "
                "with no total to follow."
            )
        elif not series:
            reason = "No figures are published yet."
        else:
            reason = "Every period is marked as not available, so there is nothing to compare."
        return IndicatorFacts(indicator, None, Change(Trend.NOT_ASSESSED, reason), later, measure)
    change = year_on_year(indicator, series, latest, measure)
    return IndicatorFacts(indicator, latest, change, later, measure)


def year_on_year(
    indicator: Indicator, series: list[Observation], latest: Observation, measure: Measure
) -> Change:
    """The change in the latest figure since the comparable period a year earlier."""
    unit, direction = measure.unit, measure.direction
    assert latest.value is not None
    target = comparable_period(latest.period)
    earlier = next((o for o in series if o.period == target), None)
    when = f"{target.long_label}, a year earlier"
    if earlier is None and latest.period.type.multi_year:
        # Pooled periods that do not overlap (1985 to 1987, then 1988 to 1990): the one before.
        before = latest.period.years_earlier(latest.period.years)
        when = f"{target.long_label} (a year earlier) or {before.long_label} (the period before)"
        earlier = next((o for o in series if o.period == before), None)
    if earlier is None or earlier.value is None:
        why = "there is no figure" if earlier is None else f"the figure is {earlier.missing}"
        why = (
            why
            if earlier is None or earlier.missing is None
            else (f"the figure is marked {earlier.missing.value} ({earlier.missing.meaning})")
        )
        return Change(
            Trend.NOT_ASSESSED,
            f"Change is not assessed: {why} for {when}.",
            earlier,
        )
    for start, reason in indicator.breaks(measure):
        if earlier.period < start <= latest.period:
            return Change(
                Trend.NOT_ASSESSED,
                f"Change is not assessed: the series changed in {start.label} ({reason}), so "
                f"{latest.period.label} is not comparable with {earlier.period.label}.",
                earlier,
            )
    amount = latest.value - earlier.value
    tolerance = tolerance_for(measure.tolerance, earlier.value)
    phrase = change_phrase(amount, unit)
    base = (
        f"{phrase[0].upper()}{phrase[1:]} from {format_value(earlier.value, unit)} "
        f"{earlier.period.preposition} {earlier.period.long_label}"
    )
    if not direction.judged:
        word = "neutral" if direction is Direction.NEUTRAL else "contested"
        return Change(
            Trend.NOT_JUDGED,
            f"{base}. Whether a rise is better or worse is {word}, so no judgement is made.",
            earlier,
            amount,
            tolerance,
        )
    if abs(amount) <= tolerance:
        trend = Trend.LITTLE_CHANGE
        why = f"within the tolerance of {format_change(tolerance, unit)}"
    else:
        better = (amount > 0) == (direction is Direction.HIGHER_IS_BETTER)
        trend = Trend.IMPROVING if better else Trend.WORSENING
        why = "higher is better" if direction is Direction.HIGHER_IS_BETTER else "lower is better"
    return Change(trend, f"{base}: {trend.value} ({why}).", earlier, amount, tolerance)


def tolerance_for(declared: float | None, earlier: float) -> float:
    return declared if declared is not None else abs(earlier) * DEFAULT_RELATIVE_TOLERANCE


def _and(indicator: Indicator) -> str:
    """ "type of water and river basin": the breakdowns, as a sentence names them."""
    nouns = [b.noun for b in indicator.spec.breakdowns]
    return nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " and " + nouns[-1]
