"""One indicator's whole output, made once and in one place: its page, its embed page, its
charts as self-describing SVG and PNG with their Vega-Lite specs, its CSV and JSON downloads and
redirects from the addresses it had before.

Each chart's description is worked out once and serves the page's caption, the SVG's <desc> and
the PNG's metadata, and the sizes the page shows are those of the files written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mission_tracker.analyse.describe import (
    breakdown_description,
    chart_description,
    headline_sentence,
)
from mission_tracker.analyse.facts import DEFAULT_RELATIVE_TOLERANCE, Facts, MilestoneFacts
from mission_tracker.analyse.numbers import format_value, value_text
from mission_tracker.charts.chart import HEADLINE, Chart
from mission_tracker.charts.render import Rendered, png_with_text
from mission_tracker.model.data import Dataset, Indicator, Mission, Observation, SeriesKey
from mission_tracker.model.periods import Period
from mission_tracker.read.config import Site
from mission_tracker.site import downloads
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
from mission_tracker.site.templating import front_matter, human_size, long_date, render_template


@dataclass(frozen=True)
class ChartView:
    """A chart as the indicator page shows it."""

    chart: Chart
    description: str
    svg: str  # inline, labelled by the caption
    svg_size: str
    png_size: str
    breakdowns_url: str = ""

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
        return f"{self.chart.stem}.vl.json"


def indicator_output(
    site: Site,
    dataset: Dataset,
    facts: Facts,
    indicator: Indicator,
    charts: list[tuple[Chart, Rendered]],
) -> dict[str, bytes]:
    """Every file of one indicator, by its path under docs/."""
    base = indicator_url(indicator.id)
    drawn = facts.drawn_milestone(indicator.id)
    files: dict[str, bytes] = {}
    views = []
    for chart, rendered in charts:
        description = _description(indicator, facts, drawn, chart)
        svg = standalone_svg(rendered.svg, chart.title, description).encode("utf-8")
        png = png_with_text(rendered.png, _png_text(site, indicator, chart, description))
        files[f"{base}{chart.stem}.svg"] = svg
        files[f"{base}{chart.stem}.png"] = png
        files[f"{base}{chart.stem}.vl.json"] = json.dumps(
            chart.spec, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
        views.append(
            ChartView(
                chart,
                description,
                inline_svg(rendered.svg, f"{chart.anchor}-title", f"{chart.anchor}-desc"),
                human_size(len(svg)),
                human_size(len(rendered.png)),
                "breakdowns.vl.json" if chart.kind == HEADLINE and len(charts) > 1 else "",
            )
        )
    data_csv = downloads.indicator_csv(indicator).encode("utf-8")
    data_json = downloads.indicator_json(site, facts, indicator).encode("utf-8")
    files[f"{base}data.csv"] = data_csv
    files[f"{base}data.json"] = data_json
    offered = [
        {"label": "Data", "url": "data.csv", "format": "CSV", "size": human_size(len(data_csv))},
        {
            "label": "Data and metadata",
            "url": "data.json",
            "format": "JSON",
            "size": human_size(len(data_json)),
        },
    ]
    page = indicator_page(dataset, facts, site, indicator, views, offered)
    files[base.rstrip("/") + ".md"] = page.encode("utf-8")
    headline, rendered = charts[0]
    embed = embed_page(site, indicator, headline, rendered, views[0].description)
    files[f"{base}embed/index.html"] = embed.encode("utf-8")
    for old in indicator.spec.previous_ids:
        files[f"indicators/{old}/index.html"] = redirect_page(site, indicator, old).encode("utf-8")
    return files


def _description(
    indicator: Indicator, facts: Facts, drawn: MilestoneFacts | None, chart: Chart
) -> str:
    if chart.kind == HEADLINE:
        return chart_description(indicator, facts.indicators[indicator.id], drawn)
    return breakdown_description(indicator)


def _png_text(site: Site, indicator: Indicator, chart: Chart, description: str) -> dict[str, str]:
    """What a PNG says about itself, for programs that read metadata rather than pixels."""
    return {
        "Title": chart.title,
        "Description": description,
        "Source": indicator.spec.source.credit,
        "Copyright": indicator.spec.licence.attribution,
        "URL": site.absolute(indicator_url(indicator.id)),
    }


def indicator_page(
    dataset: Dataset,
    facts: Facts,
    site: Site,
    indicator: Indicator,
    charts: list[ChartView],
    offered: list[dict[str, str]],
) -> str:
    here = indicator_url(indicator.id)
    spec = indicator.spec
    f = facts.indicators[indicator.id]
    latest = f.latest
    body = render_template(
        "indicator.md.j2",
        title=spec.title,
        summary=spec.summary,
        measure=spec.measure,
        facts=f,
        latest_value=format_value(latest.value, spec)
        if latest and latest.value is not None
        else "No data",
        latest_when=(
            f"{spec.unit_label + ' ' if spec.unit_label else ''}{latest.period.preposition} "
            f"{latest.period.long_label}"
            if latest
            else ""
        ),
        milestones=_milestones(facts, indicator, here),
        proxy=spec.proxy,
        vintage=spec.vintage,
        charts=charts,
        table=data_table(indicator),
        source_line=spec.source.credit,
        licence_attribution=spec.licence.attribution,
        page_abs=site.absolute(here),
        downloads=offered,
        embed_url="embed/",
        embed_snippet=embed_snippet(site, indicator),
        citation_short=citation_short(site, indicator),
        citation_full=citation_full(site, indicator),
        about=about_rows(indicator, dataset.missions.get(spec.mission), here),
        caveats=spec.caveats,
        related=_related(dataset, facts, indicator, here),
    )
    meta = {
        "title": spec.title,
        "description": headline_sentence(indicator, f, facts.drawn_milestone(indicator.id)),
        "social_image": f"{here}chart.png",
        "charts": True,
        "embed": site.absolute(f"{here}embed/"),
    }
    return front_matter(meta) + body


def _milestones(facts: Facts, indicator: Indicator, here: str) -> list[dict[str, Any]]:
    return [
        {
            "title": m.milestone.title,
            "status": m.status,
            "reason": m.reason,
            "url": relative(here, mission_url(m.mission.id)) + f"#milestone-{m.milestone.id}",
        }
        for m in facts.milestones_for(indicator.id)
    ]


def _related(
    dataset: Dataset, facts: Facts, indicator: Indicator, here: str
) -> list[dict[str, str]]:
    """The indicators it names as related, then the others of its mission, at most six."""
    spec = indicator.spec
    ids = [r for r in spec.related if r in dataset.indicators][:6]
    for other in dataset.indicators_of(spec.mission):  # A to Z: stop at six
        if len(ids) >= 6:
            break
        if other.id != indicator.id and other.id not in ids:
            ids.append(other.id)
    return [
        {
            "title": dataset.indicators[r].spec.title,
            "url": relative(here, indicator_url(r)),
            "headline": facts.indicators[r].headline,
        }
        for r in ids[:6]
    ]


def data_table(indicator: Indicator) -> dict[str, Any]:
    """Periods as rows, series as columns; gaps and markers spelt out in words."""
    keys = indicator.series_keys()
    headers = [indicator.series_label(k) for k in keys]
    by_period: dict[Period, dict[SeriesKey, Observation]] = {}
    for o in indicator.observations:
        by_period.setdefault(o.period, {})[o.series] = o
    notes: list[str] = []
    rows = []
    for period in sorted(by_period, reverse=True):
        cells = []
        for key in keys:
            found = by_period[period].get(key)
            if found is None:
                cells.append("")
                continue
            o = found
            text = value_text(o, indicator.spec)
            if o.markers:
                text += " " + " ".join(f"[{m.meaning}]" for m in sorted(o.markers))
            cells.append(text)
            if o.note:
                notes.append(f"{period.label}: {o.note}")
        rows.append({"period": period.label, "cells": cells})
    return {"headers": headers, "rows": rows, "notes": list(dict.fromkeys(notes))}


def about_rows(
    indicator: Indicator, mission: Mission | None, here: str
) -> list[tuple[str, str, str | None]]:
    spec = indicator.spec
    src = spec.source
    rows: list[tuple[str, str, str | None]] = [
        ("Publisher", src.publisher, None),
        ("Release", src.release, str(src.url)),
        (
            "Published",
            long_date(src.release_date) if src.release_date else "Not stated in the copy used",
            None,
        ),
    ]
    if src.series_id:
        rows.append(("Series code", src.series_id, None))
    if src.copy_of:
        rows.append(("Copy used", f"{src.copy_of} (taken {long_date(src.retrieved)})", None))
    else:
        rows.append(("Retrieved", long_date(src.retrieved), None))
    rows += [
        ("Licence", spec.licence.full_name, spec.licence.url),
        ("Geography", spec.geography, None),
        ("Frequency", spec.frequency or spec.period_type.frequency, None),
        ("Next update", spec.next_update or "Not announced", None),
        ("Direction", _direction_text(indicator), None),
    ]
    if spec.series_breaks:
        rows.append(
            (
                "Series breaks",
                "; ".join(f"{b.period}: {b.reason}" for b in spec.series_breaks),
                None,
            )
        )
    if mission is not None:
        rows.append(("Mission", mission.spec.name, relative(here, mission_url(mission.id))))
    return rows


def _direction_text(indicator: Indicator) -> str:
    spec = indicator.spec
    tolerance = (
        f"changes within {format_value(spec.tolerance, spec)} count as little or no change"
        if spec.tolerance is not None
        else f"changes within {DEFAULT_RELATIVE_TOLERANCE:.0%} of the earlier figure count as "
        "little or no change"
    )
    text = {
        "higher_is_better": "Higher is better",
        "lower_is_better": "Lower is better",
        "neutral": "Neither higher nor lower is better, so no judgement is made",
        "contested": "Contested, so no judgement is made",
    }[spec.direction.value]
    return f"{text}; {tolerance}." if spec.direction.judged else f"{text}."
