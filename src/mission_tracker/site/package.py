"""The Frictionless Data Package: every CSV download described with its Table Schema, so that
`frictionless validate` (and any tool that reads data packages) knows each column's meaning."""

from __future__ import annotations

from typing import Any

from mission_tracker.model.base import DATE, MARKER, MEASURE, NOTE, PERIOD, VALUE
from mission_tracker.model.data import Dataset, Indicator, Marker, Missing
from mission_tracker.model.licences import LicenceTerms
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url
from mission_tracker.site.downloads import csv_columns


def data_package(site: Site, dataset: Dataset) -> dict[str, Any]:
    """A Frictionless Data Package describing every CSV download with its Table Schema."""
    licences = sorted(
        {terms for i in dataset.indicators.values() for terms in i.spec.licences},
        key=lambda terms: terms.name,
    )
    return {
        "profile": "tabular-data-package",
        "name": _slug(site.name),
        "title": f"{site.name}: indicator data",
        "homepage": site.url,
        "licenses": [_licence(lic) for lic in licences],
        "resources": [
            _resource(i) for i in sorted(dataset.indicators.values(), key=lambda i: i.id)
        ],
    }


def _licence(terms: LicenceTerms) -> dict[str, str]:
    return {"name": terms.name, "title": terms.full_name, "path": terms.url}


def _resource(indicator: Indicator) -> dict[str, Any]:
    """One indicator's CSV download, described as a tabular data resource."""
    spec = indicator.spec
    return {
        "name": indicator.id,
        "path": f"{indicator_url(indicator.id)}data.csv",
        "title": spec.title,
        "description": spec.summary,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "sources": [
            {"title": f"{s.publisher}, {s.release}", "path": str(s.url)} for s in spec.all_sources
        ],
        "licenses": [_licence(terms) for terms in spec.licences],
        "schema": _schema(indicator),
    }


def _schema(indicator: Indicator) -> dict[str, Any]:
    spec = indicator.spec
    schema: dict[str, Any] = {
        "fields": _fields(indicator),
        "missingValues": [m.value for m in Missing],
    }
    columns = csv_columns(indicator)
    if DATE not in columns:  # with dates, several rows share a period: no key without them
        measured = [MEASURE] if MEASURE in columns else []
        schema["primaryKey"] = [PERIOD, *measured, *[b.column for b in spec.breakdowns]]
    return schema


def _fields(indicator: Indicator) -> list[dict[str, Any]]:
    """The Table Schema of an indicator's CSV, column by column in the download's order."""
    spec = indicator.spec
    columns = csv_columns(indicator)
    period = {
        "name": PERIOD,
        "type": "string",
        "title": "Period",
        "description": "; ".join(
            dict.fromkeys(
                f"A {m.period_type.description}, written like {m.period_type.example}"
                for m in indicator.measures
            )
        )
        + ".",
        "constraints": {"required": True},
    }
    measure = [
        {
            "name": MEASURE,
            "type": "string",
            "title": "Measure",
            "description": "; ".join(f"{m.id}: {m.title}" for m in indicator.measures),
            "constraints": {"required": True, "enum": [m.id for m in indicator.measures]},
        }
    ]
    breakdowns = [
        {
            "name": b.column,
            "type": "string",
            "title": b.label,
            "description": f"`{b.total}` in rows of the total series."
            if b.total
            else "Blank in rows of the headline (total) series.",
            "constraints": {"enum": ([] if b.total else [""]) + [v.value for v in b.values]},
        }
        for b in spec.breakdowns
    ]
    value = {
        "name": VALUE,
        "type": "number",
        "title": spec.measure,
        "description": "GSS shorthand marks values that are not given: "
        + "; ".join(f"{m.value} {m.meaning}" for m in Missing),
    }
    codes = [m.value for m in Marker] + [s.code for s in spec.statuses]
    marker = {
        "name": MARKER,
        "type": "string",
        "description": ", ".join(f"{code} {indicator.marker_meaning(code)}" for code in codes),
        "constraints": {"pattern": "(" + "|".join(_pattern(code) for code in codes) + ")*"},
    }
    date = {
        "name": DATE,
        "type": "date",
        "description": "The day of an observation, where a period has several.",
    }
    fields: dict[str, dict[str, Any]] = {
        PERIOD: period,
        MEASURE: measure[0],
        VALUE: value,
        MARKER: marker,
        DATE: date,
        NOTE: {"name": NOTE, "type": "string"},
    }
    fields.update({str(b["name"]): b for b in breakdowns})
    return [fields[c] for c in columns]


def _pattern(code: str) -> str:
    return code.replace("[", "\\[").replace("]", "\\]")


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-") or "data"
