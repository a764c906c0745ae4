"""The shipped UK data, built as `make site` builds it, checked for real content."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from tests.conftest import ROOT, copy_project, run_cli

INDICATORS = sorted(p.stem for p in (ROOT / "data" / "indicators").glob("*.yml"))
MISSIONS = sorted(p.stem for p in (ROOT / "data" / "missions").glob("*.yml"))


def page(site_root: Path, rel: str) -> str:
    return (site_root / "site" / rel / "index.html").read_text("utf-8")


def test_home_lists_every_mission(built_site: Path) -> None:
    html = page(built_site, "")
    for mission in MISSIONS:
        name = yaml.safe_load((ROOT / "data" / "missions" / f"{mission}.yml").read_text())["name"]
        assert f'href="missions/{mission}/"' in html
        assert name.replace("&", "&amp;") in html


def test_rtt_page_shows_latest_real_value_and_period(built_site: Path) -> None:
    rows = list(csv.DictReader((ROOT / "data/indicators/rtt-within-18-weeks.csv").open()))
    last = rows[-1]
    assert last["period"] == "2022-10"
    assert last["value"].startswith("60.14")  # 0.6015 in the NHS England workbook
    html = page(built_site, "indicators/rtt-within-18-weeks")
    assert '<span class="mt-headline__value">60.1%</span>' in html
    assert "in October 2022" in html
    assert "predates the baseline, so progress is not assessed" in html


@pytest.mark.parametrize("indicator", INDICATORS)
def test_every_indicator_page_has_static_chart_and_table(built_site: Path, indicator: str) -> None:
    html = page(built_site, f"indicators/{indicator}")
    figure = re.search(r'<figure class="mt-figure" id="figure-chart".*?</figure>', html, re.S)
    assert figure, "headline figure missing"
    assert "<svg" in figure.group(0) and 'role="img"' in figure.group(0)
    assert "<table>" in html and "<caption>" in html
    spec = yaml.safe_load((ROOT / "data/indicators" / f"{indicator}.yml").read_text())
    assert spec["source"]["publisher"].replace("&", "&amp;") in html
    assert "Open Government Licence v3.0" in html
    for name in ("chart.svg", "chart.png", "data.csv", "data.json", "embed/index.html"):
        assert (built_site / "site/indicators" / indicator / name).is_file(), name


@pytest.mark.parametrize("mission", MISSIONS)
def test_every_mission_page_links_all_its_indicators(built_site: Path, mission: str) -> None:
    html = page(built_site, f"missions/{mission}")
    mine = [
        i
        for i in INDICATORS
        if yaml.safe_load((ROOT / "data/indicators" / f"{i}.yml").read_text())["mission"] == mission
    ]
    assert mine, "every mission has indicators"
    for indicator in mine:
        assert f'href="../../indicators/{indicator}/"' in html
    assert 'class="mt-table-wrap mt-milestones"' in html


class _Loads(HTMLParser):
    """Collects the addresses a page makes the browser load (not links people may follow)."""

    LOADING_RELS: ClassVar[set[str]] = {
        "stylesheet",
        "preload",
        "icon",
        "manifest",
        "modulepreload",
        "prefetch",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag == "link" and set((a.get("rel") or "").split()) & self.LOADING_RELS:
            self.urls.append(a.get("href") or "")


def test_pages_load_nothing_from_other_hosts(built_site: Path) -> None:
    for path in (built_site / "site").rglob("*.html"):
        parser = _Loads()
        parser.feed(path.read_text("utf-8"))
        external = [u for u in parser.urls if re.match(r"(https?:)?//", u)]
        assert not external, f"{path} loads {external}"


def _tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    """A second build, in another folder and rendering every chart afresh, gives the same
    bytes: determinism does not depend on the cache or on where the project lives."""
    other = copy_project(tmp_path / "again")
    result = run_cli("site", "--no-cache", cwd=other)
    assert result.returncode == 0, result.stderr
    first, second = _tree_digest(built_site / "site"), _tree_digest(other / "site")
    assert first.keys() == second.keys()
    differing = [k for k in first if first[k] != second[k]]
    assert not differing, differing[:10]


def test_search_index_and_json_index_are_valid(built_site: Path) -> None:
    index = json.loads((built_site / "site/index.json").read_text())
    assert {i["id"] for i in index["indicators"]} == set(INDICATORS)
    search = json.loads((built_site / "site/search/search_index.json").read_text())
    assert search["docs"]
