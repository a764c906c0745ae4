"""The kinds of period an indicator's figures may be for, and how each is written.

A period type names how the `period` column is written (`2023/24` for a financial year,
`2018 to 2020` for several years pooled); model/periods.py reads periods of each type.
"""

from __future__ import annotations

from enum import StrEnum


class PeriodType(StrEnum):
    YEAR = "year"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    QUARTER = "quarter"
    MONTH = "month"
    DATE = "date"
    # Several years pooled or averaged: calendar, financial or academic years.
    YEARS = "years"
    FINANCIAL_YEARS = "financial_years"
    ACADEMIC_YEARS = "academic_years"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]

    @property
    def example(self) -> str:
        return _EXAMPLES[self]

    @property
    def frequency(self) -> str:
        """The publication rhythm a series of this type usually has."""
        return _FREQUENCIES[self]

    @property
    def sub_annual(self) -> bool:
        return self in (PeriodType.QUARTER, PeriodType.MONTH)

    @property
    def multi_year(self) -> bool:
        return self in _SINGLE

    @property
    def single(self) -> PeriodType:
        """The one-year type a multi-year type spans: financial_years -> financial_year."""
        return _SINGLE.get(self, self)


_DESCRIPTIONS = {
    PeriodType.YEAR: "calendar year",
    PeriodType.FINANCIAL_YEAR: "financial year (April to March)",
    PeriodType.ACADEMIC_YEAR: "academic year (September to August)",
    PeriodType.QUARTER: "calendar quarter",
    PeriodType.MONTH: "month",
    PeriodType.DATE: "date",
    PeriodType.YEARS: "several calendar years (pooled or averaged)",
    PeriodType.FINANCIAL_YEARS: "several financial years (pooled or averaged)",
    PeriodType.ACADEMIC_YEARS: "several academic years (pooled or averaged)",
}
_EXAMPLES = {
    PeriodType.YEAR: "2024",
    PeriodType.FINANCIAL_YEAR: "2023/24",
    PeriodType.ACADEMIC_YEAR: "2023/24",
    PeriodType.QUARTER: "2024 Q3",
    PeriodType.MONTH: "2024-07",
    PeriodType.DATE: "2024-07-31",
    PeriodType.YEARS: "2018 to 2020",
    PeriodType.FINANCIAL_YEARS: "2018/19 to 2020/21",
    PeriodType.ACADEMIC_YEARS: "2018/19 to 2020/21",
}
_FREQUENCIES = {
    PeriodType.YEAR: "annual",
    PeriodType.FINANCIAL_YEAR: "annual",
    PeriodType.ACADEMIC_YEAR: "annual",
    PeriodType.QUARTER: "quarterly",
    PeriodType.MONTH: "monthly",
    PeriodType.DATE: "irregular",
    PeriodType.YEARS: "annual (figures for several years)",
    PeriodType.FINANCIAL_YEARS: "annual (figures for several years)",
    PeriodType.ACADEMIC_YEARS: "annual (figures for several years)",
}
_SINGLE = {
    PeriodType.YEARS: PeriodType.YEAR,
    PeriodType.FINANCIAL_YEARS: PeriodType.FINANCIAL_YEAR,
    PeriodType.ACADEMIC_YEARS: PeriodType.ACADEMIC_YEAR,
}

MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Fixed English names: calendar.month_abbr follows the locale, which would break determinism.
MONTH_ABBR = ("", *(name[:3] for name in MONTH_NAMES[1:]))
