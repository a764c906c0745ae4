"""Downloads and feeds: CSV and JSON per indicator, the data package, the JSON index, the Atom
feed and the all-data zip. Pure functions from models and facts to bytes."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from mission_tracker.analyse.describe import headline_sentence
from mission_tracker.analyse.facts import Facts
from mission_tracker.model.data import Dataset, Indicator, Missing, Observation
from mission_tracker.read.config import Site
from mission_tracker.read.observations import OPTIONAL, REQUIRED, is_formula
from mission_tracker.site.addresses import indicator_url, mission_url
from mission_tracker.site.pages import chart_milestone, milestones_for


def neutralise(cell: str) -> str:
    """Make a cell that a spreadsheet would run as a formula inert, by prefixing an apostrophe
    (the convention spreadsheets themselves use for "this is text")."""
    return "'" + cell if is_formula(cell) else cell


def csv_columns(indicator: Indicator) -> list[str]:
    breakdowns = [b.column for b in indicator.spec.breakdowns]
    return [REQUIRED[0], *breakdowns, REQUIRED[1], *OPTIONAL]


def _csv_cell(text: str) -> str:
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def observation_cells(indicator: Indicator, o: Observation) -> list[str]:
    markers = "".join(sorted(m.value for m in o.markers))
    return [o.period.text, *o.series, o.text, markers, o.note]


def indicator_csv(indicator: Indicator) -> str:
    """The data as tidy CSV in the project's own format: it loads back to the same rows."""
    lines = [",".join(csv_columns(indicator))]
    for o in indicator.observations:
        cells = observation_cells(indicator, o)
        lines.append(",".join(_csv_cell(neutralise(c)) for c in cells))
    return "\n".join(lines) + "\n"


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


def indicator_json(site: Site, dataset: Dataset, facts: Facts, indicator: Indicator) -> str:
    f = facts.indicators[indicator.id]
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
            "markers": sorted(m.meaning for m in o.markers),
            "note": o.note,
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
                for m in milestones_for(facts, indicator.id)
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


def data_package(site: Site, dataset: Dataset) -> dict[str, Any]:
    """A Frictionless Data Package describing every CSV download with its Table Schema."""
    resources = []
    for indicator in sorted(dataset.indicators.values(), key=lambda i: i.id):
        spec = indicator.spec
        fields: list[dict[str, Any]] = [
            {
                "name": "period",
                "type": "string",
                "title": "Period",
                "description": f"A {spec.period_type.description}, written like "
                f"{spec.period_type.example}.",
                "constraints": {"required": True},
            }
        ]
        for b in spec.breakdowns:
            fields.append(
                {
                    "name": b.column,
                    "type": "string",
                    "title": b.label,
                    "description": "Blank in rows of the headline (total) series.",
                    "constraints": {"enum": ["", *[v.value for v in b.values]]},
                }
            )
        fields += [
            {
                "name": "value",
                "type": "number",
                "title": spec.measure,
                "description": "GSS shorthand marks values that are not given: "
                + "; ".join(f"{m.value} {m.meaning}" for m in Missing),
            },
            {
                "name": "marker",
                "type": "string",
                "description": "[p] provisional, [r] revised, [e] estimated, [u] low reliability",
                "constraints": {"pattern": r"(\[[preu]\])*"},
            },
            {"name": "note", "type": "string"},
        ]
        resources.append(
            {
                "name": indicator.id,
                "path": f"{indicator_url(indicator.id)}data.csv",
                "title": spec.title,
                "description": spec.summary,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "sources": [
                    {
                        "title": f"{spec.source.publisher}, {spec.source.release}",
                        "path": str(spec.source.url),
                    }
                ],
                "licenses": [
                    {
                        "name": spec.licence.value,
                        "title": spec.licence.full_name,
                        "path": spec.licence.url,
                    }
                ],
                "schema": {
                    "fields": fields,
                    "missingValues": [m.value for m in Missing],
                    "primaryKey": ["period", *[b.column for b in spec.breakdowns]],
                },
            }
        )
    licences = sorted({i.spec.licence for i in dataset.indicators.values()}, key=str)
    return {
        "profile": "tabular-data-package",
        "name": _slug(site.name),
        "title": f"{site.name}: indicator data",
        "homepage": site.url,
        "licenses": [
            {"name": lic.value, "title": lic.full_name, "path": lic.url} for lic in licences
        ],
        "resources": resources,
    }


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "data"


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


def _release_day(indicator: Indicator) -> date:
    return indicator.spec.source.release_date or indicator.spec.source.retrieved


def atom_feed(site: Site, dataset: Dataset, facts: Facts) -> str:
    """One entry per indicator release, newest first, from the metadata."""
    host = urlsplit(site.url).hostname or "localhost"
    indicators = sorted(
        dataset.indicators.values(), key=lambda i: (_release_day(i), i.id), reverse=True
    )
    updated = max((_release_day(i) for i in indicators), default=date(2000, 1, 1))
    entries = []
    for indicator in indicators:
        day = _release_day(indicator)
        f = facts.indicators[indicator.id]
        page = site.absolute(indicator_url(indicator.id))
        period = f" for {f.latest.period.long_label}" if f.latest else ""
        summary = headline_sentence(indicator, f, chart_milestone(facts, indicator.id))
        source = f"Source: {indicator.spec.source.publisher}, {indicator.spec.source.release}."
        entries.append(
            "  <entry>\n"
            f"    <id>tag:{host},{day.isoformat()}:{indicator.id}</id>\n"
            f"    <title>{escape(indicator.spec.title + ': figures' + period)}</title>\n"
            f"    <updated>{day.isoformat()}T00:00:00Z</updated>\n"
            f'    <link rel="alternate" type="text/html" href={quoteattr(page)}/>\n'
            f"    <summary>{escape(summary + ' ' + source)}</summary>\n"
            "  </entry>\n"
        )
    self_link = quoteattr(site.absolute("feed.xml"))
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"  <title>{escape(site.name)}: data updates</title>\n"
        f"  <id>{escape(site.absolute('feed.xml'))}</id>\n"
        f'  <link rel="self" type="application/atom+xml" href={self_link}/>\n'
        f'  <link rel="alternate" type="text/html" href={quoteattr(site.url)}/>\n'
        f"  <updated>{updated.isoformat()}T00:00:00Z</updated>\n"
        f"  <author><name>{escape(site.organisation or site.name)}</name></author>\n"
        + "".join(entries)
        + "</feed>\n"
    )


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
