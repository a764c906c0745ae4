"""`mission-tracker new`: a CSV and a YAML file with every field explained in a comment."""

from __future__ import annotations

import difflib
from pathlib import Path

from mission_tracker.model.periods import PeriodType
from mission_tracker.model.specs import Direction, Licence, Unit
from mission_tracker.read.load import ID_PATTERN

TEMPLATE = """\
# yaml-language-server: $schema=../../docs/schema/indicator.schema.json
# A new indicator. Replace every TODO, delete the comments you do not need, then run
#   mission-tracker check
# The editor's guide on the site explains each field with examples.

# Short name people see, e.g. "Patients waiting under 18 weeks".
title: "TODO"
# The mission this indicator is shown under (a file name in data/missions/).
mission: {mission}
# One plain-language sentence saying what this measures.
summary: "TODO"
# The chart subtitle: measure, unit, where and how often, e.g.
# "Percentage of incomplete pathways within 18 weeks, England, monthly".
measure: "TODO"
# Where the figures cover: England, England and Wales, UK...
geography: "TODO"
# One of: {units}.
unit: count
# Optional: what is counted, e.g. "dwellings" or "per 100,000 population".
# unit_label: "TODO"
# Optional: decimal places to show (data keep all theirs).
# decimals: 0
# One of: {directions}.
direction: higher_is_better
# Optional: a change no bigger than this counts as "little or no change".
# Default: 1% of the earlier figure.
# tolerance: 0.5
# How the period column is written, one of:
{period_types}
period_type: year
# Optional: publication rhythm when the period type does not say it, e.g. "annual (at 31 March)".
# frequency: "TODO"
# Optional: values outside this range are errors (percentages default to 0 to 100).
# valid_range:
#   min: 0
#   max: 100
# Optional: extra CSV columns that split the series. Rows with these blank are the headline.
# breakdowns:
#   - column: sex
#     label: Sex
#     values:
#       - value: Female
#       - value: Male
# Optional: where the method changed, so the chart breaks the line.
# series_breaks:
#   - period: "2021"
#     reason: "TODO"
# Where the figures come from.
source:
  # The organisation that publishes the statistics.
  publisher: "TODO"
  # The statistical release or table.
  release: "TODO"
  # The publisher's page for the release or series.
  url: https://TODO.example
  # Optional: when the release was published.
  # release_date: 2024-01-31
  # Optional: the publisher's series code.
  # series_id: "TODO"
  # Optional: where this copy came from, if not straight from the publisher.
  # copy_of: "TODO"
  # When you took these figures.
  retrieved: 2024-01-31
# One of: {licences}.
licence: OGL-3.0
# Optional: when new figures are expected.
# next_update: "2025-01"
# What readers should know: coverage, changes, quirks.
caveats: []
# Set when this series only approximates the official measure: say how.
# proxy: "TODO"
# Set when these are not the latest published figures: say which release and what is newer.
# vintage: "TODO"
# Old ids of this indicator; their addresses redirect here.
# previous_ids: []
# Ids of related indicators.
# related: []
"""


class ScaffoldError(Exception):
    """A reason `new` cannot write the files; the message says what to do instead."""


def template(mission: str) -> str:
    """The commented YAML for a new indicator, its choices listed from the model."""
    return TEMPLATE.format(
        mission=mission,
        units=", ".join(u.value for u in Unit),
        directions=", ".join(d.value for d in Direction),
        licences=", ".join(licence.value for licence in Licence),
        period_types="\n".join(f"#   {p.value} (written like {p.example})" for p in PeriodType),
    )


def scaffold(data_dir: Path, indicator_id: str, mission: str) -> list[Path]:
    """Write `<id>.csv` (the header) and `<id>.yml` (every field, commented) for a new
    indicator of `mission`; the paths written."""
    if not ID_PATTERN.fullmatch(indicator_id):
        raise ScaffoldError(
            f"{indicator_id!r} is not a valid id: use lower-case letters, digits and single "
            "hyphens, e.g. knife-crime-offences"
        )
    missions = data_dir / "missions"
    if not missions.is_dir():
        raise ScaffoldError(
            f"there is no {missions} folder; run this in the project folder, or give the project "
            "folder with --root"
        )
    known = sorted(p.stem for p in missions.glob("*.yml"))
    if mission not in known:
        close = difflib.get_close_matches(mission, known, n=1)
        hint = f"did you mean {close[0]}?" if close else "the missions are " + ", ".join(known)
        raise ScaffoldError(f"mission {mission!r} does not exist; {hint}")
    folder = data_dir / "indicators"
    csv, yml = folder / f"{indicator_id}.csv", folder / f"{indicator_id}.yml"
    for path in (csv, yml):
        if path.exists():
            raise ScaffoldError(
                f"{path} already exists; choose another id, or edit the existing indicator"
            )
    folder.mkdir(parents=True, exist_ok=True)
    yml.write_text(template(mission), "utf-8")
    csv.write_text("period,value,marker,note\n", "utf-8")
    return [csv, yml]
