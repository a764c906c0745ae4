"""Golden tests: each problem fixture gives exactly the problems in its expected.txt.

The messages are the checker's user interface, so a change to any of them shows up here as a
diff to read. Regenerate with `MT_REGENERATE=1 .venv/bin/pytest tests/check`, then review.
"""

from __future__ import annotations

import difflib

import pytest
from tests.check.fixtures import (
    ABOUT,
    EXPECTED,
    PROBLEMS,
    REGENERATE,
    case_dir,
    files_on_disk,
    write_case,
)

from mission_tracker.check.examples import CASES, Case
from mission_tracker.check.project import check_project

IDS = [c.name for c in CASES]


def _diff(expected: str, actual: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            "expected.txt",
            "actual",
        )
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_fixture_files_are_the_case(case: Case) -> None:
    folder = case_dir(case)
    if REGENERATE:
        write_case(case)
    assert folder.is_dir(), f"{folder} is missing; run with MT_REGENERATE=1 to write it"
    assert files_on_disk(folder) == case.files(), "the fixture differs from mistakes.yml"
    assert (folder / ABOUT).read_text("utf-8") == case.about + "\n"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_problems_are_exactly_the_expected_ones(case: Case) -> None:
    folder = case_dir(case)
    actual = "".join(p.format() + "\n" for p in check_project(folder).problems)
    expected_file = folder / EXPECTED
    if REGENERATE:
        expected_file.write_text(actual, "utf-8")
    expected = expected_file.read_text("utf-8")
    assert actual == expected, "problems differ from expected.txt:\n" + _diff(expected, actual)


def test_every_fixture_folder_is_a_case() -> None:
    folders = {p.name for p in PROBLEMS.iterdir() if p.is_dir()}
    assert folders == set(IDS)


def test_there_is_a_fixture_for_every_kind_of_problem() -> None:
    codes = {p.code for case in CASES for p in check_project(case_dir(case)).problems}
    assert len(CASES) >= 40
    # Every kind the checker can report is exercised by some fixture.
    assert codes >= {
        "encoding.not-utf8",
        "encoding.utf16",
        "encoding.binary",
        "files.csv-without-yaml",
        "files.yaml-without-csv",
        "files.unexpected",
        "files.bad-id",
        "files.missing-folder",
        "csv.empty",
        "csv.header-only",
        "csv.no-header",
        "csv.separator",
        "csv.missing-column",
        "csv.renamed-column",
        "csv.duplicate-column",
        "csv.unexpected-column",
        "csv.unnamed-column",
        "csv.header-whitespace",
        "csv.blank-row",
        "csv.row-length",
        "csv.unclosed-quote",
        "csv.text-after-quote",
        "csv.whitespace",
        "csv.formula",
        "csv.value-thousands",
        "csv.value-decimal-comma",
        "csv.value-percent",
        "csv.value-currency",
        "csv.scientific-notation",
        "csv.value-plus",
        "csv.value-not-number",
        "csv.value-missing",
        "csv.value-shorthand",
        "csv.value-range",
        "csv.marker",
        "csv.period-empty",
        "csv.period",
        "csv.duplicate-period",
        "csv.unsorted",
        "csv.breakdown-value",
        "csv.breakdown-empty",
        "csv.measure",
        "csv.date",
        "csv.date-outside-period",
        "yaml.no-headline",
        "ref.unknown-measure",
        "ref.unknown-map",
        "yaml.empty",
        "yaml.syntax",
        "yaml.alias",
        "yaml.not-mapping",
        "yaml.key-type",
        "yaml.duplicate-key",
        "yaml.schema-line",
        "yaml.unknown-key",
        "yaml.missing-field",
        "yaml.bad-value",
        "yaml.wrong-type",
        "yaml.bad-url",
        "yaml.bad-period",
        "yaml.bad-range",
        "yaml.duplicate-breakdown",
        "yaml.duplicate-value",
        "ref.unknown-mission",
        "ref.unknown-indicator",
        "ref.duplicate-id",
        "ref.duplicate-order",
        "milestone.deadline-before-baseline",
        "milestone.target-direction",
        "milestone.target-range",
        "nav.missing-mission",
        "nav.unknown-mission",
    }
