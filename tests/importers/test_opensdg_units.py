"""Units, Unit measure and Unit multiplier text -> declared units (importers/opensdg/units.py).
Every text here is one the UK's files use."""

from __future__ import annotations

import pytest

from mission_tracker.importers.opensdg.units import read_multiplier, read_unit
from mission_tracker.model.units import Multiplier, UnitSpec


def unit(text: str, multiplier: str = "Units") -> dict[str, object]:
    found = read_multiplier(multiplier)[0]
    return read_unit(text, found).unit


@pytest.mark.parametrize(
    ("text", "multiplier", "expected"),
    [
        ("Percentage (%)", "Units", {"kind": "percentage"}),
        ("percentage (%)", "Units", {"kind": "percentage"}),
        ("% of total land area", "Units", {"kind": "percentage", "label": "of total land area"}),
        ("Number", "", {"kind": "number"}),
        ("Number", "Thousands", {"kind": "number", "multiplier": "thousand"}),
        ("Number of offences", "Units", {"kind": "number", "label": "offences"}),
        (
            "Rate per 100,000 population",
            "Units",
            {"kind": "rate", "per": 100000, "label": "per 100,000 population"},
        ),
        (
            "Rate per 100000 population",
            "Units",
            {"kind": "rate", "per": 100000, "label": "per 100000 population"},
        ),
        (
            "Per million population",
            "Units",
            {"kind": "rate", "per": 1000000, "label": "Per million population"},
        ),
        ("GBP (£)", "Units", {"kind": "currency", "currency": "GBP"}),
        (
            "GBP (£ thousands)",
            "",
            {"kind": "currency", "currency": "GBP", "multiplier": "thousand"},
        ),
        (
            "USD ($ Millions)",
            "Millions",
            {"kind": "currency", "currency": "USD", "multiplier": "million"},
        ),
        ("GBP per capita", "Units", {"kind": "currency", "currency": "GBP", "label": "per capita"}),
        (
            "Constant USD ($ thousands)",
            "Thousands",
            {
                "kind": "currency",
                "currency": "USD",
                "label": "constant USD",
                "multiplier": "thousand",
            },
        ),
        ("Index", "Units", {"kind": "index"}),
        ("Index (2015=100)", "Units", {"kind": "index", "base": "2015 = 100"}),
        ("Tonnes", "Millions", {"kind": "physical", "symbol": "Tonnes", "multiplier": "million"}),
        (
            "Million hectares",
            "Unit",
            {"kind": "physical", "symbol": "hectares", "multiplier": "million"},
        ),
        (
            "Tonnes per million GBP (£)",
            "Thousands",
            {"kind": "physical", "symbol": "Tonnes per million GBP (£)", "multiplier": "thousand"},
        ),
        ("Ratio", "", {"kind": "number", "label": "Ratio"}),
    ],
)
def test_unit_texts(text: str, multiplier: str, expected: dict[str, object]) -> None:
    found = unit(text, multiplier)
    assert found == expected
    UnitSpec.model_validate(found)  # a unit the model accepts


def test_a_kilo_unit_is_not_declared_in_thousands_as_well() -> None:
    # 12-3-1: `Kilotonnes` rows with multiplier `Thousands` hold kilotonnes (6,125.0 in 2007).
    found = read_unit("Kilotonnes", Multiplier.THOUSAND)
    assert found.unit == {"kind": "physical", "symbol": "Kilotonnes"}
    assert any("restates the kilo" in n for n in found.notes)


def test_a_mis_encoded_pound_sign_is_repaired_and_reported() -> None:
    found = read_unit("Terajoules per million pounds (TJ/Â£ million)", None)
    assert found.unit["symbol"] == "Terajoules per million pounds (TJ/£ million)"
    assert any("mis-encoded" in n for n in found.notes)


def test_a_misplaced_multiplier_is_not_carried_over() -> None:
    # 1-3-1 has `Percentage (%)` in its Unit multiplier column, in all 35 rows.
    multiplier, note = read_multiplier("Percentage (%)")
    assert multiplier is None and "not a multiplier" in note


def test_rows_with_no_unit_are_a_plain_number_and_say_so() -> None:
    found = read_unit("", None)
    assert found.unit == {"kind": "number"} and found.notes
