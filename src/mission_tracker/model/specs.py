"""The YAML model: what an editor writes in a mission or indicator file.

The pydantic `*Spec` classes are the single source of the YAML format: they validate the files,
and the JSON Schema that editors' editors use, and the template `mission-tracker new` writes,
are generated from them.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Annotated

from pydantic import AnyHttpUrl, ConfigDict, Field, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from mission_tracker.model.base import (
    DATE,
    MARKER,
    MEASURE,
    NOTE,
    PERIOD,
    PLACEHOLDER_HOST,
    VALUE,
    Id,
    PeriodText,
    Plain,
    Spec,
    Text,
    period_text,
)
from mission_tracker.model.licences import AnyLicence, Licence, LicenceTerms
from mission_tracker.model.periods import PeriodType
from mission_tracker.model.units import Unit, UnitSpec

# Re-exported: the rest of the code knows these as parts of the model.
__all__ = ["Id", "Licence", "PeriodText", "Plain", "Text", "Unit", "UnitSpec"]

AnyUnit = Unit | UnitSpec
ColumnName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    # No judgement is made for these: a rise is neither good nor bad, or people disagree.
    NEUTRAL = "neutral"
    CONTESTED = "contested"

    @property
    def judged(self) -> bool:
        return self in (Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER)


class Source(Spec):
    """Where the figures come from: the publisher and release."""

    publisher: Text = Field(description="The organisation that publishes the statistics.")
    release: Text = Field(description="The statistical release or table the data comes from.")
    url: AnyHttpUrl = Field(description="The publisher's page for the release or series.")

    @field_validator("url")
    @classmethod
    def _not_placeholder(cls, url: AnyHttpUrl) -> AnyHttpUrl:
        if url.host == PLACEHOLDER_HOST:
            raise PydanticCustomError("placeholder", "still the placeholder")
        return url

    release_date: dt.date | None = Field(
        None, description="When the release was published (`YYYY-MM-DD`), if known."
    )
    series_id: Plain | None = Field(
        None, description="The publisher's own series code, e.g. ONS CDID `IHXW`."
    )
    copy_of: Plain | None = Field(
        None,
        description="Where this copy of the figures was taken from, if not straight from the "
        "publisher (e.g. a repository, path and commit).",
    )
    retrieved: dt.date = Field(
        description="When this copy of the figures was taken (`YYYY-MM-DD`)."
    )
    licence: AnyLicence | None = Field(
        None,
        description="This source's licence, if not the indicator's: a name from the list, or "
        "`name:` and `url:` of any other.",
    )

    @property
    def updated(self) -> dt.date:
        """When the figures were last updated: the release date if known, else the day this
        copy was taken."""
        return self.release_date or self.retrieved

    @property
    def credit(self) -> str:
        """ "Source: NHS England, Referral to treatment waiting times" """
        return f"Source: {self.publisher}, {self.release}"


class BreakdownValue(Spec):
    value: Text = Field(description="The text exactly as it appears in the CSV column.")
    label: Plain | None = Field(None, description="How to show it, if different from `value`.")

    @property
    def display(self) -> str:
        return self.label or self.value


class Breakdown(Spec):
    column: ColumnName = Field(
        description="The CSV column name: lower case, digits and underscores."
    )
    label: Text = Field(description="The name people see, e.g. `Sector`.")
    values: list[BreakdownValue] = Field(
        min_length=1, description="Every value the column may hold, in the order to show them."
    )
    total: Plain | None = Field(
        None,
        description="The value that means everyone (e.g. `All` or `Persons`), if the data "
        "write one; otherwise rows that leave the column empty are the total.",
    )
    default: Plain | None = Field(
        None,
        description="The value to show when another breakdown is charted, if this one has no "
        "total (e.g. the latest age group of a survey).",
    )
    map: Id | None = Field(
        None,
        description="The values are area codes on this map (a map declared in mkdocs.yml "
        "under `extra.maps`); the latest figures are drawn on it.",
    )

    @property
    def noun(self) -> str:
        """The label as a sentence uses it: "sex", "river basin (HydroBASINS id)", "NHS region"
        (a capital is kept where the next letter is one too, as in a name)."""
        label = self.label
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]

    @property
    def total_value(self) -> str:
        """What the column holds in the total rows."""
        return self.total or ""


class SeriesBreak(Spec):
    period: PeriodText = Field(description="The first period after the break.")
    reason: Text = Field(description="Why the series is not comparable across it.")

    _coerce = field_validator("period", mode="before")(lambda v: period_text(v))


class ValidRange(Spec):
    min: float | None = Field(None, description="The smallest value that makes sense.")
    max: float | None = Field(None, description="The largest value that makes sense.")


class Status(Spec):
    """A note about a figure, beyond the GSS markers, written in the `marker` column."""

    code: Annotated[str, StringConstraints(pattern=r"^\[[a-z0-9]{1,6}\]$")] = Field(
        description="How the marker column writes it: letters in square brackets, e.g. `[d]`."
    )
    meaning: Text = Field(description="What it means, e.g. `definition differs`.")
    breaks_series: bool = Field(
        False,
        description="`true` when figures from this one on are not comparable with earlier "
        "ones: the chart breaks the line and no change is worked out across it.",
    )


class MeasureSpec(Spec):
    """One of an indicator's measures, when it has several (a rate and a count, say): rows
    of the CSV name it in the `measure` column."""

    id: Id = Field(description="How the `measure` column names it, e.g. `rate`.")
    title: Text = Field(description="Its name on the page, e.g. `Rate per 100,000 people`.")
    measure: Plain | None = Field(
        None, description="The statistical measure, for its chart's subtitle."
    )
    unit: AnyUnit | None = Field(None, description="Its unit, if not the indicator's.")
    period_type: PeriodType | None = Field(
        None, description="How its periods are written, if not as the indicator's."
    )
    direction: Direction | None = Field(None, description="Which way is better, if different.")
    tolerance: float | None = Field(None, ge=0, description="Its tolerance, if different.")
    valid_range: ValidRange | None = Field(None, description="Its valid range, if different.")


class IndicatorSpec(Spec):
    """An indicator's metadata: `data/indicators/<id>.yml`, beside `<id>.csv`."""

    model_config = ConfigDict(
        title="Mission Tracker indicator", json_schema_extra={"additionalProperties": False}
    )

    title: Text = Field(description="Short name, e.g. `Patients waiting under 18 weeks`.")
    mission: Id = Field(description="The id of the mission this indicator is shown under.")
    summary: Text = Field(description="One plain-language sentence: what this measures.")
    measure: Text = Field(
        description="The statistical measure, shown as the chart subtitle, e.g. `Percentage of "
        "incomplete referral-to-treatment pathways within 18 weeks`."
    )
    geography: Text = Field(description="Where the figures cover, e.g. `England`.")
    unit: AnyUnit = Field(
        description="How values are measured: a shorthand (`percent`, `count`, `gbp`, "
        "`gbp_million`, `rate`, `gwh`, `number`, `index`) or a block with `kind:` and what the "
        "kind needs (`currency:`, `per:`, `base:`, `symbol:`, `label:`, `multiplier:`)."
    )
    unit_label: Plain | None = Field(
        None, description="What is counted, e.g. `dwellings` or `per 100,000 population`."
    )
    decimals: int | None = Field(
        None, ge=0, le=6, description="Decimal places to show (display only; data keep theirs)."
    )
    direction: Direction = Field(description="Which way is better, if either.")
    tolerance: float | None = Field(
        None,
        ge=0,
        description="A change no bigger than this (in the indicator's unit; percentage points "
        "for percentages) counts as little or no change. Default: 1% of the earlier value.",
    )
    period_type: PeriodType = Field(description="How the `period` column is written.")
    frequency: Plain | None = Field(
        None, description="Publication rhythm if not implied by the period type."
    )
    valid_range: ValidRange | None = Field(
        None,
        description="Values outside this are errors. Counts (and GWh) default to at least 0 "
        "and `percent` to at most 100; other units may take any value.",
    )
    measures: list[MeasureSpec] = Field(
        default_factory=list,
        description="When the CSV holds several measures (a rate and a count, say): each one, "
        "named by the `measure` column. The first is the headline measure, which milestones "
        "and the trend are judged on.",
    )
    breakdowns: list[Breakdown] = Field(
        default_factory=list, description="Extra CSV columns that split the headline series."
    )
    no_headline: Plain | None = Field(
        None,
        description="Set when no row is a total (every row names a sex, say): say why; the page "
        "then leads with the breakdowns.",
    )
    series_breaks: list[SeriesBreak] = Field(
        default_factory=list, description="Points where the method changed."
    )
    statuses: list[Status] = Field(
        default_factory=list,
        description="Notes about single figures, beyond the GSS markers, for the `marker` "
        "column (e.g. a definition that differs, or a break in the series).",
    )
    source: Source | None = Field(
        None, description="Where the figures come from (or `sources:`, for several)."
    )
    sources: list[Source] = Field(
        default_factory=list, description="Where the figures come from, when there are several."
    )
    licence: AnyLicence = Field(
        description="The data's licence: a name from the list, or `name:` and `url:` of any "
        "other; a source may have its own."
    )
    next_update: Plain | None = Field(
        None,
        description="When new figures are expected, e.g. `2026-12` or a sentence.",
        json_schema_extra={"anyOf": [{"type": ["string", "integer"]}, {"type": "null"}]},
    )
    caveats: list[Text] = Field(default_factory=list, description="What readers should know.")
    proxy: Plain | None = Field(
        None,
        description="Set when this series only approximates the official measure: say how.",
    )
    vintage: Plain | None = Field(
        None, description="Set when the figures are an old release: say which and what is newer."
    )
    previous_ids: list[Id] = Field(
        default_factory=list, description="Old ids of this indicator; their addresses redirect."
    )
    related: list[Id] = Field(
        default_factory=list,
        description=(
            "Ids of related indicators, listed first on its page (six at most); the list is"
            " filled up with the indicators beside it in its mission."
        ),
    )

    _coerce = field_validator("next_update", mode="before")(lambda v: period_text(v))

    # -- one concept, one place ------------------------------------------------------------

    @property
    def all_sources(self) -> list[Source]:
        """Every source, the main one first (`source:` or the first of `sources:`)."""
        return [self.source, *self.sources] if self.source is not None else list(self.sources)

    @property
    def main_source(self) -> Source:
        """The source that dates and cites the figures first (the loader checks there is
        one)."""
        return self.all_sources[0]

    @property
    def updated(self) -> dt.date:
        """When the figures were last updated: the newest of the sources' dates."""
        return max(s.updated for s in self.all_sources)

    @property
    def credit(self) -> str:
        """ "Source: NHS England, Referral to treatment waiting times" (every source, in order)."""
        return "Source: " + "; ".join(f"{s.publisher}, {s.release}" for s in self.all_sources)

    def licence_of(self, source: Source) -> LicenceTerms:
        return (source.licence or self.licence).terms

    @property
    def licences(self) -> list[LicenceTerms]:
        """The licences the figures come under, once each, in the order of their sources."""
        found = [self.licence_of(s) for s in self.all_sources]
        return list(dict.fromkeys(found))

    @property
    def attribution(self) -> str:
        """The credit line charts and downloads carry, as the sources' licences ask."""
        return " ".join(terms.attribution for terms in self.licences)

    @cached_property
    def _value_order(self) -> list[dict[str, int]]:
        return [{v.value: i for i, v in enumerate(b.values)} for b in self.breakdowns]

    @cached_property
    def value_labels(self) -> list[dict[str, str]]:
        """For each breakdown, in declared order: each value's label."""
        return [{v.value: v.display for v in b.values} for b in self.breakdowns]

    @property
    def headline_key(self) -> tuple[str, ...]:
        """The breakdown values of the total rows, in declared order."""
        return tuple(b.total_value for b in self.breakdowns)

    def series_rank(self, key: tuple[str, ...]) -> tuple[int, ...]:
        """Where a series sorts: the headline (every breakdown at its total) first, then
        breakdown values in the order the YAML declares them."""
        order = self._value_order
        totals = self.headline_key
        return tuple(-1 if v == totals[i] else order[i].get(v, 10_000) for i, v in enumerate(key))

    @property
    def csv_columns(self) -> list[str]:
        """The columns of this indicator's CSV, in the order downloads write them."""
        measure = [MEASURE] if self.measures else []
        breakdowns = [b.column for b in self.breakdowns]
        return [PERIOD, *measure, *breakdowns, VALUE, MARKER, NOTE, DATE]
