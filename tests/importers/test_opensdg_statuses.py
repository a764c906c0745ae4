"""Observation status -> markers, declared statuses, missing-value shorthand and notes
(importers/opensdg/statuses.py). Every status text here is one the UK's files use."""

from __future__ import annotations

import pytest

from mission_tracker.importers.opensdg.statuses import read_status


@pytest.mark.parametrize(
    "text", ["", "Normal value", "Normal Value", "Normal", "Undefined", "undefined"]
)
def test_statuses_that_say_nothing_about_the_figure(text: str) -> None:
    found = read_status(text, has_value=True)
    assert (found.markers, found.note, found.declared) == ((), "", ())


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        ("Estimated value", ("[e]",)),
        ("Estimated Value", ("[e]",)),
        ("estimate", ("[e]",)),
        ("Provisional value", ("[p]",)),
        ("Provisional", ("[p]",)),
        ("Low reliability", ("[u]",)),
        ("Definition differs", ("[d]",)),
        ("Time series break", ("[b]",)),
        ("Low reliability; Time series break", ("[u]", "[b]")),
    ],
)
def test_statuses_that_are_markers(text: str, markers: tuple[str, ...]) -> None:
    found = read_status(text, has_value=True)
    assert found.markers == markers
    assert found.note == ""


def test_statuses_the_format_has_no_marker_for_are_declared() -> None:
    found = read_status("Definition differs", has_value=True)
    assert [(s.code, s.meaning, s.breaks_series) for s in found.declared] == [
        ("[d]", "definition differs", False)
    ]
    brk = read_status("Time series break", has_value=True).declared[0]
    assert (brk.code, brk.breaks_series) == ("[b]", True)


@pytest.mark.parametrize(
    ("text", "missing", "note"),
    [
        ("Missing value", "[x]", ""),
        ("Missing data", "[x]", ""),
        ("Normal value", "[x]", ""),  # 9-5-1: empty values marked normal
        ("Missing value; data cannot exist", "[z]", ""),
        ("Missing data; low reliability", "[u]", ""),
        ("Missing value; suppressed", "[x]", "Observation status: Missing value; suppressed"),
        (
            "Missing value; data exist but were not collected",
            "[x]",
            "Observation status: Missing value; data exist but were not collected",
        ),
    ],
)
def test_an_empty_value_becomes_the_shorthand_its_status_means(
    text: str, missing: str, note: str
) -> None:
    found = read_status(text, has_value=False)
    assert (found.missing, found.note) == (missing, note)


def test_missing_on_a_row_that_gives_a_figure_is_kept_as_a_note() -> None:
    # 5-4-1 has 77 rows marked `Missing value` that do give a figure: nothing is dropped.
    found = read_status("Missing value", has_value=True)
    assert found.note == "Observation status: Missing value"


def test_an_unknown_status_is_kept_in_the_note_as_written() -> None:
    found = read_status("Break in methodology; Estimated value", has_value=True)
    assert found.markers == ("[e]",)
    assert found.note == "Observation status: Break in methodology; Estimated value"
