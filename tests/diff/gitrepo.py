"""Real git repositories for the review-summary tests, and the changes an editor makes in them.

Commits have a fixed author and date, so their ids (which the summary quotes) are the same on
every run; that keeps the example on the Publishing page reproducible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
BASE_DATA = FIXTURES / "base" / "data"
ADDED = FIXTURES / "added"


def git_env(day: int = 1) -> dict[str, str]:
    stamp = f"2025-01-{day:02d}T12:00:00+00:00"
    return {
        **os.environ,
        "GIT_AUTHOR_NAME": "Data Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Data Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        # The machine's own git settings (a global diff.renames, say) must not change results.
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }


class Repo:
    """A working copy: files under `path`, changed with ordinary git commands."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.commits = 0

    @classmethod
    def create(cls, path: Path, data: Path = BASE_DATA) -> Repo:
        path.mkdir(parents=True)
        shutil.copytree(data, path / "data")
        repo = cls(path)
        repo.git("init", "--quiet", "--initial-branch=main")
        repo.commit("Base data")
        return repo

    def git(self, *args: str) -> str:
        result = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=git_env(self.commits + 1),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
        return result.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "--all")
        self.commits += 1
        self.git("commit", "--quiet", "--message", message)
        return self.git("rev-parse", "HEAD")

    def file(self, rel: str) -> Path:
        return self.path / "data" / rel

    def append(self, rel: str, text: str) -> None:
        with self.file(rel).open("a", encoding="utf-8") as out:
            out.write(text)

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self.file(rel)
        text = path.read_text("utf-8")
        assert old in text, f"{old!r} is not in {rel}"
        path.write_text(text.replace(old, new, 1), "utf-8")


# -- the changes the tests make -------------------------------------------------------------

RTT = "indicators/rtt-within-18-weeks"
# Illustrative figures after the milestones' July 2024 baseline (58.8%), not NHS England's.
NEW_RTT_ROWS = "2024-07,58.8\n2024-08,59.4\n2024-09,59.9\n2024-10,60.5\n"
OLD_RELEASE = "RTT Overview Timeseries, April 2007 to October 2022"
NEW_RELEASE = "RTT Overview Timeseries, April 2007 to October 2024"


def update_rtt(repo: Repo) -> None:
    """New months after the baseline, a corrected month, and the source updated to match."""
    repo.append(f"{RTT}.csv", NEW_RTT_ROWS)
    repo.replace(f"{RTT}.csv", "2022-10,60.1499040719208", "2022-10,60.2")
    repo.replace(f"{RTT}.yml", OLD_RELEASE, NEW_RELEASE)
    repo.replace(
        f"{RTT}.yml",
        "caveats:\n",
        "caveats:\n  - The figures from July 2024 are an example for this guide.\n",
    )


def add_ae(repo: Repo) -> None:
    for path in ADDED.iterdir():
        shutil.copy(path, repo.file(f"indicators/{path.name}"))


def example_change(repo: Repo) -> str:
    """The pull request shown on the Publishing page: one indicator added, one updated so
    that both its milestones can be assessed. Returns the base commit."""
    base = repo.git("rev-parse", "HEAD")
    repo.git("switch", "--quiet", "--create", "update-rtt")
    update_rtt(repo)
    add_ae(repo)
    repo.commit("RTT to October 2024; A&E four-hour waits")
    return base
