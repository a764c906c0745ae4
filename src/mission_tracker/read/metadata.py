"""Checks within one indicator's metadata: its breakdowns, ranges, series breaks, sources,
measures and statuses agree with themselves; and text is not too long to show."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from mission_tracker.model.base import STANDARD_COLUMNS
from mission_tracker.model.data import Marker, Missing
from mission_tracker.model.limits import Limits
from mission_tracker.model.periods import PeriodError, parse_period
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.yamlfile import KeyPath

if TYPE_CHECKING:
    from mission_tracker.read.crosscheck import Reporter, Specs


def check_metadata(spec: IndicatorSpec, path: str, at: Reporter) -> None:
    for i, brk in enumerate(spec.series_breaks):
        try:
            parse_period(brk.period, spec.period_type)
        except PeriodError as exc:
            at(path, ("series_breaks", i, "period"), "yaml.bad-period", f"series break {exc}")
    _check_sources(spec, path, at)
    _check_measures(spec, path, at)
    _check_statuses(spec, path, at)
    _check_breakdowns(spec, path, at)
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


def _check_sources(spec: IndicatorSpec, path: str, at: Reporter) -> None:
    if spec.source is None and not spec.sources:
        at(
            path,
            (),
            "yaml.missing-field",
            "missing required key `source` (where the figures come from); add a `source:` block "
            "with its publisher, release, url and retrieved date (or `sources:`, for several)",
        )
    elif spec.source is not None and spec.sources:
        at(
            path,
            ("sources",),
            "yaml.bad-value",
            "both `source` and `sources` are given; move the one under `source:` into the list "
            "under `sources:` (the first there is the main source)",
        )


def _check_measures(spec: IndicatorSpec, path: str, at: Reporter) -> None:
    ids = [m.id for m in spec.measures]
    for i, measure in enumerate(spec.measures):
        if measure.id in ids[:i]:
            at(
                path,
                ("measures", i, "id"),
                "yaml.duplicate-value",
                f"measure `{measure.id}` is declared twice; give each measure its own id",
            )
    if len(spec.measures) == 1:
        at(
            path,
            ("measures",),
            "yaml.bad-value",
            "`measures` declares only one measure; delete `measures:` (and the CSV's `measure` "
            "column): the indicator's own fields describe a single measure",
        )


def _check_statuses(spec: IndicatorSpec, path: str, at: Reporter) -> None:
    taken = {m.value for m in Missing} | {m.value for m in Marker}
    codes = [s.code for s in spec.statuses]
    for i, status in enumerate(spec.statuses):
        if status.code in taken:
            at(
                path,
                ("statuses", i, "code"),
                "yaml.bad-value",
                f"status `{status.code}` is a GSS shorthand already; choose another code",
            )
        elif status.code in codes[:i]:
            at(
                path,
                ("statuses", i, "code"),
                "yaml.duplicate-value",
                f"status `{status.code}` is declared twice; delete one",
            )


def _check_breakdowns(spec: IndicatorSpec, path: str, at: Reporter) -> None:
    seen: set[str] = set()
    for i, breakdown in enumerate(spec.breakdowns):
        values = [v.value for v in breakdown.values]
        for key in ("total", "default"):
            chosen = getattr(breakdown, key)
            if chosen is not None and chosen not in values:
                at(
                    path,
                    ("breakdowns", i, key),
                    "yaml.bad-value",
                    f"`{key}` of breakdown `{breakdown.column}` is `{chosen}`, which is not one of "
                    "its `values`; add it to them, or correct it",
                )
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


def check_lengths(specs: Specs, limits: Limits, at: Reporter) -> None:
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
