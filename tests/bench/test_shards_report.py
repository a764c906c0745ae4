"""The sharded-build figures (benchmarks/shards.py): the fit recovers known costs, the
projection follows from it, and `make bench` keeps the section when it writes the rest; and
growth is reported against N = 500 for every larger N (issue 15). No build is run here."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.measure import Run, Series
from benchmarks.report import Machine, Result, growth, write_results
from benchmarks.shards import HEADING, Measured, ShardRun, fit, project, section, write_section
from benchmarks.weight import WeightSummary

MB = 1024 * 1024


def _run(seconds: float) -> Run:
    return Run(seconds, 500 * MB, 400 * MB)


def _measured() -> Measured:
    # Made with a = 10 s, b = 5 ms per indicator, c = 400 ms per drawn; merge 8 s + 60 ms.
    runs = []
    merges = []
    for n, s in ((100, 1), (100, 4), (400, 4)):
        for k in range(s):
            drawn = len(range(k, n, s))
            runs.append(ShardRun(n, s, drawn, _run(10 + 0.005 * n + 0.4 * drawn)))
        merges.append((n, s, _run(8 + 0.06 * n)))
    return Measured(runs, merges)


def test_the_fit_recovers_the_costs_and_projects_with_them() -> None:
    shard, merge = fit(_measured())
    assert shard == pytest.approx([10, 0.005, 0.4], abs=1e-6)
    assert merge == pytest.approx([8, 0.06], abs=1e-6)
    slowest, merged = project(shard, merge, 2000, 8)
    assert slowest == pytest.approx(10 + 10 + 0.4 * 250)
    assert merged == pytest.approx(8 + 120)
    lines = section(_measured(), {400: 170.0})
    assert lines[0] == HEADING
    row = next(line for line in lines if line.startswith("| 10000 |"))
    assert row.count("min") == 4
    assert any("N = 400: 170.0 s" in line for line in lines)


def test_make_bench_keeps_the_sharded_section(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    out.write_text(
        "# Old\n\n## Chart specs and PNG compaction\n\nby hand\n\n## Lighthouse\n", "utf-8"
    )
    write_section(out, section(_measured(), {}))
    write_section(out, section(_measured(), {}))  # replaced, not added twice
    assert out.read_text("utf-8").count(HEADING) == 1
    weights = WeightSummary(50, 40_000, 60_000, 70_000, 90_000, "indicators/x/index.html", ())
    series = Series([_run(40.0)])
    result = Result(50, series, series, series, series, Series(), MB, weights, 70_000)
    machine = Machine("CPU", 2, 24.0, "Linux", "3.11", {}, "abc123", "2026-12-01")
    write_results(out, machine, [result], [], "not run")
    text = out.read_text("utf-8")
    assert text.count(HEADING) == 1 and text.index(HEADING) < text.index("## Lighthouse")
    assert "## Chart specs and PNG compaction\n\nby hand\n" in text


def test_growth_is_reported_against_n_500() -> None:
    weights = WeightSummary(1, 1, 1, 1, 1, "x", ())

    def result(n: int, per: float) -> Result:
        s = Series([_run(n * per)])
        return Result(n, s, s, s, s, Series(), MB, weights, 1)

    rows = growth([result(50, 1.0), result(500, 0.5), result(2000, 0.5), result(5000, 0.6)])
    pairs = [(small, large) for small, large, _, _ in rows]
    assert pairs == [(50, 500), (500, 2000), (2000, 5000), (500, 5000)]
    assert rows[-1][2] == pytest.approx(1.2)


def test_a_cost_the_noise_makes_negative_is_dropped() -> None:
    from benchmarks.shards import nonnegative_fit

    # Slower at the smaller size (a neighbour's load): no negative cost per indicator.
    coef = nonnegative_fit([(1.0, 100.0), (1.0, 400.0)], [120.0, 45.0])
    assert list(coef) == pytest.approx([82.5, 0.0])
