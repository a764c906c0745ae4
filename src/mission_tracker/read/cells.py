"""One CSV cell at a time: periods, breakdown values, values and markers, each checked against
the indicator's YAML. Nothing is coerced: a cell that is not exactly what the format asks for is
a problem that says how to write it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re

from mission_tracker.model.data import Marker, MarkerCode, Missing
from mission_tracker.model.measures import Measure
from mission_tracker.model.periods import Period, PeriodError, parse_period
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.model.text import UNPRINTABLE
from mission_tracker.read.csvfile import Cell

NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
# Scientific notation, as statistical software writes very small or large numbers: a number.
EXPONENT = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)[eE][+-]?\d+")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}|-?\d+,\d{4,}")
_PERCENT = re.compile(r"(-?[\d.,]+)\s*%")
_CURRENCY = re.compile(r"-?[£$€]\s*(-?[\d.,]+)\s*[mkbn]?", re.IGNORECASE)
_NOT_AVAILABLE_WORDS = {"", "na", "n/a", "nan", "null", "none", "-", "..", ":", "x", "inf", "-inf"}
_MARKERS = re.compile(r"(\[[a-z0-9]+\])")
_MISSING_TEXTS = frozenset(m.value for m in Missing)
_MARKER_TEXTS = frozenset(m.value for m in Marker)


def check_cell(cell: Cell, problems: ProblemList, longest: int) -> bool:
    text = cell.text
    if len(text) > longest:
        problems.add(
            cell.line,
            cell.column,
            "limits.cell-chars",
            f"the cell holds {len(text):,} characters, more than the limit of {longest:,} "
            "(`extra.limits.cell_chars` in mkdocs.yml); shorten it (a long note belongs in the "
            "YAML file's caveats)",
        )
        return False
    if text != text.strip():
        problems.add(
            cell.line,
            cell.column,
            "csv.whitespace",
            f"cell {text!r} has spaces or tabs around it; write {text.strip()!r}",
        )
        return False
    found = UNPRINTABLE.search(text)
    if found is not None:
        problems.add(
            cell.line,
            cell.column + found.start() + (1 if cell.quoted else 0),
            "csv.unprintable",
            f"cell holds an invisible character (U+{ord(found.group()):04X}) that cannot be shown "
            "on the site; delete it (it is often invisible: retype the text around it)",
        )
        return False
    if is_formula(text):
        problems.add(
            cell.line,
            cell.column,
            "csv.formula",
            f"cell {text!r} is a spreadsheet formula, which would run when the file is opened; "
            "write the value itself (copy, then paste as values only)",
        )
        return False
    return True


def is_number(text: str) -> bool:
    """A value cell that holds a number, as the format accepts it."""
    return NUMBER.fullmatch(text) is not None or EXPONENT.fullmatch(text) is not None


def is_formula(text: str) -> bool:
    """Would a spreadsheet run this cell as a formula (or a DDE command)? A negative number,
    in any notation, is not one."""
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    if text[0] in "+-" and len(text) > 1:
        return not (is_number(text) or is_number(text[1:]))
    return False


def read_period(cell: Cell, measure: Measure | None, problems: ProblemList) -> Period | None:
    text = cell.text.strip()
    if not text:
        problems.add(cell.line, cell.column, "csv.period-empty", "the period is empty; fill it in")
        return None
    if measure is None:
        return None
    try:
        return parse_period(text, measure.period_type)
    except PeriodError as exc:
        problems.add(cell.line, cell.column, "csv.period", str(exc))
        return None


def read_breakdown(
    cell: Cell, position: int, spec: IndicatorSpec | None, problems: ProblemList
) -> str | None:
    if spec is None:
        return None
    text = cell.text
    breakdown = spec.breakdowns[position]
    if not text:
        if breakdown.total is None:
            return ""
        problems.add(
            cell.line,
            cell.column,
            "csv.breakdown-empty",
            f"the `{breakdown.column}` cell is empty, but this breakdown writes its total as "
            f"`{breakdown.total}`; write `{breakdown.total}` for the total, or the value the row "
            "is for",
        )
        return None
    allowed = [v.value for v in breakdown.values]
    if breakdown.total is not None:
        allowed = [breakdown.total, *(v for v in allowed if v != breakdown.total)]
    if text in allowed:
        return text
    same_case = [v for v in allowed if v.lower() == text.strip().lower()]
    close = same_case or difflib.get_close_matches(text, allowed, n=1, cutoff=0.75)
    fix = (
        f"did you mean `{close[0]}`? (values must match the YAML file exactly)"
        if close
        else "the declared values are "
        + ", ".join(f"`{v}`" for v in allowed)
        + "; if it is a new one, add it under `breakdowns:` in the YAML file"
    )
    problems.add(
        cell.line,
        cell.column,
        "csv.breakdown-value",
        f"`{text}` is not a declared value of the `{breakdown.column}` column; {fix}",
    )
    return None


def read_value(
    cell: Cell, measure: Measure | None, problems: ProblemList
) -> tuple[float | None, Missing | None] | None:
    text = cell.text
    if text in _MISSING_TEXTS:
        return None, Missing(text)

    def fail(code: str, message: str) -> None:
        problems.add(cell.line, cell.column, code, message)

    if is_number(text):
        number = float(text)
        if not math.isfinite(number):
            fail("csv.value-not-number", f"value {text!r} is too large to be a number")
            return None
        if measure is not None and not _in_range(number, measure, cell, problems):
            return None
        return number, None
    if _THOUSANDS.fullmatch(text):
        fail(
            "csv.value-thousands",
            f"value {text!r} has a thousands separator; write {text.replace(',', '')}",
        )
    elif _DECIMAL_COMMA.fullmatch(text):
        fail(
            "csv.value-decimal-comma",
            f"value {text!r} uses a decimal comma; write {text.replace(',', '.')}",
        )
    elif m := _PERCENT.fullmatch(text):
        fail(
            "csv.value-percent",
            f"value {text!r} has a percent sign; write {m[1]} (the unit is set in the YAML file)",
        )
    elif m := _CURRENCY.fullmatch(text):
        fail(
            "csv.value-currency",
            f"value {text!r} has a currency sign or suffix; write the plain number "
            "(the unit is set in the YAML file)",
        )
    elif text.lower() in _NOT_AVAILABLE_WORDS:
        shown = "is empty" if not text else f"is {text!r}"
        fail(
            "csv.value-missing",
            f"value {shown}; write the number, or [x] if it is not available "
            "([c] confidential, [z] not applicable, [low] rounds to zero, [u] unreliable)",
        )
    elif text in _MARKER_TEXTS:
        fail(
            "csv.value-shorthand",
            f"value {text!r} is a marker, not a value; write the number here and put {text} in "
            "the `marker` column",
        )
    elif text.startswith("[") and text.endswith("]"):
        fail(
            "csv.value-shorthand",
            f"value {text!r} is not a shorthand for a missing value; use [x] not "
            "available, [c] confidential, [z] not applicable, [low] rounds to zero or "
            "[u] unreliable",
        )
    elif text.startswith("+") and NUMBER.fullmatch(text[1:]):
        fail("csv.value-plus", f"value {text!r} has a plus sign; write {text[1:]}")
    else:
        fail("csv.value-not-number", f"value {text!r} is not a number; write digits, e.g. 12.5")
    return None


def _in_range(number: float, measure: Measure, cell: Cell, problems: ProblemList) -> bool:
    low, high = measure.low, measure.high
    if (low is not None and number < low) or (high is not None and number > high):
        span = (
            f"{_fmt(low)} to {_fmt(high)}"
            if low is not None and high is not None
            else (f"at least {_fmt(low)}" if low is not None else f"at most {_fmt(high)}")
        )
        problems.add(
            cell.line,
            cell.column,
            "csv.value-range",
            f"value {cell.text} is outside the valid range ({span}) for this indicator; check it "
            "against the source, or change `valid_range` in the YAML file if it is right",
        )
        return False
    return True


def _fmt(number: float | None) -> str:
    return "" if number is None else f"{number:g}"


def read_markers(
    cell: Cell, spec: IndicatorSpec | None, problems: ProblemList
) -> frozenset[MarkerCode] | None:
    text = cell.text
    if not text:
        return frozenset()
    parts = _MARKERS.findall(text)
    declared = {s.code: s.meaning for s in spec.statuses} if spec else {}
    allowed = _MARKER_TEXTS | set(declared)
    if "".join(parts) != text or any(p not in allowed for p in parts):
        own = "".join(f", {code} {meaning}" for code, meaning in declared.items())
        problems.add(
            cell.line,
            cell.column,
            "csv.marker",
            f"marker {text!r} is not recognised; use [p] provisional, [r] revised, "
            f"[e] estimated or [u] low reliability{own} (several may be joined, e.g. [p][u]), "
            "or declare it under `statuses:` in the YAML file",
        )
        return None
    return frozenset(parts)


def _iso_hint(text: str) -> str:
    """ "31/03/2023" -> ", e.g. 2023-03-31" (days first, as the UK writes them)."""
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text.strip()):
        return f", e.g. {m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    return ""


def read_date(cell: Cell, period: Period | None, problems: ProblemList) -> dt.date | None:
    """The `date` cell: the day an observation was made, within its period (for several
    observations in one period, such as two elections in a year)."""
    try:
        day = dt.date.fromisoformat(cell.text)
    except ValueError:
        problems.add(
            cell.line,
            cell.column,
            "csv.date",
            f"date {cell.text!r} is not a date; write it as YYYY-MM-DD{_iso_hint(cell.text)}, "
            "or leave it empty",
        )
        return None
    if period is not None and not period.start <= day <= period.end:
        problems.add(
            cell.line,
            cell.column,
            "csv.date-outside-period",
            f"date {cell.text} is not within period {period.text}; check both against the source",
        )
        return None
    return day
