"""Lighthouse scores (mobile, the default config) for the home, a mission and an indicator
page, each the median of three runs, served from localhost with gzip as GitHub Pages serves
them."""

from __future__ import annotations

import dataclasses
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
)
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for text types when the browser asks (as Pages does)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        if self.path.split("?")[0].endswith("/") is False and path.name == "index.html":
            return super().send_head()  # let the base class redirect "dir" to "dir/"
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = partial(_Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Scores:
    page: str
    scores: dict[str, int]  # category -> 0..100
    failing: tuple[str, ...] = ()  # "audit-id (value)" for weighted audits below full marks
    site: str = ""  # which site the page is on, when several are audited

    def on(self, site: str) -> Scores:
        return dataclasses.replace(self, site=site)


def _failing(report: dict[str, Any]) -> tuple[str, ...]:
    out = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or f"score {audit['score']:.2f}"
                out.append(f"{ref['id']} ({shown})")
    return tuple(out)


def available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not LIGHTHOUSE.is_file():
        return f"{LIGHTHOUSE} is missing (run `npm ci`)"
    if not Path(chromium()).is_file():
        return f"Chromium is missing at {chromium()}"
    return None


def chromium() -> str:
    return os.environ.get("CHROME_PATH") or os.environ.get("CHROMIUM") or "/usr/bin/chromium"


def audit(site: Path, pages: list[str], runs: int = 3) -> list[Scores]:
    """Each page audited `runs` times; the run with the median performance score is kept
    (performance varies from run to run on a busy machine, the other categories do not)."""
    results = []
    with serve(site) as base, tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            found = sorted(
                (_run(base + page, Path(tmp) / "report.json") for _ in range(runs)),
                key=lambda s: s.scores["performance"],
            )
            median = found[len(found) // 2]
            results.append(Scores(page or "/", median.scores, median.failing))
    return results


def _run(url: str, report: Path) -> Scores:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": chromium()},
        check=True,
        capture_output=True,
        timeout=300,
    )
    data = json.loads(report.read_text("utf-8"))
    return Scores(
        url,
        {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES},
        _failing(data),
    )
