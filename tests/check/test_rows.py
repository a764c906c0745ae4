"""Nothing lost: every data row the loader reads is either loaded or rejected with a problem,
and it reads every row there is (counted independently with Python's csv module)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from tests.check.fixtures import PROBLEMS
from tests.conftest import ROOT

from mission_tracker.check.examples import CASES
from mission_tracker.check.project import check_project

ROOTS = [ROOT, *(PROBLEMS / c.name for c in CASES)]


def data_rows(root: Path) -> int:
    """Non-empty lines after the header, over every CSV file in the indicators folder."""
    total = 0
    folder = root / "data" / "indicators"
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix.lower() != ".csv" or path.name.startswith("."):
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
        total += max(len(rows) - 1, 0)
    return total


@pytest.mark.parametrize("root", ROOTS, ids=lambda p: "shipped" if p == ROOT else p.name)
def test_every_row_is_loaded_or_rejected(root: Path) -> None:
    result = check_project(root)
    rows = result.rows
    assert rows.read == rows.loaded + rows.rejected
    assert rows.read == data_rows(root)
    if rows.rejected:
        # A rejected row is never silent: some problem accounts for it.
        assert any(p.path.endswith((".csv", ".yml")) for p in result.problems)


def test_shipped_data_loads_every_row() -> None:
    result = check_project(ROOT)
    assert result.rows.rejected == 0
    loaded = sum(len(i.observations) for i in result.dataset.indicators.values())
    assert loaded == result.rows.loaded == data_rows(ROOT)
