"""A chart: its Vega-Lite spec and the words that go with it, and the names its files take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEADLINE, BREAKDOWNS = "headline", "breakdowns"
VEGA_LITE_VERSION = "6.4"
SCHEMA = f"https://vega.github.io/schema/vega-lite/v{VEGA_LITE_VERSION}.json"


@dataclass(frozen=True)
class Chart:
    kind: str  # HEADLINE or BREAKDOWNS
    spec: dict[str, Any]
    title: str
    subtitle: str
    footer: tuple[str, ...]

    @property
    def stem(self) -> str:
        """The file name its images and spec are written under: chart.svg, breakdowns.png."""
        return "chart" if self.kind == HEADLINE else "breakdowns"

    @property
    def anchor(self) -> str:
        """Its id on the indicator page, the target of "link to this chart"."""
        return "chart" if self.kind == HEADLINE else "chart-breakdowns"

    @property
    def heading(self) -> str:
        return "Chart" if self.kind == HEADLINE else "Breakdowns"
