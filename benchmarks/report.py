"""The benchmark's figures: printed as they come, and written as a table to RESULTS.md."""

from __future__ import annotations

import itertools
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from .carried import BUILD_TIME, LIGHTHOUSE, MEMORY, SHAPES, Carried
from .lighthouse import CATEGORIES, Scores
from .measure import Series
from .shards import KEPT, kept_section
from .weight import WeightSummary

MB = 1024 * 1024


@dataclass(frozen=True)
class Targets:
    """From issue 15; shown beside the figures, never asserted by a test."""

    unchanged_over_floor: float = 1.1
    changed_over_floor: float = 1.3
    cold_over_naive: float = 0.15
    cold_ms_per_indicator: float = 200  # at N = 2,000
    growth: float = 1.2  # time per indicator, N = 5,000 over N = 500
    peak_bytes: int = 4 * 1024 * MB
    site_bytes: int = 800 * MB
    first_view_bytes: int = 100 * 1024
    lighthouse: tuple[tuple[str, int], ...] = (
        ("performance", 95),
        ("accessibility", 100),
        ("best-practices", 100),
        ("seo", 100),
    )


@dataclass(frozen=True)
class Result:
    n: int
    cold: Series  # (a)
    unchanged: Series  # (b)
    changed: Series  # (c)
    floor: Series  # (d)
    naive: Series  # (e)
    site_bytes: int
    weights: WeightSummary
    home_first_view: int
    shipped: bool = False  # the shipped site rather than a synthetic project

    @property
    def label(self) -> str:
        return f"{self.n} (shipped site)" if self.shipped else str(self.n)

    @property
    def peak_bytes(self) -> int:
        """Peak memory of our builds, (a) to (c), the render workers included."""
        return max(self.cold.peak_bytes, self.unchanged.peak_bytes, self.changed.peak_bytes)


@dataclass(frozen=True)
class ShapeResult:
    """The shape mix (benchmarks/shapes.py) beside the plain synthetic project, same N."""

    n: int
    cold: Series
    plain_cold: Series
    rows: int
    weights: WeightSummary
    tallest_png: int  # pixels
    png_budget: int = 2000

    @property
    def per_indicator_ms(self) -> tuple[float, float]:
        return 1000 * self.cold.median / self.n, 1000 * self.plain_cold.median / self.n

    def summary(self, t: Targets) -> str:
        shapes, plain = self.per_indicator_ms
        w = self.weights
        return (
            f"  shape mix, N = {self.n} ({self.rows:,} rows): cold build {self.cold.median:.2f} s "
            f"({self.cold.count} runs), {shapes:.0f} ms per indicator beside {plain:.0f} ms for "
            f"the plain mix ({shapes / plain:.2f}x)\n"
            f"  heaviest shape page first view {w.first_view_max / 1024:.1f} KB ({w.heaviest}); "
            f"target < {t.first_view_bytes // 1024} KB: "
            f"{_mark(w.first_view_max < t.first_view_bytes)}\n"
            f"  tallest PNG {self.tallest_png} px; target <= {self.png_budget} px: "
            f"{_mark(self.tallest_png <= self.png_budget)}"
        )


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    memory_gib: float
    system: str
    python: str
    packages: dict[str, str]
    commit: str
    date: str

    def summary(self) -> str:
        versions = ", ".join(f"{k} {v}" for k, v in self.packages.items())
        return (
            f"{self.cpu}, {self.cores} cores, {self.memory_gib:.0f} GiB RAM; {self.system}; "
            f"Python {self.python}; {versions}"
        )


def describe_machine() -> Machine:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kib = 0
    packages = {}
    for name in ("mkdocs", "mkdocs-material", "altair", "vl-convert-python"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = "missing"
    here = Path(__file__).resolve().parent
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=here,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    edited = subprocess.run(
        ["git", "status", "--porcelain", "--", "../src"],
        cwd=here,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if commit and edited:
        commit += " with uncommitted changes in src/"
    return Machine(
        cpu=cpu,
        cores=os.cpu_count() or 1,
        memory_gib=mem_kib / 1024 / 1024,
        system=f"{platform.system()} {platform.release()}",
        python=platform.python_version(),
        packages=packages,
        commit=commit or "unknown",
        date=datetime.now(UTC).strftime("%Y-%m-%d"),
    )


def _mark(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_result(r: Result, t: Targets) -> None:
    b_d = r.unchanged.median / r.floor.median
    c_d = r.changed.median / r.floor.median
    w = r.weights
    if r.naive.count:
        a_e = r.cold.median / r.naive.median
        naive = f"{r.naive.median:8.2f} s  ({r.naive.count} runs)"
        a_e_line = f"{a_e:.2f}  target <= {t.cold_over_naive}: {_mark(a_e <= t.cold_over_naive)}"
        naive_peak = f"{r.naive.peak_bytes / MB:.0f} MB"
    else:
        naive = a_e_line = naive_peak = "not run (--naive-max)"
    print(
        f"  (a) cold build            {r.cold.median:8.2f} s  ({r.cold.count} runs)\n"
        f"  (b) no-change rebuild     {r.unchanged.median:8.2f} s  ({r.unchanged.count} runs)\n"
        f"  (c) one-CSV rebuild       {r.changed.median:8.2f} s  ({r.changed.count} runs)\n"
        f"  (d) mkdocs build (floor)  {r.floor.median:8.2f} s  ({r.floor.count} runs)\n"
        f"  (e) naive pipeline        {naive}\n"
        f"  (b)/(d) = {b_d:.2f}  target <= {t.unchanged_over_floor}: "
        f"{_mark(b_d <= t.unchanged_over_floor)}\n"
        f"  (c)/(d) = {c_d:.2f}  target <= {t.changed_over_floor}: "
        f"{_mark(c_d <= t.changed_over_floor)}\n"
        f"  (a)/(e) = {a_e_line}\n"
        f"  cold build per indicator {1000 * r.cold.median / r.n:.0f} ms\n"
        f"  peak memory {r.peak_bytes / MB:.0f} MB (naive: {naive_peak}); "
        f"site {r.site_bytes / MB:.1f} MB\n"
        f"  indicator pages ({w.pages}): HTML median {w.html_median / 1024:.1f} KB, max "
        f"{w.html_max / 1024:.1f} KB; first view gzip median {w.first_view_median / 1024:.1f} KB, "
        f"max {w.first_view_max / 1024:.1f} KB ({w.heaviest}); target < "
        f"{t.first_view_bytes // 1024} KB: {_mark(w.first_view_max < t.first_view_bytes)}\n"
        f"  home page first view gzip {r.home_first_view / 1024:.1f} KB",
        flush=True,
    )


def growth(results: list[Result]) -> list[tuple[int, int, float, float]]:
    """(small N, large N, cold ratio, no-change ratio) of time per indicator: each N over the
    one below it, and each N above 500 over N = 500 too (issue 15)."""
    out = []
    ordered = sorted((r for r in results if not r.shipped), key=lambda r: r.n)
    pairs = list(itertools.pairwise(ordered))
    base = next((r for r in ordered if r.n == 500), None)
    if base is not None:
        below = {(a.n, b.n) for a, b in pairs}
        pairs += [(base, r) for r in ordered if r.n > 500 and (500, r.n) not in below]
    for small, large in pairs:
        cold = (large.cold.median / large.n) / (small.cold.median / small.n)
        same = (large.unchanged.median / large.n) / (small.unchanged.median / small.n)
        out.append((small.n, large.n, cold, same))
    return out


SCENARIOS = """\
## What is measured

Each size N is a synthetic project (`benchmarks/synthetic.py`, seed 1): the five shipped
missions, their milestones moved onto synthetic indicators plus one on about one indicator in
ten, and N indicators: about 35% monthly over 20 years, 25% quarterly, 25% annual and 15%
financial-year series, 30% split by a region breakdown of 3 to 8 values, with gaps,
provisional figures and series breaks. It passes `mission-tracker check`. The row marked
"shipped site" is this repository's own project (its data, maps, pages and settings), built
the same way.

- (a) cold build: `mission-tracker site` with an empty cache and no generated files (what a
  fresh clone or CI without a cache does): load, check, analyse, build every chart spec with
  Altair, render each once to SVG and rasterise it once to PNG (vl-convert, 2 processes),
  write the pages, then `mkdocs build --strict` in the same process.
- (b) no-change rebuild: `mission-tracker site` again, nothing changed.
- (c) one-CSV rebuild: the latest figure of one indicator revised (a different value each
  repetition), then `mission-tracker site`.
- (d) the floor: `mkdocs build --strict` (the plain CLI) of the same docs/, every image
  already in place, into an empty folder.
- (e) the naive pipeline (`benchmarks/naive.py`), in one process: load and analyse the data
  with the project's own code, build the same specs with the same Altair builders, then per
  chart `alt.LayerChart.from_dict(spec)` or `alt.VConcatChart.from_dict(spec)` (validated,
  Altair's default) and `chart.save("chart.svg")` then `chart.save("chart.png",
  scale_factor=2)` (each save compiles and renders the chart again), one chart after another;
  then the plain `mkdocs build --strict`. It reuses the pages (b) wrote, so it is not charged
  for making pages, social cards or downloads.

Every build runs in a fresh process, as a user would run it, with its own cache folder
(`MISSION_TRACKER_CACHE`) and a snapshot of the package taken when the run started.
"""


def write_results(
    path: Path,
    machine: Machine,
    results: list[Result],
    scores: list[Scores],
    lighthouse_note: str,
    shapes: ShapeResult | None = None,
) -> None:
    t = Targets()
    before = Carried.read(path)
    measured = f"{machine.commit}, {machine.date}"
    lines = [
        "# Build benchmark results",
        "",
        "Written by `make bench` (`python -m benchmarks`). Times are medians, in seconds, of",
        "builds each run in a fresh process; the figures of one row, and the sizes a growth",
        "line compares, are measured in one run, whose commit and date the row gives. A run of",
        "some sizes only (`--sizes`) keeps the other rows, and the shape mix and Lighthouse",
        "sections when it skips them, as the previous file had them. Targets from issue 15",
        "are in brackets.",
        "",
        f"- Machine: {machine.summary()}",
        f"- This run: commit {machine.commit}, measured {machine.date}",
        "- Repetitions in this run: (b), (c) and (d) interleaved, "
        + ", ".join(f"{r.floor.count} at N = {r.label}" for r in results)
        + "; (a) and (e) as stated per row",
        "",
        SCENARIOS,
        BUILD_TIME,
        "",
        "| N | (a) cold | (b) no change | (c) one CSV | (d) floor | (e) naive "
        f"| (b)/(d) [≤ {t.unchanged_over_floor}] | (c)/(d) [≤ {t.changed_over_floor}] "
        f"| (a)/(e) [≤ {t.cold_over_naive}] "
        f"| (a) per indicator [≤ {t.cold_ms_per_indicator:.0f} ms at N = 2000] | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    times = {
        r.label: (
            f"| {r.label} | {r.cold.median:.1f} ({r.cold.count}×) | {r.unchanged.median:.2f} "
            f"| {r.changed.median:.2f} | {r.floor.median:.2f} "
            f"| {f'{r.naive.median:.1f} ({r.naive.count}×)' if r.naive.count else 'not run'} "
            f"| {r.unchanged.median / r.floor.median:.2f} "
            f"| {r.changed.median / r.floor.median:.2f} "
            f"| {f'{r.cold.median / r.naive.median:.2f}' if r.naive.count else '—'} "
            f"| {1000 * r.cold.median / r.n:.0f} ms | {measured} |"
        )
        for r in results
    }
    lines += before.merged_rows(BUILD_TIME, times)
    rows = before.merged_growth(
        {
            (large, small): f"- N = {large} over N = {small}: cold build {cold:.2f}, "
            f"no-change rebuild {same:.2f} ({measured})"
            for small, large, cold, same in growth(results)
        }
    )
    if rows:
        lines += [
            "",
            f"Growth, time per indicator at the larger N over the smaller [≤ {t.growth}]:",
            "",
            *rows,
        ]
    lines += [
        "",
        "## Memory, size and page weight",
        "",
        "Peak memory is the largest sum of resident memory over the build's process tree",
        "(render workers included), sampled every 50 ms, or the largest single process if",
        "higher. First view: the indicator page's HTML plus the stylesheets, scripts, preloaded",
        "fonts and icon it loads at once, each gzip-compressed (level 6); the search index and",
        "the Vega runtime load later and are not counted.",
        "",
        f"| N | peak memory [< {t.peak_bytes // MB} MB] | naive peak | site size "
        f"[< {t.site_bytes // MB} MB] | indicator HTML median / max | first view median / max "
        f"[< {t.first_view_bytes // 1024} KB] | home first view | measured |",
        "|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    sizes = {
        r.label: (
            f"| {r.label} | {r.peak_bytes / MB:.0f} MB "
            f"| {f'{r.naive.peak_bytes / MB:.0f} MB' if r.naive.count else 'not run'} "
            f"| {r.site_bytes / MB:.1f} MB "
            f"| {r.weights.html_median / 1024:.1f} / {r.weights.html_max / 1024:.1f} KB "
            f"| {r.weights.first_view_median / 1024:.1f} / "
            f"{r.weights.first_view_max / 1024:.1f} KB "
            f"| {r.home_first_view / 1024:.1f} KB | {measured} |"
        )
        for r in results
    }
    lines += before.merged_rows(MEMORY, sizes)
    if results:
        heaviest = results[-1].weights
        lines += [
            "",
            f"Heaviest indicator page at N = {results[-1].label} in this run "
            f"({heaviest.heaviest}) loads at first view: " + ", ".join(heaviest.resources) + ".",
        ]
    if shapes is not None:
        ms, plain = shapes.per_indicator_ms
        w = shapes.weights
        lines += [
            "",
            SHAPES,
            "",
            "The synthetic project at the same N with three indicators in four reshaped as real",
            "releases come (benchmarks/shapes.py): several measures, five crossed breakdowns",
            f"(about 9,000 rows), and 380 local authorities on a map. Cold builds, medians; "
            f"measured {measured}.",
            "",
            "| N | rows | cold build | per indicator | plain mix per indicator | ratio "
            f"| heaviest first view [< {t.first_view_bytes // 1024} KB] "
            f"| tallest PNG [≤ {shapes.png_budget} px] |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {shapes.n} | {shapes.rows:,} | {shapes.cold.median:.1f} s ({shapes.cold.count}×) "
            f"| {ms:.0f} ms | {plain:.0f} ms | {ms / plain:.2f} "
            f"| {w.first_view_max / 1024:.1f} KB ({w.heaviest}) | {shapes.tallest_png} px |",
        ]
    elif SHAPES in before.sections:
        lines += ["", *before.sections[SHAPES]]
    for heading in KEPT:  # written by `python -m benchmarks.shards`, or by hand
        kept = kept_section(path, heading)
        lines += ["", *kept] if kept else []
    if not scores and LIGHTHOUSE in before.sections:
        lines += ["", *before.sections[LIGHTHOUSE]]
    else:
        lines += ["", *_lighthouse(scores, lighthouse_note, measured, t)]
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _lighthouse(scores: list[Scores], note: str, measured: str, t: Targets) -> list[str]:
    lines = [LIGHTHOUSE, "", f"Mobile profile, default config, measured {measured}; {note}.", ""]
    if not scores:
        return lines
    targets = dict(t.lighthouse)
    header = " | ".join(f"{c} [≥ {targets[c]}]" for c in CATEGORIES)
    lines += [f"| site | page | {header} |", "|---|---|" + "---:|" * len(CATEGORIES)]
    for s in scores:
        cells = " | ".join(str(s.scores[c]) for c in CATEGORIES)
        lines.append(f"| {s.site} | /{s.page.lstrip('/')} | {cells} |")
    lines += [
        "",
        "An embed page is `noindex` by design (it is a chart for other sites to frame, not a",
        "page to find), so its SEO score is exempt.",
        "",
        "Audits below full marks that count towards a score:",
        "",
    ]
    for s in scores:
        failing = "; ".join(s.failing) or "none"
        lines.append(f"- {s.site} /{s.page.lstrip('/')}: {failing}")
    return lines
