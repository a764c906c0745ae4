"""Shared fixtures. The shipped site is built once per test session, in a copy of the
project, so tests never touch the working tree's docs/ or site/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mission_tracker.write import GENERATED

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GENERATED_DOCS = {p for p in GENERATED if "/" not in p}
GENERATED_ASSETS = {p.removeprefix("assets/") for p in GENERATED if p.startswith("assets/")}


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project's inputs (data, map boundaries, hand-written docs, mkdocs.yml) to
    build in, with the shipped data or other `data`."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data or ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "maps", dest / "maps")
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=lambda d, names: [
            n
            for n in names
            if (Path(d) == ROOT / "docs" and n in GENERATED_DOCS)
            or (Path(d) == ROOT / "docs" / "assets" and n in GENERATED_ASSETS)
        ],
    )
    # The navigation is made from the data: other data needs no change to mkdocs.yml.
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (dest / "mkdocs.yml").write_text(config, "utf-8")
    return dest


LAD_MAP = """\
  maps:
    lad:
      file: maps/lad-2016-gb.geojson
      code: LAD16CD
      name: LAD16NM
      title: Local authority districts (December 2016), Great Britain
      attribution: "Source: Office for National Statistics licensed under the Open Government \\
        Licence v.3.0. Contains OS data © Crown copyright and database right 2016."
"""


def shapes_project(dest: Path) -> Path:
    """The real Open SDG shapes in tests/fixtures/shapes, with the shipped local authority
    boundaries declared for its map."""
    root = copy_project(dest, data=FIXTURES / "shapes" / "data")
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("extra:\n", "extra:\n" + LAD_MAP, 1)
    config.write_text(text, "utf-8")
    return root


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "MISSION_TRACKER_CACHE": str(ROOT / ".mission-tracker" / "cache"),
        **(env or {}),
    }
    if args and args[0] in ("build", "site"):
        # Tests share one cache across many projects: a build must not prune the entries of
        # the others.
        args = (args[0], "--keep-cache", *args[1:])
    return subprocess.run(
        [sys.executable, "-m", "mission_tracker.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built into a site, as `make site` does."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    result = run_cli("site", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real statistics of every shape (tests/fixtures/shapes), built in full."""
    root = shapes_project(tmp_path_factory.mktemp("shapes"))
    result = run_cli("site", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small example site in tests/fixtures/site, built in full."""
    root = copy_project(tmp_path_factory.mktemp("fixture"), data=FIXTURES / "site" / "data")
    result = run_cli("site", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole run: Playwright's sync API allows one at a time in
    a thread, so every folder of tests (browser, security, packaging) shares this one."""
    from playwright.sync_api import sync_playwright
    from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()
