"""Models + facts + rendered charts -> the Markdown pages: home, missions, indicators, index.

Pages are Markdown files whose bodies are HTML blocks: Markdown passes them through untouched,
Jinja escapes every piece of text, and headings stay Markdown so MkDocs builds the table of
contents. Links between pages are relative, so the site works under any base path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mission_tracker.analyse.describe import chart_description, headline_sentence
from mission_tracker.analyse.facts import Facts, IndicatorFacts, MilestoneFacts, Progress, Trend
from mission_tracker.analyse.numbers import format_given, format_value
from mission_tracker.charts.render import Rendered
from mission_tracker.charts.specs import Chart
from mission_tracker.model.data import Dataset, Indicator, Mission, Observation, SeriesKey
from mission_tracker.model.periods import Period
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url, mission_url, relative
from mission_tracker.site.presskit import (
    citation_full,
    citation_short,
    embed_snippet,
    inline_svg,
    standalone_svg,
)
from mission_tracker.site.templating import front_matter, human_size, long_date, render_template

# -- views ----------------------------------------------------------------------------------


@dataclass
class ChartView:
    kind: str
    heading: str
    anchor: str
    title: str
    description: str
    svg: str
    svg_url: str
    png_url: str
    spec_url: str
    svg_size: str
    png_size: str
    breakdowns_url: str = ""


@dataclass
class Pages:
    """Everything generated under docs/: path -> content."""

    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, path: str, content: str | bytes) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


def milestones_for(facts: Facts, indicator_id: str) -> list[MilestoneFacts]:
    return [
        m for ms in facts.milestones.values() for m in ms if m.milestone.indicator == indicator_id
    ]


def chart_milestone(facts: Facts, indicator_id: str) -> MilestoneFacts | None:
    """The milestone drawn on an indicator's chart: the last deadline among those it charts."""
    drawn = [m for m in milestones_for(facts, indicator_id) if m.charted_target]
    return (
        max(drawn, key=lambda m: m.milestone.deadline or m.milestone.id, default=None)
        if (drawn)
        else None
    )


def sparkline(indicator: Indicator) -> str:
    """Polyline points for a 120 x 32 sparkline of the headline series (gaps skipped)."""
    points = [
        (o.period.start.toordinal(), o.value) for o in indicator.headline if o.value is not None
    ]
    if len(points) < 2:
        return ""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    span_x, span_y = (x1 - x0) or 1, (y1 - y0) or 1
    return " ".join(
        f"{2 + (x - x0) / span_x * 116:.1f},{30 - (y - y0) / span_y * 28:.1f}" for x, y in points
    )


def latest_updated(indicators: list[Indicator]) -> str:
    dates = [i.spec.source.release_date or i.spec.source.retrieved for i in indicators]
    return long_date(max(dates)) if dates else "no data yet"


def mission_summary(
    dataset: Dataset, facts: Facts, mission: Mission
) -> tuple[str, list[tuple[str, int]]]:
    indicators = dataset.indicators_of(mission.id)
    trends = Counter(facts.indicators[i.id].change.trend for i in indicators)
    progress = Counter(m.status for m in facts.milestones.get(mission.id, []))
    parts = [f"{trends[Trend.IMPROVING]} of {len(indicators)} indicators improving"]
    if trends[Trend.WORSENING]:
        parts.append(f"{trends[Trend.WORSENING]} worsening")
    for status in (Progress.ACHIEVED, Progress.ON_TRACK, Progress.OFF_TRACK):
        if progress[status]:
            n = progress[status]
            parts.append(f"{n} milestone{'s' if n != 1 else ''} {status.value}")
    assessed = sum(progress[s] for s in progress if s is not Progress.NOT_ASSESSED)
    if progress[Progress.NOT_ASSESSED]:
        n = progress[Progress.NOT_ASSESSED]
        parts.append(
            f"{n} milestone{'s' if n != 1 else ''} not assessed"
            + (" (see why on the mission page)" if not assessed else "")
        )
    counts = [(t.value.capitalize(), trends[t]) for t in Trend if trends[t]]
    counts += [(f"Milestones {s.value}", progress[s]) for s in Progress if progress[s]]
    return ", ".join(parts) + ".", counts


def home_page(dataset: Dataset, facts: Facts, site: Site) -> str:
    missions = []
    for mission in dataset.missions_in_order():
        summary, counts = mission_summary(dataset, facts, mission)
        missions.append(
            {
                "name": mission.spec.name,
                "statement": mission.spec.statement,
                "url": relative("", mission_url(mission.id)),
                "summary": summary,
                "counts": counts,
                "updated": latest_updated(dataset.indicators_of(mission.id)),
            }
        )
    body = render_template(
        "home.md.j2", site=site, missions=missions, methodology_url="methodology/"
    )
    meta = {
        "title": "Home",
        "description": f"Progress on {len(missions)} missions, tracked with official statistics.",
        "social_image": "assets/cards/home.png",
        "hide": ["navigation", "toc"],
    }
    return front_matter(meta) + body


def mission_page(dataset: Dataset, facts: Facts, site: Site, mission: Mission) -> str:
    here = mission_url(mission.id)
    summary, _ = mission_summary(dataset, facts, mission)
    milestones = []
    for mf in facts.milestones.get(mission.id, []):
        m = mf.milestone
        indicator = mf.indicator
        unit_spec = indicator.spec if indicator else None
        target = m.target_text or (
            format_given(m.target, unit_spec)
            if m.target is not None and unit_spec
            else (f"{m.target:g}" if m.target is not None else "No numeric target")
        )
        latest = None
        if indicator is not None and mf.latest is not None and mf.latest.value is not None:
            latest = (
                f"{format_value(mf.latest.value, indicator.spec)} "
                f"{mf.latest.period.preposition} {mf.latest.period.long_label}"
            )
        baseline_note = None
        if m.baseline is not None:
            bits = []
            if m.baseline.value is not None and unit_spec is not None:
                bits.append(format_given(m.baseline.value, unit_spec))
            if m.baseline.period:
                when = mf.baseline_period.label if mf.baseline_period else m.baseline.period
                bits.append(f"({when})")
            if m.baseline.note:
                bits.append(m.baseline.note)
            baseline_note = " ".join(bits)
        milestones.append(
            {
                "id": m.id,
                "title": m.title,
                "metric": m.metric,
                "target": target,
                "deadline": mf.deadline_text or "Not set",
                "latest": latest,
                "indicator_url": relative(here, indicator_url(indicator.id)) if indicator else None,
                "indicator_title": indicator.spec.title if indicator else "",
                "proxy": m.indicator_is_proxy,
                "status": mf.status,
                "reason": mf.reason,
                "baseline_note": baseline_note,
                "reported": [
                    {
                        "text": r.text,
                        "source": f"{r.citation.publisher}, {r.citation.title}",
                        "url": str(r.citation.url) if r.citation.url else None,
                        "secondary": r.citation.secondary,
                    }
                    for r in m.reported
                ],
            }
        )
    indicators = []
    for indicator in sorted(dataset.indicators_of(mission.id), key=lambda i: i.spec.title):
        f = facts.indicators[indicator.id]
        caution = []
        if indicator.spec.proxy:
            caution.append("Approximates the official measure.")
        if indicator.spec.vintage:
            caution.append("Not the latest release.")
        indicators.append(
            {
                "title": indicator.spec.title,
                "url": relative(here, indicator_url(indicator.id)),
                "headline": f.headline,
                "change": f.change.sentence,
                "facts": f,
                "spark": sparkline(indicator),
                "caution": " ".join(caution),
            }
        )
    body = render_template(
        "mission.md.j2",
        name=mission.spec.name,
        statement=mission.spec.statement,
        citation={
            "publisher": mission.spec.citation.publisher,
            "title": mission.spec.citation.title,
            "url": str(mission.spec.citation.url or ""),
        },
        lead=mission.spec.lead,
        summary=summary,
        milestones=milestones,
        indicators=indicators,
    )
    meta = {
        "title": mission.spec.short_name or mission.spec.name,
        "description": f"{mission.spec.name}: {summary}",
        "social_image": f"assets/cards/mission-{mission.id}.png",
    }
    return front_matter(meta) + body


def indicator_page(
    dataset: Dataset,
    facts: Facts,
    site: Site,
    indicator: Indicator,
    charts: list[tuple[Chart, Rendered]],
    downloads: list[dict[str, str]],
) -> str:
    here = indicator_url(indicator.id)
    spec = indicator.spec
    f: IndicatorFacts = facts.indicators[indicator.id]
    drawn = chart_milestone(facts, indicator.id)
    chart_views = []
    for chart, rendered in charts:
        anchor = "chart" if chart.kind == "headline" else "chart-breakdowns"
        description = (
            chart_description(indicator, f, drawn)
            if chart.kind == "headline"
            else _breakdown_description(indicator)
        )
        name = "chart" if chart.kind == "headline" else "breakdowns"
        chart_views.append(
            ChartView(
                kind=chart.kind,
                heading="Chart" if chart.kind == "headline" else "Breakdowns",
                anchor=anchor,
                title=chart.title,
                description=description,
                svg=inline_svg(rendered.svg, f"{anchor}-title", f"{anchor}-desc"),
                svg_url=f"{name}.svg",
                png_url=f"{name}.png",
                spec_url=f"{name}.vl.json",
                svg_size=human_size(
                    len(standalone_svg(rendered.svg, chart.title, description).encode())
                ),
                png_size=human_size(len(rendered.png)),
                breakdowns_url="breakdowns.vl.json"
                if chart.kind == "headline" and len(charts) > 1
                else "",
            )
        )
    page_abs = site.absolute(here)
    milestone_views = [
        {
            "title": m.milestone.title,
            "status": m.status,
            "reason": m.reason,
            "url": relative(here, mission_url(m.mission.id)) + f"#milestone-{m.milestone.id}",
        }
        for m in milestones_for(facts, indicator.id)
    ]
    related_ids = [r for r in spec.related if r in dataset.indicators]
    related_ids += [
        i.id
        for i in sorted(dataset.indicators_of(spec.mission), key=lambda i: i.spec.title)
        if i.id != indicator.id and i.id not in related_ids
    ]
    related = [
        {
            "title": dataset.indicators[r].spec.title,
            "url": relative(here, indicator_url(r)),
            "headline": facts.indicators[r].headline,
        }
        for r in related_ids[:6]
    ]
    mission = dataset.missions.get(spec.mission)
    latest = f.latest
    embed_abs = site.absolute(f"{here}embed/")
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
        milestones=milestone_views,
        proxy=spec.proxy,
        vintage=spec.vintage,
        charts=chart_views,
        table=data_table(indicator),
        source_line=f"Source: {spec.source.publisher}, {spec.source.release}",
        licence_attribution=spec.licence.attribution,
        page_abs=page_abs,
        downloads=downloads,
        embed_url="embed/",
        embed_snippet=embed_snippet(site, indicator),
        citation_short=citation_short(site, indicator),
        citation_full=citation_full(site, indicator),
        about=about_rows(indicator, mission, here),
        caveats=spec.caveats,
        related=related,
    )
    meta = {
        "title": spec.title,
        "description": headline_sentence(indicator, f, drawn),
        "social_image": f"{here}chart.png",
        "charts": True,
        "embed": embed_abs,
    }
    return front_matter(meta) + body


def _breakdown_description(indicator: Indicator) -> str:
    parts = [
        f"Small multiples: {indicator.spec.measure}, one panel per series, each with the "
        "all-series figure as a grey line."
    ]
    for key in indicator.series_keys():
        if not any(key):
            continue
        valued = [o for o in indicator.series(key) if o.value is not None]
        if valued and valued[-1].value is not None:
            last = valued[-1]
            parts.append(
                f"{indicator.series_label(key)}: {format_value(last.value or 0.0, indicator.spec)} "
                f"{last.period.preposition} {last.period.label}."
            )
    return " ".join(parts)


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
            if o.value is not None:
                text = format_value(o.value, indicator.spec)
            elif o.missing is not None:
                text = f"{o.missing.value} ({o.missing.meaning})"
            else:
                text = o.text
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
    from mission_tracker.analyse.facts import DEFAULT_RELATIVE_TOLERANCE

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


def indicator_index(dataset: Dataset, facts: Facts) -> str:
    """Every indicator A to Z, with its mission: the way in for people who search by topic."""
    here = "indicators/"
    rows = []
    for indicator in sorted(dataset.indicators.values(), key=lambda i: i.spec.title.lower()):
        mission = dataset.missions.get(indicator.spec.mission)
        f = facts.indicators[indicator.id]
        rows.append(
            {
                "title": indicator.spec.title,
                "url": relative(here, indicator_url(indicator.id)),
                "mission": mission.spec.name if mission else indicator.spec.mission,
                "mission_url": relative(here, mission_url(indicator.spec.mission)),
                "headline": f.headline,
                "trend": f.change,
            }
        )
    meta = {
        "title": "All indicators",
        "description": f"All {len(rows)} indicators, A to Z, with their latest figures.",
    }
    return front_matter(meta) + render_template("indicators.md.j2", rows=rows)
