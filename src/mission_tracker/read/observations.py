"""An indicator's CSV -> observations, checking every cell against the indicator's YAML.

Nothing is coerced: a cell that is not exactly what the format asks for is rejected with a
problem that says how to write it, and the row is counted as rejected (never dropped).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from mission_tracker.model.data import Marker, Missing, Observation, SeriesKey
from mission_tracker.model.periods import Period, PeriodError, parse_period
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import IndicatorSpec, Unit
from mission_tracker.read.csvfile import Cell, Row, read_rows

REQUIRED = ("period", "value")
OPTIONAL = ("marker", "note")

_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)")
_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"-?\d+,\d{1,2}|-?\d+,\d{4,}")
_EXPONENT = re.compile(r"-?\d+(?:\.\d+)?[eE][+-]?\d+")
_PERCENT = re.compile(r"(-?[\d.,]+)\s*%")
_CURRENCY = re.compile(r"-?[£$€]\s*(-?[\d.,]+)\s*[mkbn]?", re.IGNORECASE)
_NOT_AVAILABLE_WORDS = {"", "na", "n/a", "nan", "null", "none", "-", "..", ":", "x", "inf", "-inf"}
_MARKERS = re.compile(r"(\[[a-z]+\])")
_MISSING_TEXTS = frozenset(m.value for m in Missing)
_MARKER_TEXTS = frozenset(m.value for m in Marker)


@dataclass
class RowCount:
    """Accounts for every data row: read == loaded + rejected."""

    read: int = 0
    loaded: int = 0
    rejected: int = 0


def read_observations(
    text: str, spec: IndicatorSpec | None, problems: ProblemList, count: RowCount
) -> tuple[list[Observation], tuple[str, ...]]:
    """Parse the CSV text; with no valid spec, still check what can be checked."""
    if not text.strip():
        problems.add(
            1,
            1,
            "csv.empty",
            "the file is empty; it needs a header line (period,value) and one row per period",
        )
        return [], ()
    rows = read_rows(text, problems)
    header, data = rows[0], rows[1:]
    count.read += len(data)
    columns = _read_header(header, spec, problems)
    if not data:
        problems.add(
            header.line,
            1,
            "csv.header-only",
            "the file has a header but no rows; add one row per period under it",
        )
    if columns is None:
        count.rejected += len(data)
        return [], tuple(c.text for c in header.cells)
    observations = [o for row in data if (o := _read_row(row, columns, spec, problems))]
    count.loaded += len(observations)
    count.rejected += len(data) - len(observations)
    observations = _reject_duplicates(observations, spec, problems, count)
    _note_order(observations, problems)
    rank = _series_rank(spec)
    observations.sort(key=lambda o: (o.period, rank(o.series)))
    return observations, tuple(c.text for c in header.cells)


@dataclass(frozen=True)
class _Columns:
    index: dict[str, int]  # column name -> position
    width: int
    breakdowns: tuple[str, ...]


def _read_header(header: Row, spec: IndicatorSpec | None, problems: ProblemList) -> _Columns | None:
    if header.broken:
        return None
    breakdowns = tuple(b.column for b in spec.breakdowns) if spec else ()
    first = header.cells[0]
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if len(header.cells) == 1 and separator in first.text:
            problems.add(
                first.line,
                first.column,
                "csv.separator",
                f"the columns are separated by {name}, not commas; save the file as "
                '"CSV (comma delimited)", or replace each separator with a comma',
            )
            return None
    if _looks_like_data(header):
        problems.add(
            first.line,
            first.column,
            "csv.no-header",
            f"the first line is data, not the header; add the line "
            f"`{','.join(('period', *breakdowns, 'value'))}` above it",
        )
        return None
    expected = (*REQUIRED, *breakdowns, *OPTIONAL)
    index: dict[str, int] = {}
    unexpected: list[Cell] = []
    for position, cell in enumerate(header.cells):
        name = cell.text
        if name != name.strip():
            problems.add(
                cell.line,
                cell.column,
                "csv.header-whitespace",
                f"column name {name!r} has spaces around it; write `{name.strip()}`",
            )
            name = name.strip()
        if not name:
            problems.add(
                cell.line,
                cell.column,
                "csv.unnamed-column",
                f"column {position + 1} has no name; name it or delete the column",
            )
            continue
        if name in index:
            problems.add(
                cell.line,
                cell.column,
                "csv.duplicate-column",
                f"column `{name}` appears twice (columns {index[name] + 1} and {position + 1}); "
                "delete one of them",
            )
            continue
        if name in expected:
            index[name] = position
        else:
            unexpected.append(cell)
    missing = [name for name in expected[: len(REQUIRED) + len(breakdowns)] if name not in index]
    for cell in unexpected:
        name = cell.text.strip()
        renamed = _renamed(name, missing)
        if renamed:
            problems.add(
                cell.line,
                cell.column,
                "csv.renamed-column",
                f"column `{name}` should be called `{renamed}`; rename it (names are lower case)",
            )
            missing.remove(renamed)
        elif spec is not None:
            problems.add(
                cell.line,
                cell.column,
                "csv.unexpected-column",
                f"unexpected column `{name}`; if it splits the series (e.g. by sex or region), "
                "declare it under `breakdowns:` in the YAML file, otherwise delete it",
            )
    for name in missing:
        problems.add(
            header.line,
            1,
            "csv.missing-column",
            f"the header has no `{name}` column; "
            + (
                "add it: it is declared under `breakdowns:` in the YAML file (leave its cells "
                "empty on headline rows)"
                if name in breakdowns
                else "add it (the first line names the columns, e.g. `period,value,marker,note`)"
            ),
        )
    if "period" not in index or "value" not in index or any(b not in index for b in breakdowns):
        return None
    return _Columns(index, len(header.cells), breakdowns)


def _looks_like_data(header: Row) -> bool:
    """A first line whose first cell is a period or a number was meant as a data row."""
    text = header.cells[0].text.strip()
    return bool(text) and (text[0].isdigit() or _NUMBER.fullmatch(text) is not None)


def _renamed(name: str, missing: list[str]) -> str | None:
    lowered = name.lower().replace(" ", "_")
    for candidate in missing:
        if lowered == candidate:
            return candidate
    close = difflib.get_close_matches(lowered, missing, n=1, cutoff=0.75)
    return close[0] if close else None


def _read_row(
    row: Row, columns: _Columns, spec: IndicatorSpec | None, problems: ProblemList
) -> Observation | None:
    if row.broken:
        return None
    if row.blank:
        problems.add(
            row.line,
            1,
            "csv.blank-row",
            "this row has no values; delete it (spreadsheets sometimes save empty rows)",
        )
        return None
    if len(row.cells) != columns.width:
        problems.add(
            row.line,
            1,
            "csv.row-length",
            f"this row has {len(row.cells)} cells but the header has {columns.width}; "
            + (
                "check for an extra comma (a number such as 1,234 must be written 1234, and text "
                'with a comma must be in double quotes: "a, b")'
                if len(row.cells) > columns.width
                else "add the missing commas (an empty cell still needs its comma)"
            ),
        )
        return None
    clean = [_check_cell(cell, problems) for cell in row.cells]

    def usable(name: str) -> Cell | None:
        position = columns.index[name]
        return row.cells[position] if clean[position] else None

    period_cell = usable("period")
    period = _read_period(period_cell, spec, problems) if period_cell else None
    series = []
    for i, name in enumerate(columns.breakdowns):
        cell = usable(name)
        series.append(_read_breakdown(cell, i, spec, problems) if cell else None)
    value_cell = row.cells[columns.index["value"]]
    value = _read_value(value_cell, spec, problems) if usable("value") else None
    marker_cell = usable("marker") if "marker" in columns.index else None
    markers = _read_markers(marker_cell, problems) if marker_cell else None
    if "marker" not in columns.index:
        markers = frozenset()
    note = row.cells[columns.index["note"]].text if "note" in columns.index else ""
    if not all(clean) or period is None or value is None or markers is None or None in series:
        return None
    number, missing = value
    return Observation(
        period=period,
        series=tuple(s for s in series if s is not None),  # all present: checked above
        value=number,
        text=value_cell.text,
        missing=missing,
        markers=markers,
        note=note,
        line=row.line,
    )


def _check_cell(cell: Cell, problems: ProblemList) -> bool:
    text = cell.text
    if text != text.strip():
        problems.add(
            cell.line,
            cell.column,
            "csv.whitespace",
            f"cell {text!r} has spaces or tabs around it; write {text.strip()!r}",
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
        return _NUMBER.fullmatch(text) is None and _NUMBER.fullmatch(text[1:]) is None
    return False


def _read_period(cell: Cell, spec: IndicatorSpec | None, problems: ProblemList) -> Period | None:
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


def _read_breakdown(
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


def _read_value(
    cell: Cell, spec: IndicatorSpec | None, problems: ProblemList
) -> tuple[float | None, Missing | None] | None:
    text = cell.text
    if text in _MISSING_TEXTS:
        return None, Missing(text)

    def fail(code: str, message: str) -> None:
        problems.add(cell.line, cell.column, code, message)

    if _NUMBER.fullmatch(text):
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
    elif text.startswith("+") and _NUMBER.fullmatch(text[1:]):
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


def _read_markers(cell: Cell, problems: ProblemList) -> frozenset[Marker] | None:
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


def _reject_duplicates(
    observations: list[Observation],
    spec: IndicatorSpec | None,
    problems: ProblemList,
    count: RowCount,
) -> list[Observation]:
    first: dict[tuple[SeriesKey, Period], Observation] = {}
    kept: list[Observation] = []
    for o in observations:
        key = (o.series, o.period)
        if key in first:
            where = "".join(
                f" for {b.column} `{v}`"
                for b, v in zip(spec.breakdowns if spec else (), o.series, strict=False)
                if v
            )
            series = " in each series" if spec and spec.breakdowns else ""
            problems.add(
                o.line,
                1,
                "csv.duplicate-period",
                f"period {o.period.text}{where} already appears on line {first[key].line}; "
                f"keep one row per period{series} (delete or correct one of them)",
            )
            count.loaded -= 1
            count.rejected += 1
        else:
            first[key] = o
            kept.append(o)
    return kept


def _note_order(observations: list[Observation], problems: ProblemList) -> None:
    last: dict[SeriesKey, Observation] = {}
    for o in observations:
        previous = last.get(o.series)
        if previous is not None and o.period < previous.period:
            problems.note(
                o.line,
                1,
                "csv.unsorted",
                f"period {o.period.text} comes after {previous.period.text} (line "
                f"{previous.line}); rows are sorted by period when the site is built, so this is "
                "only a note, but sorted files are easier to review",
            )
            return
        last[o.series] = o


def _series_rank(spec: IndicatorSpec | None) -> Callable[[SeriesKey], tuple[int, ...]]:
    """Orders series as the YAML declares their values, the headline first."""
    order = [{v.value: i for i, v in enumerate(b.values)} for b in spec.breakdowns] if spec else []

    def rank(key: SeriesKey) -> tuple[int, ...]:
        return tuple(-1 if not v else order[i].get(v, 0) for i, v in enumerate(key))

    return rank
