"""Release dates as Open SDG metadata writes them (importers/opensdg/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from mission_tracker.importers.opensdg.dates import read_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("11/03/2020", dt.date(2020, 3, 11)),  # day first, as the UK writes it
        ("1/3/2020", dt.date(2020, 3, 1)),
        (44166, dt.date(2020, 12, 1)),  # an Excel serial number saved as its number
        ("44306", dt.date(2021, 4, 20)),
        ("14 December 2022", dt.date(2022, 12, 14)),
        ("2022-12-14", dt.date(2022, 12, 14)),
        (dt.date(2021, 1, 5), dt.date(2021, 1, 5)),  # YAML read it as a date already
    ],
)
def test_dates(value: object, expected: dt.date) -> None:
    assert read_date(value) == (expected, "")


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("TBC", "not known"),
        ("tbc", "not known"),
        ("N/A", "not known"),
        ("May 2023", "does not name a day"),  # a month: no day is guessed
        ("See source link", "does not name a day"),
        (2015, "a number, not a date"),  # a year
        ("31/02/2020", "not a real date"),
    ],
)
def test_what_is_not_a_date_is_left_out_with_why(value: object, why: str) -> None:
    date, reason = read_date(value)
    assert date is None and why in reason


def test_absent_is_simply_absent() -> None:
    assert read_date(None) == (None, "")
    assert read_date("  ") == (None, "")
