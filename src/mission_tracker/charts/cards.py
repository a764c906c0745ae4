"""Social cards for pages without a chart of their own (the home and mission pages)."""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

from mission_tracker.charts.theme import HEIGHT, PALETTE, WIDTH, house_style


def card_spec(site_name: str, title: str, lines: list[str], address: str) -> dict[str, Any]:
    """A 600 x 315 card (1200 x 630 as PNG) for the home and mission pages."""
    texts = [{"x": 36, "y": 40, "text": site_name.upper(), "size": 14}]
    y = 92
    for line in textwrap.wrap(title, 28)[:3]:
        texts.append({"x": 36, "y": y, "text": line, "size": 34})
        y += 40
    y += 10
    for line in [w for text in lines for w in textwrap.wrap(text, 56)][:4]:
        texts.append({"x": 36, "y": y, "text": line, "size": 17})
        y += 24
    texts.append({"x": 36, "y": 290, "text": address, "size": 13})
    card = (
        alt.Chart(alt.Data(values=texts))  # type: ignore[no-untyped-call]
        .mark_text(align="left", baseline="alphabetic", color="white")
        .encode(
            x=alt.X("x:Q", scale=None),
            y=alt.Y("y:Q", scale=None),
            text=alt.Text(field="text"),
            size=alt.Size("size:Q", scale=None),
        )
        .properties(
            width=WIDTH,
            height=HEIGHT,
            autosize=alt.AutoSizeParams(type="none"),
            padding=0,
            background=PALETTE[0],
        )
    )
    with house_style():
        spec: dict[str, Any] = card.to_dict(validate=False)
    return spec
