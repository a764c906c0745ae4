"""Open SDG `Year` cells -> Mission Tracker periods: a period type and the period as the
format writes it, with any note the cell carried.

Open SDG's Year is free text. The UK's files write `2015`, `2015/16`, `2019/2020`, `2015 Q1`,
`1984-1988`, `2010 to 2011`, `2007/08 to 2008/09`, `2002/03-2007/08`, `2019/20 [Note 5]`,
`1990-1994 (baseline)` and `17 May to 11 June 2023`. Each is read into the form the format
writes (`1984 to 1988`), and every rewrite is reported. Some shapes are ambiguous on their own
(`2013/16`: a typing mistake or three years?); they are decided from the other cells of the
same file, never guessed one at a time, and what cannot be decided is not imported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from mission_tracker.model.periods import MONTH_NAMES, Period, PeriodError, PeriodType, parse_period

_NOTE = re.compile(r"^(?P<core>.*\S)\s*(?:\[(?P<square>[^\[\]]+)\]|\((?P<round>[^()]+)\))$")
_SHAPES = {
    "year": re.compile(r"(\d{4})(\.0)?"),
    "split": re.compile(r"(\d{4})/(\d{2}|\d{4})"),
    "dash": re.compile(r"(\d{4})-(\d{2})"),
    "date": re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
    "years": re.compile(r"(\d{4})\s*(?:-|–|to)\s*(\d{4})"),
    "split_span": re.compile(r"(\d{4})/(\d{2})\s*(?:-|–|to)\s*(\d{4})/(\d{2})"),
    "quarter": re.compile(r"(\d{4})\s*-?\s*Q([1-4])"),
    "quarter_first": re.compile(r"Q([1-4])\s+(\d{4})"),
    "month_name": re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})"),
    "month_m": re.compile(r"(\d{4})M(\d{2})"),
    "date_range": re.compile(
        r"(\d{1,2})\s+([A-Za-z]+)(?:\s+(\d{4}))?\s+to\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})"
    ),
}
_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_SPANS = {
    PeriodType.FINANCIAL_YEAR: PeriodType.FINANCIAL_YEARS,
    PeriodType.ACADEMIC_YEAR: PeriodType.ACADEMIC_YEARS,
}


@dataclass(frozen=True)
class YearReading:
    """One Year cell, read. `period` is None when the row cannot be imported (`reason` says
    why) or is a placeholder row ("There is no data for this indicator yet")."""

    source: str
    period: Period | None = None
    text: str = ""  # as the format writes it
    note: str = ""  # a note the cell carried: `[Note 5]` -> Note 5
    rewrite: str = ""  # how the text was rewritten, for the report ("" when kept as written)
    reason: str = ""
    placeholder: bool = False

    @property
    def type(self) -> PeriodType | None:
        return self.period.type if self.period else None


@dataclass(frozen=True)
class _Shape:
    kind: str
    parts: tuple[str | None, ...]
    core: str
    note: str


def read_years(cells: Sequence[str], split_type: PeriodType) -> list[YearReading]:
    """Read every Year cell of one file. `split_type` is what `2015/16` means in it: financial
    or academic years (the metadata says which; see metadata.split_year_type)."""
    distinct = list(dict.fromkeys(cells))
    shapes = {cell: _shape(cell) for cell in distinct}
    context = _Context(list(shapes.values()))
    readings = {cell: _read(cell, shapes[cell], context, split_type) for cell in distinct}
    return [readings[cell] for cell in cells]


def _shape(cell: str) -> _Shape | None:
    text = cell.strip()
    for core, note in ((text, ""), _split_note(text)):
        for kind, pattern in _SHAPES.items():
            m = pattern.fullmatch(core)
            if m is not None:
                return _Shape(kind, m.groups(), core, note)
    return None


def _split_note(text: str) -> tuple[str, str]:
    m = _NOTE.match(text)
    if m is None:
        return text, ""
    return m["core"], (m["square"] or m["round"] or "").strip()


class _Context:
    """What the other cells of the file say about the ambiguous shapes."""

    def __init__(self, shapes: list[_Shape | None]) -> None:
        splits = [s for s in shapes if s is not None and s.kind == "split"]
        self.split_spans = bool(splits) and not any(_consecutive(s) for s in splits)
        dashes = [s for s in shapes if s is not None and s.kind == "dash"]
        endings = [int(s.parts[1] or 0) for s in dashes]
        consecutive = [_consecutive(s) for s in dashes]
        # `2015-16` is a financial or academic year, `2015-01` a month, `1985-87` three years:
        # every cell of the file must agree on which, or none is read.
        self.dash_months = (
            bool(dashes) and all(1 <= e <= 12 for e in endings) and not all(consecutive)
        )
        self.dash_splits = bool(dashes) and all(consecutive)
        self.dash_spans = bool(dashes) and not any(consecutive) and not self.dash_months


def _consecutive(shape: _Shape) -> bool:
    first, last = int(shape.parts[0] or 0), _full_year(shape.parts[0], shape.parts[1])
    return last == first + 1


def _full_year(first: str | None, last: str | None) -> int:
    """The last year of `2015/16` or `2015/2016`: 2016."""
    start, end = int(first or 0), last or ""
    if len(end) == 4:
        return int(end)
    year = start // 100 * 100 + int(end or 0)
    return year + 100 if year < start else year


def _read(cell: str, shape: _Shape | None, context: _Context, split: PeriodType) -> YearReading:
    if shape is None:
        text = cell.strip()
        if text[:1].isalpha():
            return YearReading(cell, placeholder=True, reason="a placeholder row, with no figure")
        return YearReading(
            cell, reason=f"the period {cell!r} is not written in any form the importer reads"
        )
    parsed = _convert(shape, context, split)
    if isinstance(parsed, str):
        return YearReading(cell, reason=parsed)
    text, ptype, note = parsed
    note = " ".join(n for n in (shape.note, note) if n)
    try:
        period = parse_period(text, ptype)
    except PeriodError as exc:
        return YearReading(cell, reason=str(exc))
    rewrite = "" if text == cell else _rewrite(shape, ptype)
    return YearReading(cell, period, text, note, rewrite)


def _rewrite(shape: _Shape, ptype: PeriodType) -> str:
    """The kind of rewrite, so the report can group the rows it applied to."""
    if shape.kind in ("split", "dash") and ptype is PeriodType.YEARS:
        return (
            "a split year naming years that are not consecutive, as every split year of the file "
            "does: read as a period of several years"
        )
    return {
        "year": "a year written with `.0` (from a spreadsheet) written as the year",
        "split": "a split year written as the format writes it",
        "dash": "a dashed period written as the format writes it",
        "years": "a period of several years written with `to`",
        "split_span": "a period of several split years written with `to`",
        "quarter": "a quarter written as the format writes it",
        "quarter_first": "a quarter written as the format writes it",
        "month_name": "a month written as YYYY-MM",
        "month_m": "a month written as YYYY-MM",
        "date_range": "a range of dates within one year written as that calendar year (the "
        "dates are kept in the row's note)",
    }[shape.kind] + (" (its note moved to the row's note)" if shape.note else "")


def _convert(
    shape: _Shape, context: _Context, split: PeriodType
) -> tuple[str, PeriodType, str] | str:
    """(period text, type, extra note), or why the cell cannot be imported."""
    p = shape.parts
    kind = shape.kind
    if kind == "year":
        return f"{p[0]}", PeriodType.YEAR, ""
    if kind in ("split", "dash"):
        return _split_year(shape, context, split)
    if kind == "years":
        first, last = int(p[0] or 0), int(p[1] or 0)
        if last <= first:
            return f"the period {shape.core!r} does not run forward from one year to a later one"
        return f"{first} to {last}", PeriodType.YEARS, ""
    if kind == "split_span":
        pairs = ((int(p[0] or 0), int(p[1] or 0)), (int(p[2] or 0), int(p[3] or 0)))
        for a, b in pairs:
            if (a + 1) % 100 != b:
                return (
                    f"the period {shape.core!r} has a split year that is not two consecutive years"
                )
        text = f"{p[0]}/{p[1]} to {p[2]}/{p[3]}"
        return text, _SPANS[split], ""
    if kind in ("quarter", "quarter_first"):
        year, quarter = (p[0], p[1]) if kind == "quarter" else (p[1], p[0])
        return f"{year} Q{quarter}", PeriodType.QUARTER, ""
    if kind == "month_name":
        month = _MONTHS.get((p[0] or "").lower())
        if month is None:
            return f"the period {shape.core!r} is not a month the importer reads"
        return f"{p[1]}-{month:02d}", PeriodType.MONTH, ""
    if kind == "month_m":
        return f"{p[0]}-{p[1]}", PeriodType.MONTH, ""
    if kind == "date":
        return f"{p[0]}-{p[1]}-{p[2]}", PeriodType.DATE, ""
    return _date_range(shape)


def _split_year(
    shape: _Shape, context: _Context, split: PeriodType
) -> tuple[str, PeriodType, str] | str:
    first = int(shape.parts[0] or 0)
    last = _full_year(shape.parts[0], shape.parts[1])
    if shape.kind == "dash" and context.dash_months:
        return f"{shape.parts[0]}-{shape.parts[1]}", PeriodType.MONTH, ""
    if last == first + 1 and (shape.kind == "split" or context.dash_splits):
        return f"{first}/{last % 100:02d}", split, ""
    spans = context.split_spans if shape.kind == "split" else context.dash_spans
    if spans and last > first:
        # Every split year of the file spans more than two years (`2013/16` in all 1,176 rows
        # of the UK's 11-3-1): the source's way of writing a period of several years.
        return f"{first} to {last}", PeriodType.YEARS, ""
    return (
        f"the period {shape.core!r} does not name two consecutive years, unlike the file's "
        "other periods; it may be a typing mistake in the source, so it is not guessed"
    )


def _date_range(shape: _Shape) -> tuple[str, PeriodType, str] | str:
    p = shape.parts
    year, first_year = p[5] or "", p[2] or p[5] or ""
    months = (_MONTHS.get((p[1] or "").lower()), _MONTHS.get((p[4] or "").lower()))
    if None in months or first_year != year:
        return f"the period {shape.core!r} is a range of dates the format has no period type for"
    # A survey's fieldwork dates: the figure is for that calendar year, and the dates stay
    # with the row in its note, so nothing is lost or made up.
    return year, PeriodType.YEAR, shape.core
