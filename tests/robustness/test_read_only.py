"""Folders that cannot be written (a read-only disk: root ignores permission bits) are the
machine's problem: a clear message naming the folder and the fix, exit 1, the site as it was.
The same goes for any command that meets such a folder, not only the build."""

from __future__ import annotations

from pathlib import Path

from tests.robustness.conftest import project
from tests.robustness.disks import (
    MiB,
    assert_explained,
    cli,
    leftovers,
    read_only,
    revise,
    snapshot,
    tmpfs,
)

READ_ONLY = "Read-only file system"
FIX = "that folder is on a read-only disk; run the command where you can write"


def test_read_only_docs(cache: Path) -> None:
    with tmpfs(24 * MiB) as disk:
        root = project(disk / "project")
        assert cli("site", "--keep-cache", cwd=root, cache=cache).returncode == 0
        before = snapshot(root / "site")
        revise(root)  # a change to write into docs/
        with read_only(disk):
            result = cli("site", "--keep-cache", cwd=root, cache=cache)

            assert_explained(result, READ_ONLY, FIX, "mission-tracker: cannot write docs/")
            assert "(the site was not built)" in result.stderr
            assert snapshot(root / "site") == before
            assert leftovers(root) == []


def test_read_only_site_folder(tmp_path: Path, cache: Path) -> None:
    root = project(tmp_path / "project")
    with tmpfs(16 * MiB) as disk:
        site = disk / "site"
        first = cli("site", "--keep-cache", "--site-dir", str(site), cwd=root, cache=cache)
        assert first.returncode == 0, first.stderr
        before = snapshot(site)
        revise(root)  # docs/ can still be written; the site cannot
        with read_only(disk):
            result = cli("site", "--keep-cache", "--site-dir", str(site), cwd=root, cache=cache)

            assert_explained(result, READ_ONLY, FIX, f"cannot write {disk}:")
            assert f"{site} was left as it was" in result.stderr
            assert snapshot(site) == before
            assert leftovers(root, site_parent=disk) == []


def test_other_commands_explain_a_read_only_folder(tmp_path: Path) -> None:
    """Commands that write without a build report (`schema`, `new`): the one top-level
    handler turns the error into the same message, exit 1 rather than exit 3 ("a bug")."""
    with tmpfs(8 * MiB) as disk:
        root = project(disk / "project")
        schema = root / "docs" / "schema" / "indicator.schema.json"
        schema.unlink()  # out of date: `schema` has a file to write
        with read_only(disk):
            wrote = cli("schema", cwd=root, cache=None)
            assert_explained(wrote, READ_ONLY, FIX)
            assert f"mission-tracker: cannot write {schema.relative_to(root)}" in wrote.stderr

            new = cli("new", "knife-crime", "--mission", "alpha", cwd=root, cache=None)
            assert_explained(new, READ_ONLY, FIX, "mission-tracker: cannot write data/indicators/")
        assert not schema.exists()
