"""The pages of real statistics of every shape (tests/fixtures/shapes) in a real browser: a
crossed breakdown, a local-authority map, several measures and pooled periods, at phone and
desktop widths, with JavaScript and without: axe-clean, no sideways scroll, screenshots in
test-artifacts/shapes/; and the held values of a crossed breakdown chosen with JavaScript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from tests.browser.audit import MODES, RUN_AXE, WCAG_TAGS, Mode, audit, report, site_pages
from tests.browser.conftest import ARTIFACTS, AXE, CHROMIUM_FLAGS, chromium_path, serve

pytestmark = pytest.mark.browser

PAGES = {
    "crossed": "indicators/research-spending/",
    "map": "indicators/land-consumption/",
    "measures": "indicators/food-waste/",
    "pooled": "indicators/open-water-area/",
}


@pytest.fixture(scope="module")
def shapes_url(shapes_site: Path) -> Iterator[str]:
    yield from serve(shapes_site / "site")


def run_axe(page: Page) -> list[dict[str, str]]:
    page.evaluate(AXE.read_text("utf-8"))
    return list(page.evaluate(RUN_AXE, WCAG_TAGS))


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_axe_reports_no_violations_on_any_page_of_the_shapes_site(
    shapes_site: Path, shapes_url: str, mode: Mode
) -> None:
    pages = site_pages(shapes_site / "site")
    assert set(PAGES.values()) <= set(pages)
    violations, problems = audit(chromium_path(), CHROMIUM_FLAGS, AXE, shapes_url, pages, mode)
    message = f"{len(pages)} pages, {mode}:\n" + report(violations, problems)
    assert not violations and not problems, message


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_shape_pages_fit_the_screen(
    browser: Browser, shapes_url: str, name: str, javascript: bool, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    if not javascript:
        context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(shapes_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    out = ARTIFACTS / "shapes" / f"{name}-{width}-{'js' if javascript else 'no-js'}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert scroll <= width
    assert out.stat().st_size > 10_000


def test_without_javascript_the_map_and_its_table_are_there(
    browser: Browser, shapes_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(shapes_url + PAGES["map"])
    image = page.locator("figure#figure-chart-breakdowns img")
    assert image.get_attribute("alt")
    assert page.evaluate("document.querySelector('figure#figure-chart-breakdowns img').complete")
    rows = page.locator("figure#figure-chart-breakdowns ~ details.mt-table tbody tr").count()
    context.close()
    assert rows > 300


def test_readers_choose_the_held_values_of_a_crossed_breakdown(
    browser: Browser, shapes_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(shapes_url + "indicators/poverty-risk/")
    figure = page.locator("figure[data-views]").first
    before = figure.locator(".mt-figure__description").inner_text()
    figure.hover()
    page.wait_for_selector("fieldset.mt-choices select", timeout=60_000)
    choice = figure.locator("fieldset.mt-choices select").first
    assert choice.locator("option").all_inner_texts()[:2] == ["All", "15 and under"]
    choice.select_option(label="15 and under")
    page.wait_for_function(
        "d => document.querySelector(d).textContent.includes('age 15 and under')",
        arg=f"#{figure.get_attribute('id')} .mt-figure__description",
        timeout=60_000,
    )
    after = figure.locator(".mt-figure__description").inner_text()
    status = figure.locator("[aria-live]").inner_text()
    violations = run_axe(page)
    context.close()
    assert "for all ages" in before and "for age 15 and under" in after
    assert status == "Showing the chart for age 15 and under."
    assert violations == [] and errors == []
