"""Progress on a milestone: the latest figure against a straight line from the baseline to the
target at the deadline, by the rules the Methodology page states. Where a rule cannot be
applied, the status is "not assessed" and the sentence says why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mission_tracker.analyse.numbers import (
    format_about,
    format_given,
    format_value,
)
from mission_tracker.analyse.trend import latest_value, tolerance_for
from mission_tracker.model.data import Dataset, Indicator, Mission, Observation
from mission_tracker.model.measures import Measure
from mission_tracker.model.missions import Milestone
from mission_tracker.model.periods import (
    MONTH_NAMES,
    Period,
    PeriodError,
    PeriodType,
    parse_period,
    period_containing,
)
from mission_tracker.model.units import UnitSpec


class Progress(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NOT_ASSESSED = "not assessed"


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
    measure: Measure | None = None  # the indicator's measure it is judged on

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
        if target is None or self.measure is None:
            return None
        by = self.deadline_text
        return format_given(target, self.measure.unit) + (f" by {by}" if by else "")

    @property
    def deadline_text(self) -> str:
        m = self.milestone
        if m.deadline_label:
            return m.deadline_label
        return _month_year(m.deadline) if m.deadline else ""


def milestone_facts(mission: Mission, milestone: Milestone, dataset: Dataset) -> MilestoneFacts:
    """Progress against a straight line from the baseline to the target at the deadline."""
    indicator = dataset.indicators.get(milestone.indicator or "")
    measure = indicator.measure(milestone.measure or "") if indicator else None
    if indicator is not None and milestone.measure is None:
        measure = indicator.headline_measure
    latest = latest_value(indicator.headline_of(measure.id)) if indicator and measure else None
    base_period = deadline_period = None
    if measure is not None and milestone.deadline is not None:
        deadline_period = period_containing(milestone.deadline, measure.period_type)
    baseline = milestone.baseline
    if measure is not None and baseline is not None and baseline.period is not None:
        try:
            base_period = parse_period(baseline.period, measure.period_type)
        except PeriodError:
            base_period = None  # reported by `check`; the review still analyses the rest

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
            measure,
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
    assert measure is not None  # there is an indicator, so it has a measure
    unit = measure.unit
    need = _need_sentence(milestone, baseline.value, base_period, deadline_period, unit)
    if latest is None or latest.value is None:
        return not_assessed(f"{need}; no figures are published yet, so progress is not assessed.")
    shown = (
        f"{format_value(latest.value, unit)} {latest.period.preposition} {latest.period.long_label}"
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
    tolerance = tolerance_for(measure.tolerance, baseline.value)
    on_track = (
        latest.value >= expected - tolerance if rising else latest.value <= expected + tolerance
    )
    position = "at, ahead of or close to" if on_track else "behind"
    return verdict(
        Progress.ON_TRACK if on_track else Progress.OFF_TRACK,
        f"{need}; the latest figure, {shown}, is {position} the straight-line trajectory, which "
        f"reaches {format_value(expected, unit)} by then.",
        expected,
    )


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
    milestone: Milestone, baseline: float, base: Period, deadline: Period, unit: UnitSpec
) -> str:
    by = milestone.deadline_label or _month_year(milestone.deadline)
    target = format_given(milestone.target or 0.0, unit)
    start = f"{format_given(baseline, unit)} {base.preposition} {base.long_label}"
    months = months_between(base.start, deadline.start)
    if months <= 0:
        return f"The target is {target} by {by}, from {start}"
    step, word = {PeriodType.MONTH: (1.0, "a month"), PeriodType.QUARTER: (3.0, "a quarter")}.get(
        base.type, (12.0, "a year")
    )
    rate = abs((milestone.target or 0.0) - baseline) / months * step
    return f"To reach {target} by {by} from {start} needs about {format_about(rate, unit)} {word}"


_MONTHS = MONTH_NAMES[1:]


def _month_year(day: date | None) -> str:
    return f"{_MONTHS[day.month - 1]} {day.year}" if day else "the deadline"
