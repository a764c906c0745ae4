"""`mission-tracker check` as editors and CI run it: output format, annotations, exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.check.fixtures import EXPECTED, PROBLEMS
from tests.conftest import ROOT, run_cli

from mission_tracker import cli
from mission_tracker.check import project as check_module
from mission_tracker.check.examples import CASES

# Plain text output, whatever the environment the tests run in.
NOT_ON_CI = {"GITHUB_ACTIONS": ""}
ANNOTATION = re.compile(
    r"^::(error|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=mission-tracker check::(?P<message>.+)$"
)


def test_shipped_data_checks_clean_without_notes() -> None:
    result = run_cli("check", cwd=ROOT, env=NOT_ON_CI)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(
        r"All data checked: 5 missions, 24 indicators, [\d,]+ rows\. No problems\.\n", result.stdout
    )


def test_problems_print_as_path_line_column_message_and_exit_1() -> None:
    root = PROBLEMS / "many-problems"
    result = run_cli("--root", str(root), "check", cwd=ROOT, env=NOT_ON_CI)
    assert result.returncode == 1
    expected = (root / EXPECTED).read_text("utf-8")
    assert result.stderr == expected + (
        "4 problems in 4 files. 11 rows read: 5 loaded, 6 rejected.\n"
    )
    assert result.stdout == ""


def test_format_github_prints_an_annotation_for_each_problem() -> None:
    root = PROBLEMS / "many-problems"
    result = run_cli("--root", str(root), "check", "--format", "github", cwd=ROOT, env=NOT_ON_CI)
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert annotations[0] == (
        "::error file=data/indicators/homes.csv,line=5,col=10,title=mission-tracker check::"
        "value '234,400' has a thousands separator; write 234400"
    )
    texts = (root / EXPECTED).read_text("utf-8").splitlines()
    assert len(annotations) == len(texts)
    for annotation, text in zip(annotations, texts, strict=True):
        m = ANNOTATION.match(annotation)
        assert m, annotation
        # Workflow commands escape %, CR and LF in the message.
        message = m["message"].replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        assert text == f"{m['file']}:{m['line']}:{m['col']}: {message}"


def test_on_github_actions_annotations_are_printed_without_asking() -> None:
    root = PROBLEMS / "period-unsorted"
    result = run_cli("--root", str(root), "check", cwd=ROOT, env={"GITHUB_ACTIONS": "true"})
    # A note is not an error: the check passes, and the note shows as a notice on the PR.
    assert result.returncode == 0
    assert result.stdout.startswith(
        "::notice file=data/indicators/waits.csv,line=3,col=1,title=mission-tracker check::"
        "period 2024-05 comes after 2024-06 (line 2);"
    )
    assert "No problems; 1 note above." in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("check", "--format", "xml"), "invalid choice: 'xml'"),
        (("check", "extra"), "unrecognized arguments: extra"),
        (("--root", "/nonexistent/project", "check"), "there is no data folder in"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], says: str) -> None:
    result = run_cli(*args, cwd=ROOT, env=NOT_ON_CI)
    assert result.returncode == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr


def test_an_internal_error_says_where_to_report_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(root: Path) -> None:
        raise RuntimeError("the loader fell over")

    monkeypatch.setattr(check_module, "check_project", broken)
    code = cli.main(["--root", str(ROOT), "check"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.startswith(
        "mission-tracker: internal error: RuntimeError: the loader fell over\n"
        "This is a bug in Mission Tracker, not a problem with your files. Please report it at "
        f"{cli.REPORT_URL} with this message:"
    )


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_no_fixture_makes_the_cli_fail_inside(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In-process (115 subprocesses would be slow); main() is the same code the command runs.
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = PROBLEMS / name
    code = cli.main(["--root", str(root), "check"])
    out, err = capsys.readouterr()
    expected = (root / EXPECTED).read_text("utf-8")
    has_errors = any(": note: " not in line for line in expected.splitlines())
    assert code == (1 if has_errors else 0)
    assert "Traceback" not in out + err and "internal error" not in err
    assert err.startswith(expected)
    assert len([line for line in out.splitlines() if line.startswith("::")]) == len(
        expected.splitlines()
    )
