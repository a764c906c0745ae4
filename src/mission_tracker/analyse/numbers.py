"""Numbers in words people use: "60.1%", "£8,265", "up 1.2 percentage points"."""

from __future__ import annotations

import math

from mission_tracker.model.data import Observation
from mission_tracker.model.specs import IndicatorSpec, Unit

DEFAULT_DECIMALS = {
    Unit.PERCENT: 1,
    Unit.COUNT: 0,
    Unit.GBP: 0,
    Unit.GBP_MILLION: 0,
    Unit.RATE: 2,
    Unit.GWH: 0,
}


def decimals(spec: IndicatorSpec) -> int:
    return spec.decimals if spec.decimals is not None else DEFAULT_DECIMALS[spec.unit]


def _digits(value: float, places: int) -> str:
    text = f"{abs(value):,.{places}f}"
    # "-0.0" is not a number anyone writes.
    return ("-" if value < 0 and float(text.replace(",", "")) != 0 else "") + text


def format_value(
    value: float, spec: IndicatorSpec, *, with_label: bool = False, places: int | None = None
) -> str:
    """A value as shown in tables, headlines and charts."""
    places = decimals(spec) if places is None else places
    digits = _digits(value, places)
    unit = spec.unit
    if unit is Unit.PERCENT:
        return f"{digits}%"
    if unit in (Unit.GBP, Unit.GBP_MILLION):
        sign, digits = ("-", digits[1:]) if digits.startswith("-") else ("", digits)
        text = f"{sign}£{digits}{'m' if unit is Unit.GBP_MILLION else ''}"
    elif unit is Unit.GWH:
        text = f"{digits} GWh"
    else:
        text = digits
    if with_label and spec.unit_label:
        text = f"{text} {spec.unit_label}"
    return text


def format_change(change: float, spec: IndicatorSpec) -> str:
    """The size of a change in the unit's own terms, without its sign: "1.2 percentage points"."""
    places = decimals(spec)
    size = abs(change)
    if spec.unit is Unit.PERCENT:
        amount = _digits(size, places)
        return f"{amount} percentage point{'' if amount == '1' else 's'}"
    return format_value(size, spec, with_label=spec.unit is Unit.RATE)


def change_phrase(change: float, spec: IndicatorSpec) -> str:
    """ "up 1.2 percentage points", "down £120", or "unchanged" when it rounds to nothing."""
    if float(_digits(abs(change), decimals(spec)).replace(",", "")) == 0:
        return "unchanged"
    return f"{'up' if change > 0 else 'down'} {format_change(change, spec)}"


def format_about(value: float, spec: IndicatorSpec) -> str:
    """A rate to two significant figures, for "needs about 0.59 points a month"."""
    if value == 0:
        return format_value(0, spec, places=0)
    places = max(0, 1 - math.floor(math.log10(abs(value))))
    rounded = round(value, places)
    if spec.unit is Unit.PERCENT:
        return f"{_digits(rounded, places)} percentage points"
    return format_value(rounded, spec, with_label=True, places=places)


def places_of(value: float) -> int:
    """Decimal places a figure was written with (92 -> 0, 67.7 -> 1), at most 6."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return min(len(text.split(".")[1].rstrip("0")), 6)


def format_given(value: float, spec: IndicatorSpec) -> str:
    """A figure quoted from a publication (a target, a baseline) at its own precision, so that
    67.7 is never shown as 68 nor 92 as 92.0."""
    return format_value(value, spec, places=places_of(value))


def value_text(o: Observation, spec: IndicatorSpec) -> str:
    """An observation's value as tables, tooltips and reviews show it: "60.1%", or a missing
    value's shorthand and meaning, "[x] (not available)"."""
    if o.value is not None:
        return format_value(o.value, spec)
    if o.missing is not None:
        return f"{o.missing.value} ({o.missing.meaning})"
    return o.text
