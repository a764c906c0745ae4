"""Facts computed from the data: latest value, change, trend and milestone progress.

Every status on the site comes from here, by the rules the Methodology page states (that page
quotes the constants below). Nothing is typed in by hand and nothing is guessed: where a rule
cannot be applied, the status is "not assessed" and the sentence says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mission_tracker.analyse.numbers import (
    change_phrase,
    format_about,
    format_change,
    format_given,
    format_value,
)
from mission_tracker.model.data import Dataset, Indicator, Mission, Observation
from mission_tracker.model.periods import (
    MONTH_NAMES,
    Period,
    PeriodType,
    parse_period,
    period_containing,
)
from mission_tracker.model.specs import Direction, Milestone

# A change no bigger than this share of the earlier value is "little or no change", unless the
# indicator declares its own `tolerance`.
DEFAULT_RELATIVE_TOLERANCE = 0.01


class Trend(StrEnum):
    IMPROVING = "improving"
    LITTLE_CHANGE = "little or no change"
    WORSENING = "worsening"
    NOT_JUDGED = "no judgement"  # neutral or contested direction
    NOT_ASSESSED = "not assessed"  # nothing comparable to compare with


class Progress(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NOT_ASSESSED = "not assessed"


@dataclass(frozen=True)
class Change:
    trend: Trend
    sentence: str
    earlier: Observation | None = None
    amount: float | None = None
    tolerance: float | None = None


@dataclass(frozen=True)
class IndicatorFacts:
    indicator: Indicator
    latest: Observation | None
    change: Change
    # Rows after the latest value that have no value ([x] etc.), newest last.
    later_gaps: tuple[Observation, ...] = ()

    @property
    def headline(self) -> str:
        """ "60.1% in October 2022" """
        if self.latest is None or self.latest.value is None:
            return "No figures published yet"
        value = format_value(self.latest.value, self.indicator.spec, with_label=True)
        return f"{value} {self.latest.period.preposition} {self.latest.period.long_label}"


@dataclass(frozen=True)
class MilestoneFacts:
    mission: Mission
    milestone: Milestone
    indicator: Indicator | None
    status: Progress
    reason: str
    latest: Observation | None = None
    baseline_period: Period | None = None
    deadline_period: Period | None = None
    expected: float | None = None  # where the trajectory says the latest figure should be

    @property
    def charted_target(self) -> bool:
        """Whether the target is in the charted series' own terms, so it can be drawn."""
        m = self.milestone
        return m.target is not None and m.target_kind == "level" and not m.indicator_is_proxy

    @property
    def drawn_target(self) -> float | None:
        """The target as drawn on the indicator's chart, if it can be."""
        return self.milestone.target if self.charted_target else None

    @property
    def drawn_target_words(self) -> str | None:
        """The drawn target in words: "92% by March 2029"."""
        target = self.drawn_target
        if target is None or self.indicator is None:
            return None
        by = self.deadline_text
        return format_given(target, self.indicator.spec) + (f" by {by}" if by else "")

    @property
    def deadline_text(self) -> str:
        m = self.milestone
        if m.deadline_label:
            return m.deadline_label
        return _month_year(m.deadline) if m.deadline else ""


@dataclass(frozen=True)
class Facts:
    indicators: dict[str, IndicatorFacts]
    milestones: dict[str, list[MilestoneFacts]]  # by mission id

    @property
    def by_milestone(self) -> dict[str, MilestoneFacts]:
        """Every milestone's facts by milestone id (ids are unique across missions)."""
        return {m.milestone.id: m for ms in self.milestones.values() for m in ms}

    def milestones_for(self, indicator_id: str) -> list[MilestoneFacts]:
        """The milestones that chart an indicator, in mission order."""
        return [
            m
            for ms in self.milestones.values()
            for m in ms
            if m.milestone.indicator == indicator_id
        ]

    def drawn_milestone(self, indicator_id: str) -> MilestoneFacts | None:
        """The milestone drawn on an indicator's chart: of those with a target it can draw,
        the one with the last deadline."""
        drawn = [m for m in self.milestones_for(indicator_id) if m.charted_target]
        return max(drawn, key=lambda m: m.milestone.deadline or m.milestone.id, default=None)


def analyse(dataset: Dataset) -> Facts:
    indicators = {i.id: indicator_facts(i) for i in dataset.indicators.values()}
    milestones = {
        m.id: [milestone_facts(m, ms, dataset) for ms in m.spec.milestones]
        for m in dataset.missions_in_order()
    }
    return Facts(indicators, milestones)


# -- indicators ---------------------------------------------------------------------------


def latest_value(series: list[Observation]) -> Observation | None:
    with_values = [o for o in series if o.value is not None]
    return with_values[-1] if with_values else None


def comparable_period(period: Period) -> Period:
    """A year earlier: the same month or quarter for sub-annual data, the previous year for
    annual data (the same thing, for annual periods), the same date a year before for dates."""
    return period.years_earlier(1)


def indicator_facts(indicator: Indicator) -> IndicatorFacts:
    series = indicator.headline
    latest = latest_value(series)
    later = tuple(o for o in series if latest is not None and o.period > latest.period)
    if latest is None:
        reason = (
            "No figures are published yet."
            if not series
            else "Every period is marked as not available, so there is nothing to compare."
        )
        return IndicatorFacts(indicator, None, Change(Trend.NOT_ASSESSED, reason), later)
    return IndicatorFacts(indicator, latest, year_on_year(indicator, series, latest), later)


def year_on_year(indicator: Indicator, series: list[Observation], latest: Observation) -> Change:
    """The change in the latest figure since the comparable period a year earlier."""
    spec = indicator.spec
    assert latest.value is not None
    target = comparable_period(latest.period)
    earlier = next((o for o in series if o.period == target), None)
    when = target.long_label
    if earlier is None or earlier.value is None:
        why = "there is no figure" if earlier is None else f"the figure is {earlier.missing}"
        why = (
            why
            if earlier is None or earlier.missing is None
            else (f"the figure is marked {earlier.missing.value} ({earlier.missing.meaning})")
        )
        return Change(
            Trend.NOT_ASSESSED,
            f"Change is not assessed: {why} for {when}, a year earlier.",
            earlier,
        )
    for brk in spec.series_breaks:
        start = parse_period(brk.period, spec.period_type)
        if earlier.period < start <= latest.period:
            return Change(
                Trend.NOT_ASSESSED,
                f"Change is not assessed: the series changed in {start.label} ({brk.reason}), so "
                f"{latest.period.label} is not comparable with {earlier.period.label}.",
                earlier,
            )
    amount = latest.value - earlier.value
    tolerance = tolerance_for(spec.tolerance, earlier.value)
    phrase = change_phrase(amount, spec)
    base = (
        f"{phrase[0].upper()}{phrase[1:]} from {format_value(earlier.value, spec)} "
        f"{earlier.period.preposition} {earlier.period.long_label}"
    )
    if not spec.direction.judged:
        word = "neutral" if spec.direction is Direction.NEUTRAL else "contested"
        return Change(
            Trend.NOT_JUDGED,
            f"{base}. Whether a rise is better or worse is {word}, so no judgement is made.",
            earlier,
            amount,
            tolerance,
        )
    if abs(amount) <= tolerance:
        trend = Trend.LITTLE_CHANGE
        why = f"within the tolerance of {format_change(tolerance, spec)}"
    else:
        better = (amount > 0) == (spec.direction is Direction.HIGHER_IS_BETTER)
        trend = Trend.IMPROVING if better else Trend.WORSENING
        why = (
            "higher is better"
            if spec.direction is Direction.HIGHER_IS_BETTER
            else ("lower is better")
        )
    return Change(trend, f"{base}: {trend.value} ({why}).", earlier, amount, tolerance)


# -- milestones ---------------------------------------------------------------------------


def milestone_facts(mission: Mission, milestone: Milestone, dataset: Dataset) -> MilestoneFacts:
    """Progress against a straight line from the baseline to the target at the deadline."""
    indicator = dataset.indicators.get(milestone.indicator or "")
    latest = latest_value(indicator.headline) if indicator else None
    base_period = deadline_period = None
    if indicator is not None and milestone.deadline is not None:
        deadline_period = period_containing(milestone.deadline, indicator.spec.period_type)
    baseline = milestone.baseline
    if indicator is not None and baseline is not None and baseline.period is not None:
        base_period = parse_period(baseline.period, indicator.spec.period_type)

    def verdict(status: Progress, reason: str, expected: float | None = None) -> MilestoneFacts:
        return MilestoneFacts(
            mission,
            milestone,
            indicator,
            status,
            reason,
            latest,
            base_period,
            deadline_period,
            expected,
        )

    def not_assessed(reason: str) -> MilestoneFacts:
        return verdict(Progress.NOT_ASSESSED, reason)

    if milestone.target is None:
        return not_assessed("This milestone has no numeric target, so progress is not assessed.")
    if indicator is None:
        return not_assessed(
            "No series for this milestone's measure is charted on this site, so progress is "
            "not assessed."
        )
    spec = indicator.spec
    if milestone.indicator_is_proxy:
        return not_assessed(
            f"The charted series ({spec.title[0].lower()}{spec.title[1:]}) only approximates "
            f"the official measure ({milestone.metric.rstrip('.')}), so progress is not assessed."
        )
    if milestone.target_kind != "level":
        kind = {"cumulative": "a cumulative total", "change": "an increase on the baseline"}
        return not_assessed(
            f"The target is {kind[milestone.target_kind]}; this site assesses only targets for "
            "the level of a series, so progress is not assessed."
        )
    if baseline is None or baseline.value is None or base_period is None:
        return not_assessed(
            "No baseline figure has been published, so there is no trajectory to compare with."
        )
    if deadline_period is None:
        return not_assessed(
            "The milestone has no fixed deadline, so there is no trajectory to compare with."
        )
    target = milestone.target
    need = _need_sentence(milestone, baseline.value, base_period, deadline_period, indicator)
    if latest is None or latest.value is None:
        return not_assessed(f"{need}; no figures are published yet, so progress is not assessed.")
    shown = (
        f"{format_value(latest.value, spec)} {latest.period.preposition} {latest.period.long_label}"
    )
    if latest.period < base_period:
        return not_assessed(
            f"{need}; the latest figure, {shown}, predates the baseline, so progress is not "
            "assessed."
        )
    if latest.period == base_period:
        return not_assessed(
            f"{need}; the latest figure, {shown}, is for the baseline period itself, so progress "
            "can be assessed only when later figures are published."
        )
    rising = target >= baseline.value
    met = latest.value >= target if rising else latest.value <= target
    if latest.period >= deadline_period:
        if met:
            return verdict(
                Progress.ACHIEVED,
                f"{need}; the latest figure, {shown}, is for the "
                "deadline or later and meets the target.",
                target,
            )
        return verdict(
            Progress.OFF_TRACK,
            f"{need}; the latest figure, {shown}, is for the "
            "deadline or later and does not meet the target.",
            target,
        )
    if met:
        return verdict(
            Progress.ACHIEVED,
            f"{need}; the latest figure, {shown}, already meets the target.",
            target,
        )
    expected = trajectory_value(baseline.value, base_period, target, deadline_period, latest.period)
    tolerance = tolerance_for(spec.tolerance, baseline.value)
    on_track = (
        latest.value >= expected - tolerance if rising else latest.value <= expected + tolerance
    )
    position = "at, ahead of or close to" if on_track else "behind"
    return verdict(
        Progress.ON_TRACK if on_track else Progress.OFF_TRACK,
        f"{need}; the latest figure, {shown}, is {position} the straight-line trajectory, which "
        f"reaches {format_value(expected, spec)} by then.",
        expected,
    )


def tolerance_for(declared: float | None, earlier: float) -> float:
    return declared if declared is not None else abs(earlier) * DEFAULT_RELATIVE_TOLERANCE


def months_between(a: date, b: date) -> float:
    return (b.year - a.year) * 12 + (b.month - a.month) + (b.day - a.day) / 30.4375


def trajectory_value(
    baseline: float, base: Period, target: float, deadline: Period, at: Period
) -> float:
    span = months_between(base.start, deadline.start)
    if span <= 0:
        return target
    done = months_between(base.start, at.start) / span
    return baseline + (target - baseline) * min(max(done, 0.0), 1.0)


def _need_sentence(
    milestone: Milestone, baseline: float, base: Period, deadline: Period, indicator: Indicator
) -> str:
    spec = indicator.spec
    by = milestone.deadline_label or _month_year(milestone.deadline)
    target = format_given(milestone.target or 0.0, spec)
    start = f"{format_given(baseline, spec)} {base.preposition} {base.long_label}"
    months = months_between(base.start, deadline.start)
    if months <= 0:
        return f"The target is {target} by {by}, from {start}"
    step, word = {PeriodType.MONTH: (1.0, "a month"), PeriodType.QUARTER: (3.0, "a quarter")}.get(
        base.type, (12.0, "a year")
    )
    rate = abs((milestone.target or 0.0) - baseline) / months * step
    return f"To reach {target} by {by} from {start} needs about {format_about(rate, spec)} {word}"


_MONTHS = MONTH_NAMES[1:]


def _month_year(day: date | None) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}" if day else "the deadline"
