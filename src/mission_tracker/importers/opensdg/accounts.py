"""What an import did, indicator by indicator: every source row is either imported or listed
with why not, and every metadata field with content is carried over or listed with why not.

The accounting holds for each file and in total: rows read = rows imported + rows not
imported.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

# Why a row was not imported, as the totals name it.
REASONS = {
    "placeholder": "placeholder rows (the source has no figures for the indicator)",
    "duplicate": "duplicates of an earlier row (same period, measure and breakdown)",
    "period": "periods the format cannot express, or that look like typing mistakes",
    "value": "values that are not numbers",
    "row-length": "rows with more or fewer cells than the header",
    "empty-row": "rows with no cells filled in",
    "file": "rows of a file that could not be read",
    "format": "rows Mission Tracker's reader refused",
    "not-written": "rows of an indicator that could not be written",
}


@dataclass(frozen=True)
class RowNotImported:
    line: int
    year: str
    value: str
    reason: str
    code: str


@dataclass
class IndicatorAccount:
    source_id: str  # as Open SDG names it: 1-2-1, archived-1-a-1
    id: str  # as Mission Tracker names it: sdg-1-2-1
    data_file: str | None
    meta_file: str | None
    mission: str | None = None
    rows_read: int = 0
    imported: int = 0
    not_imported: list[RowNotImported] = field(default_factory=list)
    blank_lines: int = 0
    written: bool = False
    not_written: str = ""  # why the indicator was not written, if it was not
    measures: list[str] = field(default_factory=list)  # how each measure was read
    notes: list[str] = field(default_factory=list)  # how things were read
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (field, why not)
    # Maps it would name if mkdocs.yml declared them: (id, GeoJSON, code and name properties).
    maps_wanted: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.rows_read == self.imported + len(self.not_imported)

    def reject(self, line: int, year: str, value: str, reason: str, code: str) -> None:
        self.not_imported.append(RowNotImported(line, year, value, reason, code))


@dataclass
class Totals:
    data_files: int = 0
    meta_files: int = 0
    rows_read: int = 0
    imported: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    indicators_written: int = 0
    indicators_not_written: int = 0

    @property
    def not_imported(self) -> int:
        return sum(self.by_reason.values())


def totals(accounts: list[IndicatorAccount]) -> Totals:
    found = Totals()
    for a in accounts:
        found.data_files += a.data_file is not None
        found.meta_files += a.meta_file is not None
        found.rows_read += a.rows_read
        found.imported += a.imported
        found.by_reason.update(r.code for r in a.not_imported)
        if a.written:
            found.indicators_written += 1
        else:
            found.indicators_not_written += 1
    return found
