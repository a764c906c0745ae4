"""Fixtures for the Open SDG importer: a small Open SDG repository of real UK files
(tests/fixtures/opensdg, see its README), imported once per session."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mission_tracker.importers.opensdg.run import ImportOptions, ImportResult, import_open_sdg
from mission_tracker.importers.opensdg.source import SourceTable, read_meta, read_table

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "opensdg"
RETRIEVED = dt.date(2025, 9, 24)
COPY_OF = "ONSdigital/sdg-data at commit b68b9d92341d106c2ce1535d6efe7cc0a30b322c"


def table(name: str) -> SourceTable:
    return read_table(FIXTURE / "data" / name, f"data/{name}")


def meta(stem: str) -> tuple[dict[str, object], str]:
    found = read_meta(FIXTURE / "meta" / f"{stem}.md", f"meta/{stem}.md")
    return found.fields, found.body


def run_import(source: Path, project: Path, **options: object) -> ImportResult:
    return import_open_sdg(
        ImportOptions(source, project, retrieved=RETRIEVED, copy_of=COPY_OF, **options)  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    project = tmp_path_factory.mktemp("imported")
    return project, run_import(FIXTURE, project)


def prepared(name: str) -> tuple[object, object, object]:
    """A fixture data file read as the importer reads it: (fields, layout, rows read)."""
    from mission_tracker.importers.opensdg.metadata import read_fields
    from mission_tracker.importers.opensdg.table import read_layout, read_rows

    stem = name.removeprefix("indicator_").removesuffix(".csv")
    found, body = meta(stem)
    licence = (FIXTURE / "LICENSE").read_text("utf-8")
    fields = read_fields(found, body, stem, "copy", RETRIEVED, licence)
    source = table(name)
    layout = read_layout(source.header, {})
    assert not isinstance(layout, str)
    return fields, layout, read_rows(source, layout, fields.split_type)
