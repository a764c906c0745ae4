"""Run a command as a user would (a fresh process) and measure its wall time and the peak
memory of its whole process tree (the build's render workers included)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_tree_bytes: int  # sampled sum of RSS over the process and its descendants
    peak_process_bytes: int  # largest single process (getrusage), exact


@dataclass
class Series:
    """Repetitions of one scenario; the median is what is reported."""

    runs: list[Run] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_bytes(self) -> int:
        return max(max(r.peak_tree_bytes, r.peak_process_bytes) for r in self.runs)

    @property
    def count(self) -> int:
        return len(self.runs)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces; fields follow the last ")".
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_rss(root: int) -> int:
    tree = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self.done.wait(self.interval)


def run(
    argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True
) -> Run:
    """Run `argv` to completion; raise with its output if it fails (a failed build has no
    meaningful time)."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=full_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    sampler = _Sampler(process.pid)
    sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    # ru_maxrss (KiB on Linux) is the largest child ever waited for; it only grows, so it is
    # exact for this run only when it grew, else the sampled figure stands.
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    single = after * 1024 if after > before else 0
    if check and process.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed with exit code {process.returncode}:\n"
            + output.decode("utf-8", "replace")[-4000:]
        )
    return Run(seconds, sampler.peak, single)


def repeat(times: int, prepare: Callable[[int], None], measure: Callable[[], Run]) -> Series:
    series = Series()
    for i in range(times):
        prepare(i)
        series.runs.append(measure())
    return series


def tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
