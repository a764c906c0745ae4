"""axe-core over every page of a built site, in each way a reader may see it.

A mode is JavaScript on or off, a width and a colour scheme. With JavaScript on, each chart is
made interactive first, as a reader reaching for it makes it; the scheme follows the reader's
system setting. With it off, none of the page's scripts run, not even inline ones, and the
scheme is always the light one. Each page is one navigation of a reused tab, a few tabs at a
time; the audit runs on Playwright's async API in a thread of its own, so it never meets the
sync API the other tests use.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.async_api import BrowserContext, CDPSession, Page, async_playwright

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MISSING = "no-such-page/"  # any missing address is answered with the site's 404.html
REDIRECT = re.compile(r'<meta http-equiv="refresh"', re.IGNORECASE)
TABS = 3  # pages audited at once: enough to keep two cores busy

# Material's script and ours (which names the search dialog) have run, in the expected scheme.
SETTLED = """scheme => document.readyState === 'complete' && (!document.querySelector('.md-search')
  || (document.querySelector('.md-search').hasAttribute('aria-label')
      && document.body.dataset.mdColorScheme === scheme))"""
NO_SCRIPT_RAN = "() => !document.documentElement.classList.contains('js')"
# Reaching for each chart (focus: the keyboard's way; pointer and touch do the same) makes it
# interactive; returns how many there are.
REACH_FOR_CHARTS = """() => {
  const figures = [...document.querySelectorAll('figure[data-spec]')];
  figures.forEach(f => f.dispatchEvent(new FocusEvent('focusin', {bubbles: true})));
  return figures.length;
}"""
CHARTS_INTERACTIVE = "n => document.querySelectorAll('figure.mt-interactive').length === n"
RUN_AXE = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                     resultTypes: ['violations']});
  return r.violations.flatMap(v => v.nodes.map(n => ({
    rule: v.id, impact: v.impact, help: v.help, target: n.target.join(' '),
    summary: (n.failureSummary || '').replace(/\\s+/g, ' ')})));
}"""


@dataclass(frozen=True)
class Mode:
    javascript: bool
    width: int
    dark: bool = False

    def __str__(self) -> str:
        scheme = "-dark" if self.dark else ""
        return f"{'js' if self.javascript else 'no-js'}{scheme}-{self.width}"


# The dark scheme is audited at one width: the colours do not change with it, and at 1,280
# pixels the navigation and the table of contents are on screen as well.
MODES = [Mode(True, 375), Mode(True, 1280), Mode(True, 1280, dark=True)]
MODES += [Mode(False, 375), Mode(False, 1280)]


@dataclass(frozen=True)
class Violation:
    page: str
    mode: Mode
    rule: str
    impact: str
    target: str
    help: str
    summary: str


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, as addresses relative to its root: each index.html (home,
    missions, indicators and their embeds, the indicators index, methodology, every written
    page) except stubs that only redirect an old address, and the 404 page."""
    pages = [
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if not REDIRECT.search(p.read_text("utf-8"))
    ]
    return sorted(pages) + ([MISSING] if (site / "404.html").is_file() else [])


def audit(
    chromium: str, flags: list[str], axe: Path, base: str, pages: Sequence[str], mode: Mode
) -> tuple[list[Violation], list[str]]:
    """Audits the pages (addresses under `base`) in one mode; returns the violations, and the
    pages that did not load or settle."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = asyncio.run(
                _audit(chromium, flags, axe.read_text("utf-8"), base, pages, mode)
            )
        except BaseException as error:  # raised again in the calling thread
            outcome["error"] = error

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    result: tuple[list[Violation], list[str]] = outcome["result"]
    return result


async def _audit(
    chromium: str, flags: list[str], axe: str, base: str, pages: Sequence[str], mode: Mode
) -> tuple[list[Violation], list[str]]:
    violations: list[Violation] = []
    problems: list[str] = []
    queue = list(reversed(pages))

    async def tab(context: BrowserContext) -> None:
        page = await context.new_page()
        cdp = None if mode.javascript else await context.new_cdp_session(page)
        while queue:
            address = queue.pop()
            name = address or "(home)"
            try:
                found = await _audit_page(page, cdp, mode, axe, base + address)
            except Exception as error:  # a page that does not load or settle fails too
                problems.append(f"{name} [{mode}]: {str(error).splitlines()[0]}")
                continue
            violations.extend(Violation(page=name, mode=mode, **v) for v in found)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=flags)
        try:
            context = await browser.new_context(
                viewport={"width": mode.width, "height": 900},
                color_scheme="dark" if mode.dark else "light",
                java_script_enabled=mode.javascript,
            )
            await asyncio.gather(*(tab(context) for _ in range(TABS)))
        finally:
            await browser.close()
    violations.sort(key=lambda v: (v.rule, v.page, v.target))
    return violations, sorted(problems)


async def _audit_page(
    page: Page, cdp: CDPSession | None, mode: Mode, axe: str, url: str
) -> list[dict[str, str]]:
    if cdp:
        # The context has JavaScript off; it is switched on again once the page has loaded,
        # only to run axe, so none of the page's own scripts ever ran.
        await cdp.send("Emulation.setScriptExecutionDisabled", {"value": True})
    response = await page.goto(url)
    expected = 404 if url.endswith(MISSING) else 200
    if response is None or response.status != expected:
        raise AssertionError(f"status {response and response.status}, not {expected}")
    if cdp:
        await cdp.send("Emulation.setScriptExecutionDisabled", {"value": False})
        if not await page.evaluate(NO_SCRIPT_RAN):
            raise AssertionError("the page's scripts ran")
    else:
        await page.wait_for_function(SETTLED, arg="slate" if mode.dark else "default")
        charts = await page.evaluate(REACH_FOR_CHARTS)
        if charts:
            await page.wait_for_function(CHARTS_INTERACTIVE, arg=charts, timeout=30_000)
    await page.evaluate(axe)
    return list(await page.evaluate(RUN_AXE, WCAG_TAGS))


def report(violations: list[Violation], problems: list[str]) -> str:
    """Every violation, grouped by rule: one line per page and element."""
    lines: list[str] = []
    for rule in sorted({v.rule for v in violations}):
        found = [v for v in violations if v.rule == rule]
        pages = len({v.page for v in found})
        lines.append(f"{rule} ({found[0].impact}): {found[0].help}: {len(found)} on {pages} pages")
        lines += [f"  {v.page} [{v.mode}] {v.target} :: {v.summary}" for v in found]
    if problems:
        lines.append("pages that did not load or settle:")
        lines += [f"  {p}" for p in problems]
    return "\n".join(lines)
