"""Period types: parsed from how statisticians write them, placed on a true time axis, and
labelled as people write them."""

from __future__ import annotations

from datetime import date

import pytest

from mission_tracker.model.periods import (
    Period,
    PeriodError,
    PeriodType,
    parse_period,
    period_containing,
)

Y, FY, AY, Q, M, D = (
    PeriodType.YEAR,
    PeriodType.FINANCIAL_YEAR,
    PeriodType.ACADEMIC_YEAR,
    PeriodType.QUARTER,
    PeriodType.MONTH,
    PeriodType.DATE,
)


@pytest.mark.parametrize(
    ("text", "ptype", "start", "end", "canonical", "label", "long_label"),
    [
        ("2024", Y, date(2024, 1, 1), date(2024, 12, 31), "2024", "2024", "2024"),
        ("2023/24", FY, date(2023, 4, 1), date(2024, 3, 31), "2023/24", "2023/24", "2023/24"),
        ("2023-24", FY, date(2023, 4, 1), date(2024, 3, 31), "2023/24", "2023/24", "2023/24"),
        ("1999/00", FY, date(1999, 4, 1), date(2000, 3, 31), "1999/00", "1999/00", "1999/00"),
        ("2023/24", AY, date(2023, 9, 1), date(2024, 8, 31), "2023/24", "2023/24", "2023/24"),
        ("2024 Q3", Q, date(2024, 7, 1), date(2024, 9, 30), "2024 Q3", "Q3 2024", "Q3 2024"),
        ("2024 Q4", Q, date(2024, 10, 1), date(2024, 12, 31), "2024 Q4", "Q4 2024", "Q4 2024"),
        ("2024-07", M, date(2024, 7, 1), date(2024, 7, 31), "2024-07", "Jul 2024", "July 2024"),
        ("2024-02", M, date(2024, 2, 1), date(2024, 2, 29), "2024-02", "Feb 2024", "February 2024"),
        (
            "2024-03-31",
            D,
            date(2024, 3, 31),
            date(2024, 3, 31),
            "2024-03-31",
            "31 Mar 2024",
            "31 March 2024",
        ),
    ],
)
def test_periods_parse_place_and_label(
    text: str,
    ptype: PeriodType,
    start: date,
    end: date,
    canonical: str,
    label: str,
    long_label: str,
) -> None:
    period = parse_period(text, ptype)
    assert (period.start, period.end) == (start, end)
    assert period.text == canonical
    assert period.label == label
    assert period.long_label == long_label
    assert parse_period(period.text, ptype) == period


@pytest.mark.parametrize(
    ("text", "ptype", "message"),
    [
        (
            "Jul 2024",
            M,
            "period 'Jul 2024' is not in the form of a month (like 2024-07); write 2024-07",
        ),
        (
            "Jul-24",
            M,
            "period 'Jul-24' is not in the form of a month (like 2024-07); write 2024-07",
        ),
        (
            "7/2024",
            M,
            "period '7/2024' is not in the form of a month (like 2024-07); write 2024-07",
        ),
        (
            "2024-07-31",
            M,
            "period '2024-07-31' is not in the form of a month (like 2024-07); write 2024-07 "
            "(a month has no day)",
        ),
        ("2024-13", M, "period '2024-13' has month 13; months run 01 to 12"),
        (
            "45474",
            M,
            "period '45474' looks like a spreadsheet date number; format the column as text "
            "before saving, and write it like 2024-07",
        ),
        (
            "31/07/2024",
            D,
            "period '31/07/2024' is not in the form of a date (like 2024-07-31); write 2024-07-31 "
            "(year-month-day)",
        ),
        ("2023-02-29", D, "period '2023-02-29' is not a real date; check the month and day"),
        (
            "Q3 2024",
            Q,
            "period 'Q3 2024' is not in the form of a quarter (like 2024 Q3); write 2024 Q3",
        ),
        (
            "2024-Q3",
            Q,
            "period '2024-Q3' is not in the form of a quarter (like 2024 Q3); write 2024 Q3",
        ),
        (
            "Jul-Sep 2024",
            Q,
            "period 'Jul-Sep 2024' is not in the form of a quarter (like 2024 Q3); write 2024 Q3",
        ),
        (
            "2023/2024",
            FY,
            "period '2023/2024' is not in the form of a financial year (like 2023/24); write "
            "2023/24",
        ),
        (
            "2023/25",
            FY,
            "period '2023/25' runs from 2023 to 2025, not over two consecutive years; if the "
            "source gives one figure for those years together (pooled, or an average), set "
            "`period_type: financial_years` and write 2023/24 to 2024/25 (or `years` and 2023 "
            "to 2025, for calendar years); otherwise check the period against the source",
        ),
        (
            "2023",
            FY,
            "period '2023' is not in the form of a financial year (like 2023/24); write 2023/24 "
            "(or 2022/23, if that is the year meant)",
        ),
        (
            "2023/24",
            Y,
            "period '2023/24' is not in the form of a calendar year (like 2024); write 2023 if "
            "the calendar year is meant, or declare `period_type: financial_year`",
        ),
        (
            "2024 Q3",
            M,
            "period '2024 Q3' is a quarter, but this indicator's `period_type` is `month`; write "
            "it as a month (like 2024-07), or change `period_type` to `quarter` in the YAML file "
            "if every row is like this",
        ),
        (
            "0024",
            Y,
            "period '0024' has the year 0024; check it against the source (years from 1000 to "
            "2999 are accepted)",
        ),
        ("twenty", Y, "period 'twenty' is not a calendar year; write it like 2024"),
    ],
)
def test_mistakes_are_explained_with_the_fix(text: str, ptype: PeriodType, message: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text, ptype)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("day", "ptype", "text"),
    [
        (date(2029, 3, 31), FY, "2028/29"),
        (date(2029, 4, 1), FY, "2029/30"),
        (date(2028, 8, 31), AY, "2027/28"),
        (date(2028, 9, 1), AY, "2028/29"),
        (date(2026, 3, 31), Q, "2026 Q1"),
        (date(2026, 3, 31), M, "2026-03"),
        (date(2026, 3, 31), Y, "2026"),
        (date(2026, 3, 31), D, "2026-03-31"),
    ],
)
def test_period_containing_a_day(day: date, ptype: PeriodType, text: str) -> None:
    period = period_containing(day, ptype)
    assert period.text == text
    assert period.start <= day <= period.end


def test_periods_sort_in_time_order() -> None:
    texts = ["2024-10", "2023-12", "2024-02"]
    ordered = sorted(parse_period(t, M) for t in texts)
    assert [p.text for p in ordered] == ["2023-12", "2024-02", "2024-10"]


def test_a_year_earlier_keeps_the_period_type_and_the_day_in_range() -> None:
    leap = Period(date(2024, 2, 29), D)
    assert leap.years_earlier(1) == Period(date(2023, 2, 28), D)
    assert parse_period("2024/25", FY).years_earlier(1).text == "2023/24"


def test_every_type_has_a_description_example_and_frequency() -> None:
    for ptype in PeriodType:
        assert parse_period(ptype.example, ptype).text == ptype.example
        assert ptype.description and ptype.frequency
