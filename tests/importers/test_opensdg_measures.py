"""Series, Units, Unit measure and Unit multiplier -> measures (importers/opensdg/measures.py),
on real UK files."""

from __future__ import annotations

from typing import Any

from tests.importers.conftest import prepared

from mission_tracker.importers.opensdg.measures import Measure, plan_measures
from mission_tracker.model.periods import PeriodType as T


def measures(name: str) -> list[Measure]:
    fields: Any
    fields, _, read = prepared(name)
    return plan_measures(read.rows, fields)


def test_series_told_apart_by_their_period_types() -> None:
    # 11-4-1: Cultural heritage in calendar years, Natural heritage in financial years.
    found = measures("indicator_11-4-1.csv")
    assert [(m.id, m.title, m.period_type) for m in found] == [
        ("cultural-heritage", "Cultural heritage", T.YEAR),
        ("natural-heritage", "Natural heritage", T.FINANCIAL_YEAR),
    ]
    assert found[0].unit == {"kind": "currency", "currency": "GBP", "label": "per capita"}


def test_units_told_apart_with_their_unit_from_unit_measure() -> None:
    # 3-d-2: `Units` holds what is measured; `Unit measure` the unit itself.
    first, second = measures("indicator_3-d-2.csv")
    assert (first.title, first.period_type) == ("MRSA bloodstream infection", T.YEAR)
    assert first.unit == {"kind": "rate", "per": 100000, "label": "per 100000 population"}
    assert second.period_type is T.QUARTER
    assert second.unit == {"kind": "percentage"}


def test_one_series_in_two_period_types_is_two_measures() -> None:
    # 3-8-2 switches from 2005/06 to 2006 ... 2013 and back to 2014/15 in one series.
    found = measures("indicator_3-8-2.csv")
    types = {m.period_type for m in found}
    assert types == {T.FINANCIAL_YEAR, T.YEAR}
    assert all(m.split_by_type for m in found)
    assert any(m.title.endswith("(calendar years)") for m in found)
    assert any("periods of several types" in n for m in found for n in m.notes)


def test_graph_titles_name_measures_and_clashes_are_told_apart_by_unit() -> None:
    found = measures("indicator_6-6-1.csv")
    titles = [m.title for m in found]
    assert "Percentage change in quantity of groundwater over time" in titles
    assert len(set(titles)) == len(titles)
    assert "Change in open water body extent over time (% of total land area)" in titles


def test_ids_name_what_tells_the_series_apart() -> None:
    ids = [m.id for m in measures("indicator_4-3-1.csv")]
    assert ids == ["formal", "non-formal"]


def test_a_kilo_unit_and_its_multiplier() -> None:
    units = {m.unit_text: m.unit for m in measures("indicator_12-3-1.csv")}
    assert units["Kilotonnes"] == {"kind": "physical", "symbol": "Kilotonnes"}
    assert units["Kg per person"] == {"kind": "physical", "symbol": "Kg per person"}


def test_every_row_has_its_measure() -> None:
    fields: Any
    fields, _, read = prepared("indicator_3-d-2.csv")
    found = {m.id for m in plan_measures(read.rows, fields)}
    assert {r.measure for r in read.rows} == found
