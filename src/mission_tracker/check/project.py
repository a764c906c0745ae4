"""Everything `mission-tracker check` checks: the data, the site's navigation of it, and the
project around it (its settings, and that nothing points outside it)."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.cache.store import Store
from mission_tracker.check.configcheck import project_problems
from mission_tracker.check.navcheck import check_nav
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.read.config import SiteConfigError, read_site
from mission_tracker.read.files import DataFiles, read_data_folder, read_project_file
from mission_tracker.read.layout import CONFIG, DATA, MISSIONS
from mission_tracker.read.load import LoadResult, load_dataset


def check_project(root: Path, store: Store | None = None) -> LoadResult:
    """Load `root/data` and check it together with `root/mkdocs.yml`; problems sorted."""
    around = project_problems(root)
    try:
        limits = read_site(root / CONFIG).limits
    except SiteConfigError:
        limits = DEFAULT_LIMITS  # the setting that cannot be used is among `around`
    data = read_data_folder(root / DATA, limits)
    result = check_files(data, read_project_file(root, CONFIG), store, limits)
    result.problems = sorted([*result.problems, *around])
    return result


def check_files(
    files: DataFiles,
    config: bytes | None,
    store: Store | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadResult:
    """The same, for files already read (from disk, from git, or the guide's examples)."""
    result = load_dataset(files, store, limits)
    if config is not None and MISSIONS in files.folders:
        missions = sorted(
            name[: -len(".yml")] for name in files.names(MISSIONS) if name.endswith(".yml")
        )
        result.problems = sorted([*result.problems, *check_nav(config, missions)])
    return result
