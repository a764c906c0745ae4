"""The house style of every chart: colours, font, size and the Vega-Lite config.

Colours are the UK Government Analysis Function categorical palette; text is Liberation Sans,
which has Arial's metrics, so text laid out here fits the same in browsers that fall back to
Arial or Helvetica (the site loads no web font).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mission_tracker.analyse.numbers import current_locale, number_style

PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
TEXT = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#dcdcdc"
CONTEXT = "#b1b4b6"  # the headline drawn behind each breakdown panel
# Quoted: renderers drop text whose family name is not a valid CSS identifier.
FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
WIDTH, HEIGHT = 600, 315


def config() -> dict[str, Any]:
    return {
        "font": FONT,
        "aria": False,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 12,
            "labelColor": MUTED,
            "labelFont": FONT,
            "gridColor": GRID,
        },
        "axisX": {"domainColor": MUTED, "tickColor": MUTED},
        # Value labels sit inside the plot, above their gridlines, so the title, plot and
        # footer share one left edge.
        "axisY": {
            "domain": False,
            "ticks": False,
            "labelAlign": "left",
            "labelBaseline": "bottom",
            "labelPadding": 0,
            "labelOffset": -2,
        },
        "title": {"font": FONT, "subtitleFont": FONT},
        "text": {"font": FONT},
        "concat": {"spacing": 24},
    }


def number_locale() -> dict[str, Any] | None:
    """How the charts' own labels write numbers (Vega's `format`), from the site's locale;
    None where that is Vega's default, the way English writes them."""
    style = number_style(current_locale())
    first, rest = style.grouping
    if (style.decimal, style.group, style.minus, first, rest) == (".", ",", "-", 3, 3):
        return None
    return {
        "decimal": style.decimal,
        "thousands": style.group,
        "grouping": [first, rest],
        "minus": style.minus,
        "currency": list(style.currency),
    }


def _theme() -> Any:
    number = number_locale()
    return {"config": config() | ({"locale": {"number": number}} if number else {})}


@contextmanager
def house_style() -> Iterator[None]:
    """Altair's theme set to the house style while specs are written out (its own default
    theme would add sizes and colours of its own)."""
    import altair as alt

    if "mission-tracker" not in alt.theme.names():
        alt.theme.register("mission-tracker", enable=False)(_theme)
    with alt.theme.enable("mission-tracker"):
        yield
