"""Release dates as Open SDG metadata writes them -> dates, or why there is none.

The UK writes `11/03/2020` (day first), `14 December 2022`, Excel serial numbers such as
`44166` (a spreadsheet's date, saved as its number), and words: `TBC`, `See source link`,
`May 2023`. A date is taken only when the text names a day; a month, a year or a word is
not a date, and no day is guessed for it.
"""

from __future__ import annotations

import datetime as dt
import re

from mission_tracker.model.periods import MONTH_NAMES

_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTHS = {name.lower(): i for i, name in enumerate(MONTH_NAMES) if name}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
# Excel counts days from 30 December 1899; its serials for 1955 to 2118 are these.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_RANGE = range(20_000, 80_000)
# Words that mean nobody knows yet: the field is left out, never guessed.
UNKNOWN = frozenset(
    {
        "tbc",
        "tba",
        "tbd",
        "to be confirmed",
        "to be announced",
        "to be decided",
        "unknown",
        "not known",
        "not stated",
        "n/a",
        "na",
        "not applicable",
        "none",
        "-",
    }
)


def is_unknown(value: object) -> bool:
    return value is None or str(value).strip().rstrip(".").casefold() in UNKNOWN | {""}


def read_date(value: object) -> tuple[dt.date | None, str]:
    """The date a metadata value names, or None and why not ("" when it is simply absent)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    text = str(value).strip()
    if is_unknown(text):
        return None, f"{text!r} means the date is not known"
    if isinstance(value, int) or text.isdigit():
        number = int(text)
        if number in _EXCEL_RANGE:
            return _EXCEL_EPOCH + dt.timedelta(days=number), ""
        return None, f"{text!r} is a number, not a date"
    for pattern, order in ((_DAY_FIRST, "dmy"), (_ISO, "ymd")):
        m = pattern.fullmatch(text)
        if m is not None:
            parts = dict(zip(order, (int(g) for g in m.groups()), strict=True))
            return _make(text, parts["y"], parts["m"], parts["d"])
    m = _WORDS.fullmatch(text)
    if m is not None and m[2].lower() in _MONTHS:
        return _make(text, int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None, f"{text!r} does not name a day"


def _make(text: str, year: int, month: int, day: int) -> tuple[dt.date | None, str]:
    try:
        return dt.date(year, month, day), ""
    except ValueError:
        return None, f"{text!r} is not a real date"
