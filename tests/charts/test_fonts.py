"""Charts are drawn with the bundled fonts only: a font the machine has installed, even one of
the same family name, never changes a rendered chart. Each render runs in a fresh process, as
fonts are looked up once per process, on a machine whose font configuration does or does not
offer a rival "Liberation Sans" (the bundled bold face re-labelled as a regular one, so that if
it were ever used every label would be bold)."""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys
from pathlib import Path

from mission_tracker.charts.render import fonts_dir

SPEC = {
    "width": 300,
    "height": 80,
    "background": "white",
    "config": {"font": "'Liberation Sans', Arial, sans-serif"},
    "data": {"values": [{"t": "Homes started", "v": 3}, {"t": "Waiting lists", "v": 5}]},
    "mark": {"type": "bar"},
    "encoding": {
        "y": {"field": "t", "type": "nominal"},
        "x": {"field": "v", "type": "quantitative"},
    },
}

RENDER = """
import hashlib, json, sys
import vl_convert as vlc
spec = json.loads(sys.argv[1])
if sys.argv[2] == "ours":
    from mission_tracker.charts.render import render_one
    print(hashlib.sha256(render_one(spec).png).hexdigest())
else:
    svg = vlc.vegalite_to_svg(spec, vl_version="6.4")
    print(hashlib.sha256(vlc.svg_to_png(svg, scale=2)).hexdigest())
"""


def _rival_font(home: Path) -> Path:
    """A machine font configuration offering a font of the same family: the bundled bold face
    with its weight and style bits set to those of a regular face."""
    data = bytearray((fonts_dir() / "LiberationSans-Bold.ttf").read_bytes())
    tables = struct.unpack(">H", data[4:6])[0]
    for i in range(tables):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag == b"OS/2":
            data[offset + 4 : offset + 6] = struct.pack(">H", 400)  # usWeightClass
            data[offset + 62 : offset + 64] = struct.pack(">H", 0x40)  # fsSelection: regular
        elif tag == b"head":
            data[offset + 44 : offset + 46] = struct.pack(">H", 0)  # macStyle: not bold
    folder = home / "fonts"
    folder.mkdir(parents=True)
    (folder / "LiberationSans-Regular.ttf").write_bytes(bytes(data))
    config = home / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{folder}</dir></fontconfig>\n", "utf-8")
    return config


def _render(machine: Path | None, how: str) -> str:
    import json

    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    if machine is not None:
        env["FONTCONFIG_FILE"] = str(machine)
    result = subprocess.run(
        [sys.executable, "-c", RENDER, json.dumps(SPEC), how],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_a_rival_system_font_changes_nothing(tmp_path: Path) -> None:
    assert _render(None, "ours") == _render(_rival_font(tmp_path), "ours")


def test_without_isolation_the_rival_font_would_be_used(tmp_path: Path) -> None:
    """The control: vl-convert left to itself does pick the machine's font, so the test above
    would catch a renderer that let it."""
    assert _render(None, "raw") != _render(_rival_font(tmp_path), "raw")


def test_the_render_key_covers_the_font_configuration() -> None:
    from mission_tracker.charts.render import _fonts_digest

    digest = hashlib.sha256()
    for path in sorted(fonts_dir().iterdir()):
        if path.suffix in (".ttf", ".conf"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    assert _fonts_digest() == digest.hexdigest()
    assert (fonts_dir() / "fonts.conf").is_file()
