"""Mission Tracker: a static transparency site generator for a government's missions.

The library API, which the command line is a thin shell over:

    from pathlib import Path
    import mission_tracker as mt

    checked = mt.check_project(Path("."))  # every problem, as data
    facts = mt.analyse_dataset(checked.dataset)  # latest values, trends, milestone status
    report = mt.build_project(mt.BuildOptions(root=Path(".")))  # docs/ and site/

Names are imported when first used, so `import mission_tracker` stays cheap (a rebuild with
nothing to do finishes in a fraction of a second).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

if TYPE_CHECKING:
    from mission_tracker.analyse.facts import Facts
    from mission_tracker.analyse.facts import analyse as analyse_dataset
    from mission_tracker.build import BuildOptions, BuildReport, build_project
    from mission_tracker.check.project import check_project
    from mission_tracker.model.data import Dataset
    from mission_tracker.model.problems import Problem
    from mission_tracker.read.load import LoadResult
    from mission_tracker.read.load import load_dataset as load_data
    from mission_tracker.review.diff import DataDiff
    from mission_tracker.review.fromgit import diff_with_git as diff_project
    from mission_tracker.review.summary import render_review

_EXPORTS = {
    "analyse_dataset": ("mission_tracker.analyse.facts", "analyse"),
    "BuildOptions": ("mission_tracker.build", "BuildOptions"),
    "BuildReport": ("mission_tracker.build", "BuildReport"),
    "build_project": ("mission_tracker.build", "build_project"),
    "check_project": ("mission_tracker.check.project", "check_project"),
    "DataDiff": ("mission_tracker.review.diff", "DataDiff"),
    "Dataset": ("mission_tracker.model.data", "Dataset"),
    "diff_project": ("mission_tracker.review.fromgit", "diff_with_git"),
    "Facts": ("mission_tracker.analyse.facts", "Facts"),
    "load_data": ("mission_tracker.read.load", "load_dataset"),
    "LoadResult": ("mission_tracker.read.load", "LoadResult"),
    "Problem": ("mission_tracker.model.problems", "Problem"),
    "render_review": ("mission_tracker.review.summary", "render_review"),
}
__all__ = [
    "BuildOptions",
    "BuildReport",
    "DataDiff",
    "Dataset",
    "Facts",
    "LoadResult",
    "Problem",
    "__version__",
    "analyse_dataset",
    "build_project",
    "check_project",
    "diff_project",
    "load_data",
    "render_review",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'mission_tracker' has no attribute {name!r}") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value
