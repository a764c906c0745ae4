"""Hostile input that is not text in a field: a site address that would break out of the
attributes it is written into, and a link in the data folder that points outside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import copy_project, run_cli
from tests.diff.gitrepo import Repo
from tests.security.conftest import EXAMPLE_DATA

from mission_tracker.check.project import check_project

HOSTILE_SITE_URLS = [
    'https://x.example/"><script>alert(1)</script>/',
    "https://x.example/' onmouseover='alert(1)",
    "javascript:alert(1)//x.example/",
    "https://x.example/\n<script>alert(1)</script>",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("site-url"), data=EXAMPLE_DATA)


@pytest.mark.parametrize("address", HOSTILE_SITE_URLS)
def test_a_hostile_site_url_builds_nothing(project: Path, address: str) -> None:
    result = run_cli("site", cwd=project, env={"SITE_URL": address})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "SITE_URL" in result.stderr
    assert "not a plain web address" in result.stderr
    assert "Traceback" not in result.stderr
    assert "<script" not in result.stdout
    assert not (project / "site").exists()
    assert not (project / "docs" / "index.md").exists()
    assert not (project / "docs" / "indicators").exists()
    check = run_cli("check", cwd=project, env={"SITE_URL": address})
    assert check.returncode == 1
    assert "mkdocs.yml" in check.stderr and "SITE_URL" in check.stderr
    assert "Traceback" not in check.stderr


SECRET = "SECRET-MARKER-7f3a9c1e"


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Repo, str, Path]:
    """A project in git whose data/indicators/example-waits.csv has been replaced, in a
    commit, by a link to a file outside the project that holds a secret (looking like a data
    file, as an attacker would make it)."""
    tmp = tmp_path_factory.mktemp("linked")
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.csv").write_text(
        f"period,value,marker,note\n2024-12,70,,{SECRET}\n", "utf-8"
    )
    root = copy_project(tmp / "project", data=EXAMPLE_DATA)
    repo = Repo(root)
    repo.git("init", "--quiet", "--initial-branch=main")
    base = repo.commit("The project")
    target = repo.file("indicators/example-waits.csv")
    target.unlink()
    target.symlink_to(os.path.relpath(outside / "secret.csv", target.parent))
    repo.commit("Link the figures")
    assert repo.git("ls-files", "-s", "data/indicators/example-waits.csv").startswith("120000")
    return repo, base, tmp / "cache"


def test_check_reports_the_link_and_never_the_secret(linked: tuple[Repo, str, Path]) -> None:
    repo, _, cache = linked
    problems = [p for p in check_project(repo.path).problems if p.code == "files.link"]
    assert [p.path for p in problems] == ["data/indicators/example-waits.csv"]
    for fmt in ("text", "github"):
        result = run_cli(
            "check", "--format", fmt, cwd=repo.path, env={"MISSION_TRACKER_CACHE": str(cache)}
        )
        assert result.returncode == 1, fmt
        assert "data/indicators/example-waits.csv" in result.stderr
        assert "is a symbolic link" in result.stderr
        assert "Traceback" not in result.stderr
        if fmt == "github":
            assert "::error file=data/indicators/example-waits.csv," in result.stdout
        assert SECRET not in result.stdout + result.stderr


def test_the_review_summary_never_quotes_the_secret(linked: tuple[Repo, str, Path]) -> None:
    repo, base, cache = linked
    result = run_cli(
        "diff", "--base", base, cwd=repo.path, env={"MISSION_TRACKER_CACHE": str(cache)}
    )
    assert result.returncode == 0, result.stderr
    assert "example-waits" in result.stdout
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["build", "site"])
def test_the_build_refuses_and_writes_no_secret(
    linked: tuple[Repo, str, Path], command: str
) -> None:
    repo, _, cache = linked
    result = run_cli(command, cwd=repo.path, env={"MISSION_TRACKER_CACHE": str(cache)})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Build stopped" in result.stderr
    assert "is a symbolic link" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not (repo.path / "site").exists()
    assert not (repo.path / "docs" / "indicators").exists()
    # Nothing the build could have written holds the secret: the project (but for the link
    # itself) and the cache.
    for folder in (repo.path, cache):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink() and ".git" not in path.parts:
                assert SECRET.encode() not in path.read_bytes(), path
