"""Browser fixtures: the built sites served over HTTP on localhost, and Debian's Chromium
driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.fail(
            "Chromium is not installed: run `make test` (it installs it) or "
            "`apt-get install chromium`"
        )
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site / "site")


@pytest.fixture(scope="session")
def fixture_site_url(fixture_site: Path) -> Iterator[str]:
    yield from serve(fixture_site / "site")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Watched:
    """A page that records console errors and every request that leaves localhost."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request: object) -> None:
        url: str = request.url  # type: ignore[attr-defined]
        if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            self.external.append(url)


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Watched(page)
    context.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page: Page) -> list[dict[str, object]]:
    """axe-core's WCAG 2.0/2.1/2.2 A and AA rules; returns the violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
          const r = await axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
          });
          return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
        }""",
        WCAG_TAGS,
    )
    return list(result)
