"""`mission-tracker new <id> --mission <mission>`: a commented template that checks clean once
filled in, and clear usage errors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from tests.conftest import ROOT, copy_project, run_cli

from mission_tracker.model.specs import IndicatorSpec, Source
from mission_tracker.read.layout import schema_modeline

NOT_ON_CI = {"GITHUB_ACTIONS": ""}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def test_new_writes_a_csv_and_a_commented_yaml(project: Path) -> None:
    result = run_cli("new", "knife-crime", "--mission", "safer-streets", cwd=project)
    assert result.returncode == 0, result.stderr
    csv = project / "data" / "indicators" / "knife-crime.csv"
    yml = project / "data" / "indicators" / "knife-crime.yml"
    assert result.stdout.splitlines() == [
        f"Wrote {Path('data') / 'indicators' / 'knife-crime.csv'}",
        f"Wrote {Path('data') / 'indicators' / 'knife-crime.yml'}",
        "Fill in every field marked TODO, then run `mission-tracker check`.",
    ]
    assert csv.read_text("utf-8") == "period,value,marker,note\n"
    text = yml.read_text("utf-8")
    assert text.splitlines()[0] == schema_modeline("indicator")
    data = yaml.safe_load(text)
    assert data["mission"] == "safer-streets"


def test_every_field_is_in_the_template_with_a_comment_above_it(project: Path) -> None:
    run_cli("new", "knife-crime", "--mission", "safer-streets", cwd=project)
    lines = (project / "data" / "indicators" / "knife-crime.yml").read_text("utf-8").splitlines()
    # A key, written out or commented out: `title:`, `# unit_label:`, `  # release_date:`.
    key = re.compile(r"^(\s*)(?:# )?([a-z_]+):")
    described: dict[str, int] = {}
    for number, line in enumerate(lines):
        m = key.match(line)
        if m and m[2] not in described:
            described[m[2]] = number
    fields = {*IndicatorSpec.model_fields, *Source.model_fields}
    assert fields <= set(described), f"not in the template: {fields - set(described)}"
    for field in fields:
        above = lines[described[field] - 1].strip()
        # Each field is explained by a comment line of its own just above it (the line above a
        # commented-out optional field is its explanation, not another key).
        assert above.startswith("#") and not key.match(above.removeprefix("# ")), field


def test_new_indicator_checks_clean_once_filled_in(project: Path) -> None:
    run_cli("new", "knife-crime", "--mission", "safer-streets", cwd=project)
    yml = project / "data" / "indicators" / "knife-crime.yml"
    csv = project / "data" / "indicators" / "knife-crime.csv"
    # Before: the empty CSV is reported (and nothing else goes wrong).
    before = run_cli("check", cwd=project, env=NOT_ON_CI)
    assert before.returncode == 1
    assert before.stderr.splitlines()[0] == (
        "data/indicators/knife-crime.csv:1:1: the file has a header but no rows; add one row "
        "per period under it"
    )
    text = yml.read_text("utf-8").replace('"TODO"', '"Filled in"')
    yml.write_text(text.replace("https://todo.example", "https://example.org/knife-crime"))
    csv.write_text("period,value,marker,note\n2023,49489,,\n2024,50510,[p],\n", "utf-8")
    after = run_cli("check", cwd=project, env=NOT_ON_CI)
    assert after.returncode == 0, after.stderr
    assert after.stdout.startswith("All data checked: 5 missions, 25 indicators,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("Knife Crime", "--mission", "safer-streets"),
            "mission-tracker new: 'Knife Crime' is not a valid id: use lower-case letters, "
            "digits and single hyphens, e.g. knife-crime-offences",
        ),
        (
            ("knife-crime", "--mission", "safer-street"),
            "mission-tracker new: mission 'safer-street' does not exist; did you mean "
            "safer-streets?",
        ),
        (
            ("knife-crime", "--mission", "transport"),
            "mission-tracker new: mission 'transport' does not exist; the missions are "
            "clean-energy, growth, nhs, opportunity, safer-streets",
        ),
        (
            ("rtt-within-18-weeks", "--mission", "nhs"),
            f"mission-tracker new: {Path('data/indicators/rtt-within-18-weeks.csv')} already "
            "exists; choose another id, or edit the existing indicator",
        ),
    ],
)
def test_new_refuses_with_a_clear_message_and_exit_2(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    before = sorted(p.name for p in (project / "data" / "indicators").iterdir())
    result = run_cli("new", *args, cwd=project)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert sorted(p.name for p in (project / "data" / "indicators").iterdir()) == before


def test_new_outside_a_project_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("new", "knife-crime", "--mission", "nhs", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"mission-tracker new: there is no {Path('data/missions')} folder; run this in the "
        "project folder, or give the project folder with --root\n"
    )
    assert not (tmp_path / "data").exists()


def test_new_without_a_mission_is_a_usage_error(project: Path) -> None:
    result = run_cli("new", "knife-crime", cwd=project)
    assert result.returncode == 2
    assert "the following arguments are required: --mission" in result.stderr


def test_check_refuses_the_placeholders_new_wrote(tmp_path: Path) -> None:
    """Nothing `new` leaves for the editor to write can reach the site as "TODO"."""
    root = copy_project(tmp_path)
    assert run_cli("new", "knife-crime", "--mission", "safer-streets", cwd=root).returncode == 0
    (root / "data/indicators/knife-crime.csv").write_text(
        "period,value,marker,note\n2024,5,,\n", "utf-8"
    )
    result = run_cli("check", cwd=root)
    assert result.returncode == 1
    found = [line for line in result.stderr.splitlines() if "the placeholder" in line]
    assert [line.split(": ", 1)[1].split(" is still")[0] for line in found] == [
        "`title`",
        "`summary`",
        "`measure`",
        "`geography`",
        "`source.publisher`",
        "`source.release`",
        "`source.url`",
    ]


def test_a_new_indicator_takes_the_licence_most_indicators_have(tmp_path: Path) -> None:
    root = copy_project(tmp_path)  # the shipped indicators are under the OGL
    assert run_cli("new", "knife-crime", "--mission", "safer-streets", cwd=root).returncode == 0
    text = (root / "data/indicators/knife-crime.yml").read_text("utf-8")
    assert "\nlicence: OGL-3.0\n" in text
