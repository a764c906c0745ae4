"""`mission-tracker init`: a new tracker for another organisation, with nothing of this
repository's in it: its settings, an example that passes `check`, workflows that pass
actionlint and zizmor, and a site that builds with its name, licence and language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from tests.conftest import run_cli
from tests.workflows.test_workflow_linters import actionlint, zizmor

from mission_tracker.project.init import InitError, InitOptions, init_project, project_files

OPTIONS = [
    "--name",
    "Harbour Town missions",
    "--organisation",
    "Example Harbour Council",
    "--locale",
    "fr_FR",
    "--licence",
    "CC-BY-4.0",
    "--site-url",
    "https://example.org/missions/",
]
FILES = {
    "mkdocs.yml",
    "data/missions/example.yml",
    "data/indicators/example.yml",
    "data/indicators/example.csv",
    "docs/about.md",
    "README.md",
    "requirements.txt",
    ".gitignore",
    ".github/workflows/pull-request.yml",
    ".github/workflows/deploy.yml",
    ".github/dependabot.yml",
    "docs/schema/indicator.schema.json",
    "docs/schema/mission.schema.json",
}


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("init") / "harbour"
    result = run_cli("init", str(folder), *OPTIONS, cwd=folder.parent)
    assert result.returncode == 0, result.stderr
    assert f"Wrote {len(FILES)} files into {folder}." in result.stdout
    return folder


def test_it_writes_the_project_and_nothing_else(started: Path) -> None:
    written = {p.relative_to(started).as_posix() for p in started.rglob("*") if p.is_file()}
    assert written == FILES


def test_the_settings_are_the_organisations(started: Path) -> None:
    text = (started / "mkdocs.yml").read_text("utf-8")
    assert "site_name: Harbour Town missions" in text
    assert "organisation: Example Harbour Council" in text
    assert "locale: fr_FR" in text
    assert "Creative Commons Attribution 4.0" in text
    assert "Crown" not in text and "UK" not in text


def test_the_example_passes_check(started: Path) -> None:
    result = run_cli("check", cwd=started)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All data checked: 1 mission, 1 indicator, ")


def test_requirements_pin_the_generator_and_everything_it_needs(started: Path) -> None:
    from mission_tracker import __version__

    lines = (started / "requirements.txt").read_text("utf-8").splitlines()
    pins = [line for line in lines if line and not line.startswith("#")]
    assert f"mission-tracker=={__version__}" in pins
    assert all("==" in pin for pin in pins), pins
    assert any(pin.startswith("mkdocs-material==") for pin in pins)


def test_the_workflows_pass_actionlint_and_zizmor(started: Path) -> None:
    lint = actionlint(".github/workflows/*.yml", started)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    audit = zizmor(".github", cwd=started)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    for name in ("pull-request", "deploy"):
        workflow = yaml.safe_load((started / f".github/workflows/{name}.yml").read_text("utf-8"))
        assert workflow["permissions"] == {} or all(
            value in ("read", "none") for value in workflow["permissions"].values()
        ), name


def test_the_site_builds_with_its_name_language_and_licence(started: Path) -> None:
    result = run_cli("site", cwd=started)
    assert result.returncode == 0, result.stderr
    home = (started / "site" / "index.html").read_text("utf-8")
    assert '<html lang="fr"' in home
    assert "Example Harbour Council has set 1 mission, with milestones." in home
    embed = (started / "site" / "indicators" / "example" / "embed" / "index.html").read_text(
        "utf-8"
    )
    assert '<html lang="fr">' in embed
    assert "Creative Commons Attribution 4.0" in embed


def test_it_refuses_to_overwrite_unless_asked(started: Path, tmp_path: Path) -> None:
    again = run_cli("init", str(started), *OPTIONS, cwd=tmp_path)
    assert again.returncode == 2
    assert "already has mkdocs.yml" in again.stderr and "add --force" in again.stderr
    (started / "README.md").write_text("mine", "utf-8")
    forced = run_cli("init", str(started), *OPTIONS, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert (started / "README.md").read_text("utf-8") != "mine"


def test_it_never_writes_through_a_symbolic_link(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "site").mkdir()
    os.symlink(elsewhere, tmp_path / "site" / "data")
    with pytest.raises(InitError, match="is a symbolic link"):
        init_project(tmp_path / "site", InitOptions(force=True))
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (InitOptions(locale="xx_YY"), "--locale"),
        (
            InitOptions(licence="All rights reserved"),
            "--licence 'All rights reserved' is not one of",
        ),
        (InitOptions(name="x" * 121), "--name must be one line of text, up to 120"),
        (InitOptions(site_url="javascript:alert(1)"), "--site-url"),
    ],
)
def test_bad_options_are_refused_with_the_reason(options: InitOptions, message: str) -> None:
    with pytest.raises(InitError, match=message.replace("(", r"\(")):
        project_files(options)
