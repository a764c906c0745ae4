"""The command line's conventions: options common to every command go before or after its
name, -q prints only problems, -v shows progress in a log too, and bad option values are
usage errors (exit 2) that say what is wanted."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import FIXTURES, copy_project, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli"), data=FIXTURES / "site" / "data")


def test_root_is_accepted_before_and_after_the_command(project: Path, tmp_path: Path) -> None:
    before = run_cli("--root", str(project), "check", cwd=tmp_path)
    after = run_cli("check", "--root", str(project), cwd=tmp_path)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    assert after.stdout.startswith("All data checked: 2 missions, 3 indicators,")


def test_quiet_prints_only_the_problems(project: Path) -> None:
    result = run_cli("check", "-q", cwd=project)
    assert (result.returncode, result.stdout) == (0, "")
    # The example's files have notes (their first lines), and notes are still printed.
    notes = result.stderr.splitlines()
    assert notes and all(": note: " in line for line in notes)


def test_verbose_shows_progress_in_a_log(project: Path) -> None:
    result = run_cli("build", "-v", "--no-cache", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Drawing charts" in result.stderr or "Rendering" in result.stderr, result.stderr
    quiet = run_cli("build", cwd=project)
    assert quiet.stderr == ""


@pytest.mark.parametrize("value", ["0", "-3", "many", "1000"])
def test_workers_must_be_a_sensible_number(project: Path, value: str) -> None:
    result = run_cli("build", "--workers", value, cwd=project)
    assert result.returncode == 2
    assert f"argument --workers: '{value}' is not a number of processes from 1 to 256" in (
        result.stderr
    )
