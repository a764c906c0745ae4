"""The shape mix: the synthetic project with the shapes real releases come in.

Of every four synthetic indicators, one is left as it is and the others become, in turn:
several measures (a rate and a count), a breakdown crossed by five dimensions (about 9,000
rows), and a local-authority breakdown drawn on the shipped ONS boundaries (380 areas over ten
years). The figures are made up, as in synthetic.py; only their shapes are real.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

from .synthetic import BREAKDOWN_VALUES, ROOT, write_project

MAP_ID = "lad"
BOUNDARIES = ROOT / "maps" / "lad-2016-gb.geojson"
CROSSED = (
    ("sex", "Sex", ("Female", "Male")),
    ("age", "Age", ("16 to 24", "25 to 34", "35 to 49", "50 to 64", "65 and over")),
    ("region", "Region", BREAKDOWN_VALUES),  # the plain mix's regions
    ("tenure", "Tenure", ("Owner occupied", "Private rented", "Social rented")),
    ("disability", "Disability", ("Disabled", "Not disabled")),
)


def write_shapes_project(dest: Path, n: int, seed: int = 1) -> Path:
    """The synthetic project of `n` indicators, three in four of them reshaped."""
    project = write_project(dest, n, seed)
    shutil.copytree(ROOT / "maps", project / "maps")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    maps = (
        "  maps:\n"
        f"    {MAP_ID}:\n"
        "      file: maps/lad-2016-gb.geojson\n"
        "      code: LAD16CD\n"
        "      name: LAD16NM\n"
        "      title: Local authority districts (December 2016), Great Britain\n"
        '      attribution: "Contains OS data © Crown copyright and database right 2016."\n'
    )
    config.write_text(text.replace("extra:\n", "extra:\n" + maps, 1), "utf-8")
    areas = _areas()
    folder = project / "data" / "indicators"
    # Indicators that milestones are judged on keep their shape (and their baselines' periods).
    judged = {
        m.get("indicator")
        for path in (project / "data" / "missions").glob("*.yml")
        for m in yaml.safe_load(path.read_text("utf-8")).get("milestones", [])
    }
    free = [p for p in sorted(folder.glob("*.yml")) if p.stem not in judged]
    for i, yml in enumerate(free):
        kind = i % 4
        if kind == 0:
            continue
        spec = yaml.safe_load(yml.read_text("utf-8"))
        rng = random.Random(f"{seed}-shape-{i}")
        spec["period_type"] = "year"
        spec.pop("series_breaks", None)
        spec.pop("breakdowns", None)
        if kind == 1:
            rows = _measures(spec, _years(10), rng)
        elif kind == 2:
            rows = _crossed(spec, _years(16), rng)
        else:
            rows = _local(spec, _years(10), areas, rng)
        yml.write_text(_dump(spec), "utf-8")
        yml.with_suffix(".csv").write_text("\n".join(rows) + "\n", "utf-8")
    return project


def _years(n: int) -> list[str]:
    return [str(y) for y in range(2025 - n, 2025)]


def _areas() -> list[tuple[str, str]]:
    features = json.loads(BOUNDARIES.read_text("utf-8"))["features"]
    return sorted((f["properties"]["LAD16CD"], f["properties"]["LAD16NM"]) for f in features)


def _measures(spec: dict[str, Any], years: list[str], rng: random.Random) -> list[str]:
    spec["unit"] = "count"
    spec["decimals"] = 0
    spec.pop("unit_label", None)
    spec["measures"] = [
        {"id": "count", "title": "Number of cases"},
        {
            "id": "rate",
            "title": "Rate per 100,000 people",
            "unit": {"kind": "rate", "per": 100000, "decimals": 1},
        },
    ]
    rows = ["period,measure,value"]
    for year in years:
        count = rng.randrange(20_000, 90_000)
        rows += [f"{year},count,{count}", f"{year},rate,{count / 560:.1f}"]
    return rows


def _crossed(spec: dict[str, Any], years: list[str], rng: random.Random) -> list[str]:
    """Each of the five breakdowns with the others at their total, and sex by age by region by
    tenure by disability in full: 562 series, about 9,000 rows over 16 years, as a large survey
    table has."""
    spec["breakdowns"] = [
        {"column": c, "label": label, "values": [{"value": v} for v in values]}
        for c, label, values in CROSSED
    ]
    columns = [c for c, _, _ in CROSSED]
    rows = ["period," + ",".join(columns) + ",value"]
    keys: list[tuple[str, ...]] = [("",) * len(columns)]
    for position, (_, _, values) in enumerate(CROSSED):
        keys += [tuple(v if i == position else "" for i in range(len(columns))) for v in values]
    for sex in CROSSED[0][2]:
        for age in CROSSED[1][2]:
            for region in CROSSED[2][2]:
                for tenure in CROSSED[3][2]:
                    keys += [(sex, age, region, tenure, d) for d in CROSSED[4][2]]
    for year in years:
        for key in keys:
            rows.append(f"{year},{','.join(key)},{_value(spec, rng)}")
    return rows


def _local(
    spec: dict[str, Any], years: list[str], areas: list[tuple[str, str]], rng: random.Random
) -> list[str]:
    spec["breakdowns"] = [
        {
            "column": "area",
            "label": "Local authority",
            "map": MAP_ID,
            "values": [{"value": code, "label": name} for code, name in areas],
        }
    ]
    rows = ["period,area,value"]
    for year in years:
        rows.append(f"{year},,{_value(spec, rng)}")
        rows += [f"{year},{code},{_value(spec, rng)}" for code, _ in areas]
    return rows


def _value(spec: dict[str, Any], rng: random.Random) -> str:
    if spec["unit"] == "percent":
        return f"{rng.uniform(5, 95):.1f}"
    if spec["unit"] in ("rate",):
        return f"{rng.uniform(1, 50):.1f}"
    return str(rng.randrange(100, 100_000))


def _dump(doc: dict[str, Any]) -> str:
    schema = "# yaml-language-server: $schema=../../docs/schema/indicator.schema.json\n"
    return schema + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
