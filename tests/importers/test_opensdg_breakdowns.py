"""Disaggregations and GeoCode -> breakdowns with totals, defaults and maps
(importers/opensdg/breakdowns.py), on real UK files."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from tests.importers.conftest import FIXTURE, prepared

from mission_tracker.importers.opensdg.breakdowns import (
    Plan,
    column_name,
    plan_breakdowns,
    total_value,
)
from mission_tracker.importers.opensdg.measures import plan_measures
from mission_tracker.importers.opensdg.source import open_repository

BOUNDARIES = open_repository(FIXTURE).boundaries


def plan(name: str) -> Plan:
    fields: Any
    layout: Any
    fields, layout, read = prepared(name)
    order = [m.id for m in plan_measures(read.rows, fields)]
    return plan_breakdowns(read.rows, layout, fields, BOUNDARIES, order)


def blocks(name: str) -> dict[str, dict[str, Any]]:
    return {b["label"]: b for b in plan(name).blocks()}


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Local Authority", "local_authority"),
        ("Local authority", "local_authority"),
        ("Age (default)", "age_default"),
        ("Aid description (CRS code)", "aid_description_crs_code"),
        ("Geography (HydroBASINs ID)", "geography_hydrobasins_id"),
        ("GeoCode", "geocode"),
        ("Value", "value_breakdown"),  # never a standard column's name
        ("2nd level", "c_2nd_level"),
        ("Région", "region"),
    ],
)
def test_column_names_are_lower_snake_case(header: str, name: str) -> None:
    assert column_name(header, set()) == name


def test_column_names_are_unique() -> None:
    taken: set[str] = set()
    assert [column_name(h, taken) for h in ("Sex", "sex")] == ["sex", "sex_2"]


def test_labels_as_in_the_source_and_values_in_first_seen_order() -> None:
    found = blocks("indicator_1-2-1.csv")
    assert [b["column"] for b in found.values()] == ["age", "sex"]
    assert [v["value"] for v in found["Age"]["values"]] == [
        "15 and under",
        "16 to 24",
        "25 to 49",
        "50 to 64",
        "65 to 74",
        "75 and over",
    ]
    assert "total" not in found["Age"]  # blank cells are the total: the rows name no age
    assert plan("indicator_1-2-1.csv").no_headline is None


@pytest.mark.parametrize(
    ("values", "coverage", "start", "expected"),
    [
        (["Total", "Adaptation", "Mitigation"], "United Kingdom", None, "Total"),
        (["England", "United Kingdom"], "", None, "United Kingdom"),
        (["Great Britain", "England", "Scotland"], "Great Britain", None, "Great Britain"),
        (["15 and over"], "", None, "15 and over"),  # a column's only value
        (["England", "Wales"], "United Kingdom", None, None),
        (["All minority", "All"], "", None, "All"),  # the word itself before a name
        (["All outputs", "All inputs"], "", "All outputs", "All outputs"),
        (["All outputs", "All inputs"], "", None, None),  # two candidates: none guessed
    ],
)
def test_total_value(
    values: list[str], coverage: str, start: str | None, expected: str | None
) -> None:
    assert total_value(values, coverage, start)[0] == expected


def test_a_total_written_in_the_data_is_declared() -> None:
    theme = blocks("indicator_13-a-1.csv")["Theme"]
    assert theme["total"] == "Total"
    assert "default" not in theme  # data_start_values names the total: nothing more to say
    assert blocks("indicator_17-10-1.csv")["Type of product"]["total"] == "Total or no breakdown"
    found = blocks("indicator_11-3-1.csv")
    assert found["Country"]["total"] == "Great Britain"  # national_geographical_coverage
    assert found["GeoCode"]["total"] == "K03000001"  # on every Great Britain row


def test_no_total_at_all_says_why() -> None:
    found = plan("indicator_2-2-2.csv")
    assert found.no_headline == (
        "The source publishes no total: every row names a value of Country, BMI Classifications or "
        "GeoCode."
    )


def test_a_geocode_on_every_row_and_the_same_on_the_headline_is_its_total() -> None:
    assert blocks("indicator_1-5-1.csv")["GeoCode"]["total"] == "K04000001"


def test_a_geocode_on_some_headline_rows_only_is_not_carried_over_there() -> None:
    found = plan("indicator_3-2-2.csv")
    (geo_drop,) = [why for key, why in found.dropped if key == "GeoCode"]
    assert geo_drop.startswith("K02000001 on 2 rows that name no other breakdown")
    assert found.no_headline is None


def test_local_authority_codes_get_their_names_and_a_map_the_project_declares() -> None:
    fields: Any
    layout: Any
    fields, layout, read = prepared("indicator_9-1-1.csv")
    order = [m.id for m in plan_measures(read.rows, fields)]
    # The source's GeoJSON alone: names for the codes, and what to declare (no `map:`, which
    # the reader would refuse while mkdocs.yml does not declare it).
    alone = plan_breakdowns(read.rows, layout, fields, BOUNDARIES, order)
    geo = {b["label"]: b for b in alone.blocks()}["GeoCode"]
    assert "map" not in geo
    assert {"value": "E06000001", "label": "Hartlepool"} in geo["values"]
    assert [b.map_id for b in alone.maps_wanted] == ["lad-2016"]
    # The same boundaries declared by the project, under its own id.
    declared = replace(BOUNDARIES[0], map_id="lad", declared=True)
    drawn = plan_breakdowns(read.rows, layout, fields, [declared, *BOUNDARIES], order)
    assert {b["label"]: b for b in drawn.blocks()}["GeoCode"]["map"] == "lad"
    assert any("map `lad` declared" in n for n in drawn.notes) and not drawn.maps_wanted
    urbanisation = {b["label"]: b for b in drawn.blocks()}["Urbanisation (default)"]
    assert urbanisation["total"] == "Rural"


def test_region_codes_get_no_map_and_the_report_says_why() -> None:
    found = plan("indicator_4-3-1.csv")  # data_show_map, and region codes only
    assert "map" not in {b["label"]: b for b in found.blocks()}["GeoCode"]
    assert any(key == "data_show_map" for key, _ in found.dropped)


def test_start_values_are_defaults_and_a_second_value_is_reported() -> None:
    found = plan("indicator_11-4-1.csv")
    expenditure = {b["label"]: b for b in found.blocks()}["Type of expenditure"]
    assert expenditure["default"] == "Central government expenditure"
    five = plan("indicator_5-4-1.csv")
    assert any("a breakdown has one default" in why for _, why in five.dropped)
