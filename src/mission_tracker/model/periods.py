"""Period types: the time an observation refers to, parsed from how statisticians write it.

Each indicator (or each of its measures) declares one period type; every row's period is
parsed as that type. A period knows its first and last day (for a true time axis) and how
people write it ("2023/24", "Jul 2024", "Q3 2024"). Pooled and rolling periods of several years
(a three-year average, "2018 to 2020") are types of their own, so that no figure for several
years is ever passed off as a figure for one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from mission_tracker.model.periodtypes import MONTH_ABBR, MONTH_NAMES, PeriodType

# Re-exported: a period and its type are one concept to the rest of the code.
__all__ = ["MONTH_ABBR", "MONTH_NAMES", "Period", "PeriodError", "PeriodType", "parse_period"]


class PeriodError(ValueError):
    """A period that cannot be read as the declared type; the message says how to write it."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    type: PeriodType
    years: int = 1  # how many years a multi-year period spans (2018 to 2020: 3)

    # -- derived ---------------------------------------------------------------------------
    @property
    def end(self) -> date:
        t, s = self.type, self.start
        if t is PeriodType.DATE:
            return s
        months = {PeriodType.MONTH: 1, PeriodType.QUARTER: 3}.get(t, 12 * self.years)
        y, m = divmod(s.month - 1 + months - 1, 12)
        year, month = s.year + y, m + 1
        return date(year, month, calendar.monthrange(year, month)[1])

    @property
    def first_year(self) -> Period:
        """A multi-year period's first year (itself, for any other)."""
        return Period(self.start, self.type.single) if self.type.multi_year else self

    @property
    def last_year(self) -> Period:
        if not self.type.multi_year:
            return self
        return Period(self.start.replace(year=self.start.year + self.years - 1), self.type.single)

    @property
    def middle(self) -> date:
        """The day half way through, where a chart places a period of several years."""
        return date.fromordinal((self.start.toordinal() + self.end.toordinal()) // 2)

    @property
    def text(self) -> str:
        """The canonical form an editor writes in a CSV."""
        t, s = self.type, self.start
        if t.multi_year:
            return f"{self.first_year.text} to {self.last_year.text}"
        if t is PeriodType.YEAR:
            return f"{s.year}"
        if t in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
            return f"{s.year}/{(s.year + 1) % 100:02d}"
        if t is PeriodType.QUARTER:
            return f"{s.year} Q{(s.month - 1) // 3 + 1}"
        if t is PeriodType.MONTH:
            return f"{s.year}-{s.month:02d}"
        return s.isoformat()

    @property
    def label(self) -> str:
        """How people write it in a chart or table: "2023/24", "Q3 2024", "Jul 2024"."""
        t, s = self.type, self.start
        if t is PeriodType.QUARTER:
            return f"Q{(s.month - 1) // 3 + 1} {s.year}"
        if t is PeriodType.MONTH:
            return f"{MONTH_ABBR[s.month]} {s.year}"
        if t is PeriodType.DATE:
            return f"{s.day} {MONTH_ABBR[s.month]} {s.year}"
        return self.text

    @property
    def long_label(self) -> str:
        """For sentences: "July 2024", "31 March 2024", "2023/24"."""
        s = self.start
        if self.type is PeriodType.MONTH:
            return f"{MONTH_NAMES[s.month]} {s.year}"
        if self.type is PeriodType.DATE:
            return f"{s.day} {MONTH_NAMES[s.month]} {s.year}"
        return self.label

    @property
    def preposition(self) -> str:
        """ "at 31 March 2024" for a date, "in 2023/24" otherwise."""
        return "at" if self.type is PeriodType.DATE else "in"

    def years_earlier(self, years: int) -> Period:
        s = self.start
        day = min(s.day, calendar.monthrange(s.year - years, s.month)[1])
        return Period(date(s.year - years, s.month, day), self.type, self.years)

    def __str__(self) -> str:
        return self.text


def period_containing(day: date, ptype: PeriodType) -> Period:
    """The period of a type that includes a given day (used to place a milestone deadline); for
    a multi-year type, the one-year period of the type it spans."""
    ptype = ptype.single
    if ptype is PeriodType.DATE:
        return Period(day, ptype)
    if ptype is PeriodType.YEAR:
        return Period(date(day.year, 1, 1), ptype)
    if ptype is PeriodType.MONTH:
        return Period(date(day.year, day.month, 1), ptype)
    if ptype is PeriodType.QUARTER:
        return Period(date(day.year, (day.month - 1) // 3 * 3 + 1, 1), ptype)
    first_month = 4 if ptype is PeriodType.FINANCIAL_YEAR else 9
    year = day.year if day.month >= first_month else day.year - 1
    return Period(date(year, first_month, 1), ptype)


# -- parsing ------------------------------------------------------------------------------
_YEAR = re.compile(r"(\d{4})")
_SPLIT_YEAR = re.compile(r"(\d{4})[/-](\d{2})")
_QUARTER = re.compile(r"(\d{4}) Q([1-4])")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

_MONTH_WORDS = {name.lower()[:3]: i for i, name in enumerate(MONTH_NAMES) if name}

# Years outside this range are typing mistakes in any statistics these sites publish, and
# keeping far from datetime's limits means every period's end and year-earlier exist too.
FIRST_YEAR, LAST_YEAR = 1000, 2999


def parse_period(text: str, ptype: PeriodType) -> Period:
    """Read a period written as `ptype`; raise PeriodError with a fix on failure."""
    period = _parse(text, ptype)
    if period is None:
        raise PeriodError(_hint(text, ptype))
    return period


_SPAN = re.compile(r"(\S+) to (\S+)")


def _parse(text: str, ptype: PeriodType) -> Period | None:
    """The period, None if `text` is not in the form of `ptype`, or PeriodError if it is in
    that form but impossible (a 13th month, 30 February)."""
    if ptype.multi_year:
        return _parse_span(text, ptype)
    if ptype is PeriodType.YEAR:
        if m := _YEAR.fullmatch(text):
            return Period(_day(text, int(m[1]), 1, 1), ptype)
    elif ptype in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
        if m := _SPLIT_YEAR.fullmatch(text):
            first = int(m[1])
            if (first + 1) % 100 != int(m[2]):
                raise PeriodError(_not_consecutive(text, first, int(m[2]), ptype))
            month = 4 if ptype is PeriodType.FINANCIAL_YEAR else 9
            return Period(_day(text, first, month, 1), ptype)
    elif ptype is PeriodType.QUARTER:
        if m := _QUARTER.fullmatch(text):
            return Period(_day(text, int(m[1]), (int(m[2]) - 1) * 3 + 1, 1), ptype)
    elif ptype is PeriodType.MONTH:
        if m := _MONTH.fullmatch(text):
            month = int(m[2])
            if 1 <= month <= 12:
                return Period(_day(text, int(m[1]), month, 1), ptype)
            raise PeriodError(f"period {text!r} has month {month:02d}; months run 01 to 12")
    elif (m := _DATE.fullmatch(text)) is not None:
        return Period(_day(text, int(m[1]), int(m[2]), int(m[3])), ptype)
    return None


def _parse_span(text: str, ptype: PeriodType) -> Period | None:
    """ "2018 to 2020": the first and last years, written as the one-year type."""
    m = _SPAN.fullmatch(text)
    if m is None:
        return None
    first, last = _parse(m[1], ptype.single), _parse(m[2], ptype.single)
    if first is None or last is None:
        return None
    years = last.start.year - first.start.year + 1
    if years < 2:
        raise PeriodError(
            f"period {text!r} does not run forward over two years or more; write the first year "
            f"then the last, like {ptype.example}"
        )
    return Period(first.start, ptype, years)


def _not_consecutive(text: str, first: int, two_digits: int, ptype: PeriodType) -> str:
    """A split year whose years are not consecutive: a period of several years as the source
    gives it (1985-87, a three-year average), or a typing mistake. Never guess which."""
    last = first // 100 * 100 + two_digits
    last += 100 if last < first else 0
    span = (
        PeriodType.FINANCIAL_YEARS
        if ptype is PeriodType.FINANCIAL_YEAR
        else (PeriodType.ACADEMIC_YEARS)
    )
    if first < last <= first + 10:
        split = f"{first}/{(first + 1) % 100:02d} to {last - 1}/{last % 100:02d}"
        return (
            f"period {text!r} runs from {first} to {last}, not over two consecutive years; if "
            "the source gives one figure for those years together (pooled, or an average), set "
            f"`period_type: {span.value}` and write {split} (or `years` and {first} to {last}, "
            "for calendar years); otherwise check the period against the source"
        )
    return f"period {text!r} does not name two consecutive years; check it against the source"


def _day(text: str, year: int, month: int, day: int) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            f"period {text!r} has the year {year:04d}; check it against the source "
            f"(years from {FIRST_YEAR} to {LAST_YEAR} are accepted)"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise PeriodError(f"period {text!r} is not a real date; check the month and day") from None


def _hint(text: str, ptype: PeriodType) -> str:
    """Explain how to write `text` as `ptype`, guessing what the editor meant where we can."""
    name = _short(ptype)
    guess = _guess(text, ptype)
    if guess:
        return (
            f"period {text!r} is not in the form of a {name} (like {ptype.example}); write {guess}"
        )
    if text.isdigit() and len(text) == 5 and ptype in (PeriodType.DATE, PeriodType.MONTH):
        return (
            f"period {text!r} looks like a spreadsheet date number; format the column as text "
            f"before saving, and write it like {ptype.example}"
        )
    other = _other_type(text, ptype)
    if other is not None:
        return (
            f"period {text!r} is a {_short(other)}, but this indicator's `period_type` is "
            f"`{ptype.value}`; write it as a {name} (like {ptype.example}), or change "
            f"`period_type` to `{other.value}` in the YAML file if every row is like this"
        )
    return f"period {text!r} is not a {name}; write it like {ptype.example}"


def _short(ptype: PeriodType) -> str:
    # "financial year", without the "(April to March)" that reads badly inside a sentence.
    if ptype.multi_year:
        return f"period of several {_short(ptype.single).removeprefix('calendar ')}s"
    return (
        ptype.description.split(" (")[0].removeprefix("calendar ")
        if ptype is not PeriodType.YEAR
        else "calendar year"
    )


def _other_type(text: str, ptype: PeriodType) -> PeriodType | None:
    """The period type `text` is written in, if it is a valid period of another type."""
    for other in PeriodType:
        # Financial and academic years are written alike; a mismatch between them cannot be
        # seen in the text.
        if other is ptype or other is PeriodType.ACADEMIC_YEAR:
            continue
        try:
            if _parse(text, other) is not None:
                return other
        except PeriodError:
            continue
    return None


_SPAN_FORMS = re.compile(r"(\d{4}(?:/\d{2})?)\s*(?:-|–|to)\s*(\d{4}(?:/\d{2})?|\d{2})")


def _span_guess(t: str, ptype: PeriodType) -> str | None:
    """How a multi-year period written another way is written here: 2018-2020, 1985-87 ->
    2018 to 2020, 1985 to 1987."""
    m = _SPAN_FORMS.fullmatch(t)
    if m is None:
        return None
    first, last = m[1], m[2]
    if len(last) == 2 and "/" not in first:
        year = int(first) // 100 * 100 + int(last)
        last = str(year + (100 if year < int(first) else 0))
    if ("/" in first) != ("/" in last):
        return None
    shown = f"{first} to {last}"
    try:
        return shown if _parse_span(shown, ptype) else None
    except PeriodError:
        return None


def _guess(text: str, ptype: PeriodType) -> str | None:
    t = text.strip()
    if ptype.multi_year:
        return _span_guess(t, ptype)
    if ptype in (PeriodType.YEAR, PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR) and (
        " to " in t or re.fullmatch(r"\d{4}-\d{4}", t)
    ):
        several = {PeriodType.YEAR: PeriodType.YEARS}.get(ptype, PeriodType.FINANCIAL_YEARS)
        span = _span_guess(t, several) or _span_guess(t, PeriodType.ACADEMIC_YEARS)
        if span is not None:
            return (
                f"it as one {_short(ptype)} if the figure is for one, or, if it is for those "
                f"years together, set `period_type: {several.value}` and write {span}"
            )
    if ptype in (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR):
        if m := re.fullmatch(r"(?:FY\s*)?(\d{4})\s*(?:[/-]|to)\s*(\d{4})", t, re.IGNORECASE):
            return f"{m[1]}/{m[2][2:]}" if int(m[2]) == int(m[1]) + 1 else None
        if m := re.fullmatch(r"(?:FY\s*)?(\d{4})\s*[/-]\s*(\d{1,2})", t, re.IGNORECASE):
            first, second = int(m[1]), int(m[2])
            if second in ((first + 1) % 100, (first + 1) % 10):
                return f"{first}/{(first + 1) % 100:02d}"
            return None
        if m := _YEAR.fullmatch(t):
            y = int(m[1])
            return f"{y}/{(y + 1) % 100:02d} (or {y - 1}/{y % 100:02d}, if that is the year meant)"
    if ptype is PeriodType.QUARTER:
        if m := re.fullmatch(r"[Qq]([1-4])\s*(\d{4})", t) or re.fullmatch(
            r"(\d{4})\s*[-/]?\s*[Qq]([1-4])", t
        ):
            year, q = (m[2], m[1]) if t[0] in "Qq" else (m[1], m[2])
            return f"{year} Q{q}"
        if m := re.fullmatch(r"([A-Za-z]{3})\w*\s*-\s*([A-Za-z]{3})\w*\s+(\d{4})", t):
            opening = _MONTH_WORDS.get(m[1].lower())
            if opening in (1, 4, 7, 10) and _MONTH_WORDS.get(m[2].lower()) == opening + 2:
                return f"{m[3]} Q{(opening - 1) // 3 + 1}"
    if ptype is PeriodType.MONTH:
        if m := re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", t):
            month = _MONTH_WORDS.get(m[1].lower())
            return f"{m[2]}-{month:02d}" if month else None
        if m := re.fullmatch(r"([A-Za-z]{3})[a-z]*[-\s](\d{2})", t):
            # How spreadsheets display a month ("Jul-24"); assume the 21st century.
            month = _MONTH_WORDS.get(m[1].lower())
            return f"20{m[2]}-{month:02d}" if month else None
        if (
            m := re.fullmatch(r"(\d{1,2})/(\d{4})", t)
            or re.fullmatch(r"(\d{4})-(\d)", t)
            or re.fullmatch(r"(\d{4})/(\d{1,2})", t)
        ):
            year_first = len(m[1]) == 4
            year_text, month_text = (m[1], m[2]) if year_first else (m[2], m[1])
            number = int(month_text)
            return f"{year_text}-{number:02d}" if 1 <= number <= 12 else None
        if m := _DATE.fullmatch(t):
            return f"{m[1]}-{m[2]} (a month has no day)"
    if ptype is PeriodType.DATE:
        if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", t):
            return f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d} (year-month-day)"
        if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", t):
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d} (two digits for month and day)"
    if ptype is PeriodType.YEAR and (m := _SPLIT_YEAR.fullmatch(t)):
        return f"{m[1]} if the calendar year is meant, or declare `period_type: financial_year`"
    return None
