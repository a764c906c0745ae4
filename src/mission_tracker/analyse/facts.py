"""Facts computed from the data: latest value, change, trend and milestone progress.

Every status on the site comes from here, by the rules the Methodology page states (that page
quotes the constants below). Nothing is typed in by hand and nothing is guessed: where a rule
cannot be applied, the status is "not assessed" and the sentence says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mission_tracker.analyse.milestones import MilestoneFacts, Progress, milestone_facts
from mission_tracker.analyse.trend import (
    DEFAULT_RELATIVE_TOLERANCE,
    Change,
    IndicatorFacts,
    Trend,
    indicator_facts,
    latest_value,
)
from mission_tracker.model.data import Dataset

# Re-exported: the rest of the code knows these as the facts.
__all__ = [
    "DEFAULT_RELATIVE_TOLERANCE",
    "Change",
    "Facts",
    "IndicatorFacts",
    "MilestoneFacts",
    "Progress",
    "Trend",
    "analyse",
    "indicator_facts",
    "latest_value",
    "milestone_facts",
]


@dataclass(frozen=True)
class Facts:
    indicators: dict[str, IndicatorFacts]  # each indicator's headline measure
    milestones: dict[str, list[MilestoneFacts]]  # by mission id
    measures: dict[str, dict[str, IndicatorFacts]] = field(default_factory=dict)  # every measure

    @property
    def by_milestone(self) -> dict[str, MilestoneFacts]:
        """Every milestone's facts by milestone id (ids are unique across missions)."""
        return {m.milestone.id: m for ms in self.milestones.values() for m in ms}

    def milestones_for(self, indicator_id: str) -> list[MilestoneFacts]:
        """The milestones that chart an indicator, in mission order."""
        return [
            m
            for ms in self.milestones.values()
            for m in ms
            if m.milestone.indicator == indicator_id
        ]

    def drawn_milestone(self, indicator_id: str) -> MilestoneFacts | None:
        """The milestone drawn on an indicator's chart: of those with a target it can draw,
        the one with the last deadline."""
        drawn = [m for m in self.milestones_for(indicator_id) if m.charted_target]
        return max(drawn, key=lambda m: m.milestone.deadline or m.milestone.id, default=None)


def analyse(dataset: Dataset) -> Facts:
    measures = {
        i.id: {m.id: indicator_facts(i, m) for m in i.measures} for i in dataset.indicators.values()
    }
    indicators = {iid: next(iter(by.values())) for iid, by in measures.items()}
    milestones = {
        m.id: [milestone_facts(m, ms, dataset) for ms in m.spec.milestones]
        for m in dataset.missions_in_order()
    }
    return Facts(indicators, milestones, measures)
