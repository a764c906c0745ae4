"""Open SDG metadata -> the indicator's fields (importers/opensdg/metadata.py, sources.py,
licences.py), on whole metadata files of the UK's repository."""

from __future__ import annotations

import datetime as dt

from tests.importers.conftest import FIXTURE, RETRIEVED, meta

from mission_tracker.importers.opensdg.licences import repository_licence, source_licence
from mission_tracker.importers.opensdg.metadata import Fields, read_fields
from mission_tracker.model.periods import PeriodType

LICENCE = (FIXTURE / "LICENSE").read_text("utf-8")


def fields(stem: str) -> Fields:
    found, body = meta(stem)
    return read_fields(found, body, stem, f"copy: {stem}", RETRIEVED, LICENCE)


def test_title_from_the_national_fields_when_the_name_is_a_translation_key() -> None:
    f = fields("1-2-1")  # indicator_name: global_indicators.1-2-1-title
    assert f.title == (
        "Percentage of the population living in households at risk of poverty, by sex and age"
    )
    assert any("translation key" in n for n in f.notes)
    assert f.summary.startswith("The percentage of people who are living in households")
    assert f.measure == "Percentage of the population living in households at risk of poverty"
    assert f.geography == "United Kingdom"
    assert dict(f.dropped)["indicator_name"].startswith("a translation key")


def test_a_source_with_its_date_and_licence() -> None:
    f = fields("1-2-1")
    assert f.sources == [
        {
            "publisher": "Eurostat",
            "release": "At-risk-of-poverty rate by poverty threshold, age and sex - EU-SILC survey",
            "url": "http://appsso.eurostat.ec.europa.eu/nui/show.do?dataset=ilc_li02&lang=en",
            "release_date": dt.date(2020, 3, 11),
            "copy_of": "copy: 1-2-1",
            "retrieved": RETRIEVED,
        }
    ]
    assert f.licence == "OGL-3.0"  # the repository's licence file
    assert f.source_licences == ["CC-BY-4.0"]  # Eurostat's own
    assert f.frequency == "Annual"
    assert f.next_update is None  # TBC: not known, never guessed
    assert ("source_next_release_1", "'TBC' means it is not known; left out") in f.dropped


def test_an_excel_serial_release_date() -> None:
    (source,) = fields("1-3-1").sources
    assert source["release_date"] == dt.date(2020, 12, 1)  # 44166


def test_several_sources_and_the_start_values() -> None:
    f = fields("11-4-1")
    assert len(f.sources) == 5
    assert f.start_values == [
        ("series", "Cultural heritage"),
        ("Type of expenditure", "Central government expenditure"),
    ]


def test_caveats_are_plain_paragraphs_of_the_body_and_notes() -> None:
    f = fields("1-2-1")
    assert f.caveats[0].startswith('"Percentage of the population living in households at risk')
    assert (
        "(https://www.gov.uk/government/collections/households-below-average-income-hbai--2)"
        in f.caveats[0]
    )
    assert f.caveats[1].startswith("This indicator is being used as an approximation")
    assert all("<" not in c for c in f.caveats)


def test_proxy() -> None:
    assert fields("1-2-1").proxy == (
        "The source marks these figures as a proxy for global indicator 1.2.1: they approximate "
        "it rather than measure it exactly."
    )
    assert fields("6-6-1").proxy == (
        "The source marks some series as a proxy for global indicator 6.6.1: Open water area."
    )


def test_an_archived_indicator_and_its_broken_standalone() -> None:
    f = fields("archived-7-b-1")
    assert f.title.endswith(" (archived)")
    assert "`standalone: true` was typed inside `other_info`'s text" in " ".join(f.notes)
    assert any(c.startswith("This, or part of this, indicator is awaiting") for c in f.caveats)


def test_an_indicator_with_no_source_title_or_geography() -> None:
    f = fields("3-d-2")  # notstarted, every field empty
    assert f.title == "Indicator 3.d.2"
    assert f.geography == "Not stated in the source"
    assert f.sources == []
    assert f.status == "notstarted"


def test_non_statistical() -> None:
    f = fields("13-2-1")
    assert f.non_statistical
    # The page's body, which holds its content, is kept as plain caveats.
    assert f.caveats[0].startswith("Nationally determined contributions (NDC) The UK’s")
    assert (
        "(https://www.gov.uk/government/publications/the-uks-nationally-determined" in f.caveats[0]
    )


def test_graph_titles_and_their_mistakes() -> None:
    titles = fields("6-6-1").graph_titles
    assert (titles[0].series, titles[0].title) == (
        "Open water area",
        "Change in open water body extent over time",
    )


def test_split_years_follow_the_words_of_the_metadata() -> None:
    assert fields("2-2-2").split_type is PeriodType.ACADEMIC_YEAR  # says academic years
    assert fields("11-4-1").split_type is PeriodType.FINANCIAL_YEAR  # says financial years
    both = fields("3-b-1")  # says both: financial years, and the report says why
    assert both.split_type is PeriodType.FINANCIAL_YEAR and "both" in both.split_note
    neither = fields("1-2-1")
    assert "does not say" in neither.split_note


def test_every_field_with_content_is_carried_or_listed() -> None:
    found, _ = meta("1-2-1")
    f = fields("1-2-1")
    listed = {key for key, _ in f.dropped}
    carried = {
        "indicator_available",
        "national_indicator_description",
        "graph_title",
        "national_geographical_coverage",
        "reporting_status",
        "data_non_statistical",
        "indicator_number",
        "other_info",
        "proxy",
        "data_show_map",
        "computation_units",
        "source_active_1",
        "source_organisation_1",
        "source_url_1",
        "source_url_text_1",
        "source_release_date_1",
        "source_periodicity_1",
    }
    for key, value in found.items():
        if value not in (None, "", False, []):
            assert key in listed or key in carried, key


def test_licences_by_publisher() -> None:
    assert repository_licence(LICENCE).value == "OGL-3.0"
    assert repository_licence("MIT").value is None
    assert source_licence("https://www.ons.gov.uk/x").value == "OGL-3.0"
    assert source_licence("https://www.gov.scot/x").value == "OGL-3.0"
    assert source_licence("https://committees.parliament.uk/x").value == "OPL-3.0"
    assert source_licence("https://ec.europa.eu/eurostat/x").value == "CC-BY-4.0"
    assert source_licence("https://data.worldbank.org/x").value == "CC-BY-4.0"
    un = source_licence("https://unstats.un.org/sdgs/x").value
    assert un == {
        "name": "United Nations terms of use",
        "url": "https://www.un.org/en/about-us/terms-of-use",
    }
    assert isinstance(source_licence("https://stats.oecd.org/x").value, dict)
    assert isinstance(source_licence("https://www.imf.org/x").value, dict)
    unknown = source_licence("https://www.who.int/x")
    assert unknown.value is None and "not established" in unknown.reason
