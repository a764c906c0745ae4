"""PNG compaction keeps every pixel: checked against an independent, plain-Python decoder on
real vl-convert renders (a chart and a social card)."""

from __future__ import annotations

import struct
import zlib

import pytest

from mission_tracker.charts import theme
from mission_tracker.charts.cards import card_spec
from mission_tracker.charts.png import compact, decode_rgba
from mission_tracker.charts.render import PNG_SCALE, png_complete, png_size, render_one


def reference_pixels(data: bytes) -> list[tuple[int, int, int, int]]:
    """RGBA pixels of an 8-bit non-interlaced PNG (colour types 2, 3, 6; any filter), read
    the slow way straight from the PNG specification."""
    at, idat, palette, alpha = 8, b"", b"", b""
    header = b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        header = body if kind == b"IHDR" else header
        palette = body if kind == b"PLTE" else palette
        alpha = body if kind == b"tRNS" else alpha
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0
    bpp = {2: 3, 3: 1, 6: 4}[colour]
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    pixels = []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = previous[x]
            c = previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[x] = (line[x] + pred) & 255
        for x in range(width):
            px = line[x * bpp : (x + 1) * bpp]
            if colour == 6:
                pixels.append((px[0], px[1], px[2], px[3]))
            elif colour == 2:
                pixels.append((px[0], px[1], px[2], 255))
            else:
                i = px[0]
                r, g, bl = palette[3 * i : 3 * i + 3]
                pixels.append((r, g, bl, alpha[i] if i < len(alpha) else 255))
        previous = line
    return pixels


SPECS = {
    "chart": {
        "width": 80,
        "height": 40,
        "background": "white",
        "data": {"values": [{"t": i, "v": (i * 7) % 11} for i in range(12)]},
        "mark": {"type": "line", "color": theme.PALETTE[0], "strokeWidth": 2},
        "encoding": {
            "x": {"field": "t", "type": "quantitative"},
            "y": {"field": "v", "type": "quantitative"},
        },
    },
    "card": card_spec("Mission Tracker", "A mission", ["One line."], "https://x.org/"),
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_compaction_keeps_every_pixel(name: str) -> None:
    import vl_convert as vlc

    svg = render_one(SPECS[name]).svg
    scale = 1 if name == "chart" else PNG_SCALE / 4  # small images keep the reference quick
    original = vlc.svg_to_png(svg, scale=scale)
    smaller = compact(original)
    assert png_complete(smaller)
    assert png_size(smaller) == png_size(original)
    assert len(smaller) < len(original)
    assert reference_pixels(smaller) == reference_pixels(original)
    # The fast decoder used by `compact` agrees with the reference too.
    rgba = decode_rgba(original)
    height, width, _ = rgba.shape
    assert [tuple(int(c) for c in p) for p in rgba.reshape(-1, 4)] == reference_pixels(original)
    assert (width, height) == png_size(original)


def test_rendered_png_is_compact_and_complete() -> None:
    rendered = render_one(SPECS["card"])
    assert png_complete(rendered.png)
    assert png_size(rendered.png) == (1200, 630)
    assert rendered.png[25] == 3  # colour type: an 8-bit palette (the card has few colours)


def test_anything_unexpected_is_returned_unchanged() -> None:
    assert compact(b"not a png") == b"not a png"
    truncated = render_one(SPECS["chart"]).png[:-30]
    assert compact(truncated) == truncated


@pytest.mark.parametrize("name", sorted(SPECS))
def test_palette_from_runs_is_numpys_unique(name: str) -> None:
    """`compact` finds the colours from the runs of equal pixels: the same sorted palette
    and the same index as sorting every pixel, so the file is unchanged by the shortcut."""
    import numpy as np

    from mission_tracker.charts.png import _colours

    flat = decode_rgba(render_one(SPECS[name]).png).reshape(-1, 4).view(np.uint32).reshape(-1)
    noisy = np.random.default_rng(1).integers(0, 5, size=10_000).astype(np.uint32)
    for pixels in (flat, noisy, flat[:1], flat[:0]):
        colours, index = _colours(pixels)
        expected_colours, expected_index = np.unique(pixels, return_inverse=True)
        assert np.array_equal(colours, expected_colours)
        assert np.array_equal(index, expected_index.reshape(-1))
