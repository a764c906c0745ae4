"""The whole generated part of docs/: every page, chart, download and feed, as {path: bytes}.

An indicator whose output is kept in the store under the key of what it shows is taken from
there whole. For the others, charts are made first (specs from the store where their inputs
are unchanged, the rest built and rendered in the workers), then each one's files; then the
social cards and the pages about all of them. Specs and renders are let go indicator by
indicator as their files are made, so a site of thousands of indicators does not hold them
all in memory at once.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from mission_tracker.analyse.facts import Facts
from mission_tracker.analyse.messages import counted
from mission_tracker.charts.cards import card_spec
from mission_tracker.charts.produce import charts_for_all, spec_keys
from mission_tracker.charts.render import Renderer
from mission_tracker.charts.runtime import vega_runtime
from mission_tracker.charts.speccache import Wanted
from mission_tracker.model.data import Dataset, Indicator
from mission_tracker.model.maps import Boundaries
from mission_tracker.read.config import Site
from mission_tracker.read.files import DataFiles
from mission_tracker.read.layout import indicator_files
from mission_tracker.site import downloads
from mission_tracker.site.addresses import indicator_url, mission_url
from mission_tracker.site.feed import atom_feed
from mission_tracker.site.guide import check_messages_table
from mission_tracker.site.indicator import (
    HEADLINE_CARD,
    Surroundings,
    charts_in,
    indicator_output,
    surroundings,
)
from mission_tracker.site.methodology import methodology_page
from mission_tracker.site.outputcache import get_output, output_key, put_output
from mission_tracker.site.package import data_package
from mission_tracker.site.pages import home_page, indicator_index, mission_page, mission_summary
from mission_tracker.site.themefiles import theme_files

T = TypeVar("T")


@dataclass
class Assembled:
    files: dict[str, bytes] = field(default_factory=dict)
    rendered: int = 0
    from_cache: int = 0


def assemble_site(
    dataset: Dataset,
    facts: Facts,
    site: Site,
    renderer: Renderer,
    data: DataFiles,
    day: date,
    boundaries: Mapping[str, Boundaries] | None = None,
) -> Assembled:
    out = Assembled()
    maps = dict(boundaries or {})
    declared = frozenset(maps)
    store = renderer.store
    ordered, wanted, sources = chart_inputs(dataset, facts, site, data, maps)
    keys = spec_keys(store, wanted, sources)

    # An indicator's output is kept under a key of what it shows (site/outputcache.py), known
    # before its specs or renders are read: one whose output is kept needs neither.
    kept: dict[str, dict[str, bytes]] = {}
    todo: list[tuple[int, Surroundings, str | None]] = []
    for n, (indicator, key) in enumerate(zip(ordered, keys, strict=True)):
        around = surroundings(dataset, facts, indicator)
        shown = output_key(site, sources[n], indicator.id, around, key, renderer.drawing, declared)
        files = get_output(store, shown)
        if files is None:
            todo.append((n, around, shown))
        else:
            kept[indicator.id] = files
            out.from_cache += charts_in(files)

    made = charts_for_all([wanted[n] for n, _, _ in todo], [keys[n] for n, _, _ in todo], renderer)
    before = renderer.hits
    drawn = sum(len(cs) for cs in made)
    renders = _drain(renderer.render_all(c.spec for cs in made for c in cs))
    for done, ((n, around, shown), charts) in enumerate(zip(todo, _drain(made), strict=True), 1):
        renderer.progress("Writing indicator pages", done, len(todo))
        indicator = ordered[n]
        pairs = [(c, next(renders)) for c in charts]
        files = indicator_output(site, indicator, around, pairs, declared)
        put_output(store, shown, files)
        kept[indicator.id] = files

    package_files: dict[str, bytes] = {}
    for indicator in ordered:  # in id order, as the data package lists them
        files = kept.pop(indicator.id)
        out.files.update(files)
        csv = f"{indicator_url(indicator.id)}data.csv"
        package_files[csv] = files[csv]
    cards = _cards(dataset, facts, site, out.files)
    for name, card in zip(cards, renderer.render_all(cards.values()), strict=True):
        out.files[f"assets/cards/{name}.png"] = card.png
    hits = renderer.hits - before
    out.from_cache += hits
    out.rendered = drawn + len(cards) - hits
    out.files.update(_pages(dataset, facts, site))
    out.files.update(theme_files(site, dataset))
    out.files.update(_downloads(dataset, facts, site, package_files, day))
    out.files["assets/vendor/vega.js"] = vega_runtime(renderer.store).encode("utf-8")
    out.files["_generated/check-messages.md"] = check_messages_table(renderer.store).encode("utf-8")
    return out


def chart_inputs(
    dataset: Dataset,
    facts: Facts,
    site: Site,
    data: DataFiles,
    maps: Mapping[str, Boundaries],
) -> tuple[list[Indicator], list[Wanted], list[tuple[bytes, ...]]]:
    """The indicators in the order their charts are made (by id), what each one's charts are
    made from, and the bytes of its data files (which key its specs in the store)."""
    ordered = sorted(dataset.indicators.values(), key=lambda i: i.id)
    wanted: list[Wanted] = [
        (
            i,
            facts.drawn_milestone(i.id),
            site.absolute(indicator_url(i.id)),
            {b.map: maps[b.map] for b in i.spec.breakdowns if b.map is not None and b.map in maps},
        )
        for i in ordered
    ]
    sources = [tuple(data.files[rel] for rel in indicator_files(i.id)) for i in ordered]
    return ordered, wanted, sources


def _cards(
    dataset: Dataset, facts: Facts, site: Site, files: Mapping[str, bytes]
) -> dict[str, dict[str, object]]:
    """Social cards for the pages without a chart of their own: the home page, the missions,
    and an indicator with no total series to chart (`files` are the indicators' files)."""
    counts = (
        f"{counted(len(dataset.missions), 'mission')}, "
        f"{counted(len(dataset.indicators), 'indicator')} from official statistics."
    )
    cards = {"home": card_spec(site.name, "Progress on the missions", [counts], site.url)}
    for mission in dataset.missions_in_order():
        summary, _ = mission_summary(dataset, facts, mission)
        cards[f"mission-{mission.id}"] = card_spec(
            site.name, mission.spec.name, [summary], site.absolute(mission_url(mission.id))
        )
    for indicator_id, indicator in sorted(dataset.indicators.items()):
        if f"{indicator_url(indicator_id)}{HEADLINE_CARD}" not in files:
            cards[f"indicator-{indicator_id}"] = card_spec(
                site.name,
                indicator.spec.title,
                [facts.indicators[indicator_id].headline + ".", indicator.spec.summary],
                site.absolute(indicator_url(indicator_id)),
            )
    return cards


def _pages(dataset: Dataset, facts: Facts, site: Site) -> dict[str, bytes]:
    pages = {"index.md": home_page(dataset, facts, site)}
    for mission in dataset.missions_in_order():
        pages[f"missions/{mission.id}.md"] = mission_page(dataset, facts, site, mission)
    pages["indicators/index.md"] = indicator_index(dataset, facts)
    pages["methodology.md"] = methodology_page(dataset, facts)
    return {path: text.encode("utf-8") for path, text in pages.items()}


def _downloads(
    dataset: Dataset, facts: Facts, site: Site, package_files: dict[str, bytes], day: date
) -> dict[str, bytes]:
    package = data_package(site, dataset)
    package_json = (
        json.dumps(package, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    ).encode()
    package_files["datapackage.json"] = package_json
    return {
        "datapackage.json": package_json,
        "index.json": downloads.index_json(site, dataset, facts).encode("utf-8"),
        "feed.xml": atom_feed(site, dataset, facts).encode("utf-8"),
        "all-data.zip": downloads.all_data_zip(package_files, day),
    }


def _drain(items: list[T]) -> Iterator[T]:
    """Yield the items, dropping each from memory once it has been used."""
    queue = deque(items)
    items.clear()
    while queue:
        yield queue.popleft()
