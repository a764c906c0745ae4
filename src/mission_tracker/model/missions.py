"""The YAML model of a mission: its statement, and its milestones with their targets."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import AnyHttpUrl, ConfigDict, Field, field_validator

from mission_tracker.model.base import Id, PeriodText, Plain, Spec, Text, period_text


class Citation(Spec):
    publisher: Text = Field(
        description="Who published it: a statistics office, a department, a fact-checker."
    )
    title: Text = Field(description="The release, page or document cited.")
    url: AnyHttpUrl | None = Field(None, description="Where to read it.")
    date: dt.date | None = Field(None, description="Publication date, `YYYY-MM-DD`, if known.")
    secondary: bool = Field(
        False,
        description="`true` when this is a fact-checker or news report of an official figure, "
        "not the official release itself.",
    )


class Baseline(Spec):
    value: float | None = Field(None, description="The baseline figure, in the indicator's unit.")
    period: PeriodText | None = Field(None, description="The period the baseline refers to.")
    note: Plain | None = Field(None, description="Anything readers should know about it.")
    citation: Citation | None = None

    _coerce = field_validator("period", mode="before")(lambda v: period_text(v))


class ReportedFigure(Spec):
    text: Text = Field(description="The figure as reported, e.g. `61.7% in October 2025`.")
    citation: Citation


class Milestone(Spec):
    id: Id
    title: Text = Field(description="The milestone's wording.")
    metric: Text = Field(description="The official measure its publisher uses for it.")
    indicator: Id | None = Field(None, description="The indicator charted against it, if any.")
    measure: Id | None = Field(
        None,
        description="Which of the indicator's measures it is judged on, if it has several "
        "(default: the first).",
    )
    indicator_is_proxy: bool = Field(
        False,
        description="`true` when the indicator only approximates the official metric; "
        "progress is then not assessed.",
    )
    target: float | None = Field(
        None, description="The numeric target in the indicator's unit; omit if none."
    )
    target_kind: Literal["level", "cumulative", "change"] = Field(
        "level",
        description="`level`: the figure itself must reach the target; `cumulative`: a total "
        "over time; `change`: an increase on the baseline. Only levels are assessed.",
    )
    target_text: Plain | None = Field(None, description="The target in words, e.g. `1.5 million`.")
    deadline: dt.date | None = Field(None, description="The last day to meet it, `YYYY-MM-DD`.")
    deadline_label: Plain | None = Field(
        None, description="How to write the deadline, if not its month and year."
    )
    baseline: Baseline | None = None
    citation: Citation
    reported: list[ReportedFigure] = Field(
        default_factory=list,
        description="Published progress figures that are not in the charted data.",
    )


class MissionSpec(Spec):
    """A mission: `data/missions/<id>.yml`."""

    model_config = ConfigDict(
        title="Mission Tracker mission", json_schema_extra={"additionalProperties": False}
    )

    name: Text = Field(description="The mission's name.")
    short_name: Plain | None = Field(None, description="A shorter name for navigation.")
    statement: Text = Field(description="The mission statement in the words of whoever set it.")
    order: int = Field(ge=1, description="Position on the home page, from 1.")
    lead: Text = Field(description="Who leads it, e.g. the department or board.")
    citation: Citation
    milestones: list[Milestone] = Field(default_factory=list)
