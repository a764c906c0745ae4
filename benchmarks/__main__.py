"""`python -m benchmarks` (`make bench`): build synthetic sites of several sizes and measure.

For each size N it measures, in one run, the medians of repeated builds, each in a fresh process:
(a) cold build of the whole site (empty cache); (b) rebuild with nothing changed; (c) rebuild
after one CSV changed; (d) plain `mkdocs build --strict` of the same generated pages, images in
place (the floor); (e) the naive pipeline (benchmarks/naive.py). It prints them, their ratios,
peak memory, site size and indicator page weight, runs Lighthouse on the smallest site, and
writes benchmarks/RESULTS.md. There are no pass/fail thresholds here: the targets are printed
beside the figures.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mission_tracker.write import GENERATED

from . import lighthouse
from .measure import Run, Series, repeat, run, tree_size
from .report import Result, ShapeResult, Targets, describe_machine, print_result, write_results
from .shapes import write_shapes_project
from .synthetic import change_one_csv, write_project, write_shipped
from .weight import first_view, indicator_pages, png_height

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
# The configuration `mission-tracker build` writes: the package's theme under the project's own.
BUILT_CONFIG = ".mission-tracker/mkdocs.yml"


def _clean(project: Path) -> None:
    """Back to a fresh clone: no generated pages, no site."""
    for name in GENERATED:
        path = project / "docs" / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    shutil.rmtree(project / "site", ignore_errors=True)


def _site(project: Path, cache: Path) -> Run:
    return run(
        [PYTHON, "-m", "mission_tracker.cli", "site"],
        cwd=project,
        env={"MISSION_TRACKER_CACHE": str(cache)},
    )


@dataclass(frozen=True)
class Size:
    """A project to measure: N synthetic indicators, or the shipped site."""

    name: str  # "50", or "shipped"
    write: Callable[[Path], Path]

    @property
    def shipped(self) -> bool:
        return self.name == SHIPPED


SHIPPED = "shipped"


def size(name: str, seed: int) -> Size:
    if name == SHIPPED:
        return Size(name, write_shipped)
    n = int(name)
    return Size(name, lambda dest: write_project(dest, n, seed))


def measure_size(
    which: Size, work: Path, repeats: int, slow_repeats: int, seed: int, naive_runs: int
) -> Result:
    project = which.write(work / f"n{which.name}" / "project")
    n = len(list((project / "data" / "indicators").glob("*.csv")))
    caches = work / f"n{which.name}" / "caches"
    floor_dir = work / f"n{which.name}" / "floor-site"
    naive_project = work / f"n{which.name}" / "naive"
    print(f"\nN = {n}{' (the shipped site)' if which.shipped else ''}: {project}", flush=True)

    def cold_prepare(i: int) -> None:
        _clean(project)
        shutil.rmtree(caches, ignore_errors=True)
        print(f"  (a) cold build {i + 1}/{slow_repeats}", flush=True)

    cold = repeat(slow_repeats, cold_prepare, lambda: _site(project, caches / "cache"))
    cache = caches / "cache"

    # (b), (c) and (d) interleaved, so a noisy neighbour slows all three alike.
    unchanged, changed, floor = Series(), Series(), Series()
    for i in range(repeats):
        print(f"  (b) (c) (d) repetition {i + 1}/{repeats}", flush=True)
        unchanged.runs.append(_site(project, cache))
        shutil.rmtree(floor_dir, ignore_errors=True)
        floor.runs.append(
            run(
                [
                    MKDOCS,
                    "build",
                    "--strict",
                    "--quiet",
                    "-f",
                    BUILT_CONFIG,
                    "--site-dir",
                    str(floor_dir),
                ],
                project,
            )
        )
        change_one_csv(project, seed, step=i + 1)
        changed.runs.append(_site(project, cache))
    shutil.rmtree(floor_dir, ignore_errors=True)

    site = project / "site"
    weights = indicator_pages(site)
    home = first_view(site, site / "index.html")
    size = tree_size(site)

    def naive_prepare(i: int) -> None:
        if naive_project.exists():
            shutil.rmtree(naive_project)
        shutil.copytree(project, naive_project, ignore=shutil.ignore_patterns("site"))
        print(f"  (e) naive pipeline {i + 1}/{naive_runs}", flush=True)

    naive_site = work / f"n{which.name}" / "naive-site"
    naive = repeat(
        naive_runs,
        naive_prepare,
        lambda: run(
            [PYTHON, str(ROOT / "benchmarks" / "naive.py"), str(naive_project), str(naive_site)],
            cwd=naive_project,
        ),
    )
    shutil.rmtree(naive_project, ignore_errors=True)
    shutil.rmtree(naive_site, ignore_errors=True)
    return Result(
        n,
        cold,
        unchanged,
        changed,
        floor,
        naive,
        size,
        weights,
        home.first_view_gzip,
        which.shipped,
    )


def _plain_cold(n: int, work: Path, repeats: int, seed: int) -> Series:
    """Cold builds of the plain mix at N, when the shape mix is measured at another N."""
    project = write_project(work / f"n{n}-plain" / "project", n, seed)
    caches = work / f"n{n}-plain" / "caches"

    def prepare(i: int) -> None:
        _clean(project)
        shutil.rmtree(caches, ignore_errors=True)

    return repeat(repeats, prepare, lambda: _site(project, caches / "cache"))


def measure_shapes(n: int, work: Path, repeats: int, seed: int, plain: Series) -> ShapeResult:
    """Cold builds of the shape mix at N, beside the plain mix's (measured just before)."""
    project = write_shapes_project(work / f"n{n}-shapes" / "project", n, seed)
    caches = work / f"n{n}-shapes" / "caches"
    print(f"\nShape mix, N = {n}: project in {project}", flush=True)

    def prepare(i: int) -> None:
        _clean(project)
        shutil.rmtree(caches, ignore_errors=True)
        print(f"  cold build {i + 1}/{repeats}", flush=True)

    cold = repeat(repeats, prepare, lambda: _site(project, caches / "cache"))
    site = project / "site"
    rows = sum(
        len(p.read_text("utf-8").splitlines()) - 1
        for p in (project / "data" / "indicators").glob("*.csv")
    )
    tallest = max(png_height(p) for p in (site / "indicators").glob("*/*.png"))
    return ShapeResult(n, cold, plain, rows, indicator_pages(site), tallest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--sizes",
        default="shipped,50,500,2000,5000",
        help="numbers of indicators, and `shipped` for the shipped site (--quick: 50 only)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="repetitions of (b), (c), (d)")
    parser.add_argument(
        "--large-repeats",
        type=int,
        default=None,
        help="repetitions of (b), (c), (d) for N > 500 (default: --repeats)",
    )
    parser.add_argument(
        "--slow-repeats",
        type=int,
        default=None,
        help="repetitions of (a) and (e) (default: --repeats for N <= 50, else 1)",
    )
    parser.add_argument(
        "--naive-max",
        type=int,
        default=2000,
        help="run (e), the slow naive pipeline, only for N up to this (default: 2000; at "
        "N = 5000 it would take hours)",
    )
    parser.add_argument("--quick", action="store_true", help="N=50, 1 repetition, no Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-shapes", action="store_true", help="skip the shape mix")
    parser.add_argument(
        "--shapes-size",
        type=int,
        default=None,
        help="N of the shape mix (default: the first size; 12 with --quick)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    parser.add_argument("--workdir", type=Path, default=None, help="keep projects here")
    args = parser.parse_args(argv)
    names = args.sizes.split(",")
    repeats = args.repeats
    if args.quick:
        names = names if args.sizes != parser.get_default("sizes") else ["50"]
        repeats, args.no_lighthouse = 1, True
        args.shapes_size = args.shapes_size or 12
    machine = describe_machine()
    print(machine.summary(), flush=True)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mission-tracker-bench-"))
    # Every build runs a snapshot of the package taken now, so edits made to the working tree
    # during a run of hours cannot change what is measured half way.
    snapshot = work / "src"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(
        ROOT / "src" / "mission_tracker",
        snapshot / "mission_tracker",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    # Compiled as an installed package is (pip compiles what it installs): a machine that sets
    # PYTHONDONTWRITEBYTECODE would otherwise compile the whole package in every build.
    compileall.compile_dir(snapshot, quiet=1)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(snapshot), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    results = []
    shapes: ShapeResult | None = None
    scores: list[lighthouse.Scores] = []
    audited: list[str] = []
    lighthouse_note = "not run (--quick or --no-lighthouse)"
    try:
        synthetic = [name for name in names if name != SHIPPED]
        for name in names:
            which = size(name, args.seed)
            n = 0 if which.shipped else int(name)
            slow = args.slow_repeats or (repeats if which.shipped or n <= 50 else 1)
            naive_runs = 0 if which.shipped or n > args.naive_max else slow
            reps = repeats if n <= 500 or args.large_repeats is None else args.large_repeats
            result = measure_size(which, work, reps, slow, args.seed, naive_runs)
            print_result(result, Targets())
            results.append(result)
            first = bool(synthetic) and name == synthetic[0]
            if first and not args.no_shapes:
                m = args.shapes_size or n
                plain = result.cold if m == n else _plain_cold(m, work, slow, args.seed)
                shapes = measure_shapes(m, work, slow, args.seed, plain)
                print(shapes.summary(Targets()), flush=True)
            if (first or which.shipped) and not args.no_lighthouse:
                missing = lighthouse.available()
                if missing:
                    lighthouse_note = f"not run: {missing}"
                else:
                    site = work / f"n{name}" / "project" / "site"
                    label = "shipped site" if which.shipped else f"N = {n} site"
                    pages = ["", "missions/nhs/", _an_indicator_page(site), _an_embed_page(site)]
                    found = lighthouse.audit(site, pages)
                    scores += [s.on(label) for s in found]
                    audited.append(f"{label}: " + ", ".join("/" + p for p in pages))
                    lighthouse_note = "; ".join(audited)
                    for s in found:
                        print(f"  Lighthouse {label} /{s.page}: {s.scores}", flush=True)
                        for audit in s.failing:
                            print(f"    below full marks: {audit}", flush=True)
            # Written after each size, so a long run that stops still leaves its figures.
            write_results(args.output, machine, results, scores, lighthouse_note, shapes)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    write_results(args.output, machine, results, scores, lighthouse_note, shapes)
    print(f"\nWrote {args.output}")
    return 0


def _an_indicator_page(site: Path) -> str:
    """The indicator page with a breakdown chart (the heavier kind), else the first one."""
    pages = sorted(p.parent for p in (site / "indicators").glob("*/breakdowns.svg"))
    pages = pages or sorted(p.parent for p in (site / "indicators").glob("*/chart.svg"))
    return pages[0].relative_to(site).as_posix() + "/"


def _an_embed_page(site: Path) -> str:
    """The embed page of the indicator page audited."""
    return _an_indicator_page(site) + "embed/"


if __name__ == "__main__":
    sys.exit(main())
