"""The data as loaded: observations, indicators and missions, checked and ready to analyse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from mission_tracker.model.measures import Measure, measures_of
from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.periods import Period, PeriodError, parse_period
from mission_tracker.model.specs import IndicatorSpec


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
MarkerCode = str  # as the marker column writes it: a GSS marker ("[p]") or a declared status
# Markers that mean the figure may change: drawn as hollow points.
TENTATIVE = frozenset({Marker.PROVISIONAL.value, Marker.ESTIMATED.value})


@dataclass(frozen=True)
class Observation:
    period: Period
    series: SeriesKey
    value: float | None
    text: str  # the value cell as written (a number, or a Missing shorthand)
    missing: Missing | None = None
    markers: frozenset[MarkerCode] = frozenset()
    note: str = ""
    line: int = 0
    measure: str = ""  # which measure, for an indicator with several
    date: dt.date | None = None  # tells apart several observations in one period

    @property
    def tentative(self) -> bool:
        return bool(self.markers & TENTATIVE)


@dataclass(frozen=True)
class Indicator:
    id: str
    spec: IndicatorSpec
    observations: tuple[Observation, ...]
    columns: tuple[str, ...] = ()  # the CSV header, in the editor's order

    @cached_property
    def measures(self) -> list[Measure]:
        """Its measures, the headline measure first (one, for most indicators)."""
        return measures_of(self.spec)

    @property
    def headline_measure(self) -> Measure:
        return self.measures[0]

    def measure(self, measure_id: str) -> Measure:
        return next((m for m in self.measures if m.id == measure_id), self.measures[0])

    # Worked out once, on first use: pages and charts ask for each series many times, and
    # filtering every observation for each of thousands of series would grow with their square.
    @cached_property
    def _by_series(self) -> dict[tuple[str, SeriesKey], list[Observation]]:
        grouped: dict[tuple[str, SeriesKey], list[Observation]] = {}
        for o in self.observations:
            grouped.setdefault((o.measure, o.series), []).append(o)
        return grouped

    def rows(self, measure_id: str = "") -> list[Observation]:
        """Every observation of one measure."""
        return [o for o in self.observations if o.measure == measure_id]

    def series_keys(self, measure_id: str = "") -> list[SeriesKey]:
        """Every series of a measure, headline first, then breakdowns in declared order."""
        keys = [key for m, key in self._by_series if m == measure_id]
        return sorted(keys, key=self.spec.series_rank)

    def series(self, key: SeriesKey, measure_id: str = "") -> list[Observation]:
        return list(self._by_series.get((measure_id, key), ()))

    @property
    def headline_key(self) -> SeriesKey:
        """The series of the total rows: every breakdown at its total."""
        return self.spec.headline_key

    def headline_of(self, measure_id: str) -> list[Observation]:
        """A measure's headline series; empty for an indicator that declares it has none."""
        if self.spec.no_headline is not None:
            return []
        return self.series(self.headline_key, measure_id)

    @property
    def headline(self) -> list[Observation]:
        """The headline measure's headline series."""
        return self.headline_of(self.headline_measure.id)

    def is_headline(self, o: Observation) -> bool:
        return o.series == self.headline_key and self.spec.no_headline is None

    def series_label(self, key: SeriesKey) -> str:
        if key == self.headline_key:
            return "All"
        labels, totals = self.spec.value_labels, self.headline_key
        return ", ".join(labels[i].get(v, v) for i, v in enumerate(key) if v != totals[i])

    def marker_meaning(self, code: MarkerCode) -> str:
        """What a marker means: a GSS marker's meaning, or the status the YAML declares."""
        declared = {s.code: s.meaning for s in self.spec.statuses}
        if code in declared:
            return declared[code]
        gss = {m.value: m.meaning for m in Marker}
        return gss.get(code, code)

    @property
    def break_codes(self) -> frozenset[MarkerCode]:
        """Declared statuses that mark a break in the series."""
        return frozenset(s.code for s in self.spec.statuses if s.breaks_series)

    def breaks(self, measure: Measure) -> list[tuple[Period, str]]:
        """Where a measure's series is not comparable across (the first period after each
        break) and why: the declared `series_breaks`, and rows marked with a status that
        breaks the series. Sorted, each period once."""
        found: dict[Period, str] = {}
        for brk in self.spec.series_breaks:
            try:
                found.setdefault(parse_period(brk.period, measure.period_type), brk.reason)
            except PeriodError:
                continue  # a period of another measure's type, or reported by `check`
        meanings = {s.code: s.meaning for s in self.spec.statuses if s.breaks_series}
        for o in self.rows(measure.id):
            for code in sorted(o.markers & meanings.keys()):
                found.setdefault(o.period, meanings[code])
        return sorted(found.items())


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
    _place: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def indicators_of(self, mission_id: str) -> Sequence[Indicator]:
        """A mission's indicators, A to Z by title."""
        self._group()
        return self._by_mission.get(mission_id, ())

    def place_in_mission(self, indicator_id: str) -> int:
        """Where an indicator comes in its mission's `indicators_of`, from 0."""
        self._group()
        return self._place[indicator_id]

    def _group(self) -> None:
        # Grouped once (every page asks), and again only if indicators were added since.
        if len(self._by_mission_of) == len(self.indicators):
            return
        self._by_mission.clear()
        self._place.clear()
        for indicator in sorted(self.indicators.values(), key=lambda i: i.spec.title):
            group = self._by_mission.setdefault(indicator.spec.mission, [])
            self._place[indicator.id] = len(group)
            group.append(indicator)
        self._by_mission_of.clear()
        self._by_mission_of.update(self.indicators)

    def missions_in_order(self) -> list[Mission]:
        return sorted(self.missions.values(), key=lambda m: (m.spec.order, m.id))
