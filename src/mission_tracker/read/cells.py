"""One CSV cell at a time: periods, breakdown values, values and markers, each checked against
the indicator's YAML. Nothing is coerced: a cell that is not exactly what the format asks for is
a problem that says how to write it.
"""

from __future__ import annotations

import difflib
import math
import re

from mission_tracker.model.data import Marker, Missing
from mission_tracker.model.periods import Period, PeriodError, parse_period
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import IndicatorSpec, Unit
from mission_tracker.model.text import UNPRINTABLE
from mission_tracker.read.csvfile import Cell

NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}|-?\d+,\d{4,}")
_EXPONENT = re.compile(r"-?\d+(?:\.\d+)?[eE][+-]?\d+")
_PERCENT = re.compile(r"(-?[\d.,]+)\s*%")
_CURRENCY = re.compile(r"-?[£$€]\s*(-?[\d.,]+)\s*[mkbn]?", re.IGNORECASE)
_NOT_AVAILABLE_WORDS = {"", "na", "n/a", "nan", "null", "none", "-", "..", ":", "x", "inf", "-inf"}
_MARKERS = re.compile(r"(\[[a-z]+\])")
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


def is_formula(text: str) -> bool:
    """Would a spreadsheet run this cell as a formula (or a DDE command)?"""
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    if text[0] in "+-" and len(text) > 1:
        return NUMBER.fullmatch(text) is None and NUMBER.fullmatch(text[1:]) is None
    return False


def read_period(cell: Cell, spec: IndicatorSpec | None, problems: ProblemList) -> Period | None:
    text = cell.text.strip()
    if not text:
        problems.add(cell.line, cell.column, "csv.period-empty", "the period is empty; fill it in")
        return None
    if spec is None:
        return None
    try:
        return parse_period(text, spec.period_type)
    except PeriodError as exc:
        problems.add(cell.line, cell.column, "csv.period", str(exc))
        return None


def read_breakdown(
    cell: Cell, position: int, spec: IndicatorSpec | None, problems: ProblemList
) -> str | None:
    if spec is None:
        return None
    text = cell.text
    if not text:
        return ""
    breakdown = spec.breakdowns[position]
    allowed = [v.value for v in breakdown.values]
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
    cell: Cell, spec: IndicatorSpec | None, problems: ProblemList
) -> tuple[float | None, Missing | None] | None:
    text = cell.text
    if text in _MISSING_TEXTS:
        return None, Missing(text)

    def fail(code: str, message: str) -> None:
        problems.add(cell.line, cell.column, code, message)

    if NUMBER.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):  # pragma: no cover - the pattern admits only finite numbers
            fail("csv.value-not-number", f"value {text!r} is not a finite number")
            return None
        if spec is not None and not _in_range(number, spec, cell, problems):
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
    elif _EXPONENT.fullmatch(text):
        fail(
            "csv.value-exponent",
            f"value {text!r} is in scientific notation, which spreadsheets show when a column is "
            "too narrow (digits may be lost); write the number in full from the source",
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


def _in_range(number: float, spec: IndicatorSpec, cell: Cell, problems: ProblemList) -> bool:
    low, high = valid_range(spec)
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


def valid_range(spec: IndicatorSpec) -> tuple[float | None, float | None]:
    declared = spec.valid_range
    # A reversed range is reported once, at the YAML; here it falls back to the unit's range
    # rather than rejecting every value.
    if declared is not None and not (
        declared.min is not None and declared.max is not None and declared.min > declared.max
    ):
        return declared.min, declared.max
    if spec.unit is Unit.PERCENT:
        return 0.0, 100.0
    if spec.unit in (Unit.COUNT, Unit.GWH, Unit.RATE):
        return 0.0, None
    return None, None


def _fmt(number: float | None) -> str:
    return "" if number is None else f"{number:g}"


def read_markers(cell: Cell, problems: ProblemList) -> frozenset[Marker] | None:
    text = cell.text
    if not text:
        return frozenset()
    parts = _MARKERS.findall(text)
    allowed = _MARKER_TEXTS
    if "".join(parts) != text or any(p not in allowed for p in parts):
        problems.add(
            cell.line,
            cell.column,
            "csv.marker",
            f"marker {text!r} is not recognised; use [p] provisional, [r] revised, "
            "[e] estimated or [u] low reliability (several may be joined, e.g. [p][u])",
        )
        return None
    return frozenset(Marker(p) for p in parts)
