"""One indicator's whole output, made once and in one place: its page, its embed page, its
charts as self-describing SVG and PNG with their Vega-Lite specs, its CSV and JSON downloads and
redirects from the addresses it had before.

Each chart's description is worked out once and serves the page's caption, the SVG's <desc> and
the PNG's metadata, and the sizes the page shows are those of the files written. The page has a
section for each measure (most indicators have one), each with its charts and tables.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mission_tracker.analyse.describe import chart_description, headline_sentence, view_description
from mission_tracker.analyse.facts import Facts, IndicatorFacts, MilestoneFacts
from mission_tracker.analyse.numbers import format_value
from mission_tracker.analyse.views import DimensionView, ViewKind, dimension_views
from mission_tracker.charts.chart import HEADLINE, Chart
from mission_tracker.charts.render import Rendered, png_with_text
from mission_tracker.model.data import Dataset, Indicator, Mission
from mission_tracker.model.measures import Measure
from mission_tracker.read.config import Site
from mission_tracker.site import downloads, tables
from mission_tracker.site.addresses import indicator_url, mission_url, relative
from mission_tracker.site.presskit import (
    citation_full,
    citation_short,
    embed_page,
    embed_snippet,
    inline_svg,
    redirect_page,
    standalone_svg,
)
from mission_tracker.site.templating import front_matter, human_size, render_template


@dataclass(frozen=True)
class ChartView:
    """A chart as the indicator page shows it, with the table of its figures if it has one."""

    chart: Chart
    description: str
    svg: str  # inline, labelled by the caption ("" for a chart shown as an image file)
    svg_size: str
    png_size: str
    table: dict[str, Any] | None = None
    breakdowns_url: str = ""
    views_url: str = ""  # the other held values readers may choose, with JavaScript

    @property
    def anchor(self) -> str:
        return self.chart.anchor

    @property
    def heading(self) -> str:
        return self.chart.heading

    @property
    def title(self) -> str:
        return self.chart.title

    @property
    def svg_url(self) -> str:
        return f"{self.chart.stem}.svg"

    @property
    def png_url(self) -> str:
        return f"{self.chart.stem}.png"

    @property
    def spec_url(self) -> str:
        return f"{self.chart.stem}{_SPEC_SUFFIX}"


@dataclass(frozen=True)
class Section:
    """A measure's part of the page: its charts, in order."""

    measure: Measure
    headline: str  # what it says now, e.g. "60.1% in October 2022"
    charts: list[ChartView]


@dataclass(frozen=True)
class Related:
    """Another indicator an indicator's page links to, with what the link says of it."""

    id: str
    title: str
    headline: str


@dataclass(frozen=True)
class Surroundings:
    """All that an indicator's output shows from beyond the indicator itself: its facts, its
    mission, the milestones set on it and the indicators it links to with their headlines.

    The output is made from the indicator, this, its charts and the site's settings and
    nothing else, so a key of those is exact (site/outputcache.py): a page that shows another
    indicator's headline depends on that headline, not on the whole data set."""

    facts: IndicatorFacts  # the headline measure's
    measures: dict[str, IndicatorFacts]  # every measure's, by id
    drawn: MilestoneFacts | None  # the milestone drawn on its chart
    milestones: tuple[MilestoneFacts, ...]  # every milestone that charts it
    mission: Mission | None
    related: tuple[Related, ...]


def surroundings(dataset: Dataset, facts: Facts, indicator: Indicator) -> Surroundings:
    return Surroundings(
        facts.indicators[indicator.id],
        facts.measures[indicator.id],
        facts.drawn_milestone(indicator.id),
        tuple(facts.milestones_for(indicator.id)),
        dataset.missions.get(indicator.spec.mission),
        _related(dataset, facts, indicator),
    )


RELATED = 6  # related indicators listed on a page, at most

# The headline chart's image, which is also its page's social card; an indicator without one
# (no total series to draw) has a card drawn for it (site/assemble.py).
HEADLINE_CARD = "chart.png"
# Every chart writes its spec beside its images, once.
_SPEC_SUFFIX = ".vl.json"


def charts_in(files: Mapping[str, bytes]) -> int:
    """How many charts an indicator's files hold."""
    return sum(1 for path in files if path.endswith(_SPEC_SUFFIX))


def indicator_output(
    site: Site,
    indicator: Indicator,
    around: Surroundings,
    charts: list[tuple[Chart, Rendered]],
    maps: frozenset[str] = frozenset(),
) -> dict[str, bytes]:
    """Every file of one indicator, by its path under docs/."""
    base = indicator_url(indicator.id)
    files: dict[str, bytes] = {}
    views = _views(indicator, maps)
    shown: list[ChartView] = []
    for chart, rendered in charts:
        description = _description(indicator, around, chart, views)
        svg = standalone_svg(rendered.svg, chart.title, description).encode("utf-8")
        files[f"{base}{chart.stem}.svg"] = svg
        files[f"{base}{chart.stem}.png"] = png_with_text(
            rendered.png, _png_text(site, indicator, chart, description)
        )
        files[f"{base}{chart.stem}{_SPEC_SUFFIX}"] = json.dumps(
            chart.spec, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        if chart.options:
            files[f"{base}{chart.stem}.views.json"] = _choices(indicator, chart)
        shown.append(
            ChartView(
                chart,
                description,
                inline_svg(rendered.svg, f"{chart.anchor}-title", f"{chart.anchor}-desc")
                if chart.inline
                else "",
                human_size(len(svg)),
                human_size(len(rendered.png)),
                _table(indicator, chart, charts, views),
                _explorer(chart, charts),
                f"{chart.stem}.views.json" if chart.options else "",
            )
        )
    data_csv = downloads.indicator_csv(indicator).encode("utf-8")
    data_json = downloads.indicator_json(site, indicator, around.facts, around.milestones)
    data_json_bytes = data_json.encode("utf-8")
    files[f"{base}data.csv"] = data_csv
    files[f"{base}data.json"] = data_json_bytes
    offered = [
        {"label": "Data", "url": "data.csv", "format": "CSV", "size": human_size(len(data_csv))},
        {
            "label": "Data and metadata",
            "url": "data.json",
            "format": "JSON",
            "size": human_size(len(data_json_bytes)),
        },
    ]
    page = indicator_page(site, indicator, around, _sections(indicator, around, shown), offered)
    files[base.rstrip("/") + ".md"] = page.encode("utf-8")
    first, rendered = charts[0]
    embed = embed_page(site, indicator, first, rendered, shown[0].description)
    files[f"{base}embed/index.html"] = embed.encode("utf-8")
    for old in indicator.spec.previous_ids:
        files[f"indicators/{old}/index.html"] = redirect_page(site, indicator, old).encode("utf-8")
    return files


def _views(indicator: Indicator, maps: frozenset[str]) -> dict[tuple[str, str], DimensionView]:
    return {
        (view.measure.id, view.column): view
        for measure in indicator.measures
        for view in dimension_views(indicator, measure, maps)
    }


def _description(
    indicator: Indicator,
    around: Surroundings,
    chart: Chart,
    views: dict[tuple[str, str], DimensionView],
) -> str:
    if chart.kind == HEADLINE:
        measure = indicator.measure(chart.measure)
        drawn = (
            around.drawn if around.drawn is not None and around.drawn.measure == measure else None
        )
        return chart_description(indicator, around.measures[measure.id], drawn)
    return view_description(indicator, views[(chart.measure, chart.column)])


def _table(
    indicator: Indicator,
    chart: Chart,
    charts: list[tuple[Chart, Rendered]],
    views: dict[tuple[str, str], DimensionView],
) -> dict[str, Any] | None:
    """The figures behind a chart. An indicator with one breakdown shows the headline and the
    breakdown's series in one table, under the headline chart (as it always has)."""
    measure = indicator.measure(chart.measure)
    single = len(indicator.spec.breakdowns) == 1
    if chart.kind == HEADLINE:
        keys = [indicator.headline_key]
        panels = [v for (m, _), v in views.items() if m == measure.id and v.kind is ViewKind.PANELS]
        if single and panels:
            keys += list(panels[0].keys)
        return tables.over_time(indicator, measure, keys)
    view = views[(chart.measure, chart.column)]
    has_headline = any(c.kind == HEADLINE and c.measure == chart.measure for c, _ in charts)
    if single and has_headline and view.kind is ViewKind.PANELS:
        return None  # its figures are in the headline chart's table
    return tables.view_table(indicator, view)


def _explorer(chart: Chart, charts: list[tuple[Chart, Rendered]]) -> str:
    """The breakdown chart a headline chart's "compare with" control reads its series from."""
    if chart.kind != HEADLINE:
        return ""
    return next(
        (
            f"{c.stem}.vl.json"
            for c, _ in charts
            if c.measure == chart.measure and c.view == ViewKind.PANELS.value
        ),
        "",
    )


def _sections(indicator: Indicator, around: Surroundings, shown: list[ChartView]) -> list[Section]:
    return [
        Section(
            measure,
            around.measures[measure.id].headline,
            [v for v in shown if v.chart.measure == measure.id],
        )
        for measure in indicator.measures
    ]


def _png_text(site: Site, indicator: Indicator, chart: Chart, description: str) -> dict[str, str]:
    """What a PNG says about itself, for programs that read metadata rather than pixels."""
    return {
        "Title": chart.title,
        "Description": description,
        "Source": indicator.spec.credit,
        "Copyright": indicator.spec.attribution,
        "URL": site.absolute(indicator_url(indicator.id)),
    }


def indicator_page(
    site: Site,
    indicator: Indicator,
    around: Surroundings,
    sections: list[Section],
    offered: list[dict[str, str]],
) -> str:
    here = indicator_url(indicator.id)
    spec = indicator.spec
    f = around.facts
    latest, unit = f.latest, indicator.headline_measure.unit
    body = render_template(
        "indicator.md.j2",
        title=spec.title,
        summary=spec.summary,
        measure=spec.measure,
        facts=f,
        latest_value=format_value(latest.value, unit)
        if latest and latest.value is not None
        else f.headline,
        latest_when=(
            f"{unit.counted + ' ' if unit.counted else ''}{latest.period.preposition} "
            f"{latest.period.long_label}"
            if latest and latest.value is not None
            else ""
        ),
        no_headline=spec.no_headline,
        milestones=_milestones(around.milestones, here),
        proxy=spec.proxy,
        vintage=spec.vintage,
        sections=sections,
        several=len(sections) > 1,
        source_line=spec.credit,
        licence_attribution=spec.attribution,
        page_abs=site.absolute(here),
        downloads=offered,
        rows=len(indicator.observations),
        embed_url="embed/",
        embed_snippet=embed_snippet(site, indicator),
        citation_short=citation_short(site, indicator),
        citation_full=citation_full(site, indicator),
        about=tables.about_rows(indicator, around.mission, here),
        caveats=spec.caveats,
        related=[
            {"title": r.title, "url": relative(here, indicator_url(r.id)), "headline": r.headline}
            for r in around.related
        ],
    )
    carded = any(c.png_url == HEADLINE_CARD for s in sections for c in s.charts)
    card = HEADLINE_CARD if carded else ""
    meta = {
        "title": spec.title,
        "description": headline_sentence(indicator, f, around.drawn),
        "social_image": f"{here}{card}" if card else f"assets/cards/indicator-{indicator.id}.png",
        "charts": True,
        "embed": site.absolute(f"{here}embed/"),
    }
    return front_matter(meta) + body


def _milestones(milestones: tuple[MilestoneFacts, ...], here: str) -> list[dict[str, Any]]:
    return [
        {
            "title": m.milestone.title,
            "status": m.status,
            "reason": m.reason,
            "url": relative(here, mission_url(m.mission.id)) + f"#milestone-{m.milestone.id}",
        }
        for m in milestones
    ]


def _related(dataset: Dataset, facts: Facts, indicator: Indicator) -> tuple[Related, ...]:
    """The indicators it names as related, then its neighbours in its mission, at most six.

    The neighbours are the mission's indicators nearest to it in A to Z order, going round
    (the next, the one before, the one after next...), listed A to Z. So every indicator of a
    large mission is linked from the pages beside it, rather than the first few from all of
    them, and revising one indicator's latest figure changes at most a handful of pages. A
    mission of seven indicators or fewer lists all the others."""
    spec = indicator.spec
    ids = [r for r in spec.related if r in dataset.indicators][:RELATED]
    mission = dataset.indicators_of(spec.mission)  # A to Z
    here = dataset.place_in_mission(indicator.id)
    near: dict[int, str] = {}  # place in the mission: id
    for step in range(1, len(mission)):
        for place in ((here + step) % len(mission), (here - step) % len(mission)):
            other = mission[place].id
            if len(ids) + len(near) < RELATED and other != indicator.id and other not in ids:
                near.setdefault(place, other)
        if len(ids) + len(near) >= RELATED:
            break
    ids += [near[place] for place in sorted(near)]
    return tuple(
        Related(r, dataset.indicators[r].spec.title, facts.indicators[r].headline) for r in ids
    )


def _choices(indicator: Indicator, chart: Chart) -> bytes:
    """`<chart>.views.json`: the breakdowns held while this one is charted, with their values
    as the page shows them, and each combination the data have, with its chart and words."""
    held = {column for option in chart.options for column in option["held"]}
    breakdowns = [
        {
            "column": b.column,
            "label": b.label,
            "values": [{"value": b.total_value, "label": "All"}] * (b.total is None)
            + [{"value": v.value, "label": v.display} for v in b.values],
        }
        for b in indicator.spec.breakdowns
        if b.column in held
    ]
    choices = {"breakdowns": breakdowns, "options": list(chart.options)}
    return json.dumps(choices, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
