"""Every page type in real headless Chromium: no console errors, nothing loaded from other
hosts, screenshots saved; and every page of the site axe-core clean (WCAG 2.2 A/AA), with and
without JavaScript, on a phone and a desktop, in the light and the dark scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser
from tests.browser.audit import MISSING, MODES, Mode, audit, report, site_pages
from tests.browser.conftest import ARTIFACTS, AXE, CHROMIUM_FLAGS, Watched, chromium_path

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


def address(page: Path) -> str:
    """MkDocs' address of a Markdown page: about.md is about/, guide/index.md is guide/."""
    parts = page.with_suffix("").parts
    return "".join(f"{p}/" for p in (parts[:-1] if parts[-1] == "index" else parts))


@pytest.fixture(scope="module")
def every_page(built_site: Path) -> list[str]:
    pages = site_pages(built_site / "site")
    # Each Markdown page (generated or written; not the snippets or the theme), each
    # indicator's embed, and the 404 page.
    docs = built_site / "docs"
    markdown = [p.relative_to(docs) for p in docs.rglob("*.md")]
    expected = {address(p) for p in markdown if p.parts[0] not in ("_generated", "overrides")}
    expected |= {
        f"indicators/{p.stem}/embed/" for p in (built_site / "data/indicators").glob("*.yml")
    }
    expected.add(MISSING)
    assert len(expected) > 50 and set(pages) == expected, set(pages) ^ expected
    return pages


def test_the_audit_leaves_out_old_addresses_that_only_redirect(fixture_site: Path) -> None:
    pages = site_pages(fixture_site / "site")
    assert "indicators/example-waits/" in pages
    assert "indicators/example-old-waits/" not in pages


@pytest.mark.parametrize("mode", MODES, ids=str)
def test_axe_reports_no_violations_on_any_page(
    every_page: list[str], site_url: str, mode: Mode
) -> None:
    """Every page of the shipped site, in one mode; every violation is reported at once."""
    violations, problems = audit(chromium_path(), CHROMIUM_FLAGS, AXE, site_url, every_page, mode)
    message = f"{len(every_page)} pages, {mode}:\n" + report(violations, problems)
    assert not violations and not problems, message


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
