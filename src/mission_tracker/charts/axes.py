"""Scales and axes: a true time axis labelled the way each period type is written, and a value
axis with round ends."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime

import altair as alt

from mission_tracker.analyse.numbers import currency_symbol, current_locale, number_style
from mission_tracker.model.periods import Period, PeriodType
from mission_tracker.model.units import UnitKind, UnitSpec


def x_axis(first: Period, last: Period, ptype: PeriodType, *, few: bool = False) -> alt.X:
    return alt.X(
        "t:T",
        scale=alt.Scale(type="utc", domain=[epoch_ms(placed(first)), epoch_ms(placed(last))]),
        axis=alt.Axis(
            title=None,
            values=_x_ticks(first, last, 3 if few else 6),
            labelExpr=LABEL_EXPR[ptype],
            grid=False,
            labelFlush=True,
            labelOverlap=True,
        ),
    )


def y_axis(lo: float, hi: float, step: float, unit: UnitSpec, *, ticks: int = 0) -> alt.Y:
    values = frange(lo, hi, step)
    if ticks and len(values) > ticks:
        values = values[:: math.ceil((len(values) - 1) / (ticks - 1))]
    return alt.Y(
        "v:Q",
        scale=alt.Scale(domain=[lo, hi], nice=False, zero=False),
        axis=alt.Axis(title=None, values=values, labelExpr=value_label_expr(unit, hi)),
    )


def placed(period: Period, day: date | None = None) -> date:
    """Where a period sits on the time axis: its start, the day of an observation that gives
    one, or the middle of a period of several years."""
    if day is not None:
        return day
    return period.middle if period.type.multi_year else period.start


def epoch_ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def frange(lo: float, hi: float, step: float) -> list[float]:
    count = round((hi - lo) / step)
    return [round(lo + i * step, 10) for i in range(count + 1)]


def y_domain(values: list[float], unit: UnitSpec) -> tuple[float, float, float]:
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
    if unit.kind is UnitKind.PERCENTAGE and lo >= 0:
        lo_n = max(lo_n, 0.0)
    return lo_n, hi_n, step


def value_label_expr(unit: UnitSpec, hi: float) -> str:
    """Axis labels in the unit: 60%, £8,265m, 1.2m, 118 thousand tonnes."""
    scaled = unit.multiplier is not None
    number = (
        "format(datum.value / 1000000, ',.1~f') + 'm'"
        if abs(hi) >= 1_000_000 and not scaled
        else "format(datum.value, ',~f')"
    )
    style = number_style(current_locale())
    if unit.kind is UnitKind.PERCENTAGE:
        before, after = style.percent
        if (before, after) == ("", "%"):
            return f"{number} + '%'"
        return f"{json.dumps(before) + ' + ' if before else ''}{number} + {json.dumps(after)}"
    if unit.kind is UnitKind.CURRENCY:
        before, after = (p.replace("¤", currency_symbol(unit)) for p in style.currency)
        short = unit.multiplier.short if unit.multiplier else ""
        suffix = f" + {json.dumps(short + after)}" if short + after else ""
        return f"{json.dumps(before) + ' + ' if before else ''}{number}{suffix}"
    if unit.kind is UnitKind.PHYSICAL:
        scale = f"{unit.multiplier.value} " if unit.multiplier else ""
        return f"{number} + {json.dumps(' ' + scale + (unit.symbol or unit.label or ''))}"
    return number


_SPLIT_YEAR = "utcyear(datum.value) + '/' + slice('' + (utcyear(datum.value) + 1), 2)"
LABEL_EXPR = {
    PeriodType.YEAR: "utcFormat(datum.value, '%Y')",
    PeriodType.FINANCIAL_YEAR: _SPLIT_YEAR,
    PeriodType.ACADEMIC_YEAR: _SPLIT_YEAR,
    PeriodType.QUARTER: "'Q' + utcquarter(datum.value) + ' ' + utcyear(datum.value)",
    PeriodType.MONTH: "utcFormat(datum.value, '%b %Y')",
    PeriodType.DATE: "utcFormat(datum.value, '%-d %b %Y')",
    # Periods of several years are placed at their middles; the axis marks plain years.
    PeriodType.YEARS: "utcFormat(datum.value, '%Y')",
    PeriodType.FINANCIAL_YEARS: "utcFormat(datum.value, '%Y')",
    PeriodType.ACADEMIC_YEARS: "utcFormat(datum.value, '%Y')",
}


def _x_ticks(first: Period, last: Period, most: int) -> list[int]:
    """Ticks every 1, 2, 5, 10... years, where the period type begins its year."""
    span = last.start.year - first.start.year
    step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= most), 100)
    month, day = (1, 1)
    if first.type in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR, PeriodType.DATE):
        month, day = first.start.month, first.start.day
    first, last = (
        (Period(first.middle, PeriodType.DATE), Period(last.middle, PeriodType.DATE))
        if first.type.multi_year
        else (first, last)
    )
    ticks = []
    for year in range(first.start.year, last.start.year + 1):
        if year % step == 0:
            tick = date(year, month, min(day, 28) if (month, day) == (2, 29) else day)
            if first.start <= tick <= last.start:
                ticks.append(epoch_ms(tick))
    return ticks or [epoch_ms(first.start), epoch_ms(last.start)]
