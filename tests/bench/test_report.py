"""The benchmark report: a size whose naive pipeline was not run (`--naive-max`) says so, and
no ratio is made up for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.measure import Run, Series
from benchmarks.report import Machine, Result, Targets, print_result, write_results
from benchmarks.weight import WeightSummary

MB = 1024 * 1024


def _series(*seconds: float) -> Series:
    return Series([Run(s, 300 * MB, 200 * MB) for s in seconds])


def _result(n: int, naive: Series) -> Result:
    weights = WeightSummary(n, 40_000, 60_000, 70_000, 90_000, "indicators/x/index.html", ())
    return Result(
        n, _series(40.0), _series(6.0), _series(7.0), _series(5.0), naive, 20 * MB, weights, 70_000
    )


def test_a_size_without_the_naive_pipeline_reports_it_as_not_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    machine = Machine("CPU", 2, 24.0, "Linux", "3.11", {}, "abc123", "2026-11-27")
    results = [_result(50, _series(160.0)), _result(2000, Series())]
    out = tmp_path / "RESULTS.md"
    write_results(out, machine, results, [], "not run")
    rows = [line for line in out.read_text("utf-8").splitlines() if line.startswith("| 2000 |")]
    assert "not run" in rows[0] and "—" in rows[0]  # (e) and (a)/(e)
    assert "| 1.20 | 1.40 |" in rows[0]  # (b)/(d) and (c)/(d) still reported
    assert "not run" in rows[1]  # naive peak memory
    small = next(line for line in out.read_text("utf-8").splitlines() if line.startswith("| 50 |"))
    assert "160.0 (1×)" in small and "| 0.25 |" in small
    print_result(results[1], Targets())
    printed = capsys.readouterr().out
    assert "(e) naive pipeline        not run" in printed
    assert "(a)/(e) = not run" in printed


def test_a_run_of_some_sizes_keeps_the_rows_it_did_not_measure(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    first = Machine("CPU", 2, 24.0, "Linux", "3.11", {}, "aaa111", "2026-12-01")
    write_results(out, first, [_result(50, _series(160.0)), _result(500, Series())], [], "x")
    written = out.read_text("utf-8").split("## Lighthouse")[0]
    out.write_text(written + "## Lighthouse\n\nscores from the first run\n", "utf-8")
    second = Machine("CPU", 2, 24.0, "Linux", "3.11", {}, "bbb222", "2026-12-02")
    write_results(out, second, [_result(500, Series()), _result(5000, Series())], [], "x")
    lines = out.read_text("utf-8").splitlines()
    rows = [line for line in lines if line.startswith(("| 50 |", "| 500 |", "| 5000 |"))]
    # Both tables: 50 kept from the first run, 500 measured again, 5000 new; in order of N.
    assert [r.split(" |")[0] for r in rows] == ["| 50", "| 500", "| 5000"] * 2
    assert [r.rsplit("| ", 1)[1] for r in rows] == [
        f"{commit}, {day} |"
        for commit, day in [("aaa111", "2026-12-01")] + [("bbb222", "2026-12-02")] * 2
    ] * 2
    growth = [line for line in lines if line.startswith("- N = ")]
    assert growth == [
        "- N = 500 over N = 50: cold build 0.10, no-change rebuild 0.10 (aaa111, 2026-12-01)",
        "- N = 5000 over N = 500: cold build 0.10, no-change rebuild 0.10 (bbb222, 2026-12-02)",
    ]
    # A section this run skipped is kept as the last file had it, not replaced by "not run".
    assert "scores from the first run" in lines
