"""Which mission each indicator goes under: its goal (`goal-1` to `goal-17`, in the UN's
words, shipped in goals.yml), or the mission a missions file gives it.

A missions file is YAML:

    missions:
      child-poverty:            # a mission id, and its definition as data/missions/<id>.yml
        name: ...
        statement: ...
        order: 1
        lead: ...
        citation: {publisher: ..., title: ..., url: ...}
    indicators:
      1-2-1: child-poverty      # an Open SDG id (or the imported id, sdg-1-2-1) -> mission id

An indicator the file does not list is not imported, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pydantic
import yaml

from mission_tracker.model.base import ID_PATTERN, id_problem
from mission_tracker.model.missions import MissionSpec


class MissionsFileError(Exception):
    """The missions file cannot be used; the message says why and how to fix it."""


@dataclass(frozen=True)
class Missions:
    definitions: dict[str, dict[str, Any]]  # mission id -> its YAML, in the model's key order
    assigned: dict[str, str]  # Open SDG id or imported id -> mission id (empty: by goal)
    by_goal: bool
    unassigned: str  # why an indicator has no mission

    def mission_of(self, source_id: str, number: str) -> str | None:
        if not self.by_goal:
            return self.assigned.get(source_id) or self.assigned.get(f"sdg-{source_id}")
        m = re.match(r"^(?:archived-)?(\d+)\b", number) or re.match(
            r"^(?:archived-)?(\d+)\b", source_id
        )
        goal = f"goal-{int(m[1])}" if m else ""
        return goal if goal in self.definitions else None


def goal_missions() -> Missions:
    text = (
        resources.files("mission_tracker.importers.opensdg")
        .joinpath("goals.yml")
        .read_text("utf-8")
    )
    data = yaml.safe_load(text)
    definitions: dict[str, dict[str, Any]] = {}
    for number, title in data["goals"].items():
        statement = title + "."
        footnote = data.get("footnotes", {}).get(number)
        if footnote:
            statement = f"{title} ({footnote[0].lower()}{footnote[1:].rstrip('.')})."
        definitions[f"goal-{number}"] = {
            "name": f"Goal {number}: {title}",
            "short_name": f"Goal {number}",
            "statement": statement,
            "order": int(number),
            "lead": data["lead"],
            "citation": dict(data["citation"]),
        }
    return Missions(
        definitions, {}, by_goal=True, unassigned="its number names no goal from 1 to 17"
    )


def read_missions_file(path: Path) -> Missions:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise MissionsFileError(f"cannot read the missions file {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise MissionsFileError(f"the missions file {path} is not YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("missions"), dict):
        raise MissionsFileError(
            f"the missions file {path} needs a `missions:` mapping of mission ids to their "
            "definitions, and an `indicators:` mapping of indicator ids to mission ids"
        )
    definitions: dict[str, dict[str, Any]] = {}
    for mission_id, definition in data["missions"].items():
        mission_id = str(mission_id)
        problem = _id_problem(mission_id)
        if problem:
            raise MissionsFileError(f"{path}: mission id {mission_id!r} {problem}")
        try:
            spec = MissionSpec.model_validate(definition)
        except pydantic.ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise MissionsFileError(
                f"{path}: mission {mission_id!r}: `{where}`: {first['msg']}"
            ) from None
        definitions[mission_id] = spec.model_dump(mode="json", exclude_defaults=True)
    assigned_raw = data.get("indicators") or {}
    if not isinstance(assigned_raw, dict):
        raise MissionsFileError(f"{path}: `indicators:` must map indicator ids to mission ids")
    assigned = {str(k): str(v) for k, v in assigned_raw.items()}
    unknown = sorted({v for v in assigned.values() if v not in definitions})
    if unknown:
        raise MissionsFileError(
            f"{path}: `indicators:` names missions that `missions:` does not define: "
            + ", ".join(unknown)
        )
    return Missions(
        definitions, assigned, by_goal=False, unassigned="the missions file gives it no mission"
    )


def _id_problem(text: str) -> str | None:
    if not ID_PATTERN.fullmatch(text):
        return "is not an id (lower-case letters, digits and single hyphens)"
    reason = id_problem(text)
    return f"cannot be used: {reason}" if reason else None
