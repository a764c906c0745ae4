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
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.cache.fingerprint import modules_version
from mission_tracker.charts import specs as chartlib
from mission_tracker.charts.render import IN_PROCESS, Renderer
from mission_tracker.charts.specs import Chart
from mission_tracker.model.data import Indicator
from mission_tracker.write import atomic_write

FORMAT = "1"  # bump when the entry layout changes


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
    # The code that makes a spec: the chart builders and the loader that reads the files.
    digest = hashlib.sha256(
        modules_version("charts.specs", "read.load", "charts.speccache").encode() + b"\0"
    )
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

    def charts_for_all(
        self, data_dir: Path, wanted: list[Wanted], renderer: Renderer
    ) -> list[list[Chart]]:
        """Charts for many indicators. Those not cached are built in the renderer's worker
        processes, each rendered (into the render cache) as soon as it is built, so Altair and
        vl-convert keep every core busy on a cold build."""
        keys = [self.key(data_dir, *w) for w in wanted]
        found = [self.get(k) for k in keys]
        todo = [i for i, f in enumerate(found) if f is None]
        if renderer.cache_dir is not None and renderer.workers > 1 and len(todo) > IN_PROCESS:
            jobs = [(*wanted[i], renderer.cache_dir) for i in todo]
            with renderer.pool(len(todo)) as pool:
                for i, (made, rendered) in zip(
                    todo, pool.map(_build_and_render, jobs), strict=True
                ):
                    self.put(keys[i], made)
                    renderer.rendered.update(rendered)
                    found[i] = made
        for i in todo:
            if found[i] is None:
                made = chartlib.charts(*wanted[i])
                self.put(keys[i], made)
                found[i] = made
        return [f for f in found if f is not None]

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
        atomic_write(path, data)

    def _path(self, key: str | None) -> Path | None:
        if self.folder is None or key is None:
            return None
        return self.folder / key[:2] / f"{key}.json"


Wanted = tuple[Indicator, MilestoneFacts | None, str]  # indicator, milestone drawn, address


def _build_and_render(
    job: tuple[Indicator, MilestoneFacts | None, str, Path],
) -> tuple[list[Chart], set[str]]:
    """In a worker: an indicator's charts, rendered into the cache; (charts, keys rendered)."""
    indicator, milestone, address, cache_dir = job
    made = chartlib.charts(indicator, milestone, address)
    renderer = Renderer(cache_dir, workers=1)
    renderer.render_all([c.spec for c in made])
    return made, renderer.rendered
