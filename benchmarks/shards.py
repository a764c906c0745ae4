"""`python -m benchmarks.shards`: sharded builds, measured and projected (issue 15).

For each size N it writes the synthetic project (benchmarks/synthetic.py) and runs, each in a
fresh process with an empty cache of its own, as CI machines would: every shard
`mission-tracker build --shard K/S` one after another, then `mission-tracker site --merge`
of their folders. On a real matrix the shards run at once, each on its own machine, so the
wall time of a sharded build is its slowest shard plus the merge.

A shard's time is fitted as a + b·N + c·n: a fixed start (Python, imports, the JavaScript
runtime), b per indicator of the whole project (every shard reads, checks and analyses all the
data), c per indicator it draws (n of them: specs, SVG and PNG). The merge's as m + p·N: pages,
social cards, downloads and `mkdocs build --strict`, every chart from the cache. Two sizes and
two shard counts give the four shard figures the fit needs (least squares over all runs);
the projection puts other N and S into the fitted lines, assuming machines like this one and
leaving out what CI adds around a build (installing, artifacts up and down).

The figures go into a section of benchmarks/RESULTS.md of their own, kept when `make bench`
writes the rest.
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .measure import Run, run
from .synthetic import write_project

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MB = 1024 * 1024
HEADING = "## Sharded builds"
PROJECTED_N = (2000, 10000)
PROJECTED_S = (4, 8, 16)


@dataclass(frozen=True)
class ShardRun:
    n: int  # indicators in the project
    shards: int
    drawn: int  # indicators this shard drew
    run: Run


@dataclass(frozen=True)
class Measured:
    shard_runs: list[ShardRun]
    merges: list[tuple[int, int, Run]]  # (N, S, merge run)


def _cli(*args: str, cwd: Path, cache: Path) -> Run:
    return run(
        [PYTHON, "-m", "mission_tracker.cli", *args],
        cwd=cwd,
        env={"MISSION_TRACKER_CACHE": str(cache)},
    )


def measure(n: int, shards: int, work: Path, seed: int) -> tuple[list[ShardRun], Run]:
    project = write_project(work / f"n{n}-s{shards}" / "project", n, seed)
    base = work / f"n{n}-s{shards}"
    runs, folders = [], []
    for k in range(1, shards + 1):
        folder = base / f"shard-{k}"
        print(f"  N = {n}: shard {k}/{shards}", flush=True)
        r = _cli(
            "build",
            "--shard",
            f"{k}/{shards}",
            "--shard-dir",
            str(folder),
            cwd=project,
            cache=base / f"cache-{k}",
        )
        drawn = len(range(k - 1, n, shards))
        runs.append(ShardRun(n, shards, drawn, r))
        folders.append(str(folder))
    print(f"  N = {n}: merge of {shards}", flush=True)
    merged = _cli("site", "--merge", *folders, cwd=project, cache=base / "cache-merge")
    return runs, merged


def nonnegative_fit(rows: list[tuple[float, ...]], times: list[float]) -> np.ndarray:
    """Least squares with every cost at least zero: on a noisy machine a plain fit can make
    a cost negative, which no build has. A term whose cost comes out negative is dropped (set
    to zero) and the rest fitted again, the most negative first."""
    a, y = np.array(rows, dtype=float), np.array(times, dtype=float)
    active = list(range(a.shape[1]))
    while True:
        coef = np.zeros(a.shape[1])
        solved, *_ = np.linalg.lstsq(a[:, active], y, rcond=None)
        coef[active] = solved
        if (solved >= 0).all() or len(active) == 1:
            return np.maximum(coef, 0.0)
        active.pop(int(np.argmin(solved)))


def fit(m: Measured, merge_ms: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(a, b, c) of the shards and (m, p) of the merge, each cost at least zero; with
    `merge_ms`, the merge is that many milliseconds per indicator instead of fitted."""
    rows: list[tuple[float, ...]] = [(1.0, r.n, r.drawn) for r in m.shard_runs]
    shard = nonnegative_fit(rows, [r.run.seconds for r in m.shard_runs])
    if merge_ms is not None:
        return shard, np.array([0.0, merge_ms / 1000])
    merge_rows: list[tuple[float, ...]] = [(1.0, n) for n, _, _ in m.merges]
    merge = nonnegative_fit(merge_rows, [r.seconds for _, _, r in m.merges])
    return shard, merge


def project(shard: np.ndarray, merge: np.ndarray, n: int, s: int) -> tuple[float, float]:
    """(slowest shard, merge) in seconds for N indicators on S shards."""
    a, b, c = shard
    slowest = a + b * n + c * math.ceil(n / s)
    return slowest, merge[0] + merge[1] * n


def section(m: Measured, cold: dict[int, float], merge_ms: float | None = None) -> list[str]:
    shard, merge = fit(m, merge_ms)
    a, b, c = shard
    lines = [
        HEADING,
        "",
        "Written by `python -m benchmarks.shards` (see its docstring). Measured: every shard",
        "`mission-tracker build --shard K/S` and the merge `mission-tracker site --merge`, each",
        "in a fresh process with an empty cache, one after another on this machine.",
        "",
        "| N | S | shard median / max | drawn per shard | shard peak memory | merge | merge peak |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    groups: dict[tuple[int, int], list[ShardRun]] = {}
    for r in m.shard_runs:
        groups.setdefault((r.n, r.shards), []).append(r)
    merges = {(n, s): r for n, s, r in m.merges}
    for (n, s), runs in sorted(groups.items()):
        secs = [r.run.seconds for r in runs]
        peak = max(max(r.run.peak_tree_bytes, r.run.peak_process_bytes) for r in runs)
        mr = merges[(n, s)]
        merge_cell = f"{mr.seconds:.1f} s"
        merge_peak = f"{max(mr.peak_tree_bytes, mr.peak_process_bytes) / MB:.0f} MB"
        lines.append(
            f"| {n} | {s} | {statistics.median(secs):.1f} / {max(secs):.1f} s "
            f"| {statistics.median(r.drawn for r in runs):.0f} | {peak / MB:.0f} MB "
            f"| {merge_cell} | {merge_peak} |"
        )
    lines += [
        "",
        f"Fitted (least squares, every cost at least zero): a shard takes {a:.1f} s + "
        f"{1000 * b:.1f} ms per indicator of the project + {1000 * c:.0f} ms per indicator it "
        "draws; the merge "
        + (
            f"{1000 * merge[1]:.0f} ms per indicator (given with --merge-ms, not fitted)."
            if merge_ms is not None
            else f"{merge[0]:.1f} s + {1000 * merge[1]:.1f} ms per indicator."
        ),
        "",
        "Projected wall time (slowest shard + merge; shards at once on machines like this one,",
        "2 cores each; installing and artifacts not counted). These are projections from the",
        "fit above, not measurements:",
        "",
        "| N | unsharded cold build (projected) | "
        + " | ".join(f"{s} shards" for s in PROJECTED_S)
        + " |",
        "|---:|---:|" + "---:|" * len(PROJECTED_S),
    ]
    for n in PROJECTED_N:
        one = sum(project(shard, merge, n, 1))
        cells = []
        for s in PROJECTED_S:
            slowest, merged = project(shard, merge, n, s)
            cells.append(
                f"{(slowest + merged) / 60:.1f} min ({slowest / 60:.1f} + {merged / 60:.1f})"
            )
        lines.append(f"| {n} | {one / 60:.1f} min | " + " | ".join(cells) + " |")
    if cold:
        lines += [
            "",
            "For scale, unsharded cold builds measured in the same run: "
            + ", ".join(f"N = {n}: {s:.1f} s" for n, s in sorted(cold.items()))
            + ".",
        ]
    return lines


def write_section(path: Path, lines: list[str]) -> None:
    """Replace (or add) the section in RESULTS.md, leaving the rest as it is."""
    text = path.read_text("utf-8") if path.is_file() else ""
    start = text.find(HEADING)
    if start >= 0:
        end = text.find("\n## ", start + len(HEADING))
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[:start] + "\n".join(lines) + "\n" + ("\n" + rest if rest else "")
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"
    path.write_text(text, "utf-8")


# Sections of RESULTS.md that `make bench` does not measure and keeps as they are: this
# module's, the figures of the chart-spec and PNG measurements of issue 15, and the reading of
# the targets (written by hand from the figures above it).
KEPT = (HEADING, "## Chart specs and PNG compaction", "## Targets: met and missed")


def kept_section(path: Path, heading: str = HEADING) -> list[str]:
    """A section as RESULTS.md has it, for `make bench` to keep when it writes the rest."""
    if not path.is_file():
        return []
    text = path.read_text("utf-8")
    start = text.find(heading)
    if start < 0:
        return []
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end >= 0 else len(text)].rstrip("\n").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.shards", description=__doc__)
    parser.add_argument("--runs", default="100:1,100:4,400:4", help="N:S pairs to measure")
    parser.add_argument("--cold", default="", help="N of unsharded cold builds to run beside")
    parser.add_argument(
        "--merge-ms",
        type=float,
        default=None,
        help="project the merge at this many ms per indicator instead of fitting it",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mission-tracker-shards-"))
    m = Measured([], [])
    cold: dict[int, float] = {}
    try:
        for pair in args.runs.split(","):
            n, s = (int(x) for x in pair.split(":"))
            runs, merged = measure(n, s, work, args.seed)
            m.shard_runs.extend(runs)
            m.merges.append((n, s, merged))
            print(
                f"  N = {n}, S = {s}: shards {[round(r.run.seconds, 1) for r in runs]}, "
                f"merge {merged.seconds:.1f} s",
                flush=True,
            )
        for n in filter(None, args.cold.split(",")):
            project_dir = write_project(work / f"cold-{n}" / "project", int(n), args.seed)
            cold[int(n)] = _cli("site", cwd=project_dir, cache=work / f"cold-{n}" / "c").seconds
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    lines = section(m, cold, args.merge_ms)
    print("\n".join(lines))
    write_section(args.output, lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
