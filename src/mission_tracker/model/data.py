"""The data as loaded: observations, indicators and missions, checked and ready to analyse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mission_tracker.model.periods import Period
from mission_tracker.model.specs import IndicatorSpec, MissionSpec


class Missing(StrEnum):
    """GSS shorthand for a value that is not given (never drawn, never treated as zero)."""

    NOT_AVAILABLE = "[x]"
    CONFIDENTIAL = "[c]"
    NOT_APPLICABLE = "[z]"
    LOW = "[low]"
    LOW_RELIABILITY = "[u]"

    @property
    def meaning(self) -> str:
        return _MISSING[self]


_MISSING = {
    Missing.NOT_AVAILABLE: "not available",
    Missing.CONFIDENTIAL: "confidential (withheld to protect confidentiality)",
    Missing.NOT_APPLICABLE: "not applicable",
    Missing.LOW: "less than half the final digit shown (rounds to zero, but is not zero)",
    Missing.LOW_RELIABILITY: "withheld as too unreliable to publish",
}


class Marker(StrEnum):
    """GSS shorthand qualifying a published value."""

    PROVISIONAL = "[p]"
    REVISED = "[r]"
    ESTIMATED = "[e]"
    LOW_RELIABILITY = "[u]"

    @property
    def meaning(self) -> str:
        return _MARKERS[self]


_MARKERS = {
    Marker.PROVISIONAL: "provisional",
    Marker.REVISED: "revised",
    Marker.ESTIMATED: "estimated",
    Marker.LOW_RELIABILITY: "low reliability",
}

SeriesKey = tuple[str, ...]  # breakdown values in declared order; "" where blank


@dataclass(frozen=True)
class Observation:
    period: Period
    series: SeriesKey
    value: float | None
    text: str  # the value cell as written (a number, or a Missing shorthand)
    missing: Missing | None = None
    markers: frozenset[Marker] = frozenset()
    note: str = ""
    line: int = 0

    @property
    def is_headline(self) -> bool:
        return not any(self.series)


@dataclass(frozen=True)
class Indicator:
    id: str
    spec: IndicatorSpec
    observations: tuple[Observation, ...]
    columns: tuple[str, ...] = ()  # the CSV header, in the editor's order

    # Worked out once, on first use: pages and charts ask for each series many times, and
    # filtering every observation for each of thousands of series would grow with their square.
    @cached_property
    def _by_series(self) -> dict[SeriesKey, list[Observation]]:
        grouped: dict[SeriesKey, list[Observation]] = {}
        for o in self.observations:
            grouped.setdefault(o.series, []).append(o)
        return grouped

    def series_keys(self) -> list[SeriesKey]:
        """Every series present, headline first, then breakdowns in declared order."""
        return sorted(self._by_series, key=self.spec.series_rank)

    def series(self, key: SeriesKey) -> list[Observation]:
        return list(self._by_series.get(key, ()))

    @property
    def headline_key(self) -> SeriesKey:
        return ("",) * len(self.spec.breakdowns)

    @property
    def headline(self) -> list[Observation]:
        return self.series(self.headline_key)

    def series_label(self, key: SeriesKey) -> str:
        if not any(key):
            return "All"
        labels = self.spec.value_labels
        return ", ".join(labels[i].get(v, v) for i, v in enumerate(key) if v)


@dataclass(frozen=True)
class Mission:
    id: str
    spec: MissionSpec


@dataclass
class Dataset:
    missions: dict[str, Mission] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    _by_mission: dict[str, list[Indicator]] = field(default_factory=dict, repr=False, compare=False)
    _by_mission_of: dict[str, Indicator] = field(default_factory=dict, repr=False, compare=False)

    def indicators_of(self, mission_id: str) -> Sequence[Indicator]:
        """A mission's indicators, A to Z by title."""
        if len(self._by_mission_of) != len(self.indicators):
            # Grouped once (every page asks), and again only if indicators were added since.
            self._by_mission.clear()
            for indicator in sorted(self.indicators.values(), key=lambda i: i.spec.title):
                self._by_mission.setdefault(indicator.spec.mission, []).append(indicator)
            self._by_mission_of.clear()
            self._by_mission_of.update(self.indicators)
        return self._by_mission.get(mission_id, ())

    def missions_in_order(self) -> list[Mission]:
        return sorted(self.missions.values(), key=lambda m: (m.spec.order, m.id))
