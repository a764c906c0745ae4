"""Limits from mkdocs.yml: checked before anything is built, each problem naming the limit and
where to change it; a setting that is not a limit is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, copy_project, run_cli

NOT_ON_CI = {"GITHUB_ACTIONS": ""}


def _project(tmp_path: Path, limits: str) -> Path:
    project = copy_project(tmp_path / "project", data=FIXTURES / "site" / "data")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("extra:\n", f"extra:\n{limits}"), "utf-8")
    return project


def test_a_file_over_the_row_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    project = _project(tmp_path, "  limits:\n    rows: 10\n")
    result = run_cli("check", cwd=project, env=NOT_ON_CI)
    assert result.returncode == 1
    assert (
        "data/indicators/example-homes.csv:1:1: the file has 15 rows, more than the limit of 10 "
        "(`extra.limits.rows` in mkdocs.yml)"
    ) in result.stderr
    built = run_cli("build", cwd=project, env=NOT_ON_CI)
    assert built.returncode == 1 and not (project / "docs" / "indicators").exists()


def test_a_setting_that_is_not_a_limit_is_refused(tmp_path: Path) -> None:
    project = _project(tmp_path, "  limits:\n    rowz: 10\n")
    result = run_cli("check", cwd=project, env=NOT_ON_CI)
    assert result.returncode == 1
    line = next(
        i
        for i, text in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
        if "limits:" in text
    )
    assert f"mkdocs.yml:{line}:1: `extra.limits.rowz` is not a limit; the limits are " in (
        result.stderr
    )
    assert "Traceback" not in result.stderr
