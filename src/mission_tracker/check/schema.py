"""JSON Schemas for the YAML files, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from typing import Any

from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.specs import IndicatorSpec

SCHEMA_DIR = "docs/schema"


def json_schema(model: type[IndicatorSpec] | type[MissionSpec], name: str) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{name}.schema.json",
        **schema,
    }


def schema_files() -> dict[str, str]:
    out = {}
    for model, name in ((IndicatorSpec, "indicator"), (MissionSpec, "mission")):
        text = json.dumps(json_schema(model, name), indent=2, sort_keys=True, ensure_ascii=False)
        out[f"{SCHEMA_DIR}/{name}.schema.json"] = text + "\n"
    return out
