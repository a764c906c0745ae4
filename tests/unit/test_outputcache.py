"""An indicator's output is keyed by what it shows (site/outputcache.py): an edit to another
indicator changes the key only when the page shows something that edit changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from mission_tracker.analyse.facts import analyse
from mission_tracker.analyse.numbers import written_in
from mission_tracker.cache.store import Store
from mission_tracker.read.config import Site
from mission_tracker.read.files import read_data_folder
from mission_tracker.read.layout import indicator_files
from mission_tracker.read.load import load_dataset
from mission_tracker.site.indicator import surroundings
from mission_tracker.site.outputcache import get_output, output_key, put_output

SITE = Site(name="Example", url="https://example.org/")


def _keys(data: Path, site: Site = SITE) -> dict[str, str | None]:
    files = read_data_folder(data)
    loaded = load_dataset(files)
    assert loaded.dataset is not None and loaded.ok, loaded.problems
    dataset = loaded.dataset
    facts = analyse(dataset)
    keys = {}
    with written_in(site.locale):
        for indicator in dataset.indicators.values():
            sources = tuple(files.files[rel] for rel in indicator_files(indicator.id))
            around = surroundings(dataset, facts, indicator)
            keys[indicator.id] = output_key(
                site, sources, indicator.id, around, "specs", "drawing", frozenset()
            )
    return keys


def _headlines(data: Path) -> dict[str, str]:
    loaded = load_dataset(read_data_folder(data))
    assert loaded.dataset is not None
    facts = analyse(loaded.dataset)
    return {i: f.headline for i, f in facts.indicators.items()}


def _revise(path: Path, period: str, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    line = f"{period},{old},"
    assert line in text
    path.write_text(text.replace(line, f"{period},{new},", 1), "utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES / "site" / "data", tmp_path / "data"))


def test_a_page_depends_on_the_headlines_it_shows_not_on_the_whole_data(data: Path) -> None:
    # example-homes links to example-rate (`related:`) and to example-waits (same mission);
    # example-waits links to example-homes; example-rate, alone in its mission, to neither.
    before = _keys(data)
    assert all(before.values())

    # The latest figure of example-rate: its headline changes, and so does the page that
    # shows that headline; example-waits shows nothing of example-rate.
    rate = data / "indicators" / "example-rate.csv"
    latest = rate.read_text("utf-8").splitlines()[-1].split(",")
    _revise(rate, latest[0], latest[1], str(float(latest[1]) + 1))
    after = _keys(data)
    assert after["example-rate"] != before["example-rate"]
    assert after["example-homes"] != before["example-homes"]
    assert after["example-waits"] == before["example-waits"]

    # An early figure of example-waits: its own output changes, but not its headline, so the
    # page that links to it keeps its key.
    headlines = _headlines(data)
    waits = data / "indicators" / "example-waits.csv"
    _revise(waits, "2024-01", "58", "57")
    assert _headlines(data)["example-waits"] == headlines["example-waits"]
    again = _keys(data)
    assert again["example-waits"] != after["example-waits"]
    assert again["example-homes"] == after["example-homes"]
    assert again["example-rate"] == after["example-rate"]


def test_the_settings_and_locale_are_in_every_key(data: Path) -> None:
    before = _keys(data)
    renamed = _keys(data, Site(name="Another name", url="https://example.org/"))
    french = _keys(data, Site(name="Example", url="https://example.org/", locale="fr_FR"))
    for key in before:
        assert len({before[key], renamed[key], french[key]}) == 3


def test_entries_read_back_whole_or_not_at_all(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    files = {"indicators/x/index.md": b"# X\n", "indicators/x/chart.png": b"\x89PNG\x00\n\xff"}
    key = "ab" * 32
    put_output(store, key, files)
    assert get_output(store, key) == files
    assert get_output(store, "cd" * 32) is None
    assert get_output(store, None) is None
    # An entry whose bytes are not what the key's entry holds is a miss, never a wrong page.
    store.put("outputs", key, b"not compressed")
    assert get_output(store, key) is None
