"""Year cells as the UK's files write them -> the format's periods (opensdg/periods.py)."""

from __future__ import annotations

import pytest

from mission_tracker.importers.opensdg.periods import read_years
from mission_tracker.model.periods import PeriodType as T

FY = T.FINANCIAL_YEAR


def one(cell: str, split: T = FY) -> tuple[T | None, str, str]:
    reading = read_years([cell], split)[0]
    return reading.type, reading.text, reading.note


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2015", (T.YEAR, "2015", "")),
        ("2021.0", (T.YEAR, "2021", "")),  # 17-10-1, a spreadsheet's float
        ("2015/16", (FY, "2015/16", "")),
        ("2019/2020", (FY, "2019/20", "")),  # 2-1-2
        ("2015 Q1", (T.QUARTER, "2015 Q1", "")),  # 3-d-2
        ("1984-1988", (T.YEARS, "1984 to 1988", "")),  # 6-6-1
        ("2010 to 2011", (T.YEARS, "2010 to 2011", "")),  # 4-c-1, kept as written
        ("2007/08 to 2008/09", (T.FINANCIAL_YEARS, "2007/08 to 2008/09", "")),  # 10-3-1
        ("2002/03-2007/08", (T.FINANCIAL_YEARS, "2002/03 to 2007/08", "")),  # 10-1-1
        ("2019/20 [Note 5]", (FY, "2019/20", "Note 5")),  # 8-8-1
        ("1990-1994 (baseline)", (T.YEARS, "1990 to 1994", "baseline")),  # 6-6-1
        ("Jan 2015", (T.MONTH, "2015-01", "")),
        ("2015-01-31", (T.DATE, "2015-01-31", "")),
        # 16-6-2: a survey's fieldwork dates; the year they fall in, and the dates in the note.
        ("17 May to 11 June 2023", (T.YEAR, "2023", "17 May to 11 June 2023")),
    ],
)
def test_each_notation_of_the_uk_files(cell: str, expected: tuple[T, str, str]) -> None:
    assert one(cell) == expected


def test_split_years_are_academic_when_the_metadata_says_so() -> None:
    assert one("2015/16", T.ACADEMIC_YEAR) == (T.ACADEMIC_YEAR, "2015/16", "")
    assert one("2007/08 to 2008/09", T.ACADEMIC_YEAR)[0] is T.ACADEMIC_YEARS


def test_a_split_year_of_several_years_is_a_span_when_every_cell_is_one() -> None:
    # 11-3-1 writes 2013/16 in all 1,176 rows: the source's way of writing 2013 to 2016.
    readings = read_years(["2013/16", "2013/16"], FY)
    assert [(r.type, r.text) for r in readings] == [(T.YEARS, "2013 to 2016")] * 2
    assert "several years" in readings[0].rewrite


def test_a_lone_non_consecutive_split_year_is_not_guessed() -> None:
    # 3-b-1: 2010/20 among 2018/19, 2017/18 ... is a typing mistake for 2019/20, or not.
    readings = read_years(["2010/20", "2018/19", "2017/18"], FY)
    assert readings[0].period is None
    assert "not guessed" in readings[0].reason
    assert [r.text for r in readings[1:]] == ["2018/19", "2017/18"]


@pytest.mark.parametrize(
    "cell",
    [
        "There is no data for this indicator yet",
        "There is not data for this indicator yet",
        "This is a non-statistical indicator.",
        "This indicator has embedded content but no data",
    ],
)
def test_placeholder_rows_are_recognised_whatever_their_wording(cell: str) -> None:
    reading = read_years([cell], FY)[0]
    assert reading.placeholder and reading.period is None


def test_dashed_two_digit_endings_are_decided_by_the_whole_file() -> None:
    assert [r.text for r in read_years(["2015-16", "2016-17"], FY)] == ["2015/16", "2016/17"]
    assert [r.text for r in read_years(["2015-01", "2015-02"], FY)] == ["2015-01", "2015-02"]
    assert [r.text for r in read_years(["1985-87", "1986-88"], FY)] == [
        "1985 to 1987",
        "1986 to 1988",
    ]


@pytest.mark.parametrize("cell", ["2020-2019", "13/2015", "2015 Q5", "20155"])
def test_what_cannot_be_read_says_why(cell: str) -> None:
    reading = read_years([cell], FY)[0]
    assert reading.period is None and reading.reason


def test_rewrites_are_described_and_cells_kept_as_written_are_not() -> None:
    kept, rewritten = read_years(["2015", "1984-1988"], FY)
    assert kept.rewrite == ""
    assert "to" in rewritten.rewrite
