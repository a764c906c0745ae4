"""An indicator's chart specs, cached by a fingerprint of everything they are made from.

Building a spec with Altair takes a tenth of a second or more per chart (Altair validates and
deep-copies as it goes); reading one back takes about a millisecond. The fingerprint covers the
indicator's two data files (the loaded indicator is a function of them alone), the milestone
facts drawn on its chart, its address, and the generator itself (every source file of this
package, its templates and fonts, and the Altair and vl-convert versions), so an entry is
only ever reused for exactly the inputs and code that made it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tempfile
from datetime import date
from enum import Enum
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import charts as chartlib
from .analyse import MilestoneFacts
from .charts import Chart
from .models import Indicator

FORMAT = "1"  # bump when the entry layout changes


@cache
def generator_version() -> str:
    """A digest of the code and assets that turn data into charts and pages."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(FORMAT.encode())
    for name in ("altair", "vl-convert-python", "pydantic"):
        digest.update(f"{name}={metadata.version(name)}\0".encode())
    files = [p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


class Uncacheable(TypeError):
    """An input the fingerprint cannot describe exactly; the charts are built afresh."""


def _canonical(value: object, indicator_id: str) -> object:
    """A JSON-able form that two equal inputs share and two different inputs never do."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Indicator):
        if value.id != indicator_id:
            raise Uncacheable(f"milestone facts refer to another indicator, {value.id}")
        return {"indicator": value.id}  # its content is fingerprinted by its files
    if isinstance(value, BaseModel):
        return {type(value).__name__: value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            type(value).__name__: {
                f.name: _canonical(getattr(value, f.name), indicator_id)
                for f in dataclasses.fields(value)
            }
        }
    if isinstance(value, Enum):
        return [type(value).__name__, _canonical(value.value, indicator_id)]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_canonical(v, indicator_id) for v in value]
    if isinstance(value, frozenset | set):
        items = [_canonical(v, indicator_id) for v in value]
        return {"set": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        return {str(k): _canonical(v, indicator_id) for k, v in sorted(value.items())}
    raise Uncacheable(f"cannot fingerprint a {type(value).__name__}")


def indicator_sources(data_dir: Path, indicator_id: str) -> tuple[Path, ...]:
    """The files an indicator is loaded from (see load.py)."""
    folder = data_dir / "indicators"
    return folder / f"{indicator_id}.yml", folder / f"{indicator_id}.csv"


def fingerprint(
    sources: tuple[Path, ...], indicator: Indicator, milestone: MilestoneFacts | None, address: str
) -> str:
    digest = hashlib.sha256(generator_version().encode() + b"\0")
    digest.update(indicator.id.encode() + b"\0" + address.encode() + b"\0")
    for path in sources:
        data = path.read_bytes()  # OSError: no fingerprint, so no cache
        digest.update(f"{path.name}:{len(data)}\0".encode())
        digest.update(hashlib.sha256(data).digest())
    facts = _canonical(milestone, indicator.id)
    digest.update(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


class ChartStore:
    """Chart specs on disk under `folder/specs`, one JSON file per indicator fingerprint."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder / "specs" if folder is not None else None
        self.hits = 0
        self.misses = 0

    def key(
        self,
        data_dir: Path,
        indicator: Indicator,
        milestone: MilestoneFacts | None,
        address: str,
    ) -> str | None:
        if self.folder is None:
            return None
        try:
            sources = indicator_sources(data_dir, indicator.id)
            return fingerprint(sources, indicator, milestone, address)
        except (OSError, Uncacheable):
            return None

    def charts(
        self,
        data_dir: Path,
        indicator: Indicator,
        milestone: MilestoneFacts | None,
        address: str,
    ) -> list[Chart]:
        """The indicator's charts, from the cache or built (and then cached)."""
        key = self.key(data_dir, indicator, milestone, address)
        found = self.get(key)
        if found is not None:
            return found
        made = chartlib.charts(indicator, milestone, address)
        self.put(key, made)
        return made

    def get(self, key: str | None) -> list[Chart] | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            entry = json.loads(path.read_bytes())
            charts = [
                Chart(c["kind"], c["spec"], c["title"], c["subtitle"], tuple(c["footer"]))
                for c in entry["charts"]
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing, partial or corrupt: built again
        if entry.get("key") != key or not charts:
            return None
        self.hits += 1
        return charts

    def put(self, key: str | None, charts: list[Chart]) -> None:
        path = self._path(key)
        self.misses += 1
        if path is None:
            return
        entry: dict[str, Any] = {
            "key": key,
            "charts": [
                {
                    "kind": c.kind,
                    "title": c.title,
                    "subtitle": c.subtitle,
                    "footer": list(c.footer),
                    "spec": c.spec,
                }
                for c in charts
            ],
        }
        data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # A spec that does not survive the round trip (a tuple, a NaN) is not cached.
        if [c["spec"] for c in json.loads(data)["charts"]] != [c.spec for c in charts]:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _path(self, key: str | None) -> Path | None:
        if self.folder is None or key is None:
            return None
        return self.folder / key[:2] / f"{key}.json"
