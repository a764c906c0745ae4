"""An indicator's CSV -> observations, checking every cell against the indicator's YAML.

Nothing is coerced: a cell that is not exactly what the format asks for is rejected with a
problem that says how to write it, and the row is counted as rejected (never dropped).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mission_tracker.model.data import Observation, SeriesKey
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.periods import Period
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, IndicatorSpec
from mission_tracker.read.cells import (
    NUMBER,
    check_cell,
    read_breakdown,
    read_markers,
    read_period,
    read_value,
)
from mission_tracker.read.csvfile import Cell, Row, read_rows


@dataclass
class RowCount:
    """Accounts for every data row: read == loaded + rejected."""

    read: int = 0
    loaded: int = 0
    rejected: int = 0


def read_observations(
    text: str,
    spec: IndicatorSpec | None,
    problems: ProblemList,
    count: RowCount,
    limits: Limits = DEFAULT_LIMITS,
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
    if len(data) > limits.rows:
        problems.add(
            header.line,
            1,
            "limits.rows",
            f"the file has {len(data):,} rows, more than {limits.describe('rows')}; split the "
            "indicator into several, or raise the limit if the site can take pages this large",
        )
        columns = None
    if columns is None:
        count.rejected += len(data)
        return [], tuple(c.text for c in header.cells)
    observations = [
        o for row in data if (o := _read_row(row, columns, spec, problems, limits.cell_chars))
    ]
    count.loaded += len(observations)
    count.rejected += len(data) - len(observations)
    observations = _reject_duplicates(observations, spec, problems, count)
    _note_order(observations, problems)
    if spec is not None:
        observations.sort(key=lambda o: (o.period, spec.series_rank(o.series)))
    else:
        observations.sort(key=lambda o: o.period)
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
    expected = (*REQUIRED_COLUMNS, *breakdowns, *OPTIONAL_COLUMNS)
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
    missing = [
        name for name in expected[: len(REQUIRED_COLUMNS) + len(breakdowns)] if name not in index
    ]
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
    return bool(text) and (text[0].isdigit() or NUMBER.fullmatch(text) is not None)


def _renamed(name: str, missing: list[str]) -> str | None:
    lowered = name.lower().replace(" ", "_")
    for candidate in missing:
        if lowered == candidate:
            return candidate
    close = difflib.get_close_matches(lowered, missing, n=1, cutoff=0.75)
    return close[0] if close else None


def _read_row(
    row: Row,
    columns: _Columns,
    spec: IndicatorSpec | None,
    problems: ProblemList,
    longest: int,
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
    clean = [check_cell(cell, problems, longest) for cell in row.cells]

    def usable(name: str) -> Cell | None:
        position = columns.index[name]
        return row.cells[position] if clean[position] else None

    period_cell = usable("period")
    period = read_period(period_cell, spec, problems) if period_cell else None
    series = []
    for i, name in enumerate(columns.breakdowns):
        cell = usable(name)
        series.append(read_breakdown(cell, i, spec, problems) if cell else None)
    value_cell = row.cells[columns.index["value"]]
    value = read_value(value_cell, spec, problems) if usable("value") else None
    marker_cell = usable("marker") if "marker" in columns.index else None
    markers = read_markers(marker_cell, problems) if marker_cell else None
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
