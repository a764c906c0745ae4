"""Every page type in real headless Chromium: no console errors, nothing loaded from other
hosts, axe-core clean (WCAG 2.2 A/AA), with and without JavaScript; screenshots saved."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser
from tests.browser.conftest import ARTIFACTS, Watched, run_axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "mission": "missions/nhs/",
    "indicator": "indicators/rtt-within-18-weeks/",
    "indicator-breakdowns": "indicators/good-level-of-development/",
    "all-indicators": "indicators/",
    "methodology": "methodology/",
    "accessibility": "accessibility/",
    "editors-guide": "guide/editors/",
    "publishing-guide": "guide/publishing/",
    "embed": "indicators/rtt-within-18-weeks/embed/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_cleanly(watched: Watched, site_url: str, name: str) -> None:
    response = watched.page.goto(site_url + PAGES[name])
    assert response is not None and response.ok
    watched.page.wait_for_load_state("networkidle")
    assert watched.errors == []
    assert watched.external == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_axe_reports_no_violations(
    browser: Browser, site_url: str, name: str, javascript: bool, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    if not javascript:
        # The page's own scripts are blocked; axe itself is injected inline, not fetched.
        context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    context.close()
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("name", ["indicator", "indicator-breakdowns", "mission", "home"])
def test_without_javascript_chart_and_table_are_there(
    browser: Browser, site_url: str, name: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    if name.startswith("indicator"):
        figure = page.locator("figure#figure-chart")
        assert figure.locator("svg[role=img]").count() == 1
        assert figure.locator("svg text").count() > 5
        assert page.locator("details.mt-table table tbody tr").count() > 5
        described = figure.locator("svg").get_attribute("aria-describedby")
        assert described and page.locator(f"#{described}").inner_text().startswith("Line chart.")
    else:
        assert page.locator(".mt-card").count() >= (5 if name == "home" else 1)
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(
    "name", ["home", "mission", "indicator", "indicator-breakdowns", "methodology", "accessibility"]
)
def test_screenshots(browser: Browser, site_url: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    out = ARTIFACTS / "screenshots" / f"{name}-{width}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    context.close()
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("name", ["home", "mission", "indicator", "methodology"])
def test_no_horizontal_page_scroll_on_a_phone(browser: Browser, site_url: str, name: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375
