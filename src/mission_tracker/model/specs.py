"""The YAML model: what an editor writes in a mission or indicator file.

The pydantic `*Spec` classes are the single source of the YAML format: they validate the files,
and the JSON Schema that editors' editors use is generated from them.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from mission_tracker.model.periods import PeriodType
from mission_tracker.model.text import PRINTABLE_PATTERN

# An id is a file stem and a URL slug: `rtt-within-18-weeks`.
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX_LENGTH = 80
# Names the site uses for its own pages and folders: an id that took one would lose its page to
# them (missions/index/ is the list of missions) or take theirs.
RESERVED_IDS = frozenset(
    {
        "index",
        "assets",
        "search",
        "embed",
        "schema",
        "downloads",
        "feed",
        "sitemap",
        "404",
        "missions",
        "indicators",
        "methodology",
        "guide",
    }
)


def id_problem(text: str) -> str | None:
    """Why `text` cannot be an id (a file stem and an address), or None if it can."""
    if len(text) > ID_MAX_LENGTH:
        return f"it is {len(text)} characters long; ids are at most {ID_MAX_LENGTH}"
    if text in RESERVED_IDS:
        return (
            f"`{text}` is a name the site uses for its own pages and folders; choose another, "
            f"such as `{text}-figures`"
        )
    return None


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN.pattern, max_length=ID_MAX_LENGTH),
    Field(description="Lower-case letters, digits and single hyphens, e.g. `rtt-within-18-weeks`."),
]


# Free text, as editors write it. It may hold no invisible control characters (model/text.py);
# the pattern says so in the JSON Schema too, and read/validate.py words the problem.
Plain = Annotated[str, StringConstraints(pattern=PRINTABLE_PATTERN)]
Text = Annotated[
    str, StringConstraints(min_length=1, strip_whitespace=False, pattern=PRINTABLE_PATTERN)
]
# A period written as in the CSV; YAML reads 2024 as a number, so numbers are accepted too.
PeriodText = Annotated[
    str,
    Field(
        description="A period written as in the CSV, e.g. `2023/24`, `2024 Q3`, `2024-07`.",
        # The schema must accept what the validator accepts, or editors see false mistakes.
        json_schema_extra={"type": ["string", "integer"]},
    ),
]


# The CSV columns every indicator may have; breakdown columns are declared in its YAML.
PERIOD, VALUE, MARKER, NOTE = "period", "value", "marker", "note"
REQUIRED_COLUMNS = (PERIOD, VALUE)
OPTIONAL_COLUMNS = (MARKER, NOTE)
STANDARD_COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
# The header of a new indicator's CSV file.
CSV_HEADER = ",".join(STANDARD_COLUMNS)


class Spec(BaseModel):
    # No NaN or infinity: YAML reads `.nan` and `.inf` as numbers, and no figure is either.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=False, allow_inf_nan=False
    )


class Unit(StrEnum):
    PERCENT = "percent"
    COUNT = "count"
    GBP = "gbp"
    GBP_MILLION = "gbp_million"
    RATE = "rate"
    GWH = "gwh"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    # No judgement is made for these: a rise is neither good nor bad, or people disagree.
    NEUTRAL = "neutral"
    CONTESTED = "contested"

    @property
    def judged(self) -> bool:
        return self in (Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER)


class Licence(StrEnum):
    OGL_3 = "OGL-3.0"
    CC_BY_4 = "CC-BY-4.0"
    CC0 = "CC0-1.0"

    @property
    def full_name(self) -> str:
        return _LICENCES[self][0]

    @property
    def url(self) -> str:
        return _LICENCES[self][1]

    @property
    def attribution(self) -> str:
        return _LICENCES[self][2]


_LICENCES = {
    Licence.OGL_3: (
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "Contains public sector information licensed under the Open Government Licence v3.0.",
    ),
    Licence.CC_BY_4: (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Licensed under the Creative Commons Attribution 4.0 International licence.",
    ),
    Licence.CC0: (
        "CC0 1.0 (public domain dedication)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Dedicated to the public domain under CC0 1.0.",
    ),
}


class Citation(Spec):
    publisher: Text = Field(description="Who published it, e.g. `NHS England` or `Full Fact`.")
    title: Text = Field(description="The release, page or document cited.")
    url: AnyHttpUrl | None = Field(None, description="Where to read it.")
    date: dt.date | None = Field(None, description="Publication date, `YYYY-MM-DD`, if known.")
    secondary: bool = Field(
        False,
        description="`true` when this is a fact-checker or news report of an official figure, "
        "not the official release itself.",
    )


class Source(Spec):
    publisher: Text = Field(description="The organisation that publishes the statistics.")
    release: Text = Field(description="The statistical release or table the data comes from.")
    url: AnyHttpUrl = Field(description="The publisher's page for the release or series.")
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
    column: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")] = Field(
        description="The CSV column name: lower case, digits and underscores."
    )
    label: Text = Field(description="The name people see, e.g. `Sector`.")
    values: list[BreakdownValue] = Field(
        min_length=1, description="Every value the column may hold, in the order to show them."
    )


class SeriesBreak(Spec):
    period: PeriodText = Field(description="The first period after the break.")
    reason: Text = Field(description="Why the series is not comparable across it.")

    _coerce = field_validator("period", mode="before")(lambda v: _period_text(v))


class ValidRange(Spec):
    min: float | None = Field(None, description="The smallest value that makes sense.")
    max: float | None = Field(None, description="The largest value that makes sense.")


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
    unit: Unit = Field(description="How values are measured; sets formatting and wording.")
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
        None, description="Values outside this are errors. Percentages default to 0 to 100."
    )
    breakdowns: list[Breakdown] = Field(
        default_factory=list, description="Extra CSV columns that split the headline series."
    )
    series_breaks: list[SeriesBreak] = Field(
        default_factory=list, description="Points where the method changed."
    )
    source: Source = Field(description="Where the figures come from: the publisher and release.")
    licence: Licence = Field(description="The data's licence.")
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
    related: list[Id] = Field(default_factory=list, description="Ids of related indicators.")

    _coerce = field_validator("next_update", mode="before")(lambda v: _period_text(v))

    @cached_property
    def _value_order(self) -> list[dict[str, int]]:
        return [{v.value: i for i, v in enumerate(b.values)} for b in self.breakdowns]

    @cached_property
    def value_labels(self) -> list[dict[str, str]]:
        """For each breakdown, in declared order: each value's label."""
        return [{v.value: v.display for v in b.values} for b in self.breakdowns]

    def series_rank(self, key: tuple[str, ...]) -> tuple[int, ...]:
        """Where a series sorts: the headline (every breakdown blank) first, then breakdown
        values in the order the YAML declares them."""
        order = self._value_order
        return tuple(-1 if not v else order[i].get(v, 10_000) for i, v in enumerate(key))

    @property
    def csv_columns(self) -> list[str]:
        """The columns of this indicator's CSV, in the order downloads write them."""
        return [PERIOD, *(b.column for b in self.breakdowns), VALUE, MARKER, NOTE]


class Baseline(Spec):
    value: float | None = Field(None, description="The baseline figure, in the indicator's unit.")
    period: PeriodText | None = Field(None, description="The period the baseline refers to.")
    note: Plain | None = Field(None, description="Anything readers should know about it.")
    citation: Citation | None = None

    _coerce = field_validator("period", mode="before")(lambda v: _period_text(v))


class ReportedFigure(Spec):
    text: Text = Field(description="The figure as reported, e.g. `61.7% in October 2025`.")
    citation: Citation


class Milestone(Spec):
    id: Id
    title: Text = Field(description="The milestone's wording.")
    metric: Text = Field(description="The official measure the government uses for it.")
    indicator: Id | None = Field(None, description="The indicator charted against it, if any.")
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
    statement: Text = Field(description="The mission statement in the government's words.")
    order: int = Field(ge=1, description="Position on the home page, from 1.")
    lead: Text = Field(description="Who leads it, e.g. the department or board.")
    citation: Citation
    milestones: list[Milestone] = Field(default_factory=list)


def _period_text(value: object) -> object:
    # YAML reads `2024` as int and `2024-07-31` as a date; both are fine as period text.
    if isinstance(value, int | dt.date) and not isinstance(value, bool):
        return str(value) if not isinstance(value, dt.date) else value.isoformat()
    return value
