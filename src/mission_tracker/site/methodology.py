"""The Methodology page: the status rules stated exactly, with worked examples computed from the
shipped data by the same functions that set the statuses (so the page cannot drift)."""

from __future__ import annotations

from typing import Any

from mission_tracker.analyse.facts import (
    DEFAULT_RELATIVE_TOLERANCE,
    Facts,
    Progress,
    Trend,
)
from mission_tracker.analyse.milestones import months_between
from mission_tracker.analyse.numbers import format_change, format_given, format_value
from mission_tracker.model.data import Dataset
from mission_tracker.site.addresses import indicator_url, mission_url, relative
from mission_tracker.site.templating import front_matter, render_template


def _trend_examples(dataset: Dataset, facts: Facts) -> list[dict[str, Any]]:
    """One worked example per trend outcome that occurs in the data."""
    here = "methodology/"
    examples = []
    for trend in Trend:
        found = next(
            (f for _, f in sorted(facts.indicators.items()) if f.change.trend is trend), None
        )
        if found is None:
            continue
        indicator, change = found.indicator, found.change
        spec, measure = indicator.spec, found.of
        unit = measure.unit
        steps = []
        if found.latest is not None and found.latest.value is not None:
            steps.append(
                f"Latest figure: {format_value(found.latest.value, unit)} "
                f"{found.latest.period.preposition} {found.latest.period.long_label}."
            )
        if change.earlier is not None and change.earlier.value is not None:
            steps.append(
                f"Comparable earlier figure (a year before): "
                f"{format_value(change.earlier.value, unit)} "
                f"{change.earlier.period.preposition} {change.earlier.period.long_label}."
            )
        if change.amount is not None and change.tolerance is not None:
            declared = (
                "declared for this indicator"
                if measure.tolerance is not None
                else (f"the default, {DEFAULT_RELATIVE_TOLERANCE:.0%} of the earlier figure")
            )
            steps.append(
                f"Change: {format_change(change.amount, unit)} "
                f"({'a rise' if change.amount > 0 else 'a fall'}); tolerance "
                f"{format_change(change.tolerance, unit)} ({declared})."
            )
            steps.append(f"Direction: {measure.direction.value.replace('_', ' ')}.")
        examples.append(
            {
                "trend": trend.value,
                "title": spec.title,
                "url": relative(here, indicator_url(indicator.id)),
                "steps": steps,
                "result": change.sentence,
            }
        )
    return examples


def _milestone_examples(dataset: Dataset, facts: Facts) -> list[dict[str, Any]]:
    here = "methodology/"
    rows = []
    for mission in dataset.missions_in_order():
        for mf in facts.milestones.get(mission.id, []):
            m = mf.milestone
            unit = mf.measure.unit if mf.measure else None
            arithmetic = ""
            if (
                unit is not None
                and m.target is not None
                and m.baseline is not None
                and m.baseline.value is not None
                and mf.baseline_period is not None
                and mf.deadline_period is not None
                and mf.charted_target
            ):
                months = months_between(mf.baseline_period.start, mf.deadline_period.start)
                arithmetic = (
                    f"({format_given(m.target, unit)} − {format_given(m.baseline.value, unit)}) ÷ "
                    f"{months:.0f} months from {mf.baseline_period.long_label} to "
                    f"{mf.deadline_period.long_label}."
                )
            rows.append(
                {
                    "mission": mission.spec.name,
                    "title": m.title,
                    "url": relative(here, mission_url(mission.id)) + f"#milestone-{m.id}",
                    "status": mf.status.value,
                    "reason": mf.reason,
                    "arithmetic": arithmetic,
                }
            )
    return rows


def methodology_page(dataset: Dataset, facts: Facts) -> str:
    body = render_template(
        "methodology.md.j2",
        default_tolerance=f"{DEFAULT_RELATIVE_TOLERANCE:.0%}",
        trends=[t.value for t in Trend],
        statuses=[p.value for p in Progress],
        trend_examples=_trend_examples(dataset, facts),
        milestone_examples=_milestone_examples(dataset, facts),
    )
    meta = {
        "title": "How progress is assessed",
        "description": "The published rules that set every trend and milestone status on this "
        "site, with worked examples from the data.",
    }
    return front_matter(meta) + body
