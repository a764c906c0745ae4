"""An indicator's CSV -> observations, checking every cell against the indicator's YAML.

Nothing is coerced: a cell that is not exactly what the format asks for is rejected with a
problem that says how to write it, and the row is counted as rejected (never dropped).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from mission_tracker.model.base import DATE, MARKER, MEASURE, NOTE, PERIOD, VALUE
from mission_tracker.model.data import Observation, SeriesKey
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.measures import Measure, measures_of
from mission_tracker.model.periods import Period
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.cells import (
    EXPONENT,
    check_cell,
    read_breakdown,
    read_date,
    read_markers,
    read_period,
    read_value,
)
from mission_tracker.read.csvfile import Cell, Row, read_rows
from mission_tracker.read.header import Columns, read_header


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
    columns = read_header(header, spec, problems)
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
    # The measures once per file, not once per row.
    declared = {m.id: m for m in measures_of(spec)} if spec is not None else {}
    observations = [
        o
        for row in data
        if (o := _read_row(row, columns, spec, declared, problems, limits.cell_chars))
    ]
    count.loaded += len(observations)
    count.rejected += len(data) - len(observations)
    observations = _reject_duplicates(observations, spec, problems, count)
    _note_order(observations, problems)
    _note_exponents(observations, problems)
    order = {measure_id: i for i, measure_id in enumerate(declared)}
    if spec is not None:
        observations.sort(
            key=lambda o: (
                order[o.measure],
                o.period,
                o.date or _NO_DATE,
                spec.series_rank(o.series),
            )
        )
    else:
        observations.sort(key=lambda o: o.period)
    return observations, tuple(c.text for c in header.cells)


def _read_row(
    row: Row,
    columns: Columns,
    spec: IndicatorSpec | None,
    declared: dict[str, Measure],
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
        position = columns.index.get(name)
        return row.cells[position] if position is not None and clean[position] else None

    measure = (
        _read_measure(usable(MEASURE), declared, problems)
        if MEASURE in columns.index
        else next(iter(declared.values()), None)
    )
    period_cell = usable(PERIOD)
    period = read_period(period_cell, measure or None, problems) if period_cell else None
    series = []
    for i, name in enumerate(columns.breakdowns):
        cell = usable(name)
        series.append(read_breakdown(cell, i, spec, problems) if cell else None)
    value_cell = row.cells[columns.index[VALUE]]
    value = read_value(value_cell, measure or None, problems) if usable(VALUE) else None
    marker_cell = usable(MARKER)
    markers = read_markers(marker_cell, spec, problems) if marker_cell else None
    if MARKER not in columns.index:
        markers = frozenset()
    date_cell = usable(DATE)
    day = read_date(date_cell, period, problems) if date_cell and date_cell.text else None
    note = row.cells[columns.index[NOTE]].text if NOTE in columns.index else ""
    if (
        not all(clean)
        or period is None
        or value is None
        or markers is None
        or None in series
        or not measure
        or (date_cell is not None and date_cell.text and day is None)
    ):
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
        measure=measure.id,
        date=day,
    )


def _read_measure(
    cell: Cell | None, declared: dict[str, Measure], problems: ProblemList
) -> Measure | None:
    if cell is None or not declared:
        return None
    if cell.text in declared:
        return declared[cell.text]
    close = difflib.get_close_matches(cell.text, list(declared), n=1, cutoff=0.75)
    fix = (
        f"did you mean `{close[0]}`?"
        if close
        else "the measures are " + ", ".join(f"`{m}`" for m in declared)
    )
    shown = f"`{cell.text}`" if cell.text else "empty"
    problems.add(
        cell.line,
        cell.column,
        "csv.measure",
        f"measure {shown} is not one of those declared under `measures:`; {fix}",
    )
    return None


def _reject_duplicates(
    observations: list[Observation],
    spec: IndicatorSpec | None,
    problems: ProblemList,
    count: RowCount,
) -> list[Observation]:
    first: dict[tuple[str, SeriesKey, Period, date | None], Observation] = {}
    kept: list[Observation] = []
    for o in observations:
        key = (o.measure, o.series, o.period, o.date)
        if key in first:
            where = "".join(
                f" for {b.column} `{v}`"
                for b, v in zip(spec.breakdowns if spec else (), o.series, strict=False)
                if v
            )
            where += f" of measure `{o.measure}`" if o.measure else ""
            where += f" on {o.date.isoformat()}" if o.date else ""
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


_NO_DATE = date.min


def _note_exponents(observations: list[Observation], problems: ProblemList) -> None:
    """Scientific notation is read as the number it stands for; said once, so the editor can
    check that the program that saved the file kept every digit."""
    first = next((o for o in observations if EXPONENT.fullmatch(o.text)), None)
    if first is not None:
        problems.note(
            first.line,
            1,
            "csv.scientific-notation",
            f"values such as {first.text} are in scientific notation; they are read as the "
            "numbers they stand for (check against the source that no digits were lost)",
        )


def _note_order(observations: list[Observation], problems: ProblemList) -> None:
    last: dict[tuple[str, SeriesKey], Observation] = {}
    for o in observations:
        previous = last.get((o.measure, o.series))
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
        last[(o.measure, o.series)] = o
