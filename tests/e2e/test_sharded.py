"""Sharded builds (issue 15): N shards run one after another, then merged, give the very docs/
and site/ one unsharded build gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, copy_project, run_cli


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _same(a: Path, b: Path) -> None:
    left, right = _tree(a), _tree(b)
    assert sorted(left) == sorted(right)
    differ = [rel for rel in left if left[rel] != right[rel]]
    assert differ == []


@pytest.mark.parametrize("count", [3])
def test_shards_merged_match_one_build(tmp_path: Path, count: int) -> None:
    data = FIXTURES / "site" / "data"
    whole = copy_project(tmp_path / "whole", data=data)
    sharded = copy_project(tmp_path / "sharded", data=data)
    # Each project its own empty cache, so nothing is shared but what the shards hand over.
    one = run_cli("site", cwd=whole, env={"MISSION_TRACKER_CACHE": str(tmp_path / "c-whole")})
    assert one.returncode == 0, one.stderr

    folders, drawn = [], 0
    for k in range(1, count + 1):
        folder = tmp_path / f"shard-{k}"
        result = run_cli(
            "build",
            "--shard",
            f"{k}/{count}",
            "--shard-dir",
            str(folder),
            cwd=sharded,
            env={"MISSION_TRACKER_CACHE": str(tmp_path / f"c-shard-{k}")},
        )
        assert result.returncode == 0, result.stderr
        found = re.search(r"Drew the charts of (\d+) indicators", result.stdout)
        assert found, result.stdout
        drawn += int(found.group(1))
        folders.append(str(folder))
    assert not (sharded / "docs" / "indicators").exists()  # a shard writes no pages
    assert drawn == len(list((data / "indicators").glob("*.csv")))  # each indicator once

    merged = run_cli(
        "site",
        "--merge",
        *folders,
        cwd=sharded,
        env={"MISSION_TRACKER_CACHE": str(tmp_path / "c-merge")},
    )
    assert merged.returncode == 0, merged.stderr
    _same(whole / "docs", sharded / "docs")
    _same(whole / "site", sharded / "site")


def test_shard_slices_are_stable_and_disjoint() -> None:
    from mission_tracker.build import Shard

    shards = [Shard(k, 4) for k in range(1, 5)]
    for position in range(40):
        assert sum(s.takes(position) for s in shards) == 1
    assert [p for p in range(10) if shards[1].takes(p)] == [1, 5, 9]


@pytest.mark.parametrize("text", ["0/3", "4/3", "a/b", "3", "1/0"])
def test_bad_shard_is_refused(tmp_path: Path, text: str) -> None:
    result = run_cli("build", "--shard", text, cwd=tmp_path)
    assert result.returncode == 2
    assert "is not a shard K/N" in result.stderr


def test_merge_needs_the_cache(tmp_path: Path) -> None:
    result = run_cli("build", "--merge", str(tmp_path), "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert "not with --no-cache" in result.stderr
