"""Downloads and feeds: CSV and JSON per indicator, the data package, the JSON index, the Atom
feed and the all-data zip. Pure functions from models and facts to bytes."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import date
from typing import Any

from mission_tracker.analyse.facts import Facts, IndicatorFacts, MilestoneFacts
from mission_tracker.model.base import DATE, MARKER, MEASURE, NOTE, PERIOD, VALUE
from mission_tracker.model.data import Dataset, Indicator, Observation
from mission_tracker.read.cells import is_formula
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url, mission_url


def neutralise(cell: str) -> str:
    """Make a cell that a spreadsheet would run as a formula inert, by prefixing an apostrophe
    (the convention spreadsheets themselves use for "this is text")."""
    return "'" + cell if is_formula(cell) else cell


def csv_columns(indicator: Indicator) -> list[str]:
    """The download's columns: those of the project's own format that this indicator uses."""
    dated = any(o.date for o in indicator.observations)
    return [c for c in indicator.spec.csv_columns if c != DATE or dated]


def observation_cells(indicator: Indicator, o: Observation, columns: list[str]) -> list[str]:
    """One row of the download, in `columns` (csv_columns of the indicator, worked out once)."""
    cells = {
        PERIOD: o.period.text,
        MEASURE: o.measure,
        **{b.column: v for b, v in zip(indicator.spec.breakdowns, o.series, strict=True)},
        VALUE: o.text,
        MARKER: "".join(sorted(o.markers)),
        NOTE: o.note,
        DATE: o.date.isoformat() if o.date else "",
    }
    return [cells[c] for c in columns]


def indicator_csv(indicator: Indicator) -> str:
    """The data as tidy CSV in the project's own format: it loads back to the same rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = csv_columns(indicator)
    writer.writerow(columns)
    writer.writerows(
        [neutralise(c) for c in observation_cells(indicator, o, columns)]
        for o in indicator.observations
    )
    return out.getvalue()


def _json(data: dict[str, Any]) -> str:
    """JSON a person can read and diff: a key per line, a list item (an observation, an
    indicator) per line. Each piece is written by json's C encoder (an indent would switch to
    the pure-Python one, several times slower on a long series)."""
    parts = []
    for key in sorted(data):
        value = data[key]
        if isinstance(value, list) and value:
            items = ",\n  ".join(_compact(item) for item in value)
            parts.append(f" {_compact(key)}: [\n  {items}\n ]")
        else:
            parts.append(f" {_compact(key)}: {_compact(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def indicator_json(
    site: Site,
    indicator: Indicator,
    f: IndicatorFacts,
    milestones: Iterable[MilestoneFacts],
) -> str:
    """`data.json`: the data, the metadata, the latest figure (`f`, the headline measure's
    facts) and the milestones set on the indicator."""
    breakdowns = [b.column for b in indicator.spec.breakdowns]
    observations = [
        {
            "period": o.period.text,
            "period_label": o.period.label,
            "start": o.period.start.isoformat(),
            "end": o.period.end.isoformat(),
            "breakdowns": {k: v for k, v in zip(breakdowns, o.series, strict=True) if v},
            "value": o.value,
            "value_as_published": o.text,
            "missing": o.missing.meaning if o.missing else None,
            "markers": sorted(indicator.marker_meaning(m) for m in o.markers),
            "note": o.note,
            **({"measure": o.measure} if o.measure else {}),
            **({"date": o.date.isoformat()} if o.date else {}),
        }
        for o in indicator.observations
    ]
    return _json(
        {
            "id": indicator.id,
            "address": site.absolute(indicator_url(indicator.id)),
            "metadata": indicator.spec.model_dump(mode="json", exclude_none=True),
            "latest": _latest(f),
            "milestones": [
                {"id": m.milestone.id, "status": m.status.value, "reason": m.reason}
                for m in milestones
            ],
            "observations": observations,
        }
    )


def _latest(f: Any) -> dict[str, Any] | None:
    if f.latest is None:
        return None
    return {
        "period": f.latest.period.text,
        "value": f.latest.value,
        "headline": f.headline,
        "trend": f.change.trend.value,
        "change": f.change.sentence,
    }


def index_json(site: Site, dataset: Dataset, facts: Facts) -> str:
    missions = []
    for mission in dataset.missions_in_order():
        missions.append(
            {
                "id": mission.id,
                "name": mission.spec.name,
                "address": site.absolute(mission_url(mission.id)),
                "indicators": sorted(i.id for i in dataset.indicators_of(mission.id)),
                "milestones": [
                    {
                        "id": m.milestone.id,
                        "title": m.milestone.title,
                        "status": m.status.value,
                        "reason": m.reason,
                        "indicator": m.milestone.indicator,
                    }
                    for m in facts.milestones.get(mission.id, [])
                ],
            }
        )
    indicators = []
    for indicator in sorted(dataset.indicators.values(), key=lambda i: i.id):
        page = site.absolute(indicator_url(indicator.id))
        indicators.append(
            {
                "id": indicator.id,
                "title": indicator.spec.title,
                "mission": indicator.spec.mission,
                "address": page,
                "latest": _latest(facts.indicators[indicator.id]),
                "csv": page + "data.csv",
                "json": page + "data.json",
            }
        )
    return _json({"site": site.name, "missions": missions, "indicators": indicators})


def all_data_zip(files: dict[str, bytes], stamp: date) -> bytes:
    """A zip with fixed timestamps and sorted entries, so the same data give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()
