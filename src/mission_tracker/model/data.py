"""The data as loaded: observations, indicators and missions, checked and ready to analyse."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

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

    def series_keys(self) -> list[SeriesKey]:
        """Every series present, headline first, then breakdowns in declared order."""
        return sorted({o.series for o in self.observations}, key=self.spec.series_rank)

    def series(self, key: SeriesKey) -> list[Observation]:
        return [o for o in self.observations if o.series == key]

    @property
    def headline_key(self) -> SeriesKey:
        return ("",) * len(self.spec.breakdowns)

    @property
    def headline(self) -> list[Observation]:
        return [o for o in self.observations if o.is_headline]

    def series_label(self, key: SeriesKey) -> str:
        if not any(key):
            return "All"
        labels = {b.column: {v.value: v.display for v in b.values} for b in self.spec.breakdowns}
        parts = [
            labels[b.column].get(v, v) for b, v in zip(self.spec.breakdowns, key, strict=True) if v
        ]
        return ", ".join(parts)


@dataclass(frozen=True)
class Mission:
    id: str
    spec: MissionSpec


@dataclass
class Dataset:
    missions: dict[str, Mission] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)

    def indicators_of(self, mission_id: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.spec.mission == mission_id]

    def missions_in_order(self) -> list[Mission]:
        return sorted(self.missions.values(), key=lambda m: (m.spec.order, m.id))
