"""An indicator's chart specs in the store, keyed by everything they are made from.

Building a spec with Altair takes a tenth of a second or more per chart (Altair validates and
deep-copies as it goes); reading one back takes about a millisecond. The key covers the
indicator's two data files (the loaded indicator is a function of them alone), the milestone
facts drawn on its chart, its address, and the code that makes specs (the modules that
charts/specs.py imports, with the versions of the packages they use), so an entry is only ever
reused for exactly the inputs and code that made it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel

from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.analyse.numbers import current_locale
from mission_tracker.cache.fingerprint import modules_version
from mission_tracker.cache.store import Store, digest, dump_json
from mission_tracker.charts.chart import Chart
from mission_tracker.model.data import Indicator
from mission_tracker.model.maps import Boundaries

FORMAT = "3"  # bump when the entry layout changes
NAMESPACE = "specs"

# An indicator, the milestone drawn on it, its address and the maps its breakdowns are drawn on.
Wanted = tuple[Indicator, MilestoneFacts | None, str, dict[str, Boundaries]]


class Uncacheable(TypeError):
    """An input the key cannot describe exactly; the charts are built afresh."""


def canonical(value: object, indicator_id: str) -> object:
    """A JSON-able form that two equal inputs share and two different inputs never do."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Indicator):
        if value.id != indicator_id:
            raise Uncacheable(f"milestone facts refer to another indicator, {value.id}")
        return {"indicator": value.id}  # its content is in the key through its files
    if isinstance(value, BaseModel):
        return {type(value).__name__: value.model_dump(mode="json")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            type(value).__name__: {
                f.name: canonical(getattr(value, f.name), indicator_id)
                for f in dataclasses.fields(value)
            }
        }
    if isinstance(value, Enum):
        return [type(value).__name__, canonical(value.value, indicator_id)]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [canonical(v, indicator_id) for v in value]
    if isinstance(value, frozenset | set):
        items = [canonical(v, indicator_id) for v in value]
        return {"set": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, dict):
        return {str(k): canonical(v, indicator_id) for k, v in sorted(value.items())}
    raise Uncacheable(f"cannot fingerprint a {type(value).__name__}")


def spec_key(sources: tuple[bytes, ...], wanted: Wanted) -> str | None:
    """The key of an indicator's specs, from the bytes of its data files; None when an input
    cannot be described exactly (then nothing is cached)."""
    indicator, milestone, address, maps = wanted
    try:
        facts = json.dumps(canonical(milestone, indicator.id), sort_keys=True, ensure_ascii=False)
    except Uncacheable:
        return None
    # The code that makes a spec: the chart builders and the loader that reads the files.
    code = modules_version("charts.specs", "read.load", "charts.speccache")
    drawn_on = [f"{m.id}:{m.digest}" for _, m in sorted(maps.items())]
    # The locale writes every figure in the specs (axis labels, descriptions, tooltips).
    locale = current_locale()
    return digest(FORMAT, code, indicator.id, address, locale, *sources, facts, *drawn_on)


def get_charts(store: Store, key: str | None) -> list[Chart] | None:
    if key is None:
        return None
    entry = store.get_json(NAMESPACE, key)
    try:
        charts = [
            Chart(
                c["kind"],
                c["spec"],
                c["title"],
                c["subtitle"],
                tuple(c["footer"]),
                c["stem"],
                c["heading"],
                c["measure"],
                c["column"],
                c["view"],
                c["inline"],
                tuple(c["options"]),
            )
            for c in entry["charts"]
        ]
    except (KeyError, TypeError):
        return None  # not a chart list: built again
    return charts or None


def put_charts(store: Store, key: str | None, charts: list[Chart]) -> None:
    if key is None:
        return
    entry: dict[str, Any] = {
        "charts": [
            {
                "kind": c.kind,
                "title": c.title,
                "subtitle": c.subtitle,
                "footer": list(c.footer),
                "spec": c.spec,
                "stem": c.stem,
                "heading": c.heading,
                "measure": c.measure,
                "column": c.column,
                "view": c.view,
                "inline": c.inline,
                "options": list(c.options),
            }
            for c in charts
        ],
    }
    try:
        data = dump_json(entry)
    except (TypeError, ValueError):
        return
    # A spec that does not survive the round trip (a tuple, a NaN) is not cached.
    back = json.loads(data)["charts"]
    if [(c["spec"], c["options"]) for c in back] != [(c.spec, list(c.options)) for c in charts]:
        return
    store.put(NAMESPACE, key, data)
