"""Map boundaries: the areas a breakdown of area codes is drawn on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MapSettings:
    """A map as mkdocs.yml declares it under `extra.maps`."""

    id: str
    file: str  # GeoJSON, relative to the project folder
    code: str  # the property holding each area's code, e.g. LAD16CD
    name: str  # the property holding each area's name, e.g. LAD16NM
    title: str  # what the boundaries are, e.g. "Local authority districts (December 2016)"
    attribution: str  # the credit the boundaries' licence asks for


@dataclass(frozen=True)
class Boundaries:
    id: str
    title: str
    attribution: str
    features: tuple[dict[str, Any], ...]  # GeoJSON features, each with `code` and `name`
    digest: str  # of the file they were read from: charts drawn on them are keyed by it

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(str(f["properties"]["code"]) for f in self.features)
