"""Reading and (on request) writing the committed problem fixtures."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.conftest import FIXTURES

from mission_tracker.check.examples import CASES, Case, Files

PROBLEMS = FIXTURES / "problems"
ABOUT, EXPECTED = "about.txt", "expected.txt"
# Set MT_REGENERATE=1 to rewrite the fixture files and their expected problems.
REGENERATE = os.environ.get("MT_REGENERATE") == "1"
BY_NAME = {c.name: c for c in CASES}


def case_dir(case: Case) -> Path:
    return PROBLEMS / case.name


def files_on_disk(folder: Path) -> Files:
    """The input files of a fixture (everything but its description and expected output)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).as_posix() not in (ABOUT, EXPECTED)
    }


def write_case(case: Case) -> None:
    folder = case_dir(case)
    expected = folder / EXPECTED
    kept = expected.read_bytes() if expected.is_file() else None
    shutil.rmtree(folder, ignore_errors=True)
    for rel, data in case.files().items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (folder / ABOUT).write_text(case.about + "\n", "utf-8")
    if kept is not None:
        expected.write_bytes(kept)
