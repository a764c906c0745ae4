"""Everything `mission-tracker check` checks: the data, the site's navigation of it, and the
project around it (its settings, and that nothing points outside it)."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.cache.store import Store
from mission_tracker.check.configcheck import project_problems
from mission_tracker.check.navcheck import check_nav
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.maps import MapSettings
from mission_tracker.read.config import SiteConfigError, read_site
from mission_tracker.read.files import DataFiles, read_data_folder, read_project_file
from mission_tracker.read.layout import CONFIG, DATA, MISSIONS
from mission_tracker.read.load import LoadResult, load_dataset
from mission_tracker.read.maps import read_boundaries


def check_project(root: Path, store: Store | None = None) -> LoadResult:
    """Load `root/data` and check it together with `root/mkdocs.yml`; problems sorted."""
    around = project_problems(root)
    try:
        site = read_site(root / CONFIG)
        limits, maps = site.limits, site.maps
    except SiteConfigError:
        limits, maps = DEFAULT_LIMITS, ()  # the setting that cannot be used is among `around`
    data = read_data_folder(root / DATA, limits)
    result = check_files(data, read_project_file(root, CONFIG), store, limits, maps)
    _, unreadable = read_boundaries(root, maps)
    result.problems = sorted([*result.problems, *around, *unreadable])
    return result


def check_files(
    files: DataFiles,
    config: bytes | None,
    store: Store | None = None,
    limits: Limits = DEFAULT_LIMITS,
    maps: tuple[MapSettings, ...] = (),
) -> LoadResult:
    """The same, for files already read (from disk, from git, or the guide's examples)."""
    result = load_dataset(files, store, limits, frozenset(m.id for m in maps))
    if config is not None and MISSIONS in files.folders:
        missions = sorted(
            name[: -len(".yml")] for name in files.names(MISSIONS) if name.endswith(".yml")
        )
        result.problems = sorted([*result.problems, *check_nav(config, missions)])
    return result
