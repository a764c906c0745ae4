"""The whole import of the fixture repository: every row accounted for, the project checks,
a re-run changes nothing, a changed source changes only what changed, and an editor's files
are never touched (importers/opensdg/run.py and the CLI)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from tests.importers.conftest import FIXTURE, run_import

from mission_tracker.cli import main
from mission_tracker.importers.opensdg.run import ImportResult
from mission_tracker.model.problems import errors


def source_rows(path: Path) -> int:
    """Data rows of a source file, counted on their own: non-empty rows after the header."""
    rows = [r for r in csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")) if r]
    return max(len(rows) - 1, 0)


def written_rows(path: Path) -> int:
    return len(list(csv.reader(io.StringIO(path.read_text("utf-8"))))) - 1


def account(result: ImportResult, source_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in result.accounts if a.source_id == source_id)


def test_every_source_row_is_imported_or_reported(imported: tuple[Path, ImportResult]) -> None:
    project, result = imported
    files = sorted((FIXTURE / "data").glob("*.csv"))
    assert result.totals.data_files == len(files)
    total = 0
    for path in files:
        source_id = path.stem.removeprefix("indicator_")
        a = account(result, source_id)
        assert a.rows_read == source_rows(path), path.name
        assert a.rows_read == a.imported + len(a.not_imported), path.name
        total += a.rows_read
        if a.written:
            assert written_rows(project / "data" / "indicators" / f"{a.id}.csv") == a.imported
    t = result.totals
    assert t.rows_read == total == t.imported + t.not_imported


def test_the_imported_project_checks_clean(imported: tuple[Path, ImportResult]) -> None:
    _, result = imported
    assert result.check is not None
    assert errors(result.check) == []


def test_what_was_not_imported_and_why(imported: tuple[Path, ImportResult]) -> None:
    _, result = imported
    assert {r.code for r in account(result, "4-3-1").not_imported} == {"duplicate"}
    duplicate = account(result, "4-3-1").not_imported[0]
    assert "which is kept (value there:" in duplicate.reason and duplicate.value
    (typo,) = account(result, "3-b-1").not_imported
    assert (typo.year, typo.code) == ("2010/20", "period")
    placeholder = account(result, "13-1-2")
    assert not placeholder.written and placeholder.not_imported[0].code == "placeholder"
    assert "no figures" in placeholder.not_written
    no_source = account(result, "3-d-2")
    assert not no_source.written and "no active source" in no_source.not_written
    assert {r.code for r in no_source.not_imported} == {"not-written"}


def test_rows_as_the_format_writes_them(imported: tuple[Path, ImportResult]) -> None:
    project, _ = imported
    folder = project / "data" / "indicators"

    def rows(indicator: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO((folder / f"{indicator}.csv").read_text())))

    notes = {(r["period"], r["note"]) for r in rows("sdg-8-8-1")}
    assert ("2019/20", "Note 5") in notes
    periods = {r["period"]: r for r in rows("sdg-6-6-1")}
    assert periods["1990 to 1994"]["note"] == "baseline"
    assert periods["1987 to 1991"]["value"] == "[x]"  # kept, never dropped
    assert {r["period"] for r in rows("sdg-17-10-1")} == {"2021"}  # written 2021.0
    assert rows("sdg-16-6-2")[0]["note"] == "17 May to 11 June 2023"
    science = [r["value"] for r in rows("sdg-11-3-1") if "e-05" in r["value"]]
    assert science == ["-2.4745895807818797e-05", "-9.496766415296417e-05"]  # as written
    assert {r["marker"] for r in rows("sdg-14-1-1")} >= {"[b]"}
    text = (folder / "sdg-14-1-1.yml").read_text()
    assert "breaks_series: true" in text


def test_the_yaml_is_plain_and_in_the_models_order(imported: tuple[Path, ImportResult]) -> None:
    project, _ = imported
    text = (project / "data" / "indicators" / "sdg-1-2-1.yml").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=")
    assert lines[1].startswith("# Imported from Open SDG")
    data = yaml.safe_load(text)
    assert list(data)[:8] == [
        "title",
        "mission",
        "summary",
        "measure",
        "geography",
        "unit",
        "direction",
        "period_type",
    ]
    assert data["direction"] == "neutral"
    assert "&id" not in text and "<" not in text
    mission = yaml.safe_load((project / "data" / "missions" / "goal-1.yml").read_text())
    assert mission["name"] == "Goal 1: End poverty in all its forms everywhere"
    assert mission["citation"]["url"] == "https://sdgs.un.org/2030agenda"


def test_a_second_import_writes_nothing(tmp_path: Path) -> None:
    first = run_import(FIXTURE, tmp_path)
    report = (tmp_path / "import-report.md").read_bytes()
    second = run_import(FIXTURE, tmp_path)
    assert first.written > 0 and second.written == 0 and second.removed == []
    assert second.unchanged == first.written
    assert (tmp_path / "import-report.md").read_bytes() == report


def test_a_changed_source_changes_only_what_changed(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(FIXTURE, source)
    project = tmp_path / "project"
    run_import(source, project, check=False)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    data = source / "data" / "indicator_17-10-1.csv"
    data.write_bytes(data.read_bytes().replace(b",12.10324\r\n", b",12.2\r\n", 1))
    (source / "data" / "indicator_13-a-1.csv").unlink()
    (source / "meta" / "13-a-1.md").unlink()
    result = run_import(source, project, check=False)
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    changed = {p.name for p in before if p in after and before[p] != after[p]}
    assert changed == {"sdg-17-10-1.csv", "import-report.md"}
    old, new = (
        before[project / "data/indicators/sdg-17-10-1.csv"],
        after[project / "data/indicators/sdg-17-10-1.csv"],
    )
    assert [a for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b] == [
        next(line for line in old.splitlines() if b",12.10324," in line)
    ]
    assert sorted(result.removed) == [
        "data/indicators/sdg-13-a-1.csv",
        "data/indicators/sdg-13-a-1.yml",
        "data/missions/goal-13.yml",  # its only indicator in these files
    ]


def test_an_editors_file_is_never_touched(tmp_path: Path) -> None:
    own = tmp_path / "data" / "indicators" / "sdg-1-2-1.yml"
    own.parent.mkdir(parents=True)
    own.write_text("title: my own\n")
    result = run_import(FIXTURE, tmp_path, check=False)
    assert own.read_text() == "title: my own\n"
    a = account(result, "1-2-1")
    assert not a.written and "was not written by the importer" in a.not_written
    assert len(a.not_imported) == a.rows_read
    assert not (tmp_path / "data" / "indicators" / "sdg-1-2-1.csv").exists()


def test_a_missions_file(tmp_path: Path) -> None:
    missions = tmp_path / "missions.yml"
    missions.write_text(
        yaml.safe_dump(
            {
                "missions": {
                    "poverty": {
                        "name": "Reduce poverty",
                        "statement": "Fewer people at risk of poverty.",
                        "order": 1,
                        "lead": "A department",
                        "citation": {"publisher": "A department", "title": "A plan"},
                    }
                },
                "indicators": {"1-2-1": "poverty", "sdg-1-3-1": "poverty"},
            }
        )
    )
    project = tmp_path / "project"
    result = run_import(FIXTURE, project, missions_file=missions)
    assert result.missions == ["poverty"]
    assert account(result, "1-2-1").mission == "poverty"
    assert account(result, "1-3-1").written
    other = account(result, "11-4-1")
    assert not other.written and other.not_written == "the missions file gives it no mission"
    assert sorted(p.name for p in (project / "data" / "missions").iterdir()) == ["poverty.yml"]
    assert result.check is not None and errors(result.check) == []


def test_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    common = ["--retrieved", "2025-09-24"]
    assert main(["import", "open-sdg", str(FIXTURE), "--into", str(tmp_path / "a"), *common]) == 1
    out = capsys.readouterr().out
    assert "Rows: 5" in out and "not imported" in out and "import-report.md" in out
    clean = tmp_path / "clean"
    for rel in ("data/indicator_1-2-1.csv", "meta/1-2-1.md", "LICENSE"):
        (clean / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(FIXTURE / rel, clean / rel)
    report = tmp_path / "report.md"
    args = [
        "import",
        "open-sdg",
        str(clean),
        "--into",
        str(tmp_path / "b"),
        "--report",
        str(report),
    ]
    assert main([*args, *common]) == 0
    assert (
        report.is_file()
        and "Rows: 42 read, 42 imported, 0 not imported." in capsys.readouterr().out
    )
    assert main(["import", "open-sdg", str(tmp_path / "nowhere")]) == 2
    assert main(["import", "open-sdg", str(tmp_path)]) == 2  # not an Open SDG repository
    with pytest.raises(SystemExit) as usage:
        main(["import", "open-sdg"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as bad_date:
        main(["import", "open-sdg", str(clean), "--retrieved", "24/09/2025"])
    assert bad_date.value.code == 2
    bad = tmp_path / "bad.yml"
    bad.write_text("missions: {x: {name: only a name}}\n")
    assert main(["import", "open-sdg", str(clean), "--missions", str(bad)]) == 2


def test_a_map_the_project_declares_is_named(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    geojson = next((FIXTURE / "geojsons").glob("*.geojson"))
    shutil.copyfile(geojson, tmp_path / "maps" / "lad-2016.geojson")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: SDG\nextra:\n  maps:\n    lad-2016:\n      file: maps/lad-2016.geojson\n"
        "      code: LAD16CD\n      name: LAD16NM\n      title: Local authority districts\n"
        "      attribution: Contains OS data\n"
    )
    result = run_import(FIXTURE, tmp_path)
    data = yaml.safe_load((tmp_path / "data/indicators/sdg-9-1-1.yml").read_text())
    (geo,) = [b for b in data["breakdowns"] if b["column"] == "geocode"]
    assert geo["map"] == "lad-2016"
    assert result.check is not None and errors(result.check) == []


def test_without_a_declared_map_the_report_says_what_to_declare(
    imported: tuple[Path, ImportResult],
) -> None:
    project, _ = imported
    data = yaml.safe_load((project / "data/indicators/sdg-9-1-1.yml").read_text())
    (geo,) = [b for b in data["breakdowns"] if b["column"] == "geocode"]
    assert "map" not in geo
    report = (project / "import-report.md").read_text()
    assert "  lad-2016:\n    file: maps/lad-2016.geojson\n    code: LAD16CD" in report
