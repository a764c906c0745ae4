"""Vega-Lite spec -> SVG and PNG with vl-convert, cached by content hash, in parallel.

A chart is rendered once: the PNG is rasterised from the SVG, not compiled again. The cache key
covers the spec, the vl-convert version, the fonts and RENDER_EPOCH (bump it when the way we
render changes), so a stale entry is never reused; entries are written atomically and checked
when read, so a partial or corrupt file is rendered again rather than published.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import struct
import threading
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import vl_convert as vlc

from mission_tracker.cache.store import Store
from mission_tracker.charts.chart import VEGA_LITE_VERSION
from mission_tracker.charts.workers import worker_pool
from mission_tracker.model.progress import Progress, quiet

RENDER_EPOCH = "4"  # 4: the machine's fonts are hidden from the renderer
SVG, PNG = "svg", "png"  # the store's namespaces for rendered charts
VL_CONVERT_VERSION = metadata.version("vl-convert-python")
PNG_SCALE = 2
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Up to this many misses render in this process: starting workers costs more than they save.
IN_PROCESS = 2


@dataclass(frozen=True)
class Rendered:
    svg: str
    png: bytes


def fonts_dir() -> Path:
    return Path(str(resources.files("mission_tracker.charts") / "fonts"))


_FONTS_REGISTERED = False
FONT_CONFIG = "FONTCONFIG_FILE"


def isolate_fonts() -> None:
    """Draw charts with the bundled fonts only, whatever the machine has installed.

    vl-convert looks fonts up through fontconfig's configuration, and a machine's own fonts win
    over those it is given: a system copy of Liberation Sans in another version (which
    installing Chromium brings) changes the pixels of every PNG. Pointing the lookup at a
    configuration that names only the bundled folder hides the machine's fonts. It has to be
    set before vl-convert first draws text in a process, so every process that renders calls
    this first (worker processes inherit it too)."""
    os.environ[FONT_CONFIG] = str(fonts_dir() / "fonts.conf")


def _register_fonts() -> None:
    global _FONTS_REGISTERED
    if not _FONTS_REGISTERED:
        isolate_fonts()
        vlc.register_font_directory(str(fonts_dir()))
        _FONTS_REGISTERED = True


# The smallest chart: rendering it starts vl-convert's JavaScript runtime (about a second).
_WARM_UP_SPEC = {"mark": "point", "data": {"values": [{"x": 1}]}}


def _warm_up() -> None:
    # Any failure here shows again, with its real cause, when a chart is rendered.
    with contextlib.suppress(Exception):
        _register_fonts()
        vlc.vegalite_to_svg(_WARM_UP_SPEC, vl_version=VEGA_LITE_VERSION)


def _fonts_digest() -> str:
    """What the drawing of text depends on: the bundled fonts and the configuration that makes
    them the only ones (vl-convert's own version is in the cache key too)."""
    digest = hashlib.sha256()
    for path in sorted(fonts_dir().iterdir()):
        if path.suffix in (".ttf", ".conf"):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def drawing(fonts: str) -> str:
    """Everything a render depends on besides its spec: the way we render, vl-convert's
    version, the Vega-Lite version and the fonts."""
    return "\0".join((RENDER_EPOCH, VL_CONVERT_VERSION, VEGA_LITE_VERSION, fonts))


def cache_key(spec: dict[str, Any], fonts: str) -> str:
    payload = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(f"{drawing(fonts)}\0{payload}\0".encode()).hexdigest()


# Attributes that hold only drawing geometry; text, and the ARIA labels that carry data values,
# are never touched.
_GEOMETRY = re.compile(
    r'\b(d|transform|x|y|x1|x2|y1|y2|width|height|cx|cy|r|stroke-width|font-size|opacity)="([^"]*)"'
)
_LONG_DECIMAL = re.compile(r"-?\d+\.\d{2,}")


def _tenth(match: re.Match[str]) -> str:
    text = f"{float(match.group(0)):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def round_geometry(svg: str) -> str:
    """Coordinates to a tenth of a pixel: Vega writes up to 15 decimals (46.97762863534676),
    a third of a chart's bytes, where a tenth of a pixel is finer than any screen shows."""
    return _GEOMETRY.sub(lambda m: f'{m.group(1)}="{_LONG_DECIMAL.sub(_tenth, m.group(2))}"', svg)


def render_one(spec: dict[str, Any]) -> Rendered:
    from mission_tracker.charts.png import (
        compact,  # imports numpy: only a build that renders needs it,
    )

    _register_fonts()
    svg = round_geometry(vlc.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION))
    # Compacted losslessly: a fifth of vl-convert's bytes (site size, memory and writes).
    return Rendered(svg, compact(vlc.svg_to_png(svg, scale=PNG_SCALE)))


def _render_job(spec: dict[str, Any]) -> tuple[str, bytes]:
    result = render_one(spec)
    return result.svg, result.png


class Renderer:
    """Renders many specs, reusing the store and spreading misses over worker processes."""

    def __init__(
        self, store: Store, workers: int | None = None, progress: Progress = quiet
    ) -> None:
        self.store = store
        self.progress = progress
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.fonts = _fonts_digest()
        self.drawing = drawing(self.fonts)  # a render is a function of its spec and this
        self.hits = 0
        self.misses = 0
        # Keys rendered during this build, here or by workers that also built the spec
        # (charts/produce.py): counted as rendered, not as cache hits, when read back.
        self.rendered: set[str] = set()
        self._warming: threading.Thread | None = None

    def warm_up(self) -> None:
        """Start vl-convert's runtime in the background: it releases the GIL, so the second
        it takes overlaps loading and checking the data, and a rebuild that renders one
        changed chart does not wait for it."""
        if self._warming is None:
            self._warming = threading.Thread(target=_warm_up, name="vl-convert warm-up")
            self._warming.start()

    def render_all(self, specs: Iterable[dict[str, Any]]) -> list[Rendered]:
        specs = list(specs)
        keys = [cache_key(s, self.fonts) for s in specs]
        results: list[Rendered | None] = [self._read(k) for k in keys]
        todo = [i for i, r in enumerate(results) if r is None]
        fresh = sum(1 for i, r in enumerate(results) if r is not None and keys[i] in self.rendered)
        self.hits += len(specs) - len(todo) - fresh
        self.misses += len(todo) + fresh
        self.rendered.update(keys[i] for i in todo)
        if self.workers > 1 and len(todo) > IN_PROCESS:
            with worker_pool(self.workers, len(todo)) as pool:
                outputs = pool.map(_render_job, [specs[i] for i in todo])
                self._collect(todo, keys, outputs, results)
        else:
            if self._warming is not None:
                self._warming.join()
            self._collect(todo, keys, (_render_job(specs[i]) for i in todo), results)
        return [r for r in results if r is not None]

    def _collect(
        self,
        todo: list[int],
        keys: list[str],
        outputs: Iterable[tuple[str, bytes]],
        results: list[Rendered | None],
    ) -> None:
        # Stored as each arrives, so an interrupted build keeps what it rendered.
        for done, (i, (svg, png)) in enumerate(zip(todo, outputs, strict=True), 1):
            self.progress("Rendering charts", done, len(todo))
            results[i] = Rendered(svg, png)
            self.store.put(SVG, keys[i], svg.encode("utf-8"))
            self.store.put(PNG, keys[i], png)

    def _read(self, key: str) -> Rendered | None:
        svg = self.store.get(SVG, key)
        png = self.store.get(PNG, key) if svg is not None else None
        if svg is None or png is None:
            return None
        try:
            return Rendered(svg.decode("utf-8"), png)
        except UnicodeDecodeError:
            return None


def png_complete(data: bytes) -> bool:
    """A PNG that starts with the signature and ends with its IEND chunk (not truncated)."""
    return data.startswith(PNG_SIGNATURE) and data.endswith(b"IEND\xaeB`\x82")


def png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def png_with_text(data: bytes, text: dict[str, str]) -> bytes:
    """Add iTXt metadata chunks (title, source, licence, address) after the PNG header, so the
    file cites itself even to programs that read metadata rather than pixels."""
    chunks = b""
    for keyword, value in text.items():
        body = keyword.encode("latin-1") + b"\0\0\0\0\0" + value.encode("utf-8")
        crc = zlib.crc32(b"iTXt" + body) & 0xFFFFFFFF
        chunks += struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", crc)
    header_end = len(PNG_SIGNATURE) + 8 + 13 + 4  # signature + IHDR chunk
    return data[:header_end] + chunks + data[header_end:]
