"""A build killed outright (kill -9, the out-of-memory killer, a cancelled CI job) cannot
clean up; the next build must, and the killed one must leave no process running. Real
processes, killed for real."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest
from benchmarks.synthetic import write_project
from tests.robustness.conftest import project
from tests.robustness.disks import cli, cli_env, command, leftovers, snapshot

T = TypeVar("T")


def poll(find: Callable[[], T | None], timeout: float, what: str, step: float = 0.01) -> T:
    """What `find` returns once it returns something (not None, not empty)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def test_killed_during_mkdocs_the_next_build_cleans_up(
    tmp_path: Path, cache: Path, reference: dict[str, bytes | None]
) -> None:
    root = project(tmp_path / "project")
    assert cli("site", "--keep-cache", cwd=root, cache=cache).returncode == 0
    log = tmp_path / "killed.log"
    with (
        log.open("w") as out,
        subprocess.Popen(
            command("site", "--keep-cache"), cwd=root, env=cli_env(cache), stdout=out, stderr=out
        ) as build,
    ):
        prefix = f".site-{build.pid}-"

        def started() -> Path | None:
            # The folder MkDocs is building into, once it has begun writing there.
            for folder in root.glob(f"{prefix}*"):
                try:
                    if any(folder.iterdir()):
                        return folder
                except FileNotFoundError:
                    continue
            return None

        abandoned = poll(started, 120, f"a {prefix}* folder with files in it")
        assert build.poll() is None, log.read_text()
        build.send_signal(signal.SIGKILL)
    assert build.returncode == -signal.SIGKILL
    assert abandoned.is_dir()  # what a killed build leaves behind
    assert snapshot(root / "site") == reference  # ... and the site it was replacing, whole

    result = cli("site", "--keep-cache", cwd=root, cache=cache)

    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(root) == []
    assert snapshot(root / "site") == reference
    assert (root / "site").stat().st_mode & 0o777 == 0o755  # a web server may read it


def test_a_swap_killed_half_way_keeps_the_old_site(
    tmp_path: Path, cache: Path, reference: dict[str, bytes | None]
) -> None:
    """Killed between the swap's two renames, the last whole site is `.site-old` and there is
    no site/: the next build puts it back rather than deleting it as abandoned, so even a
    build that then fails leaves the site there was."""
    root = project(tmp_path / "project")
    for rel, data in reference.items():  # the last whole site, as the swap left it
        path = root / ".site-old" / rel
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    (root / "docs" / "broken.md").write_text("# Broken\n\n[A link](no-such-page.md)\n", "utf-8")

    result = cli("site", "--keep-cache", cwd=root, cache=cache)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "no-such-page.md" in result.stderr
    assert snapshot(root / "site") == reference
    assert leftovers(root) == []


# -- worker processes -----------------------------------------------------------------------


@dataclass(frozen=True)
class Process:
    pid: int
    parent: int
    started: int  # clock ticks after boot: with the pid, names one process for good
    state: str
    cmdline: str


def processes() -> dict[int, Process]:
    table: dict[int, Process] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended while being read
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (name)", which may hold spaces
        pid = int(entry.name)
        table[pid] = Process(pid, int(fields[1]), int(fields[19]), fields[0], cmdline)
    return table


def descendants(table: dict[int, Process], pid: int) -> list[Process]:
    found: list[Process] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        children = [p for p in table.values() if p.parent == parent]
        found += children
        todo += [c.pid for c in children]
    return found


def running(recorded: list[Process], marker: str) -> list[Process]:
    """The recorded processes still running, and any other process of the run (by the marker
    on its command line). A zombie has ended: it only waits for its new parent to collect its
    exit status."""
    known = {(p.pid, p.started) for p in recorded}
    return [
        p
        for p in processes().values()
        if p.state != "Z" and ((p.pid, p.started) in known or marker in p.cmdline)
    ]


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table in /proc")
@pytest.mark.parametrize(
    ("indicators", "options"),
    [(40, ()), (8, ("--no-cache",))],
    ids=["cold-cache", "no-cache"],
)
def test_killed_while_rendering_no_worker_survives(
    tmp_path: Path, indicators: int, options: tuple[str, ...]
) -> None:
    """Cold cache: the workers build and render every indicator's charts; no cache: the specs
    are built here and the workers render them. Either way the build is killed while its
    workers are busy, and within seconds neither they nor the fork server nor the resource
    tracker are left."""
    root = write_project(tmp_path / "project", indicators, seed=1)
    # An entry on the path that only this run has: the fork server's command line lists the
    # path, and its workers share that command line, so any process of this run shows it.
    marker = str(tmp_path / f"run-{uuid.uuid4().hex}")
    env = cli_env(tmp_path / "cache")
    env["PYTHONPATH"] += f":{marker}"
    log = tmp_path / "killed.log"
    recorded: list[Process] = []
    try:
        with (
            log.open("w") as out,
            subprocess.Popen(
                command("site", "--workers", "2", *options),
                cwd=root,
                env=env,
                stdout=out,
                stderr=out,
            ) as build,
        ):

            def busy() -> list[Process] | None:
                tree = descendants(processes(), build.pid)
                servers = {p.pid for p in tree if "multiprocessing.forkserver" in p.cmdline}
                workers = [p for p in tree if p.parent in servers]
                return tree if len(workers) == 2 else None

            try:
                recorded = poll(busy, 180, "two render workers", step=0.05)
            finally:
                if not recorded:
                    build.kill()
            time.sleep(0.2)  # into rendering, and still at it:
            assert build.poll() is None, log.read_text()
            assert busy(), "the workers finished before the kill: give them more to render"
            assert any(marker in p.cmdline for p in recorded)
            build.send_signal(signal.SIGKILL)
        assert build.returncode == -signal.SIGKILL

        deadline = time.monotonic() + 10
        while running(recorded, marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        survivors = running(recorded, marker)
        assert survivors == [], "\n".join(f"{p.pid} {p.cmdline[:120]}" for p in survivors)
    finally:
        for p in running(recorded, marker):  # only this run's, by pid, if the test failed
            with contextlib.suppress(ProcessLookupError):
                os.kill(p.pid, signal.SIGKILL)
