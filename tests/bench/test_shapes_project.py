"""The benchmark's shape mix is a valid project with the shapes it claims: several measures,
five crossed breakdowns of about 9,000 rows, and local authorities on the shipped map."""

from __future__ import annotations

from pathlib import Path

import yaml
from benchmarks.shapes import write_shapes_project
from tests.conftest import run_cli


def test_the_shape_mix_checks_clean_and_has_every_shape(tmp_path: Path) -> None:
    project = write_shapes_project(tmp_path / "project", 24)
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    specs = [
        yaml.safe_load(p.read_text("utf-8"))
        for p in sorted((project / "data" / "indicators").glob("*.yml"))
    ]
    assert any(len(s.get("measures", [])) == 2 for s in specs)
    crossed = [s for s in specs if len(s.get("breakdowns", [])) == 5]
    assert crossed
    mapped = [s for s in specs if any(b.get("map") == "lad" for b in s.get("breakdowns", []))]
    assert mapped and len(mapped[0]["breakdowns"][0]["values"]) == 380
    rows = {
        p.stem: len(p.read_text("utf-8").splitlines()) - 1
        for p in (project / "data" / "indicators").glob("*.csv")
    }
    assert max(rows.values()) == 8992
