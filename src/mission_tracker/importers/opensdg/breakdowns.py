"""Disaggregation columns and GeoCode -> breakdowns, with their totals, defaults and map.

Open SDG's headline is the rows in which every disaggregation is blank. Where no row is (every
row names a country, say) but one value plainly means everyone (`All`, `Total`, `Persons`,
the indicator's own geography such as `United Kingdom`, or the only value a column ever has),
that value is the breakdown's `total:`; where there is none, the indicator says so in
`no_headline:`. GeoCode is a breakdown of its own: a code on a headline row only repeats where
the headline covers, so it is not carried over there (the report counts it) unless every row has
one and the headline's is always the same, which is then the total.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from mission_tracker.importers.opensdg.metadata import Fields
from mission_tracker.importers.opensdg.source import Boundaries
from mission_tracker.importers.opensdg.table import GEOCODE, Layout, Row
from mission_tracker.model.base import STANDARD_COLUMNS
from mission_tracker.read.cells import is_number

_TOTAL_WORDS = frozenset(
    {
        "all",
        "total",
        "persons",
        "all persons",
        "both sexes",
        "everyone",
        "all people",
        "people",
        "united kingdom",
        "uk",
        "total or no breakdown",
    }
)
_TOTAL_START = re.compile(r"^(all|total)\b", re.IGNORECASE)


@dataclass
class Column:
    index: int  # into Row.cells
    header: str  # as the source writes it
    name: str = ""  # the format's column name
    values: list[str] = field(default_factory=list)
    total: str | None = None
    default: str | None = None
    map: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    geocode: bool = False


@dataclass
class Plan:
    columns: list[Column]
    no_headline: str | None
    headline_measures: list[str]  # measures that have headline rows, in their order
    notes: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    maps_wanted: list[Boundaries] = field(default_factory=list)  # to declare in mkdocs.yml

    def blocks(self) -> list[dict[str, Any]]:
        """The `breakdowns:` list, keys in the format's order."""
        found = []
        for c in self.columns:
            block: dict[str, Any] = {"column": c.name, "label": c.header}
            block["values"] = [
                {"value": v, "label": c.labels[v]} if c.labels.get(v) else {"value": v}
                for v in c.values
            ]
            for key in ("total", "default", "map"):
                if getattr(c, key) is not None:
                    block[key] = getattr(c, key)
            found.append(block)
        return found


def plan_breakdowns(
    rows: list[Row],
    layout: Layout,
    fields: Fields,
    boundaries: list[Boundaries],
    measure_order: list[str],
) -> Plan:
    geo_at = layout.special.get(GEOCODE)
    columns = [
        Column(i, header, geocode=position == geo_at)
        for i, (position, header) in enumerate(layout.breakdowns)
    ]
    plan = Plan([], None, [])
    _values(columns, rows)
    for column in columns:
        if not column.values:
            plan.dropped.append((column.header, "the column is empty in every row"))
    columns = [c for c in columns if c.values]
    geo = next((c for c in columns if c.geocode), None)
    fields_only = [c for c in columns if c is not geo]  # Open SDG's disaggregations
    if not any(_is_headline(r, fields_only) for r in rows):
        _totals(fields_only, rows, fields, plan)
    if geo is not None:
        _geocode_on_headline(geo, columns, rows, fields, plan)
        _values([geo], rows)
        if not geo.values:
            columns.remove(geo)
    headline = _headline_measures(columns, rows, measure_order)
    if not headline and columns:
        named = [c.header for c in columns if c.total is None and _never_blank(c, rows)]
        named = named or [c.header for c in columns if c.total is None]
        listed = ", ".join(named[:-1]) + (" or " if len(named) > 1 else "") + named[-1]
        plan.no_headline = f"The source publishes no total: every row names a value of {listed}."
    _defaults(columns, fields, plan)
    if geo is not None and geo in columns:
        _map(geo, fields, boundaries, plan)
    taken: set[str] = set()
    for column in columns:
        column.name = column_name(column.header, taken)
    plan.columns = columns
    plan.headline_measures = headline
    return plan


def _values(columns: list[Column], rows: list[Row]) -> None:
    for column in columns:
        seen = dict.fromkeys(row.cells[column.index] for row in rows)
        values = [v for v in seen if v]
        if values and all(is_number(v) for v in values):
            values.sort(key=float)  # a column of numbers (ages, years) in their natural order
        column.values = values


def _never_blank(column: Column, rows: list[Row]) -> bool:
    return all(row.cells[column.index] for row in rows)


def _is_headline(row: Row, columns: list[Column], skip: Column | None = None) -> bool:
    return all(row.cells[c.index] == (c.total or "") for c in columns if c is not skip)


def _geocode_on_headline(
    geo: Column, columns: list[Column], rows: list[Row], fields: Fields, plan: Plan
) -> None:
    headline = [r for r in rows if _is_headline(r, columns, skip=geo)]
    codes = list(dict.fromkeys(r.cells[geo.index] for r in headline if r.cells[geo.index]))
    if len(codes) != 1:
        return  # none, or several areas: a real split by area
    code = codes[0]
    tagged = [r for r in headline if r.cells[geo.index] == code]
    if len(tagged) == len(headline) and _never_blank(geo, rows):
        geo.total = code
        plan.notes.append(
            f"GeoCode {code} is on every headline row and every row has a code; it is the "
            "GeoCode breakdown's total"
        )
        return
    untagged = {(r.measure, r.period_text) for r in headline if not r.cells[geo.index]}
    if any((r.measure, r.period_text) in untagged for r in tagged):
        return  # the code tells apart figures that would otherwise clash: keep it
    for row in tagged:
        row.cells[geo.index] = ""
    where = f" ({fields.coverage})" if fields.coverage else ""
    plan.dropped.append(
        (
            geo.header,
            f"{code} on {len(tagged)} rows that name no other breakdown: these are the headline "
            f"rows, for the whole of the indicator's geography{where}, so the code is not carried "
            "over there (it would make them a series of their own)",
        )
    )


def _headline_measures(columns: list[Column], rows: list[Row], order: list[str]) -> list[str]:
    found = {r.measure for r in rows if _is_headline(r, columns)}
    return [m for m in order if m in found]


def _totals(columns: list[Column], rows: list[Row], fields: Fields, plan: Plan) -> None:
    starts = {f.casefold(): v for f, v in reversed(fields.start_values)}
    for column in columns:
        if not _never_blank(column, rows):
            continue
        value, why = total_value(
            column.values, fields.coverage, starts.get(column.header.casefold())
        )
        if value is not None:
            column.total = value
            plan.notes.append(f"`{value}` is the total of {column.header}: {why}")


def total_value(values: list[str], coverage: str, start: str | None) -> tuple[str | None, str]:
    """The value of a never-blank column that means everyone, and why; None if none does."""
    steps = (
        ("it means everyone", lambda v: v.casefold() in _TOTAL_WORDS),
        (
            "it is the indicator's geography",
            lambda v: bool(coverage) and v.casefold() == coverage.casefold(),
        ),
        ("it is named a total", lambda v: _TOTAL_START.match(v) is not None),
    )
    for why, test in steps:
        found = [v for v in values if test(v)]
        if len(found) == 1:
            return found[0], why
        if start in found:
            return start, why + " (and the source starts on it)"
        if found:
            return None, ""
    if len(values) == 1:
        return values[0], "it is the column's only value"
    return None, ""


def _defaults(columns: list[Column], fields: Fields, plan: Plan) -> None:
    by_header = {c.header.casefold(): c for c in columns}
    for field_name, value in fields.start_values:
        column = by_header.get(field_name.casefold())
        if field_name.casefold() in ("series", "units", "unit measure"):
            continue  # chooses the headline measure (indicator.py)
        if column is None:
            plan.dropped.append(
                ("data_start_values", f"field {field_name!r} is not a column of the data")
            )
        elif value not in column.values:
            plan.dropped.append(
                ("data_start_values", f"{value!r} is not a value of {column.header}")
            )
        elif column.default is None:
            if value != column.total:  # a default that is the total says nothing more
                column.default = value
        else:
            plan.dropped.append(
                (
                    "data_start_values",
                    f"{column.header} = {value!r}: a breakdown has one default, and "
                    f"{column.default!r} came first",
                )
            )


def _map(geo: Column, fields: Fields, boundaries: list[Boundaries], plan: Plan) -> None:
    """A map the project declares, when its areas are the GeoCodes and the source shows a
    map (`data_show_map`). A GeoJSON of the source gives the codes their names, and the report
    says how to declare it (the reader refuses a `map:` that mkdocs.yml does not declare)."""

    def matched(b: Boundaries) -> list[str]:
        return [v for v in geo.values if v in b.names]

    usable = [b for b in boundaries if matched(b)]
    if not usable:
        if fields.show_map:
            plan.dropped.append(
                (
                    "data_show_map",
                    "the source shows a map, but no GeoCode of the data is an area of the "
                    "project's maps or of a GeoJSON in the repository, so no map is declared",
                )
            )
        return
    best = max(usable, key=lambda b: (b.declared, len(matched(b))))
    codes = matched(best)
    geo.labels = {v: best.names[v] for v in codes if best.names[v]}
    where = f"{len(codes)} of {len(geo.values)} GeoCodes are {best.property} areas of {best.path}"
    if not fields.show_map:
        plan.notes.append(f"{where}, but the source does not show a map (`data_show_map`)")
    elif best.declared:
        geo.map = best.map_id
        plan.notes.append(f"map `{best.map_id}` declared on GeoCode: {where}")
    else:
        plan.notes.append(
            f"{where}, and the source shows a map; declare that map in mkdocs.yml (see *How the "
            f"source was read*) and import again to add `map: {best.map_id}` to GeoCode"
        )
        plan.maps_wanted.append(best)


def column_name(header: str, taken: set[str]) -> str:
    """`Local Authority` -> `local_authority`, unique and never a standard column's name."""
    ascii_text = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "breakdown"
    if not name[0].isalpha():
        name = f"c_{name}"
    if name in STANDARD_COLUMNS:
        name = f"{name}_breakdown"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}_{n}", n + 1
    taken.add(candidate)
    return candidate
