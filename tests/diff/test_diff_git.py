"""The review summary against git as CI has it: shallow clones, GitHub's test merge commit for a
pull request, the exact command the workflow runs, and refs that do not exist."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import yaml
from tests.conftest import ROOT, run_cli
from tests.diff.gitrepo import Repo, example_change, git_env

WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"


def clone_shallow(origin: Repo, dest: Path, ref: str, depth: int) -> Repo:
    """What actions/checkout does: a new repository that fetches one commit, `depth` deep."""
    repo = Repo(dest)
    dest.mkdir()
    repo.git("init", "--quiet")
    repo.git("remote", "add", "origin", origin.path.as_uri())
    repo.git("fetch", "--quiet", "--no-tags", f"--depth={depth}", "origin", f"+{ref}:refs/ci/ref")
    repo.git("checkout", "--quiet", "--detach", "refs/ci/ref")
    return repo


def test_shallow_clone_needs_the_base_fetched_and_then_works(tmp_path: Path) -> None:
    origin = Repo.create(tmp_path / "origin")
    base = example_change(origin)
    clone = clone_shallow(origin, tmp_path / "clone", "update-rtt", depth=1)
    assert clone.git("rev-parse", "--is-shallow-repository") == "true"

    missing = run_cli("diff", "--base", base, cwd=clone.path)
    assert missing.returncode == 2
    assert missing.stdout == ""
    assert f"this is a shallow clone, so fetch it first: git fetch --depth=1 origin {base}" in (
        missing.stderr
    )
    assert "Traceback" not in missing.stderr

    clone.git("fetch", "--quiet", "--depth=1", "origin", base)
    found = run_cli("diff", "--base", base, cwd=clone.path)
    assert found.returncode == 0, found.stderr
    assert f"Compared with {base[:12]}, the base of the change." in found.stdout
    assert "- 4 rows added (2024-07 to 2024-10)." in found.stdout
    assert "not assessed → on track" in found.stdout


def _review_step() -> str:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 2
    script: str = next(s["run"] for s in steps if "mission-tracker diff" in s.get("run", ""))
    return script


def test_the_pull_request_workflow_step_on_githubs_merge_commit(tmp_path: Path) -> None:
    """The workflow's own `run:` script, in a checkout made as the workflow makes it: GitHub's
    merge of the pull request into main, fetched two commits deep."""
    origin = Repo.create(tmp_path / "origin")
    example_change(origin)
    # main moves on after the pull request branched; that change is not the pull request's.
    origin.git("switch", "--quiet", "main")
    origin.replace("indicators/rtt-waiting-list.csv", "2022-10,7212371", "2022-10,7212372")
    origin.commit("Correct the October 2022 waiting list")
    origin.git("switch", "--quiet", "--create", "pull-1-merge")
    origin.git("merge", "--quiet", "--no-ff", "--no-edit", "update-rtt")

    clone = clone_shallow(origin, tmp_path / "clone", "pull-1-merge", depth=2)
    (clone.path / ".venv").symlink_to(ROOT / ".venv")
    summary = tmp_path / "step-summary.md"
    summary.write_text("", "utf-8")
    env = {
        **git_env(),
        "GITHUB_STEP_SUMMARY": str(summary),
        "MISSION_TRACKER_CACHE": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        ["bash", "-e", "-c", _review_step()],
        cwd=clone.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    text = summary.read_text("utf-8")
    assert "**Indicators: 1 added, 1 changed. 2 milestones change status.**" in text
    assert "- 1 row changed: 2022-10: 60.1% → 60.2%." in text
    assert "rtt-waiting-list" not in text  # main's own change is in both sides


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "monorepo"
    origin = Repo.create(top / "tracker")
    # Make the repository's top the parent folder, with the project one level down.
    shutil.move(origin.path / ".git", top / ".git")
    outer = Repo(top)
    outer.commit("Move the project into tracker/")
    base = outer.git("rev-parse", "HEAD")
    example_change(Repo(top / "tracker"))
    result = run_cli("--root", str(top / "tracker"), "diff", "--base", base, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "**Indicators: 1 added, 1 changed. 2 milestones change status.**" in result.stdout


def test_usage_errors_are_explained_without_a_traceback(tmp_path: Path) -> None:
    repo = Repo.create(tmp_path / "project")
    cases = {
        ("--base", "no-such-branch"): "cannot find commit 'no-such-branch' in this repository; "
        "check the name, or fetch it first: git fetch origin no-such-branch",
        ("--base=--output=x",): "'--output=x' is not a git reference",
        ("--base", "main", "--head", "nope"): "cannot find commit 'nope'",
        ("--base", "main", "--output", str(tmp_path)): f"cannot write {tmp_path}",
    }
    for args, message in cases.items():
        result = run_cli("diff", *args, cwd=repo.path)
        assert result.returncode == 2, args
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr

    wrong_folder = run_cli("diff", "--base", "main", cwd=repo.path / "data")
    assert wrong_folder.returncode == 2
    assert "there is no data folder in ." in wrong_folder.stderr

    plain = tmp_path / "not-a-repository"
    shutil.copytree(repo.path / "data", plain / "data")
    result = run_cli(
        "diff", "--base", "main", cwd=plain, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert result.returncode == 2
    assert "is not in a git repository" in result.stderr


def test_base_without_a_data_folder(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "project")
    repo.path.mkdir()
    (repo.path / "README.md").write_text("A new tracker\n", "utf-8")
    repo.git("init", "--quiet", "--initial-branch=main")
    repo.commit("Start")
    shutil.copytree(ROOT / "tests" / "diff" / "fixtures" / "base" / "data", repo.path / "data")
    result = run_cli("diff", "--base", "main", cwd=repo.path, env={"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    assert "The base has no data/ folder, so everything is new." in result.stdout
    assert "**Indicators: 3 added. Milestones: 2 added. Missions: 1 added.**" in result.stdout
