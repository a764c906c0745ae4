"""Real statistics of every shape: six UK Open SDG indicators (tests/fixtures/shapes, converted
by convert.py, provenance in SOURCE.md), built into a site. Each test is one of the shapes that
broke the first version, with what the page now says."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import struct
from pathlib import Path

import pytest
from tests.conftest import FIXTURES

from mission_tracker.analyse.describe import MIDDLE_NOTE
from mission_tracker.analyse.views import MOST_CHOICES
from mission_tracker.read.cells import is_formula

SHAPES = FIXTURES / "shapes" / "data" / "indicators"
# Rows of the source each indicator holds (SOURCE.md): every one must reach the downloads.
SOURCE_ROWS = {
    "climate-finance": 46,
    "food-waste": 243,
    "land-consumption": 1176,
    "open-water-area": 5299,
    "poverty-risk": 252,
    "research-spending": 1428,
}
NO_FIGURES = ("No figures published yet", "No figures are published yet")


def _page(site: Path, indicator: str) -> str:
    return html.unescape((site / "site" / "indicators" / indicator / "index.html").read_text())


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def _headline(page: str) -> str:
    m = re.search(
        r'<span class="mt-headline__value">([^<]*)</span>'
        r'(?: <span class="mt-headline__when">([^<]*)</span>)?',
        page,
    )
    assert m, "no headline"
    return f"{m[1]} {m[2] or ''}".strip()


def test_every_source_row_reaches_the_downloads_exactly(shapes_site: Path) -> None:
    for indicator, count in SOURCE_ROWS.items():
        source = _rows(SHAPES / f"{indicator}.csv")
        download = _rows(shapes_site / "site" / "indicators" / indicator / "data.csv")
        assert len(source) == len(download) == count, indicator
        # Every value as the file writes it (scientific notation included), in any order.
        assert sorted(r["value"] for r in source) == sorted(r["value"] for r in download)


@pytest.mark.parametrize("site_name", ["shapes_site", "fixture_site", "built_site"])
def test_no_page_says_there_are_no_figures_above_rows(
    site_name: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(site_name)
    pages = sorted((site / "site" / "indicators").glob("*/data.csv"))
    assert pages
    for data in pages:
        if not _rows(data):
            continue
        page = _page(site, data.parent.name)
        assert not any(words in page for words in NO_FIGURES), data.parent.name


def test_an_indicator_with_no_total_leads_with_its_breakdowns(shapes_site: Path) -> None:
    page = _page(shapes_site, "open-water-area")
    assert _headline(page) == (
        "Figures by type of water and river basin (HydroBASINS id), with no total"
    )
    assert (
        "No total is published: The source gives each type of water (permanent, seasonal or "
        "ephemeral) on its own, never the three together." in page
    )
    assert (
        "No trend is assessed: the figures are published only by type of water and river basin "
        "(HydroBASINS id), with no total to follow." in page
    )


def test_a_total_written_as_a_value_is_the_headline(shapes_site: Path) -> None:
    page = _page(shapes_site, "climate-finance")
    assert _headline(page).startswith("US$1,703.43m in 2020")
    assert "Up US$191.87m from US$1,511.56m in 2019." in page


def test_pooled_periods_are_labelled_as_spans_and_drawn_at_their_middle(
    shapes_site: Path,
) -> None:
    periods = {r["period"] for r in _rows(SHAPES / "open-water-area.csv")}
    assert "2017 to 2021" in periods
    page = _page(shapes_site, "open-water-area")
    assert "2017 to 2021" in page and MIDDLE_NOTE in page
    svg = shapes_site / "site" / "indicators" / "open-water-area" / "breakdowns-water-type.svg"
    assert MIDDLE_NOTE in svg.read_text("utf-8")
    assert (
        "Change is not assessed: there is no figure for 2012 to 2015 (a year earlier) or 2009 "
        "to 2012 (the period before)." in _page(shapes_site, "land-consumption")
    )


def test_scientific_notation_is_a_number_not_a_formula(shapes_site: Path) -> None:
    values = [r["value"] for r in _rows(SHAPES / "land-consumption.csv")]
    negative = next(v for v in values if v.startswith("-") and "e-" in v)
    assert not is_formula(negative)
    download = (shapes_site / "site" / "indicators" / "research-spending" / "data.csv").read_text()
    assert "\n2006,Performing research and development,,,Business enterprise,,," in download
    assert ",6.72255349472e-05," in download  # as published, and not neutralised


def test_declared_units_are_written_out(shapes_site: Path) -> None:
    page = _page(shapes_site, "food-waste")
    assert _headline(page).startswith("9,525 thousand tonnes in 2018")
    for line in (
        "9,525 thousand tonnes in 2018",
        "143 kg per person in 2018",
        "6,408 thousand tonnes in 2018",
        "96 kg per person in 2018",
    ):
        assert f'<p class="mt-measure-headline">{line}</p>' in page


def test_each_measure_has_its_section_and_anchor(shapes_site: Path) -> None:
    page = _page(shapes_site, "food-waste")
    for measure in ("all-kilotonnes", "all-per-person", "food-kilotonnes", "food-per-person"):
        assert f'id="measure-{measure}"' in page
    download = _rows(shapes_site / "site" / "indicators" / "food-waste" / "data.csv")
    assert {r["measure"] for r in download} == {
        "all-kilotonnes",
        "all-per-person",
        "food-kilotonnes",
        "food-per-person",
    }


def _png_height(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[12:16] == b"IHDR"
    return int(struct.unpack(">I", header[20:24])[0])


def test_crossed_and_wide_breakdowns_stay_a_readable_size(shapes_site: Path) -> None:
    pngs = sorted((shapes_site / "site" / "indicators").glob("*/*.png"))
    assert len(pngs) > 30
    assert max(_png_height(p) for p in pngs) <= 2000
    for indicator in SOURCE_ROWS:
        page = _page(shapes_site, indicator)
        for description in re.findall(r'class="mt-figure__description"[^>]*>([^<]*)<', page):
            assert len(description) <= 900, (indicator, description)


def test_a_breakdown_of_many_areas_is_a_map_that_summarises(shapes_site: Path) -> None:
    folder = shapes_site / "site" / "indicators" / "land-consumption"
    page = _page(shapes_site, "land-consumption")
    description = re.search(r'id="chart-breakdowns-desc">([^<]*)<', page)
    assert description
    # 392 values are declared; one is the total (K03000001, Great Britain), not an area.
    assert description[1].startswith("Map of 391 areas: Ratio of land consumption rate")
    assert "Highest: Richmondshire, 352.358." in description[1]
    svg = (folder / "breakdowns.svg").read_text("utf-8")
    assert svg.count("<path") > 350
    # The credit their licence asks for, wrapped over the lines of the footer.
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    assert "Contains OS data © Crown copyright and database right 2016." in words
    assert '<img src="breakdowns.svg"' in page  # not written into the page: it stays light
    assert not (folder / "breakdowns.views.json").exists()


def test_readers_may_choose_the_held_values_of_a_crossed_breakdown(shapes_site: Path) -> None:
    folder = shapes_site / "site" / "indicators" / "research-spending"
    choices = json.loads((folder / "breakdowns-role.views.json").read_text("utf-8"))
    options = choices["options"]
    assert 2 <= len(options) <= MOST_CHOICES + 1
    assert options[0]["description"] in _page(shapes_site, "research-spending")
    assert {b["column"] for b in choices["breakdowns"]} >= {"sector", "country"}


def test_statuses_beyond_the_gss_markers_are_spelt_out(shapes_site: Path) -> None:
    download = _rows(shapes_site / "site" / "indicators" / "poverty-risk" / "data.csv")
    assert {r["marker"] for r in download} == {"[d]"}
    data = json.loads(
        (shapes_site / "site" / "indicators" / "poverty-risk" / "data.json").read_text("utf-8")
    )
    assert data["observations"][0]["markers"] == ["definition differs from the SDG indicator's"]
    assert "definition differs from the SDG indicator's" in _page(shapes_site, "poverty-risk")
