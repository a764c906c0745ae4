"""Everything `mission-tracker check` checks: the data, and the site's navigation of it."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.check.navcheck import check_nav
from mission_tracker.read.load import LoadResult, load_dataset


def check_project(root: Path) -> LoadResult:
    """Load `root/data` and check it together with `root/mkdocs.yml`; problems sorted."""
    result = load_dataset(root / "data")
    result.problems = sorted([*result.problems, *check_nav(root)])
    return result
