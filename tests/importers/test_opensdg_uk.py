"""The whole of the UK's Open SDG data, imported and checked, when a copy is on this machine
(/work/shared/open-sdg-uk, or OPEN_SDG_UK); skipped otherwise. Rows are counted here on their
own, with the csv module, and must match the importer's accounts file by file."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.importers.conftest import run_import

from mission_tracker.importers.opensdg.run import ImportResult
from mission_tracker.model.problems import errors

UK = Path(os.environ.get("OPEN_SDG_UK", "/work/shared/open-sdg-uk"))
ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (UK / "data").is_dir(), reason=f"no Open SDG copy at {UK}"),
]


MKDOCS = """site_name: UK SDG data
extra:
  maps:
    lad-2016:
      file: maps/lad-2016.geojson
      code: LAD16CD
      name: LAD16NM
      title: Local authority districts (December 2016), Great Britain
      attribution: "Source: Office for National Statistics licensed under the Open Government
        Licence v.3.0. Contains OS data © Crown copyright and database right 2016."
"""


@pytest.fixture(scope="module")
def uk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    """A project that declares the source's local authority boundaries as map `lad-2016`."""
    project = tmp_path_factory.mktemp("uk")
    (project / "maps").mkdir()
    shutil.copyfile(next((UK / "geojsons").glob("*.geojson")), project / "maps/lad-2016.geojson")
    (project / "mkdocs.yml").write_text(MKDOCS, "utf-8")
    return project, run_import(UK, project)


def count_rows(path: Path) -> int:
    text = path.read_bytes().decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    return len(rows) - 1


def test_every_row_of_every_file_is_accounted_for(uk: tuple[Path, ImportResult]) -> None:
    _, result = uk
    by_file = {a.data_file: a for a in result.accounts if a.data_file}
    files = sorted((UK / "data").glob("*.csv"))
    assert len(by_file) == len(files) == result.totals.data_files
    counted = 0
    for path in files:
        a = by_file[f"data/{path.name}"]
        n = count_rows(path)
        assert (a.rows_read, a.imported + len(a.not_imported)) == (n, n), path.name
        counted += n
    t = result.totals
    assert t.rows_read == counted == t.imported + t.not_imported


def test_what_is_written_is_what_is_counted_as_imported(uk: tuple[Path, ImportResult]) -> None:
    project, result = uk
    for a in result.accounts:
        path = project / "data" / "indicators" / f"{a.id}.csv"
        assert path.is_file() == a.written, a.id
        if a.written:
            assert count_rows(path) == a.imported, a.id


def test_check_finds_exactly_what_the_report_lists(uk: tuple[Path, ImportResult]) -> None:
    project, result = uk
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]))
    done = subprocess.run(
        [sys.executable, "-m", "mission_tracker.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=1800,
    )
    assert result.check is not None
    listed = sorted(p.format() for p in errors(result.check))
    found = sorted(
        line
        for line in done.stderr.splitlines()
        if ": note: " not in line and line.startswith("data/")
    )
    assert found == listed
    assert done.returncode == (1 if listed else 0), done.stderr[-2000:]
    report = (project / "import-report.md").read_text("utf-8")
    for line in listed:
        assert line.replace("|", "\\|") in report


def test_the_survey_of_the_uk_data(uk: tuple[Path, ImportResult]) -> None:
    # Counted in a survey of this copy (ONSdigital/sdg-data at b68b9d9): 145,319 data rows, 69
    # placeholder rows, and 76 rows that repeat the period and breakdown of an earlier one.
    _, result = uk
    t = result.totals
    assert t.rows_read == 145_319
    assert t.by_reason["placeholder"] == 69
    assert t.by_reason["duplicate"] == 76


def test_local_authority_codes_are_drawn_on_the_declared_map(uk: tuple[Path, ImportResult]) -> None:
    project, _ = uk
    mapped = sorted(
        path.stem
        for path in (project / "data" / "indicators").glob("*.yml")
        if "map: lad-2016" in path.read_text("utf-8")
    )
    # The five with local authority codes and a map in Open SDG (4-2-1 has the codes, no map).
    assert mapped == ["sdg-11-3-1", "sdg-17-8-1", "sdg-8-10-1", "sdg-9-1-1", "sdg-archived-11-6-1"]
