"""Charts' SVG carry coordinates to a tenth of a pixel (render.round_geometry): smaller pages,
the same picture, and no number a reader sees or hears is changed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import vl_convert as vlc

from mission_tracker.charts.chart import VEGA_LITE_VERSION
from mission_tracker.charts.render import render_one, round_geometry

SPEC = {
    "width": 301,
    "height": 150,
    "mark": {"type": "line", "point": True},
    "data": {"values": [{"x": i, "y": (i * 7.123456789) % 13} for i in range(40)]},
    "encoding": {
        "x": {"field": "x", "type": "quantitative"},
        "y": {"field": "y", "type": "quantitative"},
    },
}


def test_geometry_is_rounded_and_text_is_not() -> None:
    svg = (
        '<svg width="600" height="315.0000001"><path d="M0,45.33333L10.96,-0.04Z" '
        'transform="translate(0.5,0.5)" aria-label="value: 46.97762863534676"/>'
        '<text x="12.345" font-size="11.000001">12.345</text></svg>'
    )
    assert round_geometry(svg) == (
        '<svg width="600" height="315"><path d="M0,45.3L11,0Z" '
        'transform="translate(0.5,0.5)" aria-label="value: 46.97762863534676"/>'
        '<text x="12.3" font-size="11">12.345</text></svg>'
    )


def _texts(svg: str) -> list[str | None]:
    return [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_a_real_chart_is_smaller_and_still_valid_svg() -> None:
    raw = vlc.vegalite_to_svg(SPEC, vl_version=VEGA_LITE_VERSION)
    rounded = render_one(SPEC).svg
    assert len(rounded) < len(raw)
    ET.fromstring(rounded)  # still well-formed
    assert _texts(rounded) == _texts(raw)  # axis labels unchanged
