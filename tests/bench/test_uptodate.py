"""A rebuild with nothing to do skips generating, and only then: any change to what the build
reads, or to what it wrote, makes it generate again. Real `mission-tracker build` runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from benchmarks.synthetic import write_project
from tests.conftest import run_cli

from mission_tracker.write import GENERATED

SKIPPED = "Nothing changed since the last build"


def _build(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = run_cli("build", *args, cwd=project, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _docs(project: Path) -> dict[str, bytes]:
    docs = project / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for name in GENERATED
        for p in ([docs / name] if (docs / name).is_file() else sorted((docs / name).rglob("*")))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    project = write_project(tmp_path_factory.mktemp("uptodate") / "project", 3, seed=2)
    assert SKIPPED not in _build(project)
    return project, _docs(project)


@pytest.fixture
def project(built: tuple[Path, dict[str, bytes]], tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built[0], copy, symlinks=True)
    _build(copy)  # a copy has new inodes and times: it builds once, then is up to date
    return copy


def test_second_build_skips_and_changes_nothing(project: Path) -> None:
    before = _docs(project)
    assert SKIPPED in _build(project)
    assert _docs(project) == before


def test_changed_csv_is_built(project: Path) -> None:
    csv = sorted((project / "data" / "indicators").glob("*.csv"))[0]
    text = csv.read_text("utf-8")
    csv.write_text(text + text.splitlines()[-1] + "\n", "utf-8")  # a duplicate row
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and SKIPPED not in result.stdout  # checked, not skipped
    csv.write_text(text.replace("\n", "\r\n"), "utf-8")  # same rows, other bytes
    assert SKIPPED not in _build(project)
    assert SKIPPED in _build(project)


@pytest.mark.parametrize("how", ["edited", "deleted", "stray"])
def test_touched_output_is_restored(project: Path, how: str) -> None:
    before = _docs(project)
    page = sorted((project / "docs" / "indicators").glob("*.md"))[0]
    if how == "edited":
        page.write_text(page.read_text("utf-8") + "\nhand edit\n", "utf-8")
    elif how == "deleted":
        page.unlink()
    else:
        (page.parent / "stray.md").write_text("not generated\n", "utf-8")
    assert SKIPPED not in _build(project)
    assert _docs(project) == before


def test_site_url_and_mkdocs_yml_are_inputs(project: Path) -> None:
    out = _build(project, env={"SITE_URL": "https://example.org/tracker/"})
    assert SKIPPED not in out
    assert b"https://example.org/tracker/" in _docs(project)["index.json"]
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\n# a comment\n", "utf-8")
    assert SKIPPED not in _build(project)


def test_no_cache_always_generates(project: Path) -> None:
    assert SKIPPED not in _build(project, "--no-cache")
