"""The fixture project built twice per session, at the same time: once with no cache (the site
every other build must equal) and once into a cache the tests share, so that their builds
render nothing."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, copy_project
from tests.robustness.disks import cli_env, command, snapshot

DATA = FIXTURES / "site" / "data"


def project(dest: Path) -> Path:
    """A copy of the small fixture project (three indicators, two missions)."""
    return copy_project(dest, data=DATA)


@dataclass(frozen=True)
class Baseline:
    site: dict[str, bytes | None]
    cache: Path


@pytest.fixture(scope="session")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    clean = project(tmp_path_factory.mktemp("reference"))
    warm = project(tmp_path_factory.mktemp("warm"))
    folder = tmp_path_factory.mktemp("cache")
    builds = [
        subprocess.Popen(command(*args), cwd=root, env=cli_env(cache), stderr=subprocess.PIPE)
        for root, cache, args in (
            (clean, None, ("site", "--no-cache")),
            (warm, folder, ("site", "--keep-cache")),
        )
    ]
    for build in builds:
        _, stderr = build.communicate(timeout=600)
        assert build.returncode == 0, stderr.decode()
    site = snapshot(clean / "site")
    assert snapshot(warm / "site") == site  # a cache never changes what is built
    return Baseline(site, folder)


@pytest.fixture
def reference(baseline: Baseline) -> dict[str, bytes | None]:
    """The site of a clean build of the fixture project, without a cache."""
    return baseline.site


@pytest.fixture
def cache(baseline: Baseline) -> Path:
    """A cache holding everything the fixture project needs; builds that share it pass
    `--keep-cache`, so that none prunes what another test's build will use."""
    return baseline.cache
