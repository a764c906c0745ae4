"""What press officers reuse: images that cite themselves, social cards, downloads, the data
package, the feed and citations — checked on the built shipped site."""

from __future__ import annotations

import csv
import io
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
import zlib
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from tests.conftest import ROOT
from tests.unit.helpers import indicator

from mission_tracker.read.cells import is_formula
from mission_tracker.read.load import load_dataset
from mission_tracker.site.downloads import indicator_csv, neutralise

INDICATORS = sorted(p.stem for p in (ROOT / "data" / "indicators").glob("*.yml"))
OGL = "Contains public sector information licensed under the Open Government Licence v3.0."


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_text(data: bytes) -> dict[str, str]:
    """The iTXt metadata chunks of a PNG."""
    out, at = {}, 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        crc = struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0]
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, "corrupt chunk"
        if kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            # flag, method, language\0, translated keyword\0, text
            out[key.decode()] = rest[2:].split(b"\0", 2)[2].decode("utf-8")
        at += 12 + length
    return out


@pytest.mark.parametrize("indicator_id", INDICATORS)
def test_chart_images_carry_title_source_licence_and_address(
    built_site: Path, indicator_id: str
) -> None:
    folder = built_site / "site" / "indicators" / indicator_id
    svg = (folder / "chart.svg").read_text("utf-8")
    # Multi-line text is split into <tspan> elements; join the words back together.
    texts = " ".join(
        re.sub(r"<[^>]+>", " ", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    )
    texts = html_unescape(re.sub(r"\s+", " ", texts))
    html = (folder / "index.html").read_text("utf-8")
    title = re.search(r'<p class="mt-visually-hidden" id="chart-title">([^<]+)</p>', html)
    assert title
    assert html_unescape(title.group(1)) in texts
    assert "Source:" in texts
    assert OGL in texts
    assert f"/indicators/{indicator_id}/" in texts
    assert svg.startswith("<svg") and "<title>" in svg and "<desc>" in svg
    png = (folder / "chart.png").read_bytes()
    assert png_size(png) == (1200, 630)
    meta = png_text(png)
    assert meta["Source"].startswith("Source: ")
    assert meta["Copyright"] == OGL
    assert meta["URL"].endswith(f"/indicators/{indicator_id}/")


def test_breakdown_charts_are_at_least_1200_pixels_wide(built_site: Path) -> None:
    pngs = sorted((built_site / "site" / "indicators").glob("*/breakdowns.png"))
    assert pngs, "some indicators have breakdowns"
    for path in pngs:
        width, _ = png_size(path.read_bytes())
        assert width >= 1200, path


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[str(a.get("property") or a.get("name"))] = str(a.get("content"))
        if tag == "link":
            self.links.append(a)


@pytest.mark.parametrize(
    "page",
    ["", "missions/nhs/", "indicators/rtt-within-18-weeks/", "methodology/", "guide/editors/"],
)
def test_social_tags_are_absolute_and_point_at_real_files(built_site: Path, page: str) -> None:
    parser = _Meta()
    parser.feed((built_site / "site" / page / "index.html").read_text("utf-8"))
    meta = parser.meta
    base = "https://mission-tracker.github.io/mission-tracker/"
    assert meta["twitter:card"] == "summary_large_image"
    for key in ("og:url", "og:image", "twitter:image"):
        assert meta[key].startswith(base), (key, meta[key])
    assert meta["og:url"] == base + page
    image = built_site / "site" / meta["og:image"].removeprefix(base)
    assert image.is_file()
    assert png_size(image.read_bytes()) == (1200, 630)
    assert meta["og:title"] and meta["og:description"]
    feeds = [ln for ln in parser.links if ln.get("type") == "application/atom+xml"]
    assert feeds and (built_site / "site" / "feed.xml").is_file()


def test_indicator_description_is_the_headline_sentence(built_site: Path) -> None:
    parser = _Meta()
    parser.feed((built_site / "site/indicators/rtt-within-18-weeks/index.html").read_text())
    assert parser.meta["og:description"] == (
        "Patients waiting under 18 weeks: 60.1% in October 2022; target 92% by March 2029."
    )


def test_data_package_passes_frictionless_validate(built_site: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "frictionless"), "validate", "datapackage.json"],
        cwd=built_site / "site",
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "INVALID" not in result.stdout


def test_all_data_zip_is_a_valid_package_of_every_csv(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / "site" / "all-data.zip") as archive:
        names = set(archive.namelist())
        assert "datapackage.json" in names
        for indicator_id in INDICATORS:
            member = f"indicators/{indicator_id}/data.csv"
            assert archive.read(member) == (built_site / "site" / member).read_bytes()


def test_atom_feed_parses_with_one_entry_per_indicator(built_site: Path) -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.parse(built_site / "site" / "feed.xml").getroot()
    entries = root.findall("a:entry", ns)
    assert len(entries) == len(INDICATORS)
    for entry in entries:
        assert entry.findtext("a:id", namespaces=ns).startswith("tag:")
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT00:00:00Z", entry.findtext("a:updated", namespaces=ns)
        )
        link = entry.find("a:link", ns)
        assert link is not None and link.get("href", "").startswith("https://")


def test_csv_downloads_reload_to_exactly_the_source_data(built_site: Path, tmp_path: Path) -> None:
    """Each download, put back beside its YAML, loads to the same observations."""
    original = load_dataset(ROOT / "data")
    copy = tmp_path / "data"
    (copy / "indicators").mkdir(parents=True)
    (copy / "missions").mkdir()
    for path in (ROOT / "data" / "missions").glob("*.yml"):
        (copy / "missions" / path.name).write_bytes(path.read_bytes())
    for indicator_id in INDICATORS:
        (copy / "indicators" / f"{indicator_id}.yml").write_bytes(
            (ROOT / "data/indicators" / f"{indicator_id}.yml").read_bytes()
        )
        (copy / "indicators" / f"{indicator_id}.csv").write_bytes(
            (built_site / "site/indicators" / indicator_id / "data.csv").read_bytes()
        )
    reloaded = load_dataset(copy)
    assert reloaded.ok, [p.format() for p in reloaded.problems]
    for indicator_id in INDICATORS:
        assert (
            reloaded.dataset.indicators[indicator_id].observations
            == original.dataset.indicators[indicator_id].observations
        ), indicator_id


def test_formula_cells_are_neutralised_in_downloads() -> None:
    assert neutralise('=HYPERLINK("http://evil.example","click")').startswith("'=")
    for cell in ("+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=1"):
        assert is_formula(cell) and neutralise(cell).startswith("'")
    for cell in ("-3.5", "+4", "12", "[x]", "Plain note"):
        assert neutralise(cell) == cell
    # A note cell written by the download writer: the loader refuses formulas in input, so
    # build the observation directly as another tool might have made it.
    ind = indicator([("2023", 50.0)])
    obs = ind.observations[0]
    poisoned = type(ind)(
        ind.id,
        ind.spec,
        (type(obs)(**{**obs.__dict__, "note": '=HYPERLINK("http://evil.example","click")'}),),
    )
    rows = list(csv.reader(io.StringIO(indicator_csv(poisoned))))
    assert rows[1][-1] == '\'=HYPERLINK("http://evil.example","click")'


def test_download_links_show_format_and_size(built_site: Path) -> None:
    html = (built_site / "site/indicators/rtt-within-18-weeks/index.html").read_text()
    assert re.search(
        r'href="data.csv" download>Data</a> <span class="mt-small">\(CSV, \d+ KB\)', html
    )
    assert re.search(
        r'href="data.json" download>Data and metadata</a> <span class="mt-small">'
        r"\(JSON, \d+ KB\)",
        html,
    )
    assert re.search(r'href="chart.png" download>PNG image \(\d+ KB\)', html)


def test_citations_name_release_and_address(built_site: Path) -> None:
    html = (built_site / "site/indicators/rtt-within-18-weeks/index.html").read_text()
    full = re.search(r'<p class="mt-citation" id="citation-full">([^<]+)</p>', html)
    assert full
    text = full.group(1)
    assert text.startswith("NHS England. Consultant-led referral to treatment")
    assert (
        "https://mission-tracker.github.io/mission-tracker/indicators/rtt-within-18-weeks/" in text
    )
    short = re.search(r'id="citation-short">([^<]+)<', html)
    assert short and short.group(1) == "NHS England (2023), via Mission Tracker"


def test_embed_snippet_is_a_titled_responsive_iframe(built_site: Path) -> None:
    html = (built_site / "site/indicators/rtt-within-18-weeks/index.html").read_text()
    snippet = re.search(r'<textarea id="embed-code"[^>]*>([^<]+)</textarea>', html)
    assert snippet
    code = snippet.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"')
    code = code.replace("&quot;", '"').replace("&amp;", "&")
    assert re.fullmatch(
        r'<iframe src="https://[^"]+/indicators/rtt-within-18-weeks/embed/" title="[^"]+" '
        r'width="100%" height="\d+" style="[^"]*" loading="lazy"></iframe>',
        code,
    )


def test_embed_page_is_light(built_site: Path) -> None:
    """Budget: an embed's first view (page + script) under 25 KB compressed."""
    folder = built_site / "site/indicators/rtt-within-18-weeks/embed"
    html = (folder / "index.html").read_bytes()
    script = (built_site / "site/assets/javascripts/mission-tracker.js").read_bytes()
    total = len(zlib.compress(html, 9)) + len(zlib.compress(script, 9))
    assert total < 25 * 1024, total
    assert b'<script src="https://' not in html and b'<link rel="stylesheet"' not in html
