"""The columns of an Open SDG data file, and its rows read cell by cell.

Open SDG gives special meaning to `Year`, `Value`, `Series`, `Units`, `Unit measure`,
`Unit multiplier`, `Observation status`, `GeoCode` and `COMMENT_OBS` (`nonFieldColumns()` in
open-sdg's utils.js; the site's config may rename Units and Series); every other column is a
disaggregation. Names are matched whatever their case, as the UK's files vary
(`Local Authority` and `Local authority`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mission_tracker.importers.opensdg.periods import read_years
from mission_tracker.importers.opensdg.source import SourceTable
from mission_tracker.importers.opensdg.statuses import DeclaredStatus, read_status
from mission_tracker.model.periods import Period, PeriodType
from mission_tracker.read.cells import is_number

YEAR, VALUE = "year", "value"
SERIES, UNITS, UNIT_MEASURE, MULTIPLIER = "series", "units", "unit measure", "unit multiplier"
STATUS, GEOCODE, COMMENT = "observation status", "geocode", "comment_obs"
GROUPING = (SERIES, UNITS, UNIT_MEASURE, MULTIPLIER)  # what tells measures apart
_NORMAL = frozenset({"normal value", "normal"})


@dataclass(frozen=True)
class Layout:
    special: dict[str, int]  # special column -> position
    breakdowns: tuple[tuple[int, str], ...]  # (position, header text), GeoCode included
    names: dict[str, str]  # special column -> its header text as written

    def has(self, name: str) -> bool:
        return name in self.special


def read_layout(header: tuple[str, ...], config: dict[str, Any]) -> Layout | str:
    """Which column is which; or why the file cannot be imported."""
    given = config.get("data_fields")
    fields: dict[str, Any] = given if isinstance(given, dict) else {}
    renamed = {
        str(fields.get("units", "")).casefold(): UNITS,
        str(fields.get("series", "")).casefold(): SERIES,
    }
    special: dict[str, int] = {}
    names: dict[str, str] = {}
    breakdowns: list[tuple[int, str]] = []
    for position, text in enumerate(header):
        folded = " ".join(text.casefold().split())
        name = renamed.get(folded, folded)
        if name in (YEAR, VALUE, *GROUPING, STATUS, COMMENT) and name not in special:
            special[name] = position
            names[name] = text
        else:
            if name == GEOCODE:
                special.setdefault(GEOCODE, position)
                names.setdefault(GEOCODE, text)
            breakdowns.append((position, text))
    missing = [n for n in (YEAR, VALUE) if n not in special]
    if missing:
        return "the header has no " + " or ".join(f"`{n.title()}`" for n in missing) + " column"
    return Layout(special, tuple(breakdowns), names)


@dataclass
class Row:
    """A source row that can be imported, in the format's terms."""

    line: int
    period: Period
    period_text: str
    group: tuple[str, ...]  # Series, Units, Unit measure, Unit multiplier as written
    cells: list[str]  # breakdown values, in Layout.breakdowns order ("" for blank)
    value: str
    markers: tuple[str, ...]
    note: str
    measure: str = ""  # the measure's id, once measures are known


@dataclass
class Rejected:
    line: int
    reason: str
    cells: dict[str, str]  # Year and Value as written, for the report
    code: str  # short name of the reason, for the totals


@dataclass
class ReadRows:
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)  # their Year text
    rewrites: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # kind -> examples
    statuses: dict[str, DeclaredStatus] = field(default_factory=dict)
    no_status_words: set[str] = field(default_factory=set)  # `Undefined`, read as no status


def read_rows(table: SourceTable, layout: Layout, split: PeriodType) -> ReadRows:
    found = ReadRows()
    width = len(table.header)
    year_at, value_at = layout.special[YEAR], layout.special[VALUE]
    whole = [r for r in table.rows if len(r.cells) == width]
    years = dict(
        zip(
            (id(r) for r in whole),
            read_years([r.cells[year_at] for r in whole], split),
            strict=True,
        )
    )
    for source in table.rows:
        cells = source.cells
        shown = {"Year": cells[year_at] if len(cells) > year_at else ""}
        shown["Value"] = cells[value_at] if len(cells) > value_at else ""
        if len(cells) != width:
            why = f"the row has {len(cells)} cells but the header has {width}"
            found.rejected.append(Rejected(source.line, why, shown, "row-length"))
            continue
        if not any(c.strip() for c in cells):
            found.rejected.append(Rejected(source.line, "the row is empty", shown, "empty-row"))
            continue
        year = years[id(source)]
        if year.placeholder:
            found.placeholders.append(cells[year_at])
            why = f"a placeholder row with no figure ({cells[year_at]!r})"
            found.rejected.append(Rejected(source.line, why, shown, "placeholder"))
            continue
        if year.period is None:
            found.rejected.append(Rejected(source.line, year.reason, shown, "period"))
            continue
        if year.rewrite:
            found.rewrites.setdefault(year.rewrite, []).append((year.source, year.text))
        value = cells[value_at].strip()
        if value and not is_number(value):
            why = f"the value {value!r} is not a number the format reads"
            found.rejected.append(Rejected(source.line, why, shown, "value"))
            continue
        status_text = cells[layout.special[STATUS]] if layout.has(STATUS) else ""
        status = read_status(status_text, has_value=bool(value))
        if status.no_status and status_text.strip().casefold() not in _NORMAL | {""}:
            found.no_status_words.add(status_text.strip())
        for declared in status.declared:
            found.statuses.setdefault(declared.code, declared)
        comment = cells[layout.special[COMMENT]].strip() if layout.has(COMMENT) else ""
        note = "; ".join(n for n in (year.note, status.note, comment) if n)
        group = tuple(
            cells[layout.special[name]].strip() if layout.has(name) else "" for name in GROUPING
        )
        found.rows.append(
            Row(
                line=source.line,
                period=year.period,
                period_text=year.text,
                group=group,
                cells=[cells[position].strip() for position, _ in layout.breakdowns],
                value=value or status.missing,
                markers=status.markers,
                note=note,
            )
        )
    return found
