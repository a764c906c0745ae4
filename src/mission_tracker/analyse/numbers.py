"""Numbers in words people use, in the unit the data declare and as the site's locale writes
them: "60.1%", "£8,265m", "up 1.2 percentage points" (en_GB); "60,1 %", "8 265 m€" (fr_FR)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import (
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    parse_pattern,
)

from mission_tracker.model.data import Observation
from mission_tracker.model.locale import DEFAULT_LOCALE
from mission_tracker.model.units import UnitKind, UnitSpec

# The site's locale, set once for a build (`written_in`); the chart workers are given it.
_LOCALE: ContextVar[str] = ContextVar("locale", default=DEFAULT_LOCALE)


@contextmanager
def written_in(locale: str) -> Iterator[None]:
    """Numbers written as `locale` (a Unicode locale such as fr_FR) while inside."""
    token = _LOCALE.set(locale)
    try:
        yield
    finally:
        _LOCALE.reset(token)


def current_locale() -> str:
    return _LOCALE.get()


@dataclass(frozen=True)
class NumberStyle:
    """How a locale writes numbers (from Babel's CLDR data): its symbols, the sizes of its
    digit groups (3 then 3; 3 then 2 in India), and what goes around a percentage or an
    amount of money (`¤` stands for the currency's symbol)."""

    group: str
    decimal: str
    minus: str
    grouping: tuple[int, int]
    percent: tuple[str, str]
    currency: tuple[str, str]


@cache
def number_style(locale: str) -> NumberStyle:
    data = Locale.parse(locale)
    percent = parse_pattern(data.percent_formats[None].pattern)
    money = parse_pattern(data.currency_formats["standard"].pattern)
    return NumberStyle(
        group=get_group_symbol(locale),
        decimal=get_decimal_symbol(locale),
        minus=get_minus_sign_symbol(locale),
        grouping=parse_pattern(data.decimal_formats[None].pattern).grouping,
        percent=(percent.prefix[0], percent.suffix[0]),
        currency=(money.prefix[0], money.suffix[0]),
    )


def _style() -> NumberStyle:
    return number_style(_LOCALE.get())


@cache
def _currency_symbol(unit: UnitSpec, locale: str) -> str:
    if unit.symbol:
        return unit.symbol
    return str(get_currency_symbol(unit.currency or "", locale=locale))


def currency_symbol(unit: UnitSpec) -> str:
    """ "£" for GBP, "€" for EUR, "US$" for USD (as the locale writes them); the unit's own
    symbol if it gives one."""
    return _currency_symbol(unit, _LOCALE.get())


def _grouped(whole: str, style: NumberStyle) -> str:
    first, rest = style.grouping
    if len(whole) <= first:
        return whole
    head, groups = whole[:-first], [whole[-first:]]
    while len(head) > rest:
        head, groups = head[:-rest], [head[-rest:], *groups]
    return style.group.join([head, *groups])


def _digits(value: float, places: int) -> str:
    # Python rounds the binary value, as it always has; the locale only chooses the symbols.
    text = f"{abs(value):.{places}f}"
    style = _style()
    whole, _, fraction = text.partition(".")
    written = _grouped(whole, style) + (style.decimal + fraction if fraction else "")
    # "-0.0" is not a number anyone writes.
    return (style.minus if value < 0 and float(text) != 0 else "") + written


def format_count(n: int) -> str:
    """A whole number as the locale writes it: 2,974 (en_GB), 2 974 (fr_FR)."""
    return _digits(n, 0)


def _unsigned(digits: str) -> tuple[str, str]:
    minus = _style().minus
    return (minus, digits[len(minus) :]) if digits.startswith(minus) else ("", digits)


def _visible(value: float, places: int) -> int:
    """Enough decimal places that a figure which is not zero is not shown as 0: two
    significant figures where the unit's places would round it away (6.7e-05% -> 0.000067%)."""
    if value == 0 or abs(value) >= 0.5 * 10**-places:
        return places
    needed = 1 - math.floor(math.log10(abs(value)))
    # Never more places than the figure was written with ("0.4", not "0.40").
    written = places_of(value)
    return min(needed, written) if written > places else needed


def format_value(
    value: float, unit: UnitSpec, *, with_label: bool = False, places: int | None = None
) -> str:
    """A value as shown in tables, headlines and charts."""
    digits = _digits(value, _visible(value, unit.places if places is None else places))
    kind, scale = unit.kind, unit.multiplier
    if kind is UnitKind.PERCENTAGE:
        before, after = _style().percent
        return f"{before}{digits}{after}"
    if kind is UnitKind.CURRENCY:
        sign, digits = _unsigned(digits)
        before, after = (part.replace("¤", currency_symbol(unit)) for part in _style().currency)
        return f"{sign}{before}{digits}{scale.short if scale else ''}{after}"
    if kind is UnitKind.PHYSICAL:
        # "78 kg per person": the symbol, and what it is per when the unit says.
        named = " ".join(part for part in (unit.symbol, unit.label) if part)
        return f"{digits} {scale.value + ' ' if scale else ''}{named}"
    text = f"{digits} {scale.value}" if scale else digits
    if with_label and unit.counted:
        text = f"{text} {unit.counted}"
    return text


def format_change(change: float, unit: UnitSpec) -> str:
    """The size of a change in the unit's own terms, without its sign: "1.2 percentage points",
    "118 thousand tonnes", "£20m", "3,410 dwellings"."""
    size = abs(change)
    if unit.kind is UnitKind.PERCENTAGE:
        amount = _digits(size, unit.places)
        return f"{amount} percentage point{'' if amount == '1' else 's'}"
    return format_value(size, unit, with_label=True)


def change_phrase(change: float, unit: UnitSpec) -> str:
    """ "up 1.2 percentage points", "down £120", or "unchanged" when it rounds to nothing."""
    if float(f"{abs(change):.{unit.places}f}") == 0:
        return "unchanged"
    return f"{'up' if change > 0 else 'down'} {format_change(change, unit)}"


def format_about(value: float, unit: UnitSpec) -> str:
    """A rate to two significant figures, for "needs about 0.59 points a month"."""
    if value == 0:
        return format_value(0, unit, places=0)
    places = max(0, 1 - math.floor(math.log10(abs(value))))
    rounded = round(value, places)
    if unit.kind is UnitKind.PERCENTAGE:
        return f"{_digits(rounded, places)} percentage points"
    return format_value(rounded, unit, with_label=True, places=places)


def places_of(value: float) -> int:
    """Decimal places a figure was written with (92 -> 0, 67.7 -> 1), at most 6."""
    text = repr(float(value))
    if "e" in text or "." not in text:
        return 0
    return min(len(text.split(".")[1].rstrip("0")), 6)


def format_given(value: float, unit: UnitSpec) -> str:
    """A figure quoted from a publication (a target, a baseline) at its own precision, so that
    67.7 is never shown as 68 nor 92 as 92.0."""
    return format_value(value, unit, places=places_of(value))


def value_text(o: Observation, unit: UnitSpec) -> str:
    """An observation's value as tables, tooltips and reviews show it: "60.1%", or a missing
    value's shorthand and meaning, "[x] (not available)"."""
    if o.value is not None:
        return format_value(o.value, unit)
    if o.missing is not None:
        return f"{o.missing.value} ({o.missing.meaning})"
    return o.text


def unit_words(unit: UnitSpec) -> str:
    """The unit in words, for "about this data": "pounds sterling (£), millions"."""
    scale = f", {unit.multiplier.value}s" if unit.multiplier else ""
    if unit.kind is UnitKind.PERCENTAGE:
        return "percentage"
    if unit.kind is UnitKind.CURRENCY:
        return f"{unit.currency} ({currency_symbol(unit)}){scale}"
    if unit.kind is UnitKind.RATE:
        return f"rate{' ' + unit.counted if unit.counted else ''}"
    if unit.kind is UnitKind.INDEX:
        return f"index{f' ({unit.base})' if unit.base else ''}"
    if unit.kind is UnitKind.PHYSICAL:
        return f"{unit.symbol or unit.label}{scale}"
    return f"number{' of ' + unit.label if unit.label else ''}{scale}"
