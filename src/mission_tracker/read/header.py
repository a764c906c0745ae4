"""The first line of an indicator's CSV: which column is which, checked against its YAML."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mission_tracker.model.base import DATE, MEASURE, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from mission_tracker.model.problems import ProblemList
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.cells import NUMBER
from mission_tracker.read.csvfile import Cell, Row


@dataclass(frozen=True)
class Columns:
    index: dict[str, int]  # column name -> position
    width: int
    breakdowns: tuple[str, ...]


def read_header(header: Row, spec: IndicatorSpec | None, problems: ProblemList) -> Columns | None:
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
    measured = (MEASURE,) if spec is not None and spec.measures else ()
    required = (*REQUIRED_COLUMNS, *measured, *breakdowns)
    expected = (*required, *OPTIONAL_COLUMNS, DATE)
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
    missing = [name for name in required if name not in index]
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
                else "add it: the YAML file declares `measures:`, so each row names its measure"
                if name == MEASURE
                else "add it (the first line names the columns, e.g. `period,value,marker,note`)"
            ),
        )
    if any(name not in index for name in required):
        return None
    return Columns(index, len(header.cells), breakdowns)


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
