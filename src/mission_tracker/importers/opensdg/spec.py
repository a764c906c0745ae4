"""One indicator's YAML, as a mapping in the order the model declares its keys (so the file
reads like one an editor wrote, and every import writes it the same way)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mission_tracker.importers.opensdg.breakdowns import Plan
from mission_tracker.importers.opensdg.measures import Measure
from mission_tracker.importers.opensdg.metadata import Fields
from mission_tracker.importers.opensdg.statuses import DeclaredStatus
from mission_tracker.model.specs import Direction

_STATUS_WORDS = {
    "notstarted": "not started",
    "inprogress": "in progress",
    "notapplicable": "not applicable",
}


@dataclass(frozen=True)
class Links:
    mission: str
    related: list[str]
    vintage: str | None


def indicator_yaml(
    fields: Fields,
    links: Links,
    measures: list[Measure],
    plan: Plan,
    statuses: list[DeclaredStatus],
) -> dict[str, Any]:
    first = measures[0]
    subtitle = first.graph_title.title if len(measures) == 1 and first.graph_title else None
    data: dict[str, Any] = {
        "title": fields.title,
        "mission": links.mission,
        "summary": fields.summary,
        "measure": subtitle or fields.measure,
        "geography": fields.geography,
        "unit": first.unit,
        # Open SDG has no direction: no judgement is made on whether a rise is good.
        "direction": Direction.NEUTRAL.value,
        "period_type": first.period_type.value,
    }
    if fields.frequency:
        data["frequency"] = fields.frequency
    if len(measures) > 1:
        data["measures"] = [_measure(m, first) for m in measures]
    if plan.columns:
        data["breakdowns"] = plan.blocks()
    if plan.no_headline:
        data["no_headline"] = plan.no_headline
    if statuses:
        data["statuses"] = [_status(s) for s in sorted(statuses, key=lambda s: s.code)]
    sources = [
        _source(s, licence)
        for s, licence in zip(fields.sources, fields.source_licences, strict=True)
    ]
    if len(sources) == 1:
        data["source"] = sources[0]
    else:
        data["sources"] = sources
    data["licence"] = fields.licence
    if fields.next_update:
        data["next_update"] = fields.next_update
    caveats = list(fields.caveats)
    status = _STATUS_WORDS.get(fields.status.replace("_", "").lower())
    if status:
        caveats.append(
            f"The source marks reporting on this indicator as {status} "
            f"(reporting_status: {fields.status})."
        )
    if caveats:
        data["caveats"] = caveats
    if fields.proxy:
        data["proxy"] = fields.proxy
    if links.vintage:
        data["vintage"] = links.vintage
    if links.related:
        data["related"] = links.related
    return data


def _measure(measure: Measure, first: Measure) -> dict[str, Any]:
    block: dict[str, Any] = {"id": measure.id, "title": measure.title}
    if measure.unit != first.unit:
        block["unit"] = measure.unit
    if measure.period_type is not first.period_type:
        block["period_type"] = measure.period_type.value
    return block


def _status(status: DeclaredStatus) -> dict[str, Any]:
    block: dict[str, Any] = {"code": status.code, "meaning": status.meaning}
    if status.breaks_series:
        block["breaks_series"] = True
    return block


def _source(source: dict[str, Any], licence: object) -> dict[str, Any]:
    block = dict(source)
    if licence is not None:
        block["licence"] = licence
    return block
