"""The GitHub workflows, read as data: every `run:` step calls something the project has, and
the security rules the issue sets hold (they cannot run here, so this is how they are tested)."""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import ROOT

from mission_tracker.cli.parser import parser as _parser

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
# Workflows for projects to copy (not run here), held to the same rules.
EXAMPLES = sorted((ROOT / "examples" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+(\.\d+)*\s*$")
# What a `run:` line may start with: a make target or the project's own command.
CLI = (".venv/bin/mission-tracker", "mission-tracker")
# Values the runner provides; replaced by a sample so the command line can be parsed.
RUNNER_VARS = {"$GITHUB_STEP_SUMMARY": "/tmp/step-summary.md", "$SHARD": "1/4"}


def load(path: Path) -> dict[str, Any]:
    workflow: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    # YAML 1.1 reads the key `on` as true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def commands(script: str) -> list[str]:
    joined = script.replace("\\\n", " ")
    lines = [ln.split(" #")[0].strip() for ln in joined.splitlines()]
    return [part.strip() for ln in lines if ln for part in ln.split("&&")]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text("utf-8")
    return {m[1] for m in re.finditer(r"^([A-Za-z][\w-]*)\s*:(?!=)", text, re.M)}


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} == {"pull-request.yml", "deploy.yml", "release.yml"}


@pytest.mark.parametrize("path", WORKFLOWS + EXAMPLES, ids=lambda p: p.name)
def test_every_run_step_calls_a_make_target_or_cli_command_that_exists(path: Path) -> None:
    targets = make_targets()
    seen = 0
    for job, step in steps(load(path)):
        if "run" not in step:
            continue
        script: str = step["run"]
        # Nothing is interpolated into a script: values arrive through `env:` only.
        assert "${{" not in script, f"{job}: {step.get('name')}"
        for command in commands(script):
            for name, sample in RUNNER_VARS.items():
                command = command.replace(f'"{name}"', sample)
            words = shlex.split(command)
            seen += 1
            if words[0] == "make":
                wanted = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
                assert wanted, f"{command}: name the target"
                assert set(wanted) <= targets, f"{command}: no such make target"
                dry = subprocess.run(
                    ["make", "-n", *wanted], cwd=ROOT, capture_output=True, text=True, check=False
                )
                assert dry.returncode == 0, dry.stderr
            else:
                assert words[0] in CLI, f"{job}: `{command}` is neither make nor mission-tracker"
                try:
                    args = _parser().parse_args(words[1:])
                except SystemExit:
                    pytest.fail(f"{job}: `{command}` is not a valid mission-tracker command")
                assert isinstance(args, argparse.Namespace) and args.command, command
    assert seen >= (1 if path.name == "release.yml" else 3)


@pytest.mark.parametrize("path", WORKFLOWS + EXAMPLES, ids=lambda p: p.name)
def test_least_privilege_and_safe_triggers(path: Path) -> None:
    workflow = load(path)
    # The release workflow grants nothing by default: each job asks for what it needs.
    assert workflow["permissions"] == ({} if path.name == "release.yml" else {"contents": "read"})
    triggers = workflow["on"]
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    for name, job in workflow["jobs"].items():
        assert job.get("timeout-minutes"), f"{name} has no timeout"
        writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
        if (path.name, name) == ("deploy.yml", "deploy"):
            assert writes == {"pages", "id-token"}
        elif (path.name, name) == ("release.yml", "publish"):
            assert job["permissions"] == {"id-token": "write"}
        else:
            assert not writes, f"{name} may write: {writes}"


@pytest.mark.parametrize("path", WORKFLOWS + EXAMPLES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if re.match(r"\s*(-\s+)?uses:", ln)]
    assert lines
    for line in lines:
        assert PINNED.match(line), f"not pinned to a full commit with a version comment: {line}"
    for _, step in steps(load(path)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_each_action_has_one_pin_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS + EXAMPLES:
        for line in path.read_text("utf-8").splitlines():
            if m := PINNED.match(line):
                pins.setdefault(m[1], set()).add(line.split("@", 1)[1].strip())
    assert {action: len(found) for action, found in pins.items()} == dict.fromkeys(pins, 1)


def test_pull_request_workflow() -> None:
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert set(workflow["on"]) == {"pull_request"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    check = [s for job, s in steps(workflow) if job == "check"]
    runs = [s.get("run", "") for s in check]
    order = [
        next(i for i, r in enumerate(runs) if r.startswith(prefix))
        for prefix in (
            "make install",
            ".venv/bin/mission-tracker diff",
            ".venv/bin/mission-tracker check --format github",
            "make site",
        )
    ]
    assert order == sorted(order)
    upload = next(s for s in check if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    assert check.index(upload) > order[-1]
    setup = {s["uses"].split("@")[0]: s.get("with", {}) for _, s in steps(workflow) if "uses" in s}
    assert setup["actions/setup-python"]["cache"] == "pip"
    assert setup["actions/setup-node"]["cache"] == "npm"
    test_runs = [s.get("run") for job, s in steps(workflow) if job == "test" and "run" in s]
    assert test_runs == ["make chromium", "make test"]
    # The newest Python the locked packages support runs every test that needs no browser.
    newest = workflow["jobs"]["test-newest"]
    assert [s["run"] for s in newest["steps"] if "run" in s] == ["make test-core"]
    pythons = {
        job: s["with"]["python-version"]
        for job, s in steps(workflow)
        if s.get("uses", "").startswith("actions/setup-python@")
    }
    assert pythons == {"check": "3.11", "test": "3.11", "builders": "3.11", "test-newest": "3.13"}
    # The pip cache is keyed on what is installed: the lock.
    for job, s in steps(workflow):
        if s.get("uses", "").startswith("actions/setup-python@"):
            assert s["with"]["cache-dependency-path"] == "requirements/lock.txt", job
    builder_runs = [s.get("run") for job, s in steps(workflow) if job == "builders" and "run" in s]
    assert builder_runs == ["make install", "make builders"]


def test_deploy_workflow_never_publishes_a_failed_build() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in workflow["on"]
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and "if" not in deploy  # runs only when build succeeded
    assert deploy["environment"]["name"] == "github-pages"
    runs = [s.get("run", "") for s in build["steps"]]
    check = runs.index(".venv/bin/mission-tracker check --format github")
    site = runs.index("make site")
    assert check < site
    site_step = build["steps"][site]
    assert site_step["env"]["SITE_URL"] == "${{ vars.SITE_URL || steps.pages.outputs.base_url }}"
    uses = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert uses.index("actions/upload-pages-artifact") > site
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # The one cache restored is the rendered charts saved by this workflow on main (issue 15):
    # only on main, whose runs GitHub gives only caches written on main; under a key no pull
    # request workflow writes; before the build that reads it.
    cached = [s for s in build["steps"] if "actions/cache" in s.get("uses", "")]
    assert not any("cache" in s.get("with", {}) for s in build["steps"])
    assert len(cached) == 1
    (cache,) = cached
    assert cache["if"] == "github.ref == 'refs/heads/main'"
    assert cache["with"]["path"] == ".mission-tracker/cache"
    assert cache["with"]["key"].startswith("deploy-charts-${{ hashFiles(")
    assert cache["with"]["restore-keys"] == "deploy-charts-"
    assert build["steps"].index(cache) < site
    assert set(workflow["on"]) == {"push", "workflow_dispatch"}
    pull_request = load(GITHUB / "workflows" / "pull-request.yml")
    for _, step in steps(pull_request):
        if "actions/cache" in step.get("uses", ""):
            assert not step["with"]["key"].startswith("deploy-")
            assert not str(step["with"].get("restore-keys", "")).startswith("deploy-")


def test_release_workflow_publishes_only_what_it_checked() -> None:
    workflow = load(GITHUB / "workflows" / "release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["concurrency"]["cancel-in-progress"] is False
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    assert build["permissions"] == {"contents": "read"}
    runs = [s for s in build["steps"] if "run" in s]
    assert [s["run"] for s in runs] == ["make dist"]
    # The tag reaches make through the environment, which the recipe's shell reads.
    assert runs[0]["env"] == {"TAG": "${{ github.ref_name }}"}
    upload = next(s for s in build["steps"] if "upload-artifact@" in s.get("uses", ""))
    assert upload["with"]["path"] == "dist/" and build["steps"][-1] is upload
    assert publish["needs"] == "build" and "if" not in publish
    assert publish["environment"]["name"] == "pypi"
    # The job holding the OIDC token runs none of the repository's code, and no cache.
    assert all("run" not in s for s in publish["steps"])
    uses = [s["uses"].split("@")[0] for s in publish["steps"]]
    assert uses == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert publish["steps"][0]["with"]["name"] == upload["with"]["name"]
    assert "with" not in publish["steps"][1]  # trusted publishing: no password, no token
    assert not any(
        "cache" in s.get("with", {}) or "actions/cache" in s.get("uses", "")
        for _, s in steps(workflow)
    )


def test_ci_installs_the_lock_with_hashes() -> None:
    """Every workflow installs through `make`, whose install rule takes the lock's packages
    with their hashes and then the project without resolving anything."""
    dry = subprocess.run(
        ["make", "-n", "-B", "install"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    pip = [ln for ln in dry.stdout.splitlines() if " -m pip install " in ln]
    assert pip == [
        ".venv/bin/python -m pip install --quiet --require-hashes -r requirements/lock.txt",
        ".venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .",
    ]
    for path in WORKFLOWS:
        for job, step in steps(load(path)):
            assert "pip install" not in step.get("run", ""), f"{path.name} {job}"


def test_dependabot_pull_request_template_and_security_policy() -> None:
    dependabot = yaml.safe_load((GITHUB / "dependabot.yml").read_text("utf-8"))
    updates = {u["package-ecosystem"]: u for u in dependabot["updates"]}
    assert {"pip", "github-actions"} <= set(updates)
    assert all(u["schedule"]["interval"] == "weekly" for u in updates.values())
    assert updates["pip"]["directory"] == "/"  # pyproject.toml, and requirements/lock.txt
    assert all(u["cooldown"]["default-days"] >= 7 for u in updates.values())
    template = (GITHUB / "pull_request_template.md").read_text("utf-8")
    for heading in ("## What changed", "## Source release", "## Checked locally"):
        assert heading in template
    assert "`make check`" in template
    security = (ROOT / "SECURITY.md").read_text("utf-8")
    assert "Report a\nvulnerability" in security or "Report a vulnerability" in security


def test_sharded_build_example() -> None:
    """Every shard of the matrix is one of N, hands its folder on, and the assembling job
    merges what every shard handed on."""
    workflow = load(ROOT / "examples" / "workflows" / "sharded-build.yml")
    shard, assemble = workflow["jobs"]["shard"], workflow["jobs"]["assemble"]
    shards = shard["strategy"]["matrix"]["shard"]
    draw = next(s for s in shard["steps"] if "--shard" in s.get("run", ""))
    assert draw["env"]["SHARD"] == f"${{{{ matrix.shard }}}}/{len(shards)}"
    assert shards == list(range(1, len(shards) + 1))
    upload = next(s for s in shard["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "shard/" and "--shard-dir shard" in draw["run"]
    assert assemble["needs"] == "shard"
    download = next(s for s in assemble["steps"] if "download-artifact" in s.get("uses", ""))
    name = upload["with"]["name"].replace("${{ matrix.shard }}", "*")
    assert download["with"] == {"pattern": name, "path": "shards/"}
    runs = [s.get("run", "") for s in assemble["steps"]]
    assert ".venv/bin/mission-tracker site --merge shards/*" in runs
