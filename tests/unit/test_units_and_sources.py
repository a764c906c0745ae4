"""Units declared rather than chosen from a list, and sources each with their own licence: the
words a page and a chart's credit line are made of."""

from __future__ import annotations

from tests.unit.helpers import SOURCE, indicator

from mission_tracker.analyse.numbers import change_phrase, format_value
from mission_tracker.charts.frame import footer_lines
from mission_tracker.model.units import UnitSpec

KILOTONNES = UnitSpec.model_validate(
    {"kind": "physical", "symbol": "tonnes", "multiplier": "thousand"}
)


def test_a_change_is_worded_in_the_declared_unit() -> None:
    assert change_phrase(-118, KILOTONNES) == "down 118 thousand tonnes"
    assert format_value(1044, KILOTONNES) == "1,044 thousand tonnes"


def test_other_currencies_rates_and_indices() -> None:
    usd = UnitSpec.model_validate(
        {"kind": "currency", "currency": "USD", "multiplier": "million", "decimals": 2}
    )
    assert format_value(156.05, usd) == "US$156.05m"
    rate = UnitSpec.model_validate({"kind": "rate", "per": 100000})
    assert format_value(4.5, rate, with_label=True) == "4.50 per 100,000"
    index = UnitSpec.model_validate({"kind": "index", "base": "2019 = 100"})
    assert format_value(104.7, index) == "104.7"


def test_a_figure_that_is_not_zero_is_never_shown_as_zero() -> None:
    percent = UnitSpec.model_validate({"kind": "percentage", "decimals": 2})
    assert format_value(6.72255349472e-05, percent) == "0.000067%"
    assert format_value(0.0, percent) == "0.00%"


def test_each_source_credits_its_own_licence() -> None:
    # A made-up split of one indicator's figures between two sources, one under CC BY.
    other = {**SOURCE, "publisher": "Example agency", "licence": "CC-BY-4.0"}
    shown = indicator([("2023", 1.0)], source=None, sources=[SOURCE, other])
    footer = " ".join(footer_lines(shown, "https://example.org/", False))
    assert (
        "Source: Office for National Statistics, Test release; Example agency, Test release"
        in footer
    )
    assert "Open Government Licence v3.0" in footer
    assert "CC BY 4.0" in footer or "Creative Commons Attribution 4.0" in footer
