"""Related indicators: the ones an indicator names, then its neighbours in its mission.

Every page shows the headlines of the indicators it lists, so how many pages list one
indicator is how many pages a revision of its latest figure remakes (site/outputcache.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from benchmarks.synthetic import write_project
from tests.conftest import FIXTURES

from mission_tracker.analyse.facts import analyse
from mission_tracker.model.data import Dataset
from mission_tracker.read.files import read_data_folder
from mission_tracker.read.load import load_dataset
from mission_tracker.site.indicator import RELATED, surroundings


def _listed(data: Path) -> tuple[Dataset, dict[str, list[str]]]:
    loaded = load_dataset(read_data_folder(data))
    assert loaded.dataset is not None and loaded.ok, loaded.problems
    dataset = loaded.dataset
    facts = analyse(dataset)
    return dataset, {
        i.id: [r.id for r in surroundings(dataset, facts, i).related]
        for i in dataset.indicators.values()
    }


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, dict[str, list[str]]]:
    """A synthetic project whose missions hold far more indicators than a page lists."""
    project = write_project(tmp_path_factory.mktemp("related") / "project", 80, seed=1)
    return _listed(project / "data")


def test_a_page_lists_at_most_six_others_named_first_then_a_to_z(
    large: tuple[Dataset, dict[str, list[str]]],
) -> None:
    dataset, listed = large
    for indicator_id, ids in listed.items():
        indicator = dataset.indicators[indicator_id]
        assert len(ids) == min(RELATED, len(dataset.indicators_of(indicator.spec.mission)) - 1)
        assert indicator_id not in ids and len(set(ids)) == len(ids)
        named = [r for r in indicator.spec.related if r in dataset.indicators][:RELATED]
        assert ids[: len(named)] == named
        rest = ids[len(named) :]
        assert rest == sorted(rest, key=dataset.place_in_mission)
        assert all(dataset.indicators[r].spec.mission == indicator.spec.mission for r in rest)


def test_in_a_large_mission_every_indicator_is_listed_by_its_neighbours_and_few_others(
    large: tuple[Dataset, dict[str, list[str]]],
) -> None:
    dataset, listed = large
    shown = Counter(r for ids in listed.values() for r in ids)
    naming = Counter(r for i in dataset.indicators.values() for r in set(i.spec.related))
    big = [
        i
        for i in dataset.indicators.values()
        if len(dataset.indicators_of(i.spec.mission)) > 2 * RELATED
    ]
    assert big, "the synthetic missions should be larger than a page's list"
    for indicator in big:
        # Listed somewhere (not only the first few of each mission, A to Z, on every page),
        # and by no more pages than its neighbours and those that name it: a revision of its
        # latest figure remakes a handful of pages, however large the mission.
        assert 1 <= shown[indicator.id] <= RELATED + naming[indicator.id], indicator.id


def test_a_small_mission_lists_all_its_other_indicators() -> None:
    dataset, listed = _listed(FIXTURES / "site" / "data")
    for indicator in dataset.indicators.values():
        mission = [i.id for i in dataset.indicators_of(indicator.spec.mission)]
        assert len(mission) <= RELATED + 1
        others = [i for i in mission if i != indicator.id]
        assert set(listed[indicator.id]) >= set(others[:RELATED])
