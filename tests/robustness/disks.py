"""Real disks for the robustness tests: a tmpfs of a given size mounted at a temporary folder,
filled or made read-only, and the commands run against them in a subprocess.

Root ignores permission bits, so a folder that cannot be written is a read-only mount
(`mount -o remount,ro`), as a read-only volume or a locked-down runner would give.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import ROOT

import mission_tracker

SOURCE = Path(mission_tracker.__file__).resolve().parents[1]  # the code these tests import
MiB = 1024 * 1024


@contextlib.contextmanager
def tmpfs(size: int) -> Iterator[Path]:
    """A tmpfs of `size` bytes mounted at a new temporary folder, unmounted afterwards; skips
    the test when this machine does not allow mounting (it needs root or CAP_SYS_ADMIN)."""
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("needs Linux with mount(8) to make a small or read-only disk")
    where = Path(tempfile.mkdtemp(prefix="mt-disk-"))
    mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where))
    if mounted.returncode != 0:
        where.rmdir()
        pytest.skip(
            "cannot mount a tmpfs to make a small or read-only disk (run as root, or with "
            f"CAP_SYS_ADMIN): {mounted.stderr.strip()}"
        )
    try:
        yield where
    finally:
        if _run("umount", str(where)).returncode != 0:
            _run("umount", "-l", str(where))  # still busy: detach it now, freed when unused
        where.rmdir()


@contextlib.contextmanager
def read_only(mount: Path) -> Iterator[None]:
    """The mounted disk read-only for the block, writable again afterwards."""
    remounted = _run("mount", "-o", "remount,ro", str(mount))
    assert remounted.returncode == 0, remounted.stderr
    try:
        yield
    finally:
        _run("mount", "-o", "remount,rw", str(mount))


def fill(mount: Path, leave: int) -> Path:
    """Fill the disk with a file until it is full, then give back `leave` bytes."""
    filler = mount / "filler"
    chunk = b"\0" * MiB
    with filler.open("wb", buffering=0) as out:  # unbuffered: closing has nothing to flush
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    size = filler.stat().st_size
    os.truncate(filler, max(0, size - leave))
    free = free_space(mount)
    assert free <= leave + 64 * 1024, free
    return filler


def free_space(mount: Path) -> int:
    stat = os.statvfs(mount)
    return stat.f_bavail * stat.f_frsize


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def cli_env(cache: Path | None, **extra: str) -> dict[str, str]:
    """The environment for a command: this checkout's code first on the path (the command is
    a new Python, which would otherwise import whatever is installed), the cache given."""
    env = {**os.environ, **extra}
    env["PYTHONPATH"] = os.pathsep.join(
        [str(SOURCE), str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    env.pop("SOURCE_DATE_EPOCH", None)
    if cache is None:
        env.pop("MISSION_TRACKER_CACHE", None)
    else:
        env["MISSION_TRACKER_CACHE"] = str(cache)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "mission_tracker.cli", *args]


def cli(
    *args: str, cwd: Path, cache: Path | None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mission-tracker ARGS` in `cwd`, as a user runs it (no option added)."""
    return subprocess.run(
        command(*args),
        cwd=cwd,
        env={**cli_env(cache), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under `folder`, by relative path."""
    assert folder.is_dir(), folder
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def leftovers(project: Path, site_parent: Path | None = None) -> list[str]:
    """What an interrupted or failed build could leave behind: temporary site folders beside
    the site, temporary files in docs/."""
    parent = site_parent or project
    found = [p.name for p in parent.glob(".site-*")]
    found += [p.relative_to(project).as_posix() for p in (project / "docs").rglob(".tmp-*")]
    return sorted(found)


def assert_explained(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 1 with every one of `words` in the message, and none of the text of a bug."""
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    for bug in ("internal error", "Traceback", "This is a bug"):
        assert bug not in output, output


def revise(project: Path) -> None:
    """A new vintage of one indicator's latest figures: its pages, charts and downloads, and
    the pages about all indicators, change."""
    path = project / "data" / "indicators" / "example-homes.csv"
    text = path.read_text("utf-8")
    revised = text.replace("2023/24,,230,,", "2023/24,,240,,").replace(
        "2023/24,private,170,,", "2023/24,private,180,,"
    )
    assert revised != text
    path.write_text(revised, "utf-8")
