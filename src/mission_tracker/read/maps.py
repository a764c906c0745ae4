"""Map boundaries from the project's own files: GeoJSON as mkdocs.yml declares it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from mission_tracker.model.maps import Boundaries, MapSettings
from mission_tracker.model.problems import Problem
from mission_tracker.read.files import read_project_file
from mission_tracker.read.layout import CONFIG


def read_boundaries(
    root: Path, maps: tuple[MapSettings, ...]
) -> tuple[dict[str, Boundaries], list[Problem]]:
    """Each declared map's areas, with its code and name; problems for a file that is missing,
    a link, not GeoJSON, or without the declared properties."""
    found: dict[str, Boundaries] = {}
    problems: list[Problem] = []
    for settings in maps:
        data = read_project_file(root, settings.file)
        where = f"`extra.maps.{settings.id}.file`"
        if data is None:
            problems.append(
                _problem(
                    f"{where} is {settings.file!r}, which is not a plain file "
                    "in the project; add the boundary file there"
                )
            )
            continue
        try:
            features = _features(json.loads(data), settings)
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(
                _problem(f"{settings.file} cannot be read as the map's boundaries: {exc}")
            )
            continue
        found[settings.id] = Boundaries(
            settings.id,
            settings.title,
            settings.attribution,
            features,
            hashlib.sha256(data + settings.code.encode() + settings.name.encode()).hexdigest(),
        )
    return found, problems


def _features(geojson: object, settings: MapSettings) -> tuple[dict[str, object], ...]:
    if not isinstance(geojson, dict) or geojson.get("type") != "FeatureCollection":
        raise ValueError("it is not a GeoJSON FeatureCollection")
    out: list[dict[str, object]] = []
    for feature in geojson["features"]:
        properties = feature["properties"]
        if settings.code not in properties or settings.name not in properties:
            raise ValueError(
                f"a feature has no `{settings.code}` or `{settings.name}` property (the `code` "
                "and `name` the map declares)"
            )
        out.append(
            {
                "type": "Feature",
                "properties": {
                    "code": str(properties[settings.code]),
                    "name": str(properties[settings.name]),
                },
                "geometry": _wound(feature["geometry"]),
            }
        )
    return tuple(out)


def _wound(geometry: dict[str, Any]) -> dict[str, Any]:
    """The geometry with each outer ring clockwise and each hole anticlockwise, as the map
    drawing expects (it treats rings on the sphere, so a ring wound the other way is
    everything outside the area: one such polygon covers the whole map). GeoJSON files are
    wound either way in practice; the same file in gives the same map out."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": kind, "coordinates": _polygon(geometry["coordinates"])}
    if kind == "MultiPolygon":
        return {"type": kind, "coordinates": [_polygon(p) for p in geometry["coordinates"]]}
    return geometry


def _polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [
        ring if (_signed_area(ring) < 0) == (i == 0) else ring[::-1] for i, ring in enumerate(rings)
    ]


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the ring's area in longitude and latitude, negative when it runs clockwise (plane
    geometry is close enough for areas far smaller than a hemisphere)."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))


def _problem(message: str) -> Problem:
    return Problem(CONFIG, 1, 1, message, "config.map")
