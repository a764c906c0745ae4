"""Parsed data files, cached by their text and the metadata they were checked against.

Reading a CSV checks every cell in Python: about 20 ms for a monthly series of 20 years split
by region, most of a rebuild's loading time. A data file that passed every check with no note
is stored as plain JSON (never pickle: a cache restored in CI must not be able to run code),
keyed by a digest of the CSV text, the indicator's metadata and the code that reads both, so an
entry is reused only for exactly the inputs that produced it. A file with any problem is read
afresh every time, so its messages always come from the checker itself.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from mission_tracker.cache.fingerprint import modules_version
from mission_tracker.model.data import Marker, Missing, Observation
from mission_tracker.model.periods import Period, PeriodType
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.write import atomic_write

FORMAT = "1"  # bump when the entry layout changes

Loaded = tuple[list[Observation], tuple[str, ...]]  # observations, the CSV header


class ObservationCache:
    """Observations on disk under `folder/observations`, one JSON file per key."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "observations" if folder is not None else None

    def key(self, text: str, spec: IndicatorSpec) -> str | None:
        """None without a cache folder (`check` reads every file itself)."""
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{FORMAT}\0{modules_version('read.observations')}\0".encode())
        digest.update(spec.model_dump_json().encode() + b"\0")
        digest.update(text.encode())
        return digest.hexdigest()

    def get(self, key: str) -> Loaded | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            found, loaded = _decode(path.read_text("utf-8"))
            return loaded if found == key else None
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None  # missing, partial or corrupt: the file is read again

    def put(self, key: str, loaded: Loaded) -> None:
        path = self._path(key)
        if path is None:
            return
        observations, columns = loaded
        entry = {"key": key, "columns": list(columns), "rows": [_row(o) for o in observations]}
        try:
            data = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except ValueError:
            return  # not exactly representable: not cached
        # Stored only if it reads back as exactly what was loaded.
        if _decode(data) != (key, loaded):
            return
        atomic_write(path, data.encode("utf-8"))

    def _path(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / key[:2] / f"{key}.json"


def _decode(data: str) -> tuple[str, Loaded]:
    """(key, loaded) from an entry's JSON text."""
    entry = json.loads(data)
    rows = [_observation(row) for row in entry["rows"]]
    return str(entry["key"]), (rows, tuple(entry["columns"]))


def _row(o: Observation) -> list[object]:
    return [
        o.period.start.isoformat(),
        o.period.type.value,
        list(o.series),
        o.value,
        o.text,
        o.missing.value if o.missing is not None else None,
        sorted(m.value for m in o.markers),
        o.note,
        o.line,
    ]


def _observation(row: list[object]) -> Observation:
    start, kind, series, value, text, missing, markers, note, line = row
    if not (
        isinstance(start, str)
        and isinstance(kind, str)
        and isinstance(series, list)
        and isinstance(text, str)
        and (missing is None or isinstance(missing, str))
        and isinstance(markers, list)
        and isinstance(note, str)
        and isinstance(line, int)
        and (value is None or isinstance(value, int | float))
    ):
        raise TypeError("not an observation")
    return Observation(
        period=Period(date.fromisoformat(start), PeriodType(kind)),
        series=tuple(str(s) for s in series),
        value=float(value) if value is not None else None,
        text=text,
        missing=Missing(missing) if missing is not None else None,
        markers=frozenset(Marker(str(m)) for m in markers),
        note=note,
        line=line,
    )
