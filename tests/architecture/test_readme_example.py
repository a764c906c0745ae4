"""The README's library example runs as written, in a copy of the project."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, copy_project


def test_the_readme_library_example_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    (code,) = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    indicators = len(list((ROOT / "data" / "indicators").glob("*.csv")))
    assert re.fullmatch(rf"{indicators} indicators, \d+ files generated\n", result.stdout)
    assert (project / "docs" / "index.md").is_file()
    assert not (project / "site").exists()  # site=False: docs/ only
