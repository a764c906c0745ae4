"""Figures as the site's locale writes them: Babel's symbols and digit groups, the locale's
percent and currency patterns, the same rounding in every locale, and counted phrases chosen
by CLDR plural rules."""

from __future__ import annotations

import pytest

from mission_tracker.analyse.messages import counted
from mission_tracker.analyse.numbers import format_count, format_value, written_in
from mission_tracker.charts.theme import number_locale
from mission_tracker.model.units import UnitKind, UnitSpec

PERCENT = UnitSpec(kind=UnitKind.PERCENTAGE, decimals=1)
POUNDS_M = UnitSpec(kind=UnitKind.CURRENCY, currency="GBP", multiplier="million", decimals=0)
EUROS = UnitSpec(kind=UnitKind.CURRENCY, currency="EUR", decimals=0)
COUNT = UnitSpec(kind=UnitKind.NUMBER, decimals=0)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("locale", "unit", "value", "text"),
    [
        ("en_GB", PERCENT, 60.14, "60.1%"),
        ("en_GB", POUNDS_M, 8265, "£8,265m"),
        ("en_GB", POUNDS_M, -120, "-£120m"),
        ("en_GB", COUNT, 1234567, "1,234,567"),
        ("fr_FR", PERCENT, 60.14, f"60,1{NBSP}%"),
        ("fr_FR", EUROS, 8265, f"8{NNBSP}265{NBSP}€"),
        ("fr_FR", COUNT, 1234567, f"1{NNBSP}234{NNBSP}567"),
        ("de_CH", COUNT, 1234567, "1'234'567"),
        ("hi_IN", COUNT, 1234567, "12,34,567"),
        ("sv_SE", COUNT, -1234, "\u22121\u00a0234"),
    ],
)
def test_values_are_written_as_the_locale_writes_them(
    locale: str, unit: UnitSpec, value: float, text: str
) -> None:
    with written_in(locale):
        assert format_value(value, unit) == text


def test_rounding_is_the_same_in_every_locale() -> None:
    # 2.675 is stored as 2.67499999...: Python's rounding, whatever the symbols.
    with written_in("en_GB"):
        english = format_value(2.675, UnitSpec(kind=UnitKind.NUMBER, decimals=2))
    with written_in("fr_FR"):
        french = format_value(2.675, UnitSpec(kind=UnitKind.NUMBER, decimals=2))
    assert (english, french) == ("2.67", "2,67")


def test_counted_phrases_follow_the_plural_rules_and_the_digits() -> None:
    assert [counted(n, "mission") for n in (0, 1, 5)] == ["0 missions", "1 mission", "5 missions"]
    assert counted(2974, "row") == "2,974 rows"
    with written_in("fr_FR"):
        # French counts 0 and 1 as singular; the catalogue is English, its digits French.
        assert counted(0, "mission") == "0 mission"
        assert format_count(2974) == f"2{NNBSP}974"


def test_charts_are_given_the_locale_only_where_it_differs_from_vegas_default() -> None:
    assert number_locale() is None
    with written_in("fr_FR"):
        assert number_locale() == {
            "decimal": ",",
            "thousands": NNBSP,
            "grouping": [3, 3],
            "minus": "-",
            "currency": ["", f"{NBSP}¤"],
        }


def test_dates_are_written_as_the_locale_writes_them() -> None:
    from datetime import date

    from mission_tracker.site.templating import long_date

    assert long_date(date(2026, 3, 1)) == "1 March 2026"
    with written_in("fr_FR"):
        assert long_date(date(2026, 3, 1)) == "1 mars 2026"
