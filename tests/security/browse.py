"""Visiting a page in headless Chromium and taking stock of it: every dialog, every request that
tried to leave localhost, every page error, and a snapshot of the document (its elements and
attribute names, its scripts, its links, its text) for comparison with the clean twin."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Route

LOCAL_HOSTS = {"127.0.0.1", "localhost"}

# Attributes whose values the templates alone decide: data text never belongs in them, so they
# must be the same, value for value, as on the clean twin's page (an attr_list `{#id .cls}` that
# took effect would show here even though it adds no attribute name).
FIXED_VALUES = (
    "id",
    "class",
    "rel",
    "type",
    "role",
    "target",
    "http-equiv",
    "tabindex",
    "scope",
    "rowspan",
    "colspan",
    "lang",
    "dir",
    "name",
    "property",
    "charset",
    "download",
    "hidden",
    "method",
    "action",
    "for",
)

SNAPSHOT_JS = r"""
([fixed, html, base]) => {
  // With `html`, the page as Chromium's parser builds it, inert (DOMParser runs no script,
  // follows no refresh, loads nothing); without it, the live document after its scripts ran.
  const doc = html === null ? document : new DOMParser().parseFromString(html, 'text/html');
  const baseURI = html === null ? document.baseURI : base;
  const live = html === null;
  const URL_ATTRS = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset',
    'poster', 'data', 'cite', 'background', 'ping', 'manifest', 'codebase', 'longdesc']);
  const SVG_FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'a',
    'image', 'use', 'animate', 'set', 'animatetransform', 'animatemotion', 'handler',
    'style', 'link', 'feimage']);
  const fixedSet = new Set(fixed);
  const squash = (text) => text.replace(/\s+/g, ' ').trim();
  const out = {structure: [], fixedValues: [], chartTags: [], violations: [], scripts: [],
               links: [], text: '', svgText: '', layout: []};
  // Inside a chart image (an <svg> in .mt-figure__image, static or drawn by Vega).
  const inChart = (el) => {
    const svg = el.parentElement && el.parentElement.closest('svg');
    return Boolean(svg) && svg.closest('.mt-figure__image') !== null;
  };
  // Vega's tooltip is checked on its own (its rows depend on the point last pointed at).
  const inTooltip = (el) => el.closest('#vg-tooltip-element') !== null;
  // Attributes Material's script sets from the layout, not from the page: a title on a
  // navigation entry too long for its box (its own text, copied), and the state of the
  // back-to-top button. Their values are checked, then they are left out of the comparison.
  const layoutOnly = (el, name, value) => {
    if (!live) return false;
    if (name === 'title' && el.matches('.md-ellipsis, .md-nav__link, .md-nav__link *')) {
      if (squash(value) !== squash(el.innerText || el.textContent)) {
        out.violations.push(`${el.tagName.toLowerCase()} has a title that is not its own text`);
      }
      out.layout.push(value);
      return true;
    }
    return el.matches('.md-top') && (name === 'hidden' || name === 'tabindex');
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  for (const el of doc.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    const chart = inChart(el);
    const tooltip = inTooltip(el);
    const names = el.getAttributeNames().map((n) => n.toLowerCase()).sort();
    const kept = [];
    for (const name of names) {
      const value = el.getAttribute(name) || '';
      if (name.startsWith('on')) {
        out.violations.push(`${describe(el)} has the attribute ${name}="${value.slice(0, 60)}"`);
      }
      if (URL_ATTRS.has(name)) {
        const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
        if (/^(javascript|vbscript|livescript|data:text\/html|data:image\/svg)/.test(squeezed)) {
          out.violations.push(`${describe(el)} has ${name}="${value.slice(0, 80)}"`);
        }
        if (name !== 'srcset') {
          let absolute = value;
          try { absolute = new URL(value, baseURI).href; } catch (e) {}
          out.links.push(`${tag} ${name} ${absolute}`);
        }
      }
      if (layoutOnly(el, name, value)) continue;
      kept.push(name);
      if (!chart && !tooltip && fixedSet.has(name)) {
        // Material marks the navigation entries scrolled past (toc.follow, tracking): where
        // the reader is, not what the page holds.
        const shown = live && name === 'class'
          ? value.split(/\s+/).filter((c) => !/^md-nav__link--(passed|active)$/.test(c)).join(' ')
          : value;
        out.fixedValues.push(`${tag} ${name}=${shown}`);
      }
    }
    if (chart) {
      out.chartTags.push(tag);
      if (SVG_FORBIDDEN.has(tag)) out.violations.push(`a chart image holds <${tag}>`);
      for (const name of names) {
        if (name === 'href' || name.endsWith(':href') || name === 'src') {
          out.violations.push(`a chart image's <${tag}> has the attribute ${name}`);
        }
      }
    } else if (!tooltip) {
      out.structure.push(tag + (kept.length ? ' ' + kept.join(' ') : ''));
    }
    if (tag === 'script') {
      out.scripts.push(el.hasAttribute('src')
        ? 'src ' + new URL(el.getAttribute('src'), baseURI).pathname
        : 'inline ' + (el.getAttribute('type') || '') + ' ' + el.textContent);
    }
  }
  // The text a reader sees: text nodes outside scripts and styles, those of chart images
  // apart; joined with a separator no payload holds.
  const walker = doc.createTreeWalker(doc.documentElement, NodeFilter.SHOW_TEXT);
  const parts = [], svgParts = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template')) continue;
    if (parent.closest('.mt-figure__image svg')) svgParts.push(node.data);
    else parts.push(node.data);
  }
  out.text = parts.join('\u241e');
  out.svgText = svgParts.join('\u241e');
  return out;
}
"""

POINT_AT_EACH_JS = r"""
(points) => {
  const shown = [];
  const tooltip = () => {
    const tip = document.getElementById('vg-tooltip-element');
    const inside = [...tip.querySelectorAll('*')];
    return {tags: inside.map((e) => e.tagName.toLowerCase()),
            attrs: inside.flatMap((e) => e.getAttributeNames()), text: tip.textContent};
  };
  for (const point of points) {
    const box = point.getBoundingClientRect();
    const at = {bubbles: true, cancelable: true, pointerType: 'mouse',
                clientX: box.x + box.width / 2, clientY: box.y + box.height / 2};
    for (const type of ['pointerover', 'pointermove']) {
      point.dispatchEvent(new PointerEvent(type, at));
    }
    for (const type of ['mouseover', 'mousemove']) point.dispatchEvent(new MouseEvent(type, at));
    const tip = document.getElementById('vg-tooltip-element');
    if (tip && tip.classList.contains('visible')) shown.push(tooltip());
  }
  return shown;
}
"""


@dataclass
class Visit:
    """What happened on one page, and what it held at the end."""

    path: str
    final_url: str = ""
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    snapshot: dict[str, Any] = field(default_factory=dict)
    tooltips: list[dict[str, Any]] = field(default_factory=list)
    charts_drawn: int = 0

    @property
    def structure(self) -> Counter[str]:
        return Counter(self.snapshot["structure"])

    @property
    def fixed_values(self) -> Counter[str]:
        return Counter(self.snapshot["fixedValues"])

    @property
    def scripts(self) -> Counter[str]:
        return Counter(self.snapshot["scripts"])


def page_paths(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path relative to its root URL."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if not rel.startswith("assets/"):
            paths.append(rel.removesuffix("index.html"))
    return paths


def page_file(site: Path, path: str) -> Path:
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


# Every address that is not this machine's (Playwright intercepts only what the pattern matches,
# so the site's own files are served without a round trip through Python).
ELSEWHERE = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])[a-z][a-z0-9+.-]*://")


class Watch:
    """A browser context that refuses and records every request to another host, and records
    every dialog (dismissing it), every uncaught page error and every new window; pages opened
    in it one after another share its HTTP cache, as a reader's tabs would."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.external: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context.route(ELSEWHERE, self._refuse)
        self.context.on("page", self._page)
        self.expected_pages = 0
        self.page = self.new_page()

    def new_page(self) -> Page:
        self.expected_pages += 1
        return self.context.new_page()

    def close_page(self, page: Page) -> None:
        page.close()
        self.expected_pages -= 1

    def _page(self, page: Page) -> None:
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        if len(self.context.pages) > self.expected_pages:
            self.external.append(f"a new window opened: {page.url}")

    def _refuse(self, route: Route) -> None:
        self.external.append(route.request.url)
        route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def close(self) -> None:
        self.context.close()


def static_snapshots(browser: Browser, site: Path, paths: list[str]) -> dict[str, Visit]:
    """Each page's document as Chromium parses it, without running it: the structure the
    templates and MkDocs wrote."""
    watch = Watch(browser)
    try:
        watch.page.goto("about:blank")
        found = {}
        for path in paths:
            html = page_file(site, path).read_text("utf-8")
            snapshot = watch.page.evaluate(
                SNAPSHOT_JS, [list(FIXED_VALUES), html, f"http://127.0.0.1/{path}"]
            )
            found[path] = Visit(path, path, snapshot=snapshot)
        assert not watch.dialogs and not watch.external and not watch.errors
        return found
    finally:
        watch.close()


def visit(watch: Watch, base: str, path: str, *, charts: bool, tooltips: bool) -> Visit:
    """Load a page with its scripts in a new tab, as a reader would; with `charts`, point at
    each chart so Vega draws it (and compare it with each breakdown), with `tooltips` also point
    at its data points. Then take stock, and close the tab."""
    seen = len(watch.dialogs), len(watch.external), len(watch.errors)
    page = watch.new_page()
    try:
        response = page.goto(base + path, wait_until="load")
        assert response is not None and response.ok, path
        result = Visit(path)
        if charts:
            result.charts_drawn, result.tooltips = _use_charts(page, tooltips=tooltips)
            page.wait_for_load_state("networkidle")
        else:
            # Markup from the data would be parsed, its images asked for and its handlers run
            # before the load event; a moment more covers what the page's scripts do next.
            page.wait_for_timeout(150)
        result.final_url = page.url.removeprefix(base)
        result.snapshot = page.evaluate(SNAPSHOT_JS, [list(FIXED_VALUES), None, ""])
    finally:
        watch.close_page(page)
    result.dialogs = watch.dialogs[seen[0] :]
    result.external = watch.external[seen[1] :]
    result.errors = watch.errors[seen[2] :]
    return result


def _use_charts(page: Page, *, tooltips: bool) -> tuple[int, list[dict[str, Any]]]:
    """Draw every chart with Vega as a reader would (by pointing at it), show the tooltips of
    its points, and compare it with each breakdown series in turn."""
    shown: list[dict[str, Any]] = []
    figures = page.locator("figure[data-spec]")
    drawn = 0
    for i in range(figures.count()):
        figure = figures.nth(i)
        figure.scroll_into_view_if_needed()
        # (Sent to the figure itself: the sticky header may lie over its top edge.)
        figure.dispatch_event("pointerenter")
        page.wait_for_function(
            "(f) => f.classList.contains('mt-interactive')", arg=figure.element_handle()
        )
        drawn += 1
        if tooltips:
            shown += _hover_points(page, figure)
        shown += _choose_held_values(page, figure, tooltips=tooltips)
        select = figure.locator(".mt-compare select")
        if select.count():
            values = [
                v
                for v in select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
                if v
            ]
            for value in values:
                before = figure.locator(".mt-figure__image svg").element_handle()
                select.select_option(value)
                # Vega draws the comparison as a new chart in place of the old one.
                page.wait_for_function("(svg) => !svg.isConnected", arg=before)
                page.wait_for_function(
                    "(f) => f.querySelector('.mt-figure__image svg .mark-symbol')",
                    arg=figure.element_handle(),
                )
                if tooltips:
                    shown += _hover_points(page, figure)
    return drawn, shown


def _choose_held_values(page: Page, figure: Any, *, tooltips: bool) -> list[dict[str, Any]]:
    """Choose each value a crossed breakdown's other breakdowns may be held at, in turn, as a
    reader would (their labels and values come from the data)."""
    shown: list[dict[str, Any]] = []
    selects = figure.locator(".mt-choices select")
    for n in range(selects.count()):
        select = selects.nth(n)
        current = select.input_value()
        values = select.locator("option").evaluate_all("(os) => os.map((o) => o.value)")
        for value in [v for v in values if v != current]:
            before = figure.locator(".mt-figure__image svg").element_handle()
            select.select_option(value)
            page.wait_for_function("(svg) => !svg.isConnected", arg=before)
            if tooltips:
                shown += _hover_points(page, figure)
    return shown


def _hover_points(page: Page, figure: Any) -> list[dict[str, Any]]:
    """Point at every data point of the chart, reading the tooltip each shows. The events are
    sent to each point's own element, as Vega reads them (by the element they reach), because
    the tooltip layers lie over one another and the pointer would reach only the top one."""
    figure.scroll_into_view_if_needed()
    shown: list[dict[str, Any]] = figure.locator(".mark-symbol path").evaluate_all(POINT_AT_EACH_JS)
    page.mouse.move(0, 0)
    return shown
