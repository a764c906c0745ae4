"""The pipeline: load -> analyse -> charts -> render -> pages and downloads -> {path: bytes}.

Everything here is computed in memory; nothing touches docs/ until `write` is called with the
result, so a build that fails on bad data changes no file.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

import vl_convert as vlc

from mission_tracker.analyse.describe import chart_description
from mission_tracker.analyse.facts import Facts, analyse
from mission_tracker.charts import specs as chartlib
from mission_tracker.charts.render import VL_CONVERT_VERSION, Renderer, png_with_text
from mission_tracker.charts.speccache import ChartStore
from mission_tracker.model.data import Dataset
from mission_tracker.model.problems import Problem, errors
from mission_tracker.read.config import Site
from mission_tracker.read.load import LoadResult, load_dataset
from mission_tracker.site import downloads as publish
from mission_tracker.site import pages
from mission_tracker.site.addresses import indicator_url, mission_url
from mission_tracker.site.guide import check_messages_table
from mission_tracker.site.methodology import methodology_page
from mission_tracker.site.pages import Pages, chart_milestone
from mission_tracker.site.presskit import embed_page, redirect_page, standalone_svg
from mission_tracker.site.templating import human_size

T = TypeVar("T")


@dataclass
class BuildResult:
    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None
    facts: Facts | None = None
    rendered: int = 0
    cached: int = 0

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def data_date(dataset: Dataset) -> date:
    """The build's date: the newest release or retrieval date in the data (never "now")."""
    days = [
        i.spec.source.release_date or i.spec.source.retrieved for i in dataset.indicators.values()
    ]
    return max(days, default=date(2024, 1, 1))


def generate(
    data_dir: Path, site: Site, renderer: Renderer, fixtures: Path | None = None
) -> BuildResult:
    renderer.warm_up()
    loaded: LoadResult = load_dataset(data_dir, renderer.cache_dir)
    result = BuildResult(problems=loaded.problems)
    if not loaded.ok:
        return result
    dataset = loaded.dataset
    facts = analyse(dataset)
    result.dataset, result.facts = dataset, facts
    out = Pages()

    # Charts: specs first (from the spec cache when the inputs are unchanged, else built and
    # rendered side by side in the workers), then one batch render for whatever is left.
    ordered = sorted(dataset.indicators.values(), key=lambda i: i.id)
    wanted = [
        (i, chart_milestone(facts, i.id), site.absolute(indicator_url(i.id))) for i in ordered
    ]
    made = ChartStore(renderer.cache_dir).charts_for_all(data_dir, wanted, renderer)
    indicator_charts = {i.id: cs for i, cs in zip(ordered, made, strict=True)}
    del made  # indicator_charts is the one reference, released indicator by indicator below
    cards = {
        "home": chartlib.card_spec(
            site.name,
            "Progress on the missions",
            [
                f"{len(dataset.missions)} missions, "
                f"{len(dataset.indicators)} indicators from official "
                "statistics."
            ],
            site.url,
        )
    }
    for mission in dataset.missions_in_order():
        summary, _ = pages.mission_summary(dataset, facts, mission)
        cards[f"mission-{mission.id}"] = chartlib.card_spec(
            site.name, mission.spec.name, [summary], site.absolute(mission_url(mission.id))
        )
    jobs = [c.spec for cs in indicator_charts.values() for c in cs] + list(cards.values())
    before = renderer.hits
    # Specs and renders are let go as each indicator's files are made, so a site of thousands
    # of indicators does not hold them all in memory at once.
    it = _drain(renderer.render_all(jobs))
    result.cached = renderer.hits - before
    result.rendered = len(jobs) - result.cached
    del jobs

    package_files: dict[str, bytes] = {}
    for indicator_id in list(indicator_charts):
        cs = indicator_charts.pop(indicator_id)
        indicator = dataset.indicators[indicator_id]
        base = f"indicators/{indicator_id}"
        pairs = [(c, next(it)) for c in cs]
        drawn = chart_milestone(facts, indicator_id)
        for chart, r in pairs:
            name = "chart" if chart.kind == "headline" else "breakdowns"
            description = (
                chart_description(indicator, facts.indicators[indicator_id], drawn)
                if chart.kind == "headline"
                else chart.subtitle
            )
            out.add(f"{base}/{name}.svg", standalone_svg(r.svg, chart.title, description))
            out.add(
                f"{base}/{name}.png",
                png_with_text(
                    r.png,
                    {
                        "Title": chart.title,
                        "Description": description,
                        "Source": chartlib.source_line(indicator),
                        "Copyright": indicator.spec.licence.attribution,
                        "URL": site.absolute(indicator_url(indicator_id)),
                    },
                ),
            )
            out.add(
                f"{base}/{name}.vl.json",
                json.dumps(chart.spec, sort_keys=True, separators=(",", ":")),
            )
        csv_text = publish.indicator_csv(indicator)
        json_text = publish.indicator_json(site, dataset, facts, indicator)
        out.add(f"{base}/data.csv", csv_text)
        out.add(f"{base}/data.json", json_text)
        package_files[f"{base}/data.csv"] = csv_text.encode()
        downloads = [
            {
                "label": "Data",
                "url": "data.csv",
                "format": "CSV",
                "size": human_size(len(csv_text.encode())),
            },
            {
                "label": "Data and metadata",
                "url": "data.json",
                "format": "JSON",
                "size": human_size(len(json_text.encode())),
            },
        ]
        out.add(
            f"{base}.md", pages.indicator_page(dataset, facts, site, indicator, pairs, downloads)
        )
        headline_chart, headline_render = pairs[0]
        out.add(
            f"{base}/embed/index.html",
            embed_page(
                site,
                indicator,
                headline_chart,
                headline_render,
                chart_description(indicator, facts.indicators[indicator_id], drawn),
            ),
        )
        for old in indicator.spec.previous_ids:
            out.add(f"indicators/{old}/index.html", redirect_page(site, indicator, old))

    for name in cards:
        out.add(f"assets/cards/{name}.png", next(it).png)
    out.add("index.md", pages.home_page(dataset, facts, site))
    for mission in dataset.missions_in_order():
        out.add(f"missions/{mission.id}.md", pages.mission_page(dataset, facts, site, mission))
    out.add("indicators/index.md", pages.indicator_index(dataset, facts))
    out.add("methodology.md", methodology_page(dataset, facts))

    package = publish.data_package(site, dataset)
    package_json = json.dumps(package, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    out.add("datapackage.json", package_json)
    out.add("index.json", publish.index_json(site, dataset, facts))
    out.add("feed.xml", publish.atom_feed(site, dataset, facts))
    package_files["datapackage.json"] = package_json.encode()
    out.add("all-data.zip", publish.all_data_zip(package_files, data_date(dataset)))
    out.add("assets/vendor/vega.js", vega_runtime(renderer))
    out.add("_generated/check-messages.md", check_messages_table(fixtures or Path("/nonexistent")))
    result.files = out.files
    return result


def _drain(items: list[T]) -> Iterator[T]:
    """Yield the items, dropping each from memory once it has been used."""
    queue = deque(items)
    items.clear()
    while queue:
        yield queue.popleft()


def vega_runtime(renderer: Renderer) -> str:
    """Vega, Vega-Lite and vega-embed in one file the site serves itself (no CDN); bundling
    takes seconds, so it is cached like a chart."""
    cache = renderer.cache_dir
    name = f"vega-{VL_CONVERT_VERSION}-{chartlib.VEGA_LITE_VERSION}.js"
    if cache is not None and (cache / name).is_file():
        text = (cache / name).read_text("utf-8")
        if text.rstrip().endswith("window.vegaLite=__default1;"):
            return text
    text = vlc.javascript_bundle(
        "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;",
        vl_version=chartlib.VEGA_LITE_VERSION,
    )
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / (name + ".tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(cache / name)
    return text
