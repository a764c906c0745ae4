"""Page weight: what a first view of a page loads, gzip-compressed as a web server sends it.

A first view loads the HTML (with its inline chart), its stylesheets, scripts with `src`,
preloaded fonts, the icon and images in the page, and the web fonts those stylesheets declare
with @font-face (all of them: the site declares only the weights it uses). The search index
and the Vega runtime load later (on a search or on asking for the interactive chart), so they
are not counted.
"""

from __future__ import annotations

import gzip
import posixpath
import re
import statistics
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

GZIP_LEVEL = 6  # a typical web server setting
_FONT_FACE = re.compile(r"@font-face\s*{[^}]*}")
_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


class _FirstView(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & {"stylesheet", "icon", "modulepreload"} or (
                "preload" in rels and a.get("as") in ("font", "style", "script", "image")
            ):
                self.urls.append(a.get("href", ""))
        elif (tag == "script" and a.get("src")) or (
            tag == "img" and a.get("src") and a.get("loading") != "lazy"
        ):
            self.urls.append(a["src"])


@cache
def _gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0))


@dataclass(frozen=True)
class Weight:
    page: str
    html_bytes: int
    html_gzip: int
    first_view_gzip: int  # HTML + everything it makes the browser load at once, compressed
    resources: tuple[str, ...]


def first_view(site: Path, page: Path) -> Weight:
    html = page.read_bytes()
    parser = _FirstView()
    parser.feed(html.decode("utf-8"))
    base = page.parent.relative_to(site).as_posix()
    total = html_gzip = len(gzip.compress(html, GZIP_LEVEL, mtime=0))
    loaded: list[str] = []
    todo = [(base, url) for url in parser.urls]
    while todo:
        folder, url = todo.pop(0)
        if url.startswith("data:"):
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            raise ValueError(f"{page}: first view loads {url} from another site")
        rel = posixpath.normpath(posixpath.join(folder, parts.path))
        target = site / rel
        if target.is_dir():
            target = target / "index.html"
        if rel in loaded:
            continue
        total += _gzipped_size(target)
        loaded.append(rel)
        if target.suffix == ".css":
            css = target.read_text("utf-8")
            fonts = [u for face in _FONT_FACE.findall(css) for u in _URL.findall(face)]
            todo += [(posixpath.dirname(rel), u) for u in fonts]
    return Weight(
        page.relative_to(site).as_posix(), len(html), html_gzip, total, tuple(sorted(loaded))
    )


@dataclass(frozen=True)
class WeightSummary:
    pages: int
    html_median: int
    html_max: int
    first_view_median: int
    first_view_max: int
    heaviest: str
    resources: tuple[str, ...]


def indicator_pages(site: Path) -> WeightSummary:
    weights = [
        first_view(site, page)
        for page in sorted((site / "indicators").glob("*/index.html"))
        if (page.parent / "chart.svg").is_file()  # not the redirect pages of old ids
    ]
    heaviest = max(weights, key=lambda w: w.first_view_gzip)
    return WeightSummary(
        pages=len(weights),
        html_median=int(statistics.median(w.html_bytes for w in weights)),
        html_max=max(w.html_bytes for w in weights),
        first_view_median=int(statistics.median(w.first_view_gzip for w in weights)),
        first_view_max=heaviest.first_view_gzip,
        heaviest=heaviest.page,
        resources=heaviest.resources,
    )


def png_height(path: Path) -> int:
    """A PNG's height in pixels, from its header."""
    header = path.read_bytes()[:24]
    if header[12:16] != b"IHDR":
        raise ValueError(f"{path} is not a PNG")
    return int.from_bytes(header[20:24], "big")
