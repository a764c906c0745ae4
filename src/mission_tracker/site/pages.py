"""Models + facts + rendered charts -> the Markdown pages: home, missions, indicators, index.

Pages are Markdown files whose bodies are HTML blocks: Markdown passes them through untouched,
Jinja escapes every piece of text, and headings stay Markdown so MkDocs builds the table of
contents. Links between pages are relative, so the site works under any base path.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from mission_tracker.analyse.facts import Facts, MilestoneFacts, Progress, Trend
from mission_tracker.analyse.messages import counted
from mission_tracker.analyse.numbers import format_given, format_value
from mission_tracker.model.data import Dataset, Indicator, Mission
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url, mission_url, relative
from mission_tracker.site.templating import front_matter, long_date, render_template


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


def latest_updated(indicators: Sequence[Indicator]) -> str:
    dates = [i.spec.updated for i in indicators]
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
        "home.md.j2",
        site=site,
        missions=missions,
        lede=(
            counted(len(missions), "missions set by", organisation=site.organisation)
            if site.organisation
            else counted(len(missions), "missions tracked")
        ),
        methodology_url="methodology/",
    )
    meta = {
        "title": "Home",
        "description": f"Progress on {counted(len(missions), 'mission')}, tracked with official "
        "statistics.",
        "social_image": "assets/cards/home.png",
        "hide": ["navigation", "toc"],
    }
    return front_matter(meta) + body


def mission_page(dataset: Dataset, facts: Facts, site: Site, mission: Mission) -> str:
    here = mission_url(mission.id)
    summary, _ = mission_summary(dataset, facts, mission)
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
        milestones=[_milestone_row(mf, here) for mf in facts.milestones.get(mission.id, [])],
        indicators=[
            _indicator_card(indicator, facts, here)
            for indicator in dataset.indicators_of(mission.id)
        ],
    )
    meta = {
        "title": mission.spec.short_name or mission.spec.name,
        "description": f"{mission.spec.name}: {summary}",
        "social_image": f"assets/cards/mission-{mission.id}.png",
    }
    return front_matter(meta) + body


def _milestone_row(mf: MilestoneFacts, here: str) -> dict[str, Any]:
    """A milestone as the mission page's table shows it."""
    m = mf.milestone
    indicator = mf.indicator
    unit = mf.measure.unit if mf.measure else None
    target = m.target_text or (
        format_given(m.target, unit)
        if m.target is not None and unit
        else (f"{m.target:g}" if m.target is not None else "No numeric target")
    )
    latest = None
    if unit is not None and mf.latest is not None and mf.latest.value is not None:
        latest = (
            f"{format_value(mf.latest.value, unit)} "
            f"{mf.latest.period.preposition} {mf.latest.period.long_label}"
        )
    return {
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
        "baseline_note": _baseline_note(mf),
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


def _baseline_note(mf: MilestoneFacts) -> str | None:
    baseline = mf.milestone.baseline
    if baseline is None:
        return None
    bits = []
    if baseline.value is not None and mf.measure is not None:
        bits.append(format_given(baseline.value, mf.measure.unit))
    if baseline.period:
        bits.append(f"({mf.baseline_period.label if mf.baseline_period else baseline.period})")
    if baseline.note:
        bits.append(baseline.note)
    return " ".join(bits)


def _indicator_card(indicator: Indicator, facts: Facts, here: str) -> dict[str, Any]:
    f = facts.indicators[indicator.id]
    caution = []
    if indicator.spec.proxy:
        caution.append("Approximates the official measure.")
    if indicator.spec.vintage:
        caution.append("Not the latest release.")
    return {
        "title": indicator.spec.title,
        "url": relative(here, indicator_url(indicator.id)),
        "headline": f.headline,
        "change": f.change.sentence,
        "facts": f,
        "spark": sparkline(indicator),
        "caution": " ".join(caution),
    }


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
