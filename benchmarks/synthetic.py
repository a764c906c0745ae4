"""A synthetic Mission Tracker project of any size, deterministic from a seed.

The project is a copy of the repository's inputs (the five shipped missions, the hand-written
docs and mkdocs.yml) with the shipped indicators replaced by N synthetic ones in the same CSV
and YAML format, valid for `mission-tracker check`. Shapes follow real statistics: monthly
series of 20 years, quarterly and annual ones, some split by a breakdown of 3 to 8 values,
provisional last figures, gaps, series breaks and milestones on some.
"""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from mission_tracker.write import GENERATED

ROOT = Path(__file__).resolve().parent.parent
# Written by `mission-tracker build`; a fresh project must not start with them.
GENERATED_DOCS = {p for p in GENERATED if "/" not in p}
GENERATED_ASSETS = {p.removeprefix("assets/") for p in GENERATED if p.startswith("assets/")}

MISSIONS = ("growth", "nhs", "clean-energy", "safer-streets", "opportunity")
TOPICS = {
    "growth": ("business investment", "exports", "productivity", "new homes", "wages"),
    "nhs": ("waiting times", "cancer referrals", "ambulance response", "GP appointments"),
    "clean-energy": ("wind generation", "heat pumps", "grid connections", "solar capacity"),
    "safer-streets": ("burglary", "knife crime", "neighbourhood officers", "court backlog"),
    "opportunity": ("school readiness", "apprenticeships", "attendance", "childcare places"),
}
BREAKDOWN_VALUES = (
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
UNITS = ("percent", "count", "rate", "gbp")
LAST_YEAR = 2024


@dataclass(frozen=True)
class Shape:
    period_type: str
    periods: list[str]  # as written in the CSV, oldest first


def _shape(rng: random.Random) -> Shape:
    """Monthly (20 years), quarterly or annual, in roughly the mix official statistics have."""
    roll = rng.random()
    if roll < 0.35:
        start = LAST_YEAR - 19
        months = [f"{y}-{m:02d}" for y in range(start, LAST_YEAR + 1) for m in range(1, 13)]
        return Shape("month", months[: len(months) - rng.randrange(0, 6)])
    if roll < 0.6:
        start = LAST_YEAR - rng.randrange(10, 30)
        quarters = [f"{y} Q{q}" for y in range(start, LAST_YEAR + 1) for q in range(1, 5)]
        return Shape("quarter", quarters[: len(quarters) - rng.randrange(0, 3)])
    if roll < 0.85:
        start = LAST_YEAR - rng.randrange(10, 45)
        return Shape("year", [str(y) for y in range(start, LAST_YEAR + 1)])
    start = LAST_YEAR - rng.randrange(8, 30)
    return Shape("financial_year", [f"{y}/{(y + 1) % 100:02d}" for y in range(start, LAST_YEAR)])


def _series(rng: random.Random, n: int, unit: str) -> list[float]:
    """A random walk with a trend and (for long series) a seasonal wave."""
    level = {"percent": rng.uniform(20, 80), "rate": rng.uniform(1, 50)}.get(
        unit, rng.uniform(1_000, 2_000_000)
    )
    trend = rng.uniform(-0.004, 0.006)
    values = []
    for i in range(n):
        level *= 1 + trend + rng.gauss(0, 0.01)
        season = 1 + (0.02 * math.sin(i * math.pi / 6) if n > 100 else 0)
        v = level * season
        values.append(min(max(v, 0.5), 99.5) if unit == "percent" else v)
    return values


def _number(value: float, unit: str) -> str:
    return f"{value:.1f}" if unit in ("percent", "rate") else f"{round(value)}"


@dataclass
class Synthetic:
    id: str
    mission: str
    spec: dict[str, Any]
    csv: str
    headline: list[tuple[str, float | None]]  # (period, value) of the headline series


def synthetic_indicator(seed: int, index: int) -> Synthetic:
    rng = random.Random(f"{seed}-{index}")
    mission = MISSIONS[index % len(MISSIONS)]
    topic = rng.choice(TOPICS[mission])
    indicator_id = f"synthetic-{index:05d}"
    unit = rng.choice(UNITS)
    shape = _shape(rng)
    n = len(shape.periods)
    breakdown_values = (
        sorted(rng.sample(BREAKDOWN_VALUES, rng.randrange(3, 9))) if rng.random() < 0.3 else []
    )
    # Gaps (a missing month) and a provisional latest figure, as in real releases.
    gap = rng.randrange(n) if rng.random() < 0.2 else -1
    provisional = rng.random() < 0.5
    header = ["period", *(["region"] if breakdown_values else []), "value", "marker"]
    rows = [",".join(header)]
    headline_values = _series(rng, n, unit)
    headline: list[tuple[str, float | None]] = []
    for i, (period, value) in enumerate(zip(shape.periods, headline_values, strict=True)):
        marker = "[p]" if provisional and i == n - 1 else ""
        cells = [_quote(period), *([""] if breakdown_values else [])]
        if i == gap:
            rows.append(",".join([*cells, "[x]", ""]))
            headline.append((period, None))
        else:
            text = _number(value, unit)
            rows.append(",".join([*cells, text, marker]))
            headline.append((period, float(text)))
        for j, region in enumerate(breakdown_values):
            factor = 0.7 + 0.6 * j / max(len(breakdown_values) - 1, 1)
            scaled = value * factor * (1 + rng.gauss(0, 0.02))
            if unit == "percent":
                scaled = min(max(scaled, 0.5), 99.5)
            rows.append(",".join([_quote(period), _quote(region), _number(scaled, unit), marker]))
    spec: dict[str, Any] = {
        "title": f"{topic.capitalize()} ({index})",
        "mission": mission,
        "summary": f"A synthetic series about {topic}, made up for the build benchmark.",
        "measure": f"Synthetic measure of {topic}, {shape.period_type.replace('_', ' ')}",
        "geography": "England",
        "unit": unit,
        "decimals": 1 if unit in ("percent", "rate") else 0,
        "direction": rng.choice(("higher_is_better", "lower_is_better", "neutral")),
        "period_type": shape.period_type,
        "source": {
            "publisher": "Office for Synthetic Statistics",
            "release": f"Synthetic release {index}",
            "url": f"https://example.org/statistics/{indicator_id}",
            "release_date": date(LAST_YEAR + 1, 1 + index % 12, 1 + index % 28).isoformat(),
            "retrieved": date(LAST_YEAR + 1, 1 + index % 12, 1 + index % 28).isoformat(),
        },
        "licence": "OGL-3.0",
        "caveats": ["These figures are made up for the benchmark."],
    }
    if unit == "rate":
        spec["unit_label"] = "per 100,000 population"
    if breakdown_values:
        spec["breakdowns"] = [
            {
                "column": "region",
                "label": "Region",
                "values": [{"value": v} for v in breakdown_values],
            }
        ]
    if n > 20 and rng.random() < 0.1:
        spec["series_breaks"] = [
            {"period": shape.periods[n // 2], "reason": "The survey method changed."}
        ]
    return Synthetic(indicator_id, mission, spec, "\n".join(rows) + "\n", headline)


def _quote(text: str) -> str:
    return f'"{text}"' if "," in text else text


def _deadline(period_type: str) -> date:
    return date(LAST_YEAR + 4, 3, 31)


def _milestone_for(indicator: Synthetic, milestone_id: str, title: str) -> dict[str, Any]:
    """A level milestone on an indicator: baseline inside its data, target the right way."""
    known = [(p, v) for p, v in indicator.headline if v is not None]
    period, value = known[len(known) * 3 // 4]
    better_up = indicator.spec["direction"] != "lower_is_better"
    target = value * (1.15 if better_up else 0.85)
    if indicator.spec["unit"] == "percent":
        target = min(target, 99.0)
        if better_up and target < value:  # a baseline near 100%: halve the gap instead
            target = value + (100 - value) / 2
    target = round(target, 1)
    return {
        "id": milestone_id,
        "title": title,
        "metric": indicator.spec["measure"],
        "indicator": indicator.id,
        "target": target,
        "target_text": f"{target:g}",
        "deadline": _deadline(indicator.spec["period_type"]),
        "baseline": {"value": value, "period": period},
        "citation": {
            "publisher": "Office for Synthetic Statistics",
            "title": "Synthetic milestones",
            "url": "https://example.org/milestones",
        },
    }


def _missions(indicators: list[Synthetic], seed: int) -> dict[str, dict[str, Any]]:
    """The shipped missions, their milestones moved onto synthetic indicators, plus a synthetic
    milestone on about one indicator in ten."""
    rng = random.Random(f"{seed}-missions")
    out = {}
    for mission in MISSIONS:
        doc = yaml.safe_load((ROOT / "data" / "missions" / f"{mission}.yml").read_text("utf-8"))
        mine = [i for i in indicators if i.mission == mission]
        milestones = []
        for k, milestone in enumerate(doc.get("milestones", [])):
            if milestone.get("indicator"):
                if not mine:
                    milestone.pop("indicator")
                    milestone.pop("baseline", None)
                else:
                    target = mine[k % len(mine)]
                    kept = {k: milestone[k] for k in ("id", "title", "reported") if k in milestone}
                    made = _milestone_for(target, milestone["id"], milestone["title"])
                    milestone = {**made, **kept}
            milestones.append(milestone)
        for indicator in mine:
            if rng.random() < 0.1:
                milestones.append(
                    _milestone_for(
                        indicator, f"{indicator.id}-milestone", f"Improve {indicator.spec['title']}"
                    )
                )
        doc["milestones"] = milestones
        out[mission] = doc
    return out


def write_project(dest: Path, n: int, seed: int = 1) -> Path:
    """Write a buildable project with `n` synthetic indicators into `dest` (made empty)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=_ignore_generated)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "data").mkdir()
    if (ROOT / "data" / "LICENSE.md").is_file():
        shutil.copy(ROOT / "data" / "LICENSE.md", dest / "data" / "LICENSE.md")
    indicators = [synthetic_indicator(seed, i) for i in range(n)]
    folder = dest / "data" / "indicators"
    folder.mkdir(parents=True)
    for indicator in indicators:
        (folder / f"{indicator.id}.csv").write_text(indicator.csv, "utf-8")
        (folder / f"{indicator.id}.yml").write_text(_dump(indicator.spec, "indicator"), "utf-8")
    (dest / "data" / "missions").mkdir()
    for mission, doc in _missions(indicators, seed).items():
        (dest / "data" / "missions" / f"{mission}.yml").write_text(_dump(doc, "mission"), "utf-8")
    return dest


def write_shipped(dest: Path) -> Path:
    """A copy of the shipped site's project: its data, maps, hand-written pages and settings."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=_ignore_generated)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "maps", dest / "maps")
    return dest


def change_one_csv(project: Path, seed: int, step: int) -> Path:
    """Revise the latest figure of one indicator (a new vintage), as an editor would."""
    paths = sorted((project / "data" / "indicators").glob("*.csv"))
    path = paths[random.Random(f"{seed}-change").randrange(len(paths))]
    lines = path.read_text("utf-8").splitlines()
    header = lines[0].split(",")
    value_at = header.index("value")
    for row in range(len(lines) - 1, 0, -1):
        cells = lines[row].split(",")
        try:
            number = float(cells[value_at])
        except ValueError:
            continue
        decimal = "." in cells[value_at]
        cells[value_at] = f"{number + step:.1f}" if decimal else str(int(number) + step)
        lines[row] = ",".join(cells)
        break
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def _ignore_generated(folder: str, names: list[str]) -> list[str]:
    here = Path(folder)
    if here == ROOT / "docs":
        return [n for n in names if n in GENERATED_DOCS]
    if here == ROOT / "docs" / "assets":
        return [n for n in names if n in GENERATED_ASSETS]
    return []


def _dump(doc: dict[str, Any], kind: str) -> str:
    schema = f"# yaml-language-server: $schema=../../docs/schema/{kind}.schema.json\n"
    return schema + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
