"""Checks that need more than one file: references between missions and indicators, ids that
must be unique, and milestones that must agree with their indicator.

They run over every spec that could be read, whether or not its data loaded, and treat a file
that exists but has mistakes as existing, so one broken file causes no misleading echo.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.periods import PeriodError, parse_period
from mission_tracker.model.problems import Problem
from mission_tracker.model.specs import (
    STANDARD_COLUMNS,
    Direction,
    IndicatorSpec,
    MissionSpec,
    id_problem,
)
from mission_tracker.read.cells import valid_range
from mission_tracker.read.yamlfile import KeyPath, YamlDocument


@dataclass
class Specs:
    """What the loader could read, for checking files against each other."""

    prefix: str  # the data folder's name, as problem paths start with it
    missions_folder: bool = True  # when it is missing, that alone is reported
    mission_files: set[str] = field(default_factory=set)
    indicator_files: set[str] = field(default_factory=set)
    missions: dict[str, MissionSpec] = field(default_factory=dict)
    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)
    docs: dict[str, YamlDocument] = field(default_factory=dict)  # by problem path


class _Reporter:
    """Places a problem at the YAML line of the key it is about."""

    def __init__(self, docs: dict[str, YamlDocument]) -> None:
        self.docs = docs
        self.problems: list[Problem] = []

    def __call__(self, path: str, loc: KeyPath, code: str, message: str) -> None:
        doc = self.docs.get(path)
        line, column = doc.where(loc, value=True) if doc else (1, 1)
        self.problems.append(Problem(path, line, column, message, code))


def cross_check(specs: Specs, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    at = _Reporter(specs.docs)
    _check_lengths(specs, limits, at)
    old_ids: dict[str, str] = {}
    for indicator_id in sorted(specs.indicators):
        path = f"{specs.prefix}/indicators/{indicator_id}.yml"
        spec = specs.indicators[indicator_id]
        _check_references(specs, indicator_id, spec, path, old_ids, at)
        _check_indicator(spec, path, at)

    orders: dict[int, str] = {}
    milestone_ids: dict[str, str] = {}
    for mission_id in sorted(specs.missions, key=lambda m: (specs.missions[m].order, m)):
        mission = specs.missions[mission_id]
        path = f"{specs.prefix}/missions/{mission_id}.yml"
        if mission.order in orders:
            at(
                path,
                ("order",),
                "ref.duplicate-order",
                f"order {mission.order} is also used by mission `{orders[mission.order]}`; give "
                "each mission its own position",
            )
        orders.setdefault(mission.order, mission_id)
        for i, milestone in enumerate(mission.milestones):
            if milestone.id in milestone_ids:
                at(
                    path,
                    ("milestones", i, "id"),
                    "ref.duplicate-id",
                    f"milestone id `{milestone.id}` is also used in mission "
                    f"`{milestone_ids[milestone.id]}`; milestone ids must be unique",
                )
            milestone_ids.setdefault(milestone.id, mission_id)
            _check_milestone(specs, mission, i, path, at)
    return at.problems


def _check_lengths(specs: Specs, limits: Limits, at: _Reporter) -> None:
    """Text too long to show, and breakdowns with more values than a page can hold."""
    for path, doc in sorted(specs.docs.items()):
        for loc, value in _texts(doc.data, ()):
            if len(value) > limits.text_chars:
                at(
                    path,
                    loc,
                    "limits.text-chars",
                    f"this text is {len(value):,} characters long, more than "
                    f"{limits.describe('text_chars')}; shorten it",
                )
    for indicator_id, spec in sorted(specs.indicators.items()):
        path = f"{specs.prefix}/indicators/{indicator_id}.yml"
        for i, breakdown in enumerate(spec.breakdowns):
            if len(breakdown.values) > limits.breakdown_values:
                at(
                    path,
                    ("breakdowns", i, "values"),
                    "limits.breakdown-values",
                    f"breakdown `{breakdown.column}` declares {len(breakdown.values):,} values, "
                    f"more than {limits.describe('breakdown_values')}",
                )


def _texts(value: object, loc: KeyPath) -> Iterable[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*loc, str(key)))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))


def _suggest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_references(
    specs: Specs,
    indicator_id: str,
    spec: IndicatorSpec,
    path: str,
    old_ids: dict[str, str],
    at: _Reporter,
) -> None:
    if spec.mission not in specs.mission_files and specs.missions_folder:
        known = sorted(specs.mission_files)
        close = difflib.get_close_matches(spec.mission, known, n=1)
        fix = (
            f"did you mean `{close[0]}`?"
            if close
            else "the missions are " + ", ".join(f"`{m}`" for m in known)
            if known
            else "add the mission to data/missions first"
        )
        at(
            path,
            ("mission",),
            "ref.unknown-mission",
            f"mission `{spec.mission}` does not exist; {fix}",
        )
    for i, old in enumerate(spec.previous_ids):
        reason = id_problem(old)
        if reason is not None:
            at(path, ("previous_ids", i), "ref.reserved-id", f"previous id {reason}")
        elif old == indicator_id:
            at(
                path,
                ("previous_ids", i),
                "ref.duplicate-id",
                f"previous id `{old}` is this indicator's own id; delete it from `previous_ids`",
            )
        elif old in specs.indicator_files:
            at(
                path,
                ("previous_ids", i),
                "ref.duplicate-id",
                f"previous id `{old}` is the id of another indicator; an old address cannot "
                "redirect while a page still uses it, so delete it here or rename that indicator",
            )
        elif old in old_ids:
            owner = old_ids[old]
            at(
                path,
                ("previous_ids", i),
                "ref.duplicate-id",
                f"previous id `{old}` is listed twice in `previous_ids`; delete one"
                if owner == indicator_id
                else f"previous id `{old}` is also listed by `{owner}`; an old address can "
                "redirect to only one indicator, so delete it from one of them",
            )
        else:
            old_ids[old] = indicator_id
    for i, other in enumerate(spec.related):
        if other not in specs.indicator_files:
            at(
                path,
                ("related", i),
                "ref.unknown-indicator",
                f"related indicator `{other}` does not exist"
                f"{_suggest(other, specs.indicator_files)}",
            )


def _check_indicator(spec: IndicatorSpec, path: str, at: _Reporter) -> None:
    for i, brk in enumerate(spec.series_breaks):
        try:
            parse_period(brk.period, spec.period_type)
        except PeriodError as exc:
            at(path, ("series_breaks", i, "period"), "yaml.bad-period", f"series break {exc}")
    seen: set[str] = set()
    for i, breakdown in enumerate(spec.breakdowns):
        if breakdown.column in STANDARD_COLUMNS:
            at(
                path,
                ("breakdowns", i, "column"),
                "yaml.duplicate-breakdown",
                f"breakdown column `{breakdown.column}` has the name of a standard column; give "
                "it another name (in the CSV header too)",
            )
        elif breakdown.column in seen:
            at(
                path,
                ("breakdowns", i, "column"),
                "yaml.duplicate-breakdown",
                f"breakdown column `{breakdown.column}` is declared twice; delete one",
            )
        seen.add(breakdown.column)
        values = [v.value for v in breakdown.values]
        for j, value in enumerate(values):
            if value in values[:j]:
                at(
                    path,
                    ("breakdowns", i, "values", j, "value"),
                    "yaml.duplicate-value",
                    f"breakdown value `{value}` is listed twice under `{breakdown.column}`; "
                    "delete one",
                )
            if value != value.strip():
                at(
                    path,
                    ("breakdowns", i, "values", j, "value"),
                    "yaml.bad-value",
                    f"breakdown value {value!r} has spaces around it; write {value.strip()!r}",
                )
    bounds = spec.valid_range
    if (
        bounds is not None
        and bounds.min is not None
        and bounds.max is not None
        and bounds.min > bounds.max
    ):
        at(
            path,
            ("valid_range", "min"),
            "yaml.bad-range",
            f"`valid_range` has min {bounds.min:g} above max {bounds.max:g}; swap them",
        )


def _check_milestone(specs: Specs, mission: MissionSpec, i: int, path: str, at: _Reporter) -> None:
    milestone = mission.milestones[i]
    loc: KeyPath = ("milestones", i)
    indicator_id = milestone.indicator
    spec = specs.indicators.get(indicator_id or "")
    if indicator_id and indicator_id not in specs.indicator_files:
        at(
            path,
            (*loc, "indicator"),
            "ref.unknown-indicator",
            f"indicator `{indicator_id}` does not exist"
            + _suggest(indicator_id, specs.indicator_files),
        )
    if spec is None:
        return
    baseline = milestone.baseline
    baseline_period = None
    if baseline is not None and baseline.period is not None:
        try:
            baseline_period = parse_period(baseline.period, spec.period_type)
        except PeriodError as exc:
            at(
                path,
                (*loc, "baseline", "period"),
                "yaml.bad-period",
                f"baseline {exc} (the period type of `{indicator_id}`)",
            )
    deadline = milestone.deadline
    if baseline_period is not None and deadline is not None and deadline < baseline_period.start:
        at(
            path,
            (*loc, "deadline"),
            "milestone.deadline-before-baseline",
            f"deadline {deadline.isoformat()} is before the baseline period "
            f"{baseline_period.label}; check both dates",
        )
    target = milestone.target
    if target is not None and milestone.target_kind == "level":
        low, high = valid_range(spec)
        if (low is not None and target < low) or (high is not None and target > high):
            at(
                path,
                (*loc, "target"),
                "milestone.target-range",
                f"target {target:g} is outside the valid range of `{indicator_id}` "
                f"({_span(low, high)}); check the target and the indicator's unit",
            )
        elif baseline is not None and baseline.value is not None:
            direction = spec.direction
            wrong = (direction is Direction.HIGHER_IS_BETTER and target < baseline.value) or (
                direction is Direction.LOWER_IS_BETTER and target > baseline.value
            )
            if wrong:
                better = "higher" if direction is Direction.HIGHER_IS_BETTER else "lower"
                at(
                    path,
                    (*loc, "target"),
                    "milestone.target-direction",
                    f"target {target:g} is in the wrong direction: `{indicator_id}` is better "
                    f"when {better}, but the baseline is {baseline.value:g}; check the target, "
                    "the baseline, or the indicator's `direction`",
                )


def _span(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g} to {high:g}"
    return f"at least {low:g}" if low is not None else f"at most {high:g}"
