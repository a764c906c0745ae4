"""Small builders for models, so rule tests read like the cases they check."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mission_tracker.model.data import Dataset, Indicator, Missing, Mission, Observation
from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.periods import PeriodType, parse_period
from mission_tracker.model.specs import IndicatorSpec

SOURCE = {
    "publisher": "Office for National Statistics",
    "release": "Test release",
    "url": "https://www.ons.gov.uk/",
    "retrieved": dt.date(2024, 1, 31),
}
CITATION = {
    "publisher": "HM Government",
    "title": "Plan for Change",
    "url": "https://www.gov.uk/missions",
}


def indicator(
    rows: list[tuple[str, float | str | None]],
    *,
    id: str = "test-indicator",
    period_type: str = "year",
    unit: str = "percent",
    direction: str = "higher_is_better",
    **spec: Any,
) -> Indicator:
    ptype = PeriodType(period_type)
    observations = []
    for line, (period, value) in enumerate(rows, start=2):
        missing = Missing(value) if isinstance(value, str) else None
        observations.append(
            Observation(
                period=parse_period(period, ptype),
                series=(),
                value=None if missing or value is None else float(value),
                text=str(value),
                missing=missing,
                line=line,
            )
        )
    model = IndicatorSpec.model_validate(
        {
            "title": "Test indicator",
            "mission": "test-mission",
            "summary": "A test.",
            "measure": "Percentage of tests, England",
            "geography": "England",
            "unit": unit,
            "direction": direction,
            "period_type": period_type,
            "source": SOURCE,
            "licence": "OGL-3.0",
            **spec,
        }
    )
    return Indicator(id, model, tuple(sorted(observations, key=lambda o: o.period)))


def dataset(ind: Indicator, milestone: dict[str, Any] | None = None) -> Dataset:
    milestones = []
    if milestone is not None:
        milestones.append(
            {
                "id": "m1",
                "title": "A milestone",
                "metric": "The measure",
                "indicator": ind.id,
                "citation": CITATION,
                **milestone,
            }
        )
    spec = MissionSpec.model_validate(
        {
            "name": "Test mission",
            "statement": "Do it.",
            "order": 1,
            "lead": "A department",
            "citation": CITATION,
            "milestones": milestones,
        }
    )
    return Dataset(
        missions={"test-mission": Mission("test-mission", spec)}, indicators={ind.id: ind}
    )
