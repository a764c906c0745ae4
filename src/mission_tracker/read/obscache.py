"""Parsed data files, cached by their text and the metadata they were checked against.

Reading a CSV checks every cell in Python: about 20 ms for a monthly series of 20 years split
by region, most of a rebuild's loading time. A data file that passed every check with no note
is stored as plain JSON (never pickle: a cache restored in CI must not be able to run code),
keyed by a digest of the CSV text, the indicator's metadata and the code that reads both, so an
entry is reused only for exactly the inputs that produced it (the store checks that an entry is
the one asked for). A file with any problem is read
afresh every time, so its messages always come from the checker itself.
"""

from __future__ import annotations

import json
from datetime import date

from mission_tracker.cache.fingerprint import modules_version
from mission_tracker.cache.store import Store, digest, dump_json
from mission_tracker.model.data import Missing, Observation
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.periods import Period, PeriodType
from mission_tracker.model.specs import IndicatorSpec

FORMAT = "3"  # bump when the entry layout changes
NAMESPACE = "observations"

Loaded = tuple[list[Observation], tuple[str, ...]]  # observations, the CSV header


class ObservationCache:
    """Observations in the store's `observations` namespace, one JSON entry per data file."""

    def __init__(self, store: Store, limits: Limits = DEFAULT_LIMITS) -> None:
        self.store = store
        self.limits = limits  # a file checked clean under looser limits is checked again

    def key(self, text: str, spec: IndicatorSpec) -> str | None:
        """None without a cache folder (`check` reads every file itself)."""
        if not self.store.enabled:
            return None
        code = modules_version("read.observations")
        return digest(FORMAT, code, repr(self.limits), spec.model_dump_json(), text)

    def get(self, key: str) -> Loaded | None:
        data = self.store.get(NAMESPACE, key)
        if data is None:
            return None
        try:
            return _decode(data.decode("utf-8"))
        except (ValueError, KeyError, TypeError, IndexError):
            return None  # not an observation list: the file is read again

    def put(self, key: str, loaded: Loaded) -> None:
        observations, columns = loaded
        entry = {"columns": list(columns), "rows": [_row(o) for o in observations]}
        try:
            data = dump_json(entry)
        except ValueError:
            return  # not exactly representable: not cached
        # Stored only if it reads back as exactly what was loaded.
        if _decode(data.decode("utf-8")) != loaded:
            return
        self.store.put(NAMESPACE, key, data)


def _decode(data: str) -> Loaded:
    """The observations and header from an entry's JSON text."""
    entry = json.loads(data)
    shared = _Shared()
    rows = [shared.observation(row) for row in entry["rows"]]
    return rows, tuple(entry["columns"])


def _row(o: Observation) -> list[object]:
    return [
        o.period.start.isoformat(),
        o.period.type.value,
        o.period.years,
        list(o.series),
        o.value,
        o.text,
        o.missing.value if o.missing is not None else None,
        sorted(o.markers),
        o.note,
        o.line,
        o.measure,
        o.date.isoformat() if o.date else None,
    ]


class _Shared:
    """Reads rows into observations, making each period, series and marker set once per file
    and sharing it (they are immutable): a monthly series split by region repeats every period
    once per region, and building them is most of the time a cached load takes."""

    def __init__(self) -> None:
        self.periods: dict[tuple[str, str, int], Period] = {}
        self.series: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.markers: dict[tuple[str, ...], frozenset[str]] = {}

    def observation(self, row: list[object]) -> Observation:
        start, kind, years, series, value, text, missing, markers, note, line, measure, day = row
        if not (
            isinstance(start, str)
            and isinstance(kind, str)
            and isinstance(years, int)
            and isinstance(measure, str)
            and (day is None or isinstance(day, str))
            and isinstance(series, list)
            and isinstance(text, str)
            and (missing is None or isinstance(missing, str))
            and isinstance(markers, list)
            and isinstance(note, str)
            and isinstance(line, int)
            and (value is None or isinstance(value, int | float))
        ):
            raise TypeError("not an observation")
        period = self.periods.get((start, kind, years))
        if period is None:
            period = Period(date.fromisoformat(start), PeriodType(kind), years)
            self.periods[(start, kind, years)] = period
        key = tuple(str(s) for s in series)
        codes = tuple(str(m) for m in markers)
        return Observation(
            period=period,
            series=self.series.setdefault(key, key),
            value=float(value) if value is not None else None,
            text=text,
            missing=Missing(missing) if missing is not None else None,
            markers=self.markers.setdefault(codes, frozenset(codes)),
            note=note,
            line=line,
            measure=measure,
            date=date.fromisoformat(day) if day is not None else None,
        )
