"""The review summary: a data comparison (diff.py) in Markdown a non-programmer can read.

It is written to a pull request's job summary, so everything quoted from the data is escaped:
a title or a cell from a fork must not be able to add links, images or HTML to the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from mission_tracker.analyse.facts import IndicatorFacts, MilestoneFacts
from mission_tracker.analyse.numbers import value_text
from mission_tracker.model.data import Indicator, Observation
from mission_tracker.model.problems import Severity
from mission_tracker.review.diff import (
    DataDiff,
    IndicatorChange,
    Kind,
    MilestoneChange,
    MissionChange,
)
from mission_tracker.review.markdown import ARROW, arrow, md, md_code, md_message, plural

MAX_ROWS_LISTED = 10
MAX_PERIODS_LISTED = 6
MAX_PROBLEMS_LISTED = 40


def render_review(diff: DataDiff) -> str:
    lines = ["## Review summary: what this change does to the data", ""]
    lines += [f"Compared with {md(diff.base)}, the base of the change.", ""]
    if not diff.base_has_data:
        lines += ["The base has no data/ folder, so everything is new.", ""]
    lines += [_headline(diff), "", _problem_headline(diff), ""]
    if diff.indicators:
        lines += ["### Indicators", "", *_indicator_table(diff.indicators), ""]
    milestones = diff.changed_milestones
    if milestones:
        lines += ["### Milestones", "", *_milestone_table(milestones, diff), ""]
    if diff.indicators or diff.missions:
        lines += ["### Details", ""]
    for change in diff.indicators:
        lines += [*_indicator_details(change, diff), ""]
    for mission in diff.missions:
        lines += [*_mission_details(mission, diff), ""]
    if diff.problems:
        lines += ["### Problems found", "", *_problem_list(diff), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


# -- headline -------------------------------------------------------------------------------


def _headline(diff: DataDiff) -> str:
    if not diff.indicators and not diff.missions and not diff.changed_milestones:
        return "**This change does not touch any indicator, mission or milestone.**"
    sentences = []
    groups: tuple[tuple[str, list[Kind | None]], ...] = (
        ("Indicators", [c.kind for c in diff.indicators]),
        ("Milestones", [m.kind for m in diff.milestones]),
        ("Missions", [m.kind for m in diff.missions]),
    )
    for label, kinds in groups:
        parts = [f"{kinds.count(k)} {k.value}" for k in Kind if kinds.count(k)]
        if parts:
            sentences.append(f"{label}: {', '.join(parts)}.")
    flips = sum(
        1
        for m in diff.milestones
        if m.before and m.after and _status(m.before_facts) != _status(m.after_facts)
    )
    if flips:
        verb = "changes" if flips == 1 else "change"
        sentences.append(f"{plural(flips, 'milestone')} {verb} status.")
    return "**" + " ".join(sentences) + "**"


def _problem_headline(diff: DataDiff) -> str:
    errors = [p for p in diff.problems if p.severity is Severity.ERROR]
    if not errors:
        notes = len(diff.problems)
        extra = f" ({plural(notes, 'note')} below)" if notes else ""
        return f"No problems found in the data{extra}."
    new = sum(1 for p in errors if diff.is_new(p))
    origin = (
        "all new in this change"
        if new == len(errors)
        else "none new in this change"
        if new == 0
        else f"{new} new in this change"
    )
    return (
        f"**{plural(len(errors), 'problem')} found in the data ({origin}).** The check must "
        "pass before this is merged: each problem is listed below, and shown on the file in "
        "the pull request's Files changed tab."
    )


# -- tables ---------------------------------------------------------------------------------


def _indicator_table(changes: Sequence[IndicatorChange]) -> list[str]:
    rows = [
        "| Indicator | Change | Rows | Latest value | Trend |",
        "|---|---|---|---|---|",
    ]
    for c in changes:
        rows.append(
            f"| {md(c.title)} (`{c.id}`) | {_kind_text(c)} | {_row_counts(c)} | "
            f"{_latest_text(c)} | {_trend_text(c)} |"
        )
    return rows


def _milestone_table(changes: Sequence[MilestoneChange], diff: DataDiff) -> list[str]:
    rows = ["| Milestone | Mission | What changed | Status |", "|---|---|---|---|"]
    for m in changes:
        what = _what_changed(m, "fields") if m.kind is not None else "its indicator's figures"
        rows.append(
            f"| {md(m.title)} | {md(_mission_name(diff, m.mission_id))} | {what} | "
            f"{_status_arrow(m)} |"
        )
    return rows


def _mission_name(diff: DataDiff, mission_id: str) -> str:
    missions = [m for c in diff.missions if c.id == mission_id for m in (c.after, c.before) if m]
    missions += [
        f.mission
        for m in diff.milestones
        if m.mission_id == mission_id
        for f in (m.after_facts, m.before_facts)
        if f is not None
    ]
    if not missions:
        return mission_id
    return missions[0].spec.short_name or missions[0].spec.name


# -- wording for one indicator --------------------------------------------------------------


def _kind_text(c: IndicatorChange) -> str:
    if c.kind is Kind.RENAMED:
        return f"renamed from `{c.old_id}`"
    return c.kind.value


def _row_counts(c: IndicatorChange) -> str:
    if c.kind is Kind.ADDED:
        return plural(len(c.after.observations), "row") if c.after else "cannot be read"
    if c.kind is Kind.REMOVED:
        return plural(len(c.before.observations), "row") + " removed" if c.before else "removed"
    if not c.rows_compared:
        return "cannot be compared"
    parts = [
        f"{len(rows)} {verb}"
        for rows, verb in ((c.added, "added"), (c.changed, "changed"), (c.removed, "removed"))
        if rows
    ]
    return ", ".join(parts) if parts else "none changed"


def _before_after(c: IndicatorChange, before: str | None, after: str | None, unknown: str) -> str:
    """A value before and after the change, for the indicator tables and details."""
    if c.kind is Kind.ADDED:
        return after or unknown
    if c.kind is Kind.REMOVED:
        return f"was {before}" if before else "removed"
    return arrow(before or "unknown", after or unknown)


def _latest_text(c: IndicatorChange) -> str:
    def headline(f: IndicatorFacts | None) -> str | None:
        return md(f.headline) if f is not None else None

    after = headline(c.after_facts)
    return _before_after(c, headline(c.before_facts), after, "unknown until its problems are fixed")


def _trend_text(c: IndicatorChange) -> str:
    def trend(f: IndicatorFacts | None) -> str | None:
        return f.change.trend.value if f is not None else None

    return _before_after(c, trend(c.before_facts), trend(c.after_facts), "unknown")


def _indicator_details(c: IndicatorChange, diff: DataDiff) -> list[str]:
    lines = [f"#### {md(c.title)} (`{c.id}`): {_kind_text(c)}", ""]
    items: list[str] = []
    if c.kind is Kind.ADDED:
        items.append(f"New indicator, published at /indicators/{c.id}/.")
        if c.after:
            rows = c.after.observations
            items.append(f"{_count_rows(rows, 'row')} {_span(rows, c.after)}.")
    elif c.kind is Kind.REMOVED:
        items.append(
            f"Removed: its page /indicators/{c.id}/ will no longer be published, and links to it "
            "will stop working."
        )
    elif c.kind is Kind.RENAMED:
        items.append(_rename_text(c))
    if c.rows_compared:
        items += _row_items(c)
    elif c.kind in (Kind.CHANGED, Kind.RENAMED):
        items.append("Rows cannot be compared until the problems below are fixed.")
    if c.kind is not Kind.REMOVED:
        items.append(f"Latest: {_latest_text(c)}.")
        trend = f"Trend: {_trend_text(c)}."
        if c.after_facts is not None:
            trend += f" {md(c.after_facts.change.sentence)}"
        items.append(trend)
    for m in diff.milestones:
        if m.indicator_ids & {c.id, c.old_id or c.id}:
            reason = f" {md(m.after_facts.reason)}" if m.after_facts else ""
            items.append(f"Milestone “{md(m.title)}”: {_status_arrow(m)}.{reason}")
    if c.fields:
        items.append(f"Fields changed: {_field_list(c.fields)}.")
    elif c.kind is Kind.CHANGED and not (c.added or c.changed or c.removed) and c.rows_compared:
        items.append(
            "The files changed, but no figure or field did (for example, rows were reordered "
            "or spacing changed)."
        )
    errors = [p for p in c.problems if p.severity is Severity.ERROR]
    if errors:
        items.append(f"Problems: {plural(len(errors), 'problem')} in its files (listed below).")
    return lines + [f"- {item}" for item in items]


def _rename_text(c: IndicatorChange) -> str:
    old = f"`{c.old_id}`"
    if c.renamed_by == "previous_ids":
        return (
            f"Renamed from {old}, which is listed under `previous_ids`, so the old address "
            f"/indicators/{c.old_id}/ redirects to the new one."
        )
    return (
        f"Renamed from {old} (git sees the files as moved). The old address /indicators/"
        f"{c.old_id}/ will stop working unless {old} is added under `previous_ids` in "
        f"{c.id}.yml."
    )


def _row_items(c: IndicatorChange) -> list[str]:
    assert c.before is not None and c.after is not None
    items = []
    if c.added:
        items.append(f"{_count_rows(c.added, 'row')} added {_span(c.added, c.after)}.")
    if c.changed:
        edits = [
            f"{_row_label(e.after, c.after)}: {_edit(e.before, c.before, e.after, c.after)}"
            for e in c.changed[:MAX_ROWS_LISTED]
        ]
        more = len(c.changed) - MAX_ROWS_LISTED
        tail = f"; and {more} more" if more > 0 else ""
        items.append(f"{_count_rows(c.changed, 'row')} changed: {'; '.join(edits)}{tail}.")
    if c.removed:
        items.append(f"{_count_rows(c.removed, 'row')} removed {_span(c.removed, c.before)}.")
    return items


def _count_rows(rows: Sequence[object], word: str) -> str:
    return plural(len(rows), word)


def _span(rows: Sequence[Observation], indicator: Indicator) -> str:
    """The periods some rows cover: "(2024-08 to 2024-10)" when they run unbroken in the
    data, else a list."""
    periods = sorted({r.period for r in rows})
    if not periods:
        return ""
    if len(periods) == 1:
        return f"({periods[0].text})"
    if len(periods) == 2:
        return f"({periods[0].text} and {periods[1].text})"
    present = sorted({o.period for o in indicator.observations})
    inside = [p for p in present if periods[0] <= p <= periods[-1]]
    if inside == periods:
        return f"({periods[0].text} to {periods[-1].text})"
    shown = ", ".join(p.text for p in periods[:MAX_PERIODS_LISTED])
    more = len(periods) - MAX_PERIODS_LISTED
    return f"({shown}{f' and {more} more periods' if more > 0 else ''})"


def _row_label(row: Observation, indicator: Indicator) -> str:
    label = row.period.text + (f" ({row.date.isoformat()})" if row.date else "")
    if row.measure:
        label += f", {md(indicator.measure(row.measure).title)}"
    if not indicator.is_headline(row):
        label += f" ({md(indicator.series_label(row.series))})"
    return label


def _cell(row: Observation, indicator: Indicator) -> str:
    text = value_text(row, indicator.measure(row.measure).unit)
    markers = " ".join(sorted(row.markers))
    return md(f"{text} {markers}".strip())


def _raw(row: Observation) -> str:
    return md(" ".join([row.text, *sorted(row.markers)]))


def _edit(before: Observation, was: Indicator, after: Observation, now: Indicator) -> str:
    old, new = _cell(before, was), _cell(after, now)
    if old == new:
        # Shown the same way once rounded: say what the file itself says.
        old, new = _raw(before), _raw(after)
    if old == new:
        return "note changed" if before.note != after.note else "changed"
    return f"{old} {ARROW} {new}"


# -- milestones and missions ----------------------------------------------------------------


def _status(facts: MilestoneFacts | None) -> str | None:
    return facts.status.value if facts is not None else None


def _status_arrow(m: MilestoneChange) -> str:
    before, after = _status(m.before_facts), _status(m.after_facts)
    if m.kind is Kind.ADDED:
        return f"new: {after or 'unknown until the problems are fixed'}"
    if m.kind is Kind.REMOVED:
        return f"was {before}" if before else "removed"
    return arrow(before or "unknown", after or "unknown until the problems are fixed")


def _field_list(fields: Sequence[str]) -> str:
    return ", ".join(f"`{f}`" for f in fields)


def _what_changed(m: MilestoneChange, fields: str = "fields changed") -> str:
    if m.kind is Kind.ADDED:
        return "new milestone"
    if m.kind is Kind.REMOVED:
        return "milestone removed"
    return f"{fields}: {_field_list(m.fields)}"


def _mission_details(mission: MissionChange, diff: DataDiff) -> list[str]:
    lines = [f"#### Mission: {md(mission.name)} (`{mission.id}`): {mission.kind.value}", ""]
    items = []
    if mission.kind is Kind.ADDED:
        items.append(f"New mission, published at /missions/{mission.id}/.")
    elif mission.kind is Kind.REMOVED:
        items.append(f"Removed: its page /missions/{mission.id}/ will no longer be published.")
    if mission.fields:
        items.append(f"Fields changed: {_field_list(mission.fields)}.")
    for m in diff.milestones:
        if m.mission_id != mission.id or m.kind is None:
            continue
        items.append(
            f"Milestone “{md(m.title)}” (`{m.id}`): {_what_changed(m)}; status {_status_arrow(m)}."
        )
    errors = [p for p in mission.problems if p.severity is Severity.ERROR]
    if errors:
        items.append(f"Problems: {plural(len(errors), 'problem')} in its file (listed below).")
    if not items:
        items.append(
            "The file changed, but no field did (for example, comments or spacing changed)."
        )
    return lines + [f"- {item}" for item in items]


# -- problems -------------------------------------------------------------------------------


def _problem_list(diff: DataDiff) -> list[str]:
    ordered = sorted(diff.problems, key=lambda p: (p.severity is not Severity.ERROR, p))
    lines = []
    for p in ordered[:MAX_PROBLEMS_LISTED]:
        kind = "" if p.severity is Severity.ERROR else "Note: "
        where = f"`{md_code(p.path)}` line {p.line}, column {p.column}"
        origin = "" if diff.is_new(p) else " (already in the base)"
        lines.append(f"- {where}: {kind}{md_message(p.message)}{origin}")
    more = len(ordered) - MAX_PROBLEMS_LISTED
    if more > 0:
        lines.append(f"- and {more} more: run `mission-tracker check` to see them all.")
    return lines
