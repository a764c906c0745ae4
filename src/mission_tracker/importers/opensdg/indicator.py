"""One Open SDG indicator (its data file and metadata file) -> one Mission Tracker indicator
(`data/indicators/<id>.yml` and `.csv`) and its account in the report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from mission_tracker.importers.opensdg.accounts import IndicatorAccount
from mission_tracker.importers.opensdg.breakdowns import Plan, plan_breakdowns
from mission_tracker.importers.opensdg.graphbreaks import series_break_notes
from mission_tracker.importers.opensdg.measures import Measure, plan_measures
from mission_tracker.importers.opensdg.metadata import Fields, read_fields
from mission_tracker.importers.opensdg.output import csv_bytes, yaml_bytes
from mission_tracker.importers.opensdg.source import (
    Boundaries,
    Repository,
    SourceMeta,
    SourceTable,
    read_meta,
    read_table,
)
from mission_tracker.importers.opensdg.spec import Links, indicator_yaml
from mission_tracker.importers.opensdg.table import (
    SERIES,
    UNIT_MEASURE,
    UNITS,
    Layout,
    ReadRows,
    Row,
    read_layout,
    read_rows,
)
from mission_tracker.importers.opensdg.verify import verify
from mission_tracker.model.base import MARKER, MEASURE, NOTE, PERIOD, VALUE
from mission_tracker.model.periods import PeriodType
from mission_tracker.read.layout import indicator_files, shown

_SPANS = {
    PeriodType.FINANCIAL_YEAR: PeriodType.FINANCIAL_YEARS,
    PeriodType.ACADEMIC_YEAR: PeriodType.ACADEMIC_YEARS,
}
MissionOf = Callable[[str, str], str | None]  # (Open SDG id, indicator number) -> mission id


@dataclass(frozen=True)
class Context:
    repo: Repository
    copy_of: str  # where the copy was taken from, e.g. "ONSdigital/sdg-data at commit b68b9d9"
    retrieved: dt.date
    mission_of: MissionOf
    unassigned: str  # why an indicator has no mission, when it has none
    ids: dict[str, str]  # Open SDG id -> Mission Tracker id, for every indicator imported
    protected: frozenset[str] = frozenset()  # ids whose files an editor wrote: left alone
    written: frozenset[str] | None = None  # Open SDG ids written, once known: for `related`
    maps: tuple[Boundaries, ...] = ()  # the maps the project's mkdocs.yml declares


def mission_tracker_id(source_id: str) -> str:
    """`1-2-1` -> `sdg-1-2-1`, `archived-1-a-1` -> `sdg-archived-1-a-1`."""
    slug = re.sub(r"[^a-z0-9]+", "-", source_id.lower()).strip("-")
    return f"sdg-{slug}"


def import_indicator(source_id: str, ctx: Context) -> tuple[IndicatorAccount, dict[str, bytes]]:
    repo = ctx.repo
    data_path, meta_path = repo.data.get(source_id), repo.meta.get(source_id)
    data_rel = data_path.relative_to(repo.root).as_posix() if data_path else None
    meta_rel = meta_path.relative_to(repo.root).as_posix() if meta_path else None
    account = IndicatorAccount(source_id, ctx.ids[source_id], data_rel, meta_rel)
    meta = read_meta(meta_path, meta_rel or "") if meta_path else SourceMeta("", {})
    table = read_table(data_path, data_rel or "") if data_path else None
    if meta.problem:
        account.notes.append(f"{meta_rel}: {meta.problem}; read as if it had no metadata")
    described = ", ".join(f for f in (data_rel, meta_rel) if f)
    fields = read_fields(
        meta.fields,
        meta.body,
        source_id,
        f"{ctx.copy_of}: {described}",
        ctx.retrieved,
        repo.licence_text,
    )
    account.notes += fields.notes
    account.dropped += fields.dropped
    account.mission = ctx.mission_of(source_id, fields.number)
    if table is None:
        return _not_written(account, f"the repository has no data file for it ({_nothing(fields)})")
    account.rows_read = len(table.rows)
    account.blank_lines = table.blank_lines
    found = _read(table, fields, ctx, account)
    if found is None:
        return account, {}
    read, layout = found
    if not read.rows:
        why = "the source has no figures for it"
        if read.placeholders:
            why += f" (its data file holds only {read.placeholders[0]!r})"
        return _not_written(account, why + f"; {_nothing(fields)}")
    if account.mission is None:
        return _not_written(account, ctx.unassigned, read.rows)
    if not fields.sources:
        why = "its metadata has no active source with a publisher and a web address"
        return _not_written(account, why, read.rows)
    if fields.licence is None:
        return _not_written(account, "its licence could not be established", read.rows)
    return _build(account, fields, read, layout, ctx)


def _read(
    table: SourceTable, fields: Fields, ctx: Context, account: IndicatorAccount
) -> tuple[ReadRows, Layout] | None:
    if table.problem:
        for row in table.rows:
            account.reject(row.line, "", "", table.problem, "file")
        _not_written(account, table.problem)
        return None
    layout = read_layout(table.header, ctx.repo.config)
    if isinstance(layout, str):
        for row in table.rows:
            account.reject(row.line, "", "", layout, "file")
        _not_written(account, layout)
        return None
    read = read_rows(table, layout, fields.split_type)
    for r in read.rejected:
        account.reject(r.line, r.cells["Year"], r.cells["Value"], r.reason, r.code)
    for kind, examples in read.rewrites.items():
        first, text = examples[0]
        more = f" and {len(examples) - 1:,} more" if len(examples) > 1 else ""
        account.notes.append(f"Year {first!r} written {text!r}{more}: {kind}")
    for word in sorted(read.no_status_words):
        account.notes.append(
            f"Observation status {word!r} says nothing about the figure; no marker"
        )
    account.notes.append(_layout_note(layout.names))
    return read, layout


def _layout_note(names: dict[str, str]) -> str:
    shown_names = ", ".join(f"`{v}`" for v in names.values())
    return f"special columns: {shown_names}"


def _build(
    account: IndicatorAccount,
    fields: Fields,
    read: ReadRows,
    layout: Layout,
    ctx: Context,
) -> tuple[IndicatorAccount, dict[str, bytes]]:
    rows = read.rows
    measures = plan_measures(rows, fields)
    order = _preferred(measures, fields, layout.names)
    plan = plan_breakdowns(rows, layout, fields, [*ctx.maps, *ctx.repo.boundaries], order)
    order = _headline_first(order, plan)
    measures.sort(key=lambda m: order.index(m.id))
    account.notes += plan.notes
    account.dropped += plan.dropped
    account.maps_wanted = [
        (b.map_id, b.path, b.property, b.name_property) for b in plan.maps_wanted
    ]
    account.dropped += series_break_notes(fields.series_breaks, rows)
    rows = _unique(rows, plan, account)
    links = _links(account, fields, ctx)
    statuses = list(read.statuses.values())
    yml_rel, csv_rel = (shown(p) for p in indicator_files(account.id))
    for _ in range(3):
        header, lines = _csv(rows, measures, plan)
        data = indicator_yaml(fields, links, measures, plan, statuses)
        yml, csv = yaml_bytes("indicator", data), csv_bytes(header, lines)
        checked = verify(yml_rel, yml.decode(), csv_rel, csv.decode())
        if checked.spec_errors or checked.file_errors:
            why = "; ".join(checked.spec_errors + checked.file_errors)
            return _not_written(account, f"the files made for it do not check: {why}", rows)
        if not checked.row_errors:
            break
        # A row the reader refuses is reported in its words, and the files made again without it.
        refused = {i for i in range(len(rows)) if i + 2 in checked.row_errors}
        for i in sorted(refused):
            row = rows[i]
            why = f"Mission Tracker's reader refused it: {checked.row_errors[i + 2]}"
            account.reject(row.line, row.period_text, row.value, why, "format")
        rows = [r for i, r in enumerate(rows) if i not in refused]
    else:
        return _not_written(account, "rows kept being refused by the reader", rows)
    if account.id in ctx.protected:
        why = f"{yml_rel} exists and was not written by the importer, so it is left as it is"
        return _not_written(account, why, rows)
    split = (fields.split_type, _SPANS[fields.split_type])
    if any(m.period_type in split for m in measures):
        account.notes.append(fields.split_note)
    account.imported = len(rows)
    account.written = True
    account.measures = [_describe(m, rows) for m in measures]
    return account, {yml_rel: yml, csv_rel: csv}


def _preferred(measures: list[Measure], fields: Fields, names: dict[str, str]) -> list[str]:
    """Measure ids in order, the one the source starts on (`data_start_values` naming a
    Series or Units) first."""
    order = [m.id for m in measures]
    positions = {SERIES: 0, UNITS: 1, UNIT_MEASURE: 2}
    for field_name, value in fields.start_values:
        column = next((k for k, v in names.items() if v.casefold() == field_name.casefold()), None)
        if column is None and field_name.casefold() in positions:
            column = field_name.casefold()
        if column in positions:
            chosen = next((m for m in measures if m.group[positions[column]] == value), None)
            if chosen is not None:
                order.remove(chosen.id)
                return [chosen.id, *order]
    return order


def _headline_first(order: list[str], plan: Plan) -> list[str]:
    """The first measure is the headline measure, which must have headline rows."""
    if not plan.headline_measures or order[0] in plan.headline_measures:
        return order
    first = plan.headline_measures[0]
    return [first, *(m for m in order if m != first)]


def _unique(rows: list[Row], plan: Plan, account: IndicatorAccount) -> list[Row]:
    """The format allows one row per period in each series of each measure. Open SDG files
    can repeat one, with a different value (the UK's 4-3-1 repeats a headline 11 times): the
    first is kept and every other is reported with its value."""
    first: dict[tuple[object, ...], Row] = {}
    kept = []
    for row in rows:
        key = (row.measure, tuple(row.cells[c.index] for c in plan.columns), row.period_text)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            kept.append(row)
            continue
        same = "the same value" if earlier.value == row.value else f"{earlier.value}"
        account.reject(
            row.line,
            row.period_text,
            row.value,
            f"repeats the period and breakdown of line {earlier.line}, which is kept "
            f"(value there: {same})",
            "duplicate",
        )
    return kept


def _csv(rows: list[Row], measures: list[Measure], plan: Plan) -> tuple[list[str], list[list[str]]]:
    several = len(measures) > 1
    rank = {m.id: i for i, m in enumerate(measures)}
    orders = [{v: i for i, v in enumerate(c.values)} for c in plan.columns]

    def series_rank(row: Row) -> tuple[int, ...]:
        return tuple(
            -1 if row.cells[c.index] in ("", c.total) else orders[i][row.cells[c.index]]
            for i, c in enumerate(plan.columns)
        )

    ordered = sorted(rows, key=lambda r: (rank[r.measure], series_rank(r), r.period))
    header = [PERIOD, *([MEASURE] if several else []), *(c.name for c in plan.columns)]
    header += [VALUE, MARKER, NOTE]
    lines = [
        [
            r.period_text,
            *([r.measure] if several else []),
            *(r.cells[c.index] for c in plan.columns),
            r.value,
            "".join(r.markers),
            r.note,
        ]
        for r in ordered
    ]
    rows[:] = ordered  # the row at CSV line n is rows[n - 2], for the reader's messages
    return header, lines


def _links(account: IndicatorAccount, fields: Fields, ctx: Context) -> Links:
    other = (
        account.source_id.removeprefix("archived-")
        if account.source_id.startswith("archived-")
        else f"archived-{account.source_id}"
    )
    linkable = other in ctx.ids and (ctx.written is None or other in ctx.written)
    related = [ctx.ids[other]] if linkable else []
    vintage = None
    if account.source_id.startswith("archived-"):
        vintage = (
            f"An archived version of indicator {fields.number}, kept by the source as a page of "
            "its own" + (f"; the current figures are in `{ctx.ids[other]}`." if related else ".")
        )
    return Links(account.mission or "", related, vintage)


def _describe(measure: Measure, rows: list[Row]) -> str:
    count = sum(1 for r in rows if r.measure == measure.id)
    unit = ", ".join(f"{k} {v}" for k, v in measure.unit.items())
    read_from = f"{measure.unit_text!r}" if measure.unit_text else "nothing"
    notes = "".join(f"; {n}" for n in measure.notes)
    return (
        f"`{measure.id}` {measure.title!r}: {count:,} rows, {measure.period_type.value}; unit "
        f"read from {read_from} as {unit}{notes}"
    )


def _nothing(fields: Fields) -> str:
    if fields.placeholder:
        return f"the source says: {fields.placeholder!r}"
    if fields.non_statistical:
        return "the source marks it as a non-statistical indicator"
    if fields.status:
        return f"its reporting status is {fields.status}"
    return "its metadata says nothing more"


def _not_written(
    account: IndicatorAccount, why: str, rows: list[Row] | None = None
) -> tuple[IndicatorAccount, dict[str, bytes]]:
    account.not_written = why
    account.written = False
    account.imported = 0
    refused = {r.line for r in account.not_imported}
    for row in rows or []:
        if row.line not in refused:
            account.reject(row.line, row.period_text, row.value, why, "not-written")
    return account, {}
