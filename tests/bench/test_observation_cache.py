"""The cache of parsed data files (obscache.py): loading through it gives exactly what reading
the files gives, rows still add up, a damaged entry is read again, and a file with any
problem is never cached, so its messages always come from the checker."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.check.test_rows import data_rows
from tests.conftest import ROOT

from mission_tracker.cache.store import Store
from mission_tracker.read.load import LoadResult, load_dataset
from mission_tracker.read.obscache import ObservationCache


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "observations").glob("*/*"))


def _same(a: LoadResult, b: LoadResult) -> None:
    assert a.problems == b.problems
    assert a.dataset.indicators == b.dataset.indicators
    assert (a.rows.read, a.rows.loaded, a.rows.rejected) == (
        b.rows.read,
        b.rows.loaded,
        b.rows.rejected,
    )


def test_cached_load_equals_reading_the_files(tmp_path: Path) -> None:
    data = ROOT / "data"
    fresh = load_dataset(data)
    first = load_dataset(data, Store(tmp_path))  # fills the cache
    assert len(_entries(tmp_path)) == len(fresh.dataset.indicators)
    second = load_dataset(data, Store(tmp_path))  # reads every data file from it
    _same(fresh, first)
    _same(fresh, second)
    assert second.rows.read == data_rows(ROOT) == second.rows.loaded


def test_damaged_entries_are_read_again(tmp_path: Path) -> None:
    data = ROOT / "data"
    fresh = load_dataset(data)
    load_dataset(data, Store(tmp_path))
    entries = _entries(tmp_path)
    entries[0].write_bytes(entries[0].read_bytes()[:40])  # cut short
    entries[1].write_text('{"columns": [], "rows": []}')
    entries[2].write_bytes(entries[1].read_bytes())
    _same(fresh, load_dataset(data, Store(tmp_path)))


def test_a_file_with_a_problem_is_never_cached(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    csv = sorted((project / "data" / "indicators").glob("*.csv"))[0]
    lines = csv.read_text("utf-8").splitlines()
    lines.append(lines[-1])  # a duplicate period
    csv.write_text("\n".join(lines) + "\n", "utf-8")
    cache = tmp_path / "cache"
    for _ in range(2):
        result = load_dataset(project / "data", Store(cache))
        assert any(p.code == "csv.duplicate-period" for p in result.problems)
        assert result.rows.read == result.rows.loaded + result.rows.rejected == data_rows(project)
    indicator_count = len(list((project / "data" / "indicators").glob("*.csv")))
    assert len(_entries(cache)) == indicator_count - 1


def test_the_key_covers_the_metadata(tmp_path: Path) -> None:
    result = load_dataset(ROOT / "data")
    indicator = next(iter(result.dataset.indicators.values()))
    cache = ObservationCache(Store(tmp_path))
    text = (ROOT / "data" / "indicators" / f"{indicator.id}.csv").read_text("utf-8")
    changed = indicator.spec.model_copy(update={"title": indicator.spec.title + " (revised)"})
    assert cache.key(text, indicator.spec) != cache.key(text, changed)
    assert cache.key(text, indicator.spec) != cache.key(text + "\n", indicator.spec)
