"""A chart: its Vega-Lite spec and the words that go with it, and the names its files take.

An indicator's charts are addressed for good: `chart.png` is its headline chart and
`breakdowns.png` its breakdown chart, as press officers have linked them since the first
version. An indicator with several breakdowns or measures has a chart for each, named after
them: `breakdowns-region.png`, `rate-chart.png`, `rate-breakdowns-sex.png`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEADLINE, BREAKDOWNS = "headline", "breakdowns"  # kinds: a series over time, or a breakdown
VEGA_LITE_VERSION = "6.4"


@dataclass(frozen=True)
class Chart:
    kind: str  # HEADLINE or BREAKDOWNS
    spec: dict[str, Any]
    title: str
    subtitle: str
    footer: tuple[str, ...]
    stem: str = "chart"  # the file name its images and spec are written under
    heading: str = "Chart"  # its section heading on the indicator page
    measure: str = ""  # the measure it draws ("" for an indicator with one)
    column: str = ""  # the breakdown it draws, if it draws one
    view: str = ""  # how a breakdown is drawn: panels, ranked or map
    # Heavy charts (maps) are shown as an image file rather than written into the page, so the
    # page stays light; every other chart is in the page itself.
    inline: bool = True
    # The same breakdown with the others held at other values, for readers to choose with
    # JavaScript: each {"held": {column: value}, "words": ..., "description": ..., "spec": ...},
    # the default first.
    options: tuple[dict[str, Any], ...] = ()

    @property
    def anchor(self) -> str:
        """Its id on the indicator page, the target of "link to this chart"."""
        return "chart" if self.stem == "chart" else f"chart-{self.stem}"


def chart_stem(measure: str, headline_measure: bool, column: str, single_breakdown: bool) -> str:
    """The file name of a chart, kept stable for the charts the first version made."""
    if not column:
        return "chart" if headline_measure else f"{measure}-chart"
    if headline_measure:
        return "breakdowns" if single_breakdown else f"breakdowns-{column.replace('_', '-')}"
    return f"{measure}-breakdowns-{column.replace('_', '-')}"
