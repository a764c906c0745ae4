"""What a change to data/ does: rows, latest values, statuses and metadata, before and after.

Two versions of data/ (versions.py: a pull request's base, read from git, and its result) are
compared indicator by indicator and milestone by milestone; summary.py turns the comparison into
the words a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from mission_tracker.analyse.facts import IndicatorFacts, MilestoneFacts
from mission_tracker.model.data import Indicator, Mission, Observation
from mission_tracker.model.missions import Milestone
from mission_tracker.model.periods import Period
from mission_tracker.model.problems import Problem
from mission_tracker.read.layout import indicator_files, mission_file, shown
from mission_tracker.review.versions import Version


class Kind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"
    CHANGED = "changed"


# -- the comparison -------------------------------------------------------------------------


RowKey = tuple[str, Period, date | None, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class RowEdit:
    before: Observation
    after: Observation


@dataclass(frozen=True)
class IndicatorChange:
    id: str  # the id now (the old id, for a removed indicator)
    kind: Kind
    old_id: str | None  # the id in the base, when it differs or the indicator was removed
    before: Indicator | None  # None when added, or when the base version could not be read
    after: Indicator | None  # None when removed, or when the new version has problems
    before_facts: IndicatorFacts | None
    after_facts: IndicatorFacts | None
    added: tuple[Observation, ...] = ()
    changed: tuple[RowEdit, ...] = ()
    removed: tuple[Observation, ...] = ()
    fields: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    renamed_by: str = ""  # "previous_ids" or "git", for a rename

    @property
    def title(self) -> str:
        indicator = self.after or self.before
        return indicator.spec.title if indicator else self.id

    @property
    def rows_compared(self) -> bool:
        return self.before is not None and self.after is not None


@dataclass(frozen=True)
class MilestoneChange:
    id: str
    mission_id: str
    kind: Kind | None  # None: the milestone itself is unchanged (its status may still move)
    before: Milestone | None
    after: Milestone | None
    before_facts: MilestoneFacts | None
    after_facts: MilestoneFacts | None
    fields: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        milestone = self.after or self.before
        assert milestone is not None
        return milestone.title

    @property
    def indicator_ids(self) -> set[str]:
        return {m.indicator for m in (self.before, self.after) if m and m.indicator}

    @property
    def status_changed(self) -> bool:
        before = self.before_facts.status if self.before_facts else None
        after = self.after_facts.status if self.after_facts else None
        return self.kind is None and before != after

    @property
    def changed(self) -> bool:
        return self.kind is not None or self.status_changed


@dataclass(frozen=True)
class MissionChange:
    id: str
    kind: Kind
    before: Mission | None
    after: Mission | None
    fields: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def name(self) -> str:
        mission = self.after or self.before
        return mission.spec.name if mission else self.id


@dataclass(frozen=True)
class DataDiff:
    indicators: tuple[IndicatorChange, ...]
    missions: tuple[MissionChange, ...]
    milestones: tuple[MilestoneChange, ...]  # every milestone in either version
    problems: tuple[Problem, ...]  # in the new version
    base_problems: tuple[Problem, ...] = ()
    base: str = ""  # how to name the base, e.g. "main (1a2b3c4d5e6f)"
    head: str = ""
    base_has_data: bool = True

    @property
    def changed_milestones(self) -> list[MilestoneChange]:
        return [m for m in self.milestones if m.changed]

    def is_new(self, problem: Problem) -> bool:
        """Whether the base did not already have this problem (line numbers aside: an edit
        above it moves it)."""
        key = (problem.path, problem.code, problem.message)
        return key not in {(p.path, p.code, p.message) for p in self.base_problems}


def compare_versions(
    before: Version, after: Version, git_renames: Iterable[tuple[str, str]] = ()
) -> DataDiff:
    """Every indicator, mission and milestone that differs between two versions of data/."""
    pairs = _match_indicators(before, after, git_renames)
    indicators = [_indicator_change(before, after, *pair) for pair in pairs]
    missions = [
        _mission_change(before, after, mid)
        for mid in sorted(before.mission_ids | after.mission_ids)
        if before.files.get(mission_file(mid)) != after.files.get(mission_file(mid))
    ]
    return DataDiff(
        tuple(c for c in indicators if c is not None),
        tuple(missions),
        tuple(_milestone_changes(before, after)),
        after.problems,
        before.problems,
    )


def _match_indicators(
    before: Version, after: Version, git_renames: Iterable[tuple[str, str]]
) -> list[tuple[str | None, str | None, str]]:
    """(old id, new id, how a rename was found) for every indicator in either version."""
    gone = set(before.indicator_ids - after.indicator_ids)
    new = set(after.indicator_ids - before.indicator_ids)
    renames: dict[str, tuple[str, str]] = {}  # new id -> (old id, how)
    for nid in sorted(new):
        indicator = after.dataset.indicators.get(nid)
        for old in indicator.spec.previous_ids if indicator else []:
            if old in gone and nid not in renames:
                renames[nid] = (old, "previous_ids")
                gone.discard(old)
    for old, nid in git_renames:
        if old in gone and nid in new and nid not in renames:
            renames[nid] = (old, "git")
            gone.discard(old)
    pairs: list[tuple[str | None, str | None, str]] = [
        (i, i, "") for i in sorted(before.indicator_ids & after.indicator_ids)
    ]
    pairs += [(renames[n][0], n, renames[n][1]) if n in renames else (None, n, "") for n in new]
    pairs += [(old, None, "") for old in sorted(gone)]
    return sorted(pairs, key=lambda p: p[1] or p[0] or "")


def _indicator_change(
    before: Version, after: Version, old: str | None, new: str | None, how: str
) -> IndicatorChange | None:
    if (
        old is not None
        and new is not None
        and old == new
        and all(before.files.get(rel) == after.files.get(rel) for rel in indicator_files(old))
    ):
        return None
    kind = (
        Kind.ADDED
        if old is None
        else Kind.REMOVED
        if new is None
        else Kind.CHANGED
        if old == new
        else Kind.RENAMED
    )
    was = before.dataset.indicators.get(old) if old else None
    now = after.dataset.indicators.get(new) if new else None
    ident = new or old
    assert ident is not None
    rows: tuple[tuple[Observation, ...], tuple[RowEdit, ...], tuple[Observation, ...]] = (
        _rows(was, now) if was is not None and now is not None else ((), (), ())
    )
    paths = {shown(rel) for rel in indicator_files(new)} if new else set()
    return IndicatorChange(
        id=ident,
        kind=kind,
        old_id=old if old != new else None,
        before=was,
        after=now,
        before_facts=before.indicators.get(old) if old else None,
        after_facts=after.indicators.get(new) if new else None,
        added=rows[0],
        changed=rows[1],
        removed=rows[2],
        fields=_fields(was, now),
        problems=tuple(p for p in after.problems if p.path in paths),
        renamed_by=how if kind is Kind.RENAMED else "",
    )


def _row_key(indicator: Indicator, row: Observation) -> RowKey:
    # Breakdowns by column name, not position, so adding a breakdown column does not make
    # every headline row look new.
    columns = [b.column for b in indicator.spec.breakdowns]
    pairs = tuple((c, v) for c, v in zip(columns, row.series, strict=False) if v)
    return row.measure, row.period, row.date, pairs


def _content(row: Observation) -> tuple[object, ...]:
    return row.text, row.value, row.missing, sorted(row.markers), row.note


def _rows(
    was: Indicator, now: Indicator
) -> tuple[tuple[Observation, ...], tuple[RowEdit, ...], tuple[Observation, ...]]:
    old = {_row_key(was, o): o for o in was.observations}
    new = {_row_key(now, o): o for o in now.observations}
    added = tuple(o for k, o in new.items() if k not in old)
    removed = tuple(o for k, o in old.items() if k not in new)
    changed = tuple(
        RowEdit(old[k], o) for k, o in new.items() if k in old and _content(old[k]) != _content(o)
    )
    return added, changed, removed


def _flatten(value: object, path: str = "") -> dict[str, object]:
    # Nested mappings become dotted names (source.release); lists stay whole (caveats), as an
    # editor thinks of a list as one field.
    if isinstance(value, Mapping) and value:
        flat: dict[str, object] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{path}.{key}" if path else str(key)))
        return flat
    return {path: value}


def _changed_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    old, new = _flatten(before), _flatten(after)
    missing = object()
    names = list(dict.fromkeys([*new, *old]))
    changed = [n for n in names if old.get(n, missing) != new.get(n, missing)]
    # valid_range: null -> {min, max} is one change to `valid_range`, not three.
    return tuple(n for n in changed if not any(n.startswith(f"{p}.") for p in changed))


def _fields(was: Indicator | None, now: Indicator | None) -> tuple[str, ...]:
    if was is None or now is None:
        return ()
    return _changed_fields(was.spec.model_dump(mode="json"), now.spec.model_dump(mode="json"))


def _mission_change(before: Version, after: Version, mid: str) -> MissionChange:
    was, now = before.dataset.missions.get(mid), after.dataset.missions.get(mid)
    in_before, in_after = mid in before.mission_ids, mid in after.mission_ids
    kind = Kind.CHANGED if in_before and in_after else Kind.ADDED if in_after else Kind.REMOVED
    fields = (
        _changed_fields(
            was.spec.model_dump(mode="json", exclude={"milestones"}),
            now.spec.model_dump(mode="json", exclude={"milestones"}),
        )
        if was and now
        else ()
    )
    path = shown(mission_file(mid))
    problems = tuple(p for p in after.problems if p.path == path) if in_after else ()
    return MissionChange(mid, kind, was, now, fields, problems)


def _milestones(version: Version) -> dict[str, tuple[str, Milestone]]:
    return {
        ms.id: (mission.id, ms)
        for mission in version.dataset.missions_in_order()
        for ms in mission.spec.milestones
    }


def _milestone_changes(before: Version, after: Version) -> list[MilestoneChange]:
    old, new = _milestones(before), _milestones(after)
    changes = []
    for mid in [*new, *(m for m in old if m not in new)]:
        was, now = old.get(mid), new.get(mid)
        mission_id = (now or was or ("", None))[0]
        fields: tuple[str, ...] = ()
        kind: Kind | None = None
        if was and now:
            fields = _changed_fields(was[1].model_dump(mode="json"), now[1].model_dump(mode="json"))
            kind = Kind.CHANGED if fields else None
        else:
            kind = Kind.ADDED if now else Kind.REMOVED
        changes.append(
            MilestoneChange(
                mid,
                mission_id,
                kind,
                was[1] if was else None,
                now[1] if now else None,
                before.milestones.get(mid),
                after.milestones.get(mid),
                fields,
            )
        )
    return changes
