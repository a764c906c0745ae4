"""`make bench` keeps working: the benchmark runs end to end at N = 50 (`--quick`: one
repetition, no Lighthouse) and reports every figure the issue asks for. No timing is asserted
here; targets live in the benchmark's report."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from tests.conftest import ROOT

N = 50


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """(printed output, RESULTS.md text) of `python -m benchmarks --quick` at N = 50."""
    out = tmp_path_factory.mktemp("bench") / "RESULTS.md"
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--sizes", str(N), "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return run.stdout, out.read_text("utf-8")


def _seconds(text: str, label: str) -> float:
    match = re.search(rf"{re.escape(label)}\s+([\d.]+) s", text)
    assert match, f"{label} missing"
    return float(match[1])


def test_prints_every_time_and_ratio(bench: tuple[str, str]) -> None:
    printed, _ = bench
    for label in (
        "(a) cold build",
        "(b) no-change rebuild",
        "(c) one-CSV rebuild",
        "(d) mkdocs build (floor)",
        "(e) naive pipeline",
    ):
        assert _seconds(printed, label) > 0
    for ratio in ("(b)/(d)", "(c)/(d)", "(a)/(e)"):
        assert re.search(rf"{re.escape(ratio)} = \d+\.\d\d", printed), ratio


def test_prints_memory_size_and_page_weight(bench: tuple[str, str]) -> None:
    printed, _ = bench
    peak = re.search(r"peak memory (\d+) MB \(naive: (\d+) MB\); site ([\d.]+) MB", printed)
    assert peak and int(peak[1]) > 50 and int(peak[2]) > 50 and float(peak[3]) > 0.5
    pages = re.search(
        r"indicator pages \((\d+)\): HTML median ([\d.]+) KB, max ([\d.]+) KB; "
        r"first view gzip median ([\d.]+) KB, max ([\d.]+) KB",
        printed,
    )
    assert pages and int(pages[1]) == N
    html_max, first_view_max = float(pages[3]), float(pages[5])
    # The first view is the compressed page plus the shared CSS, JS and font: more than the
    # page alone compresses to, and it includes the theme's bundle.
    assert first_view_max > 30 and html_max > 5


def test_results_table_has_a_row_per_size(bench: tuple[str, str]) -> None:
    _, results = bench
    assert "- Machine:" in results and "cores" in results
    build_rows = [line for line in results.splitlines() if line.startswith(f"| {N} |")]
    assert len(build_rows) == 2  # the build-time table and the memory/size/weight table
    times, weights = build_rows
    cells = [c.strip() for c in times.strip("|").split("|")]
    assert len(cells) == 11 and all(re.search(r"\d", c) for c in cells)
    assert re.fullmatch(r".+, \d{4}-\d\d-\d\d", cells[-1])  # the commit and date that measured it
    assert len([c for c in weights.strip("|").split("|") if re.search(r"\d", c)]) == 8
    assert "Lighthouse" in results and "not run" in results  # --quick skips Lighthouse


def test_the_shape_mix_is_measured_beside_the_plain_one(bench: tuple[str, str]) -> None:
    printed, results = bench
    assert re.search(r"shape mix, N = 12 \([\d,]+ rows\): cold build [\d.]+ s", printed)
    assert "## Shape mix" in results
    row = next(line for line in results.splitlines() if line.startswith("| 12 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 8 and cells[3].endswith(" ms") and cells[7].endswith(" px")
