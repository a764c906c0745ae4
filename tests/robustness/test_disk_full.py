"""A full disk is the machine's problem, not a bug: a clear message naming the folder and the
fix, exit 1, the site as it was, nothing temporary left behind. A full cache is not even
that: the build goes on without it. Real disks (a small tmpfs), nothing mocked."""

from __future__ import annotations

from pathlib import Path

from tests.robustness.conftest import project
from tests.robustness.disks import (
    MiB,
    assert_explained,
    cli,
    fill,
    leftovers,
    revise,
    snapshot,
    tmpfs,
)

FULL = "No space left on device"
FIX = "free some space on that disk, then run the command again"
# Room for the project, its docs/, its site and the second copy of the site a build makes.
DISK = 24 * MiB


def test_disk_full_while_generating_docs(cache: Path) -> None:
    with tmpfs(DISK) as disk:
        root = project(disk / "project")
        assert cli("site", "--keep-cache", cwd=root, cache=cache).returncode == 0
        before = snapshot(root / "site")
        revise(root)
        filler = fill(disk, leave=16 * 1024)

        result = cli("site", "--keep-cache", cwd=root, cache=cache)

        assert_explained(result, FULL, FIX, "cannot write docs/")
        assert "(the site was not built)" in result.stderr
        assert "Generated" not in result.stdout  # no summary of a write that stopped
        assert snapshot(root / "site") == before
        assert leftovers(root) == []

        # Space freed, the same command finishes the job.
        filler.unlink()
        again = cli("site", "--keep-cache", cwd=root, cache=cache)
        assert again.returncode == 0, again.stderr
        assert snapshot(root / "site") != before
        assert leftovers(root) == []


def test_disk_full_while_mkdocs_builds(cache: Path, reference: dict[str, bytes | None]) -> None:
    with tmpfs(DISK) as disk:
        root = project(disk / "project")
        assert cli("site", "--keep-cache", cwd=root, cache=cache).returncode == 0
        docs, before = snapshot(root / "docs"), snapshot(root / "site")
        assert before == reference
        # docs/ is up to date, so generating writes nothing; a second site does not fit.
        fill(disk, leave=1 * MiB)

        result = cli("site", "--keep-cache", cwd=root, cache=cache)

        assert "Nothing changed since the last build" in result.stdout
        assert_explained(result, FULL, FIX, f"cannot write {root / 'site'}")
        assert ".site-" not in result.stderr  # the temporary folder is gone: not named
        assert snapshot(root / "site") == before
        assert snapshot(root / "docs") == docs
        assert leftovers(root) == []


def test_a_full_cache_is_reported_and_the_build_goes_on(
    tmp_path: Path, reference: dict[str, bytes | None]
) -> None:
    root = project(tmp_path / "project")
    with tmpfs(256 * 1024) as disk:
        fill(disk, leave=0)
        store = disk / "cache"

        result = cli("site", cwd=root, cache=store)

        assert result.returncode == 0, result.stdout + result.stderr
        assert f"note: the cache could not be written ({store}: {FULL})" in result.stderr
        assert "the build went on without it" in result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == reference
    assert leftovers(root) == []
