"""Break a real shipped file the way an editor might, and check what `mission-tracker check`
says: one precise message, at the right place, and exit 1."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import ROOT, copy_project, run_cli

from mission_tracker import cli

RTT_CSV = "data/indicators/rtt-within-18-weeks.csv"
RTT_YML = "data/indicators/rtt-within-18-weeks.yml"
SAFE_CSV = "data/indicators/feel-safe-after-dark.csv"
NHS_YML = "data/missions/nhs.yml"

Break = Callable[[Path], None]
# A navigation of the project's own that lists the missions one by one, but not nhs (the
# problem points at the section that lists them).
OWN_NAV = """nav:
  - Home: index.md
  - Missions:
      - missions/growth.md
      - missions/safer-streets.md
      - missions/opportunity.md
      - missions/clean-energy.md
"""
MISSIONS_LINE = len((ROOT / "mkdocs.yml").read_text("utf-8").splitlines()) + 3


def edit(rel: str, old: str, new: str) -> Break:
    def apply(root: Path) -> None:
        path = root / rel
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {rel}"
        path.write_text(text.replace(old, new), "utf-8")

    return apply


def save_as_windows_1252(rel: str, old: str, new: str) -> Break:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_bytes(path.read_text("utf-8").replace(old, new).encode("cp1252"))

    return apply


def append(rel: str, text: str) -> Break:
    def apply(root: Path) -> None:
        path = root / rel
        path.write_text(path.read_text("utf-8") + text, "utf-8")

    return apply


def delete(rel: str) -> Break:
    def apply(root: Path) -> None:
        (root / rel).unlink()

    return apply


BREAKS: dict[str, tuple[Break, str]] = {
    "thousands separator": (
        edit(RTT_CSV, "2022-10,60.1499040719208", '2022-10,"1,234"'),
        f"{RTT_CSV}:184:9: value '1,234' has a thousands separator; write 1234",
    ),
    "percent sign": (
        edit(RTT_CSV, "2022-09,59.4285297339627", "2022-09,59.4%"),
        f"{RTT_CSV}:183:9: value '59.4%' has a percent sign; write 59.4 (the unit is set in the "
        "YAML file)",
    ),
    "month in words": (
        edit(RTT_CSV, "2022-08,60.79", "Aug 2022,60.79"),
        f"{RTT_CSV}:182:1: period 'Aug 2022' is not in the form of a month (like 2024-07); "
        "write 2022-08",
    ),
    "percentage over 100": (
        edit(RTT_CSV, "2022-07,61.0303928847014", "2022-07,140"),
        f"{RTT_CSV}:181:9: value 140 is outside the valid range (at most 100) for this indicator; "
        "check it against the source, or change `valid_range` in the YAML file if it is right",
    ),
    "misspelt key": (
        edit(RTT_YML, "unit: percent\n", "untis: percent\n"),
        f"{RTT_YML}:7:1: unknown key `untis`; did you mean `unit`?",
    ),
    "duplicate key": (
        edit(RTT_YML, "geography: England\n", "geography: England\nunit: count\n"),
        f"{RTT_YML}:8:1: key `unit` appears twice in the same block (first on line 7); YAML "
        "would silently keep only the last one; delete one of them",
    ),
    "unknown mission": (
        edit(RTT_YML, "mission: nhs\n", "mission: nhss\n"),
        f"{RTT_YML}:3:10: mission `nhss` does not exist; did you mean `nhs`?",
    ),
    "CSV saved as Windows-1252": (
        save_as_windows_1252(
            SAFE_CSV, "2002/03,65.71513079673647,", "2002/03,65.71513079673647,April–March"
        ),
        f"{SAFE_CSV}:3:32: the file is not UTF-8 text; it looks like a Windows-1252 file (byte "
        "0x96 is '–' there); in Excel choose \"CSV UTF-8 (Comma delimited)\" when saving, or in "
        "the GitHub editor retype that character",
    ),
    "YAML saved as Windows-1252": (
        save_as_windows_1252(NHS_YML, "", ""),
        f"{NHS_YML}:4:19: the file is not UTF-8 text; it looks like a Windows-1252 file (byte "
        "0x93 is '“' there); save it as UTF-8 in your text editor, or in the GitHub editor "
        "retype that character",
    ),
    "YAML file deleted": (
        delete(RTT_YML),
        f"{RTT_CSV}:1:1: rtt-within-18-weeks.csv has no metadata file; add "
        "rtt-within-18-weeks.yml beside it (`mission-tracker new rtt-within-18-weeks --mission "
        "<mission-id>` writes a template)",
    ),
    "mission left out of the navigation": (
        append("mkdocs.yml", OWN_NAV),
        f"mkdocs.yml:{MISSIONS_LINE}:5: mission `nhs` is not in the site's navigation; add the "
        "line `- missions/nhs.md` to this list in `nav:`, in the order it should appear (or write "
        "`missions/` there once, for every mission in its declared order)",
    ),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("shipped"))


def _fresh_copy(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    # Only what `check` reads: the data and mkdocs.yml.
    shutil.copytree(pristine / "data", root / "data")
    shutil.copy(pristine / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.mark.parametrize("name", BREAKS)
def test_breaking_a_shipped_file_gives_one_precise_message(
    name: str,
    pristine: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = _fresh_copy(pristine, tmp_path)
    brk, message = BREAKS[name]
    brk(root)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = cli.main(["--root", str(root), "check"])
    err = capsys.readouterr().err
    assert code == 1
    lines = err.splitlines()
    assert lines[:-1] == [message]
    assert lines[-1].startswith("1 problem in 1 file.")


def test_breaking_a_shipped_file_through_the_installed_command(
    pristine: Path, tmp_path: Path
) -> None:
    root = _fresh_copy(pristine, tmp_path)
    brk, message = BREAKS["thousands separator"]
    brk(root)
    result = run_cli("check", cwd=root, env={"GITHUB_ACTIONS": ""})
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == message
    assert "Traceback" not in result.stderr
