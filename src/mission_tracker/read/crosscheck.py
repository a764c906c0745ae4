"""Checks that need more than one file: references between missions and indicators, ids that
must be unique, and milestones that must agree with their indicator.

They run over every spec that could be read, whether or not its data loaded, and treat a file
that exists but has mistakes as existing, so one broken file causes no misleading echo.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from mission_tracker.model.base import id_problem
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.measures import measures_of
from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.periods import PeriodError, parse_period
from mission_tracker.model.problems import Problem
from mission_tracker.model.specs import Direction, IndicatorSpec
from mission_tracker.read.metadata import check_lengths, check_metadata
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
    maps: frozenset[str] | None = None  # the maps mkdocs.yml declares (None: not checked)


class Reporter:
    """Places a problem at the YAML line of the key it is about."""

    def __init__(self, docs: dict[str, YamlDocument]) -> None:
        self.docs = docs
        self.problems: list[Problem] = []

    def __call__(self, path: str, loc: KeyPath, code: str, message: str) -> None:
        doc = self.docs.get(path)
        line, column = doc.where(loc, value=True) if doc else (1, 1)
        self.problems.append(Problem(path, line, column, message, code))


def cross_check(specs: Specs, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    at = Reporter(specs.docs)
    check_lengths(specs, limits, at)
    old_ids: dict[str, str] = {}
    for indicator_id in sorted(specs.indicators):
        path = f"{specs.prefix}/indicators/{indicator_id}.yml"
        spec = specs.indicators[indicator_id]
        _check_references(specs, indicator_id, spec, path, old_ids, at)
        _check_maps(specs, spec, path, at)
        check_metadata(spec, path, at)

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


def _check_maps(specs: Specs, spec: IndicatorSpec, path: str, at: Reporter) -> None:
    if specs.maps is None:
        return
    for i, breakdown in enumerate(spec.breakdowns):
        if breakdown.map is not None and breakdown.map not in specs.maps:
            known = ", ".join(f"`{m}`" for m in sorted(specs.maps)) or "none"
            at(
                path,
                ("breakdowns", i, "map"),
                "ref.unknown-map",
                f"map `{breakdown.map}` is not declared in mkdocs.yml under `extra.maps` (the "
                f"maps declared: {known}); declare it there with its boundary file",
            )


def _suggest(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_references(
    specs: Specs,
    indicator_id: str,
    spec: IndicatorSpec,
    path: str,
    old_ids: dict[str, str],
    at: Reporter,
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


def _check_milestone(specs: Specs, mission: MissionSpec, i: int, path: str, at: Reporter) -> None:
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
    measures = {m.id: m for m in measures_of(spec)}
    measure = measures.get(milestone.measure or "", measures_of(spec)[0])
    if milestone.measure is not None and milestone.measure not in measures:
        at(
            path,
            (*loc, "measure"),
            "ref.unknown-measure",
            (
                f"measure `{milestone.measure}` is not one of `{indicator_id}`'s measures"
                + _suggest(milestone.measure, [m for m in measures if m])
                if spec.measures
                else f"`{indicator_id}` has one measure (its YAML declares no `measures:`); "
                "delete `measure:`"
            ),
        )
    baseline = milestone.baseline
    baseline_period = None
    if baseline is not None and baseline.period is not None:
        try:
            baseline_period = parse_period(baseline.period, measure.period_type)
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
        low, high = measure.low, measure.high
        if (low is not None and target < low) or (high is not None and target > high):
            at(
                path,
                (*loc, "target"),
                "milestone.target-range",
                f"target {target:g} is outside the valid range of `{indicator_id}` "
                f"({_span(low, high)}); check the target and the indicator's unit",
            )
        elif baseline is not None and baseline.value is not None:
            direction = measure.direction
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
