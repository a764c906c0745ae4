"""Open SDG's `graph_series_breaks`: why they are not carried over, and where they would fall.

A break is placed at an x-axis position (`14.5`: between the 15th and 16th years the chart
shows), not at a period. Which years a chart shows depends on what the reader has selected,
so no position names a period exactly, and none is carried over. The report says where the
position falls among the periods of the rows it names, so an editor who can confirm it from
the source can add it under `series_breaks:`.
"""

from __future__ import annotations

import math
from typing import Any

from mission_tracker.importers.opensdg.table import Row


def series_break_notes(items: list[dict[str, Any]], rows: list[Row]) -> list[tuple[str, str]]:
    found = []
    for i, item in enumerate(items):
        series, unit = item.get("series"), item.get("unit")
        of = "".join(f" for {k} {v!r}" for k, v in (("series", series), ("unit", unit)) if v)
        chosen = [
            r
            for r in rows
            if (not series or r.group[0].casefold() == str(series).casefold())
            and (not unit or r.group[1].casefold() == str(unit).casefold())
        ]
        periods = sorted({r.period: r.period_text for r in chosen}.items())
        value = item.get("value")
        where = ""
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            at = math.floor(value)
            if at >= 0 and at + 1 < len(periods):
                where = (
                    f"; among the periods of those rows it falls between {periods[at][1]} and "
                    f"{periods[at + 1][1]}, so if the source confirms a break there, add it "
                    f"under `series_breaks:` with `period: {periods[at + 1][1]}`"
                )
        found.append(
            (
                f"graph_series_breaks[{i}]",
                f"a break at x-axis position {value}{of} is a place on Open SDG's chart, not a "
                f"period, so it is not carried over{where}",
            )
        )
    return found
