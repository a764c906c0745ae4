"""One version of a project's data, loaded, checked and analysed as the build would, with its
raw files (so that any edit shows in the review, even one that changes no figure)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mission_tracker.analyse.facts import IndicatorFacts, MilestoneFacts, analyse
from mission_tracker.check.project import check_files
from mission_tracker.model.base import ID_PATTERN
from mission_tracker.model.data import Dataset
from mission_tracker.model.problems import Problem, errors
from mission_tracker.read.files import read_data_folder, read_project_file
from mission_tracker.read.layout import (
    CONFIG,
    DATA,
    INDICATOR_SUFFIXES,
    INDICATORS,
    MISSION_SUFFIXES,
    MISSIONS,
    indicator_files,
    mission_file,
    shown,
)


@dataclass(frozen=True)
class Version:
    dataset: Dataset
    problems: tuple[Problem, ...]
    indicators: dict[str, IndicatorFacts]  # those whose files have no errors
    milestones: dict[str, MilestoneFacts]  # by milestone id, in missions without errors
    files: dict[str, bytes]  # "indicators/<id>.csv" -> contents
    indicator_ids: frozenset[str]  # every indicator with a file, whether or not it loaded
    mission_ids: frozenset[str]


def read_version(project: Path) -> Version:
    """The data in `project/data`, checked as `mission-tracker check` checks it (with the
    project's mkdocs.yml, if there is one) and analysed as the build would."""
    data = read_data_folder(project / DATA)
    checked = check_files(data, read_project_file(project, CONFIG))
    files: dict[str, bytes] = {}
    ids: dict[str, set[str]] = {INDICATORS: set(), MISSIONS: set()}
    for folder, suffixes in ((INDICATORS, INDICATOR_SUFFIXES), (MISSIONS, MISSION_SUFFIXES)):
        for name in data.names(folder):
            stem, dot, ext = name.rpartition(".")
            if dot and "." + ext in suffixes and ID_PATTERN.fullmatch(stem):
                files[f"{folder}/{name}"] = data.files[f"{folder}/{name}"]
                ids[folder].add(stem)
    facts = analyse(_analysable(checked.dataset, checked.problems))
    return Version(
        checked.dataset,
        tuple(checked.problems),
        facts.indicators,
        facts.by_milestone,
        files,
        frozenset(ids[INDICATORS]),
        frozenset(ids[MISSIONS]),
    )


def _analysable(dataset: Dataset, problems: list[Problem]) -> Dataset:
    """The missions and indicators whose files have no errors. The build never analyses data
    with errors; the review must still say what it can, so the rest is analysed and what has
    errors is shown as unknown until they are fixed."""
    broken = {p.path for p in errors(problems)}
    return Dataset(
        missions={
            mid: m for mid, m in dataset.missions.items() if shown(mission_file(mid)) not in broken
        },
        indicators={
            iid: i
            for iid, i in dataset.indicators.items()
            if not any(shown(rel) in broken for rel in indicator_files(iid))
        },
    )
