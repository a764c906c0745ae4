"""An indicator's measures, each with everything it is read, judged and written with.

Most indicators have one measure, described by the indicator's own fields. One that holds
several (a rate and a count; four series of different bodies) declares them under `measures:`,
and each may have its own unit, period type, direction, tolerance and valid range; what it does
not say it takes from the indicator. The first is the headline measure: the trend and any
milestone are judged on it unless a milestone names another.
"""

from __future__ import annotations

from dataclasses import dataclass

from mission_tracker.model.periods import PeriodType
from mission_tracker.model.specs import AnyUnit, Direction, IndicatorSpec, ValidRange
from mission_tracker.model.units import Unit, UnitSpec


@dataclass(frozen=True)
class Measure:
    id: str  # as the `measure` column names it; "" for an indicator with one measure
    title: str
    measure: str  # the statistical measure: a chart's subtitle
    unit: UnitSpec
    period_type: PeriodType
    direction: Direction
    tolerance: float | None
    low: float | None  # the valid range, as declared or as the unit implies
    high: float | None

    @property
    def anchor(self) -> str:
        """Its section's id on the indicator page."""
        return f"measure-{self.id}" if self.id else "figures"


def measures_of(spec: IndicatorSpec) -> list[Measure]:
    """The indicator's measures, the headline measure first."""
    if not spec.measures:
        return [
            Measure(
                "",
                spec.title,
                spec.measure,
                unit_of(spec.unit, spec),
                spec.period_type,
                spec.direction,
                spec.tolerance,
                *range_of(spec.valid_range, spec.unit),
            )
        ]
    return [
        Measure(
            m.id,
            m.title,
            m.measure or spec.measure,
            unit_of(m.unit or spec.unit, spec),
            m.period_type or spec.period_type,
            m.direction or spec.direction,
            m.tolerance if m.tolerance is not None else spec.tolerance,
            *range_of(m.valid_range or spec.valid_range, m.unit or spec.unit),
        )
        for m in spec.measures
    ]


def unit_of(unit: AnyUnit, spec: IndicatorSpec) -> UnitSpec:
    """A declared unit as it is; a shorthand with the indicator's `unit_label` and
    `decimals`, where the first version of the format put them."""
    if isinstance(unit, Unit):
        return unit.spec(spec.unit_label, spec.decimals)
    return unit


def range_of(declared: ValidRange | None, unit: AnyUnit) -> tuple[float | None, float | None]:
    # A reversed range is reported once, at the YAML; here it falls back to the unit's range
    # rather than rejecting every value.
    if declared is not None and not (
        declared.min is not None and declared.max is not None and declared.min > declared.max
    ):
        return declared.min, declared.max
    return unit.default_range if isinstance(unit, Unit) else (None, None)
