"""Press officers' controls in a real browser: embeds, copy buttons, redirects, and the
interactive chart that JavaScript adds on top of the static one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser
from tests.browser.conftest import Watched

pytestmark = pytest.mark.browser
RTT = "indicators/rtt-within-18-weeks/"


def test_embed_renders_inside_an_iframe_on_another_page(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    snippet_page = page.goto(site_url + RTT)
    assert snippet_page is not None
    code = page.locator("#embed-code").input_value()
    # The snippet points at the published address; point it at this test server instead.
    local = re.sub(r'src="[^"]+/indicators/', f'src="{site_url}indicators/', code)
    page.set_content(f"<!doctype html><title>An article</title><main>{local}</main>")
    frame = page.frame_locator("iframe")
    assert frame.locator("figure svg[role=img]").count() == 1
    assert "Source: NHS England" in frame.locator("figcaption").inner_text()
    link = frame.locator("figcaption a[target=_top]").last
    assert link.get_attribute("href", timeout=5000).endswith(RTT)
    assert page.locator("iframe").get_attribute("title")
    context.close()


def test_copy_link_uses_the_clipboard(browser: Browser, site_url: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + RTT)
    page.locator(".mt-copy-link").first.click()
    assert page.locator(".mt-copied").first.inner_text() == "Link copied"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "https://mission-tracker.github.io/mission-tracker/" + RTT + "#chart"
    assert page.url.endswith("#chart")
    page.locator("button[data-copy-target=embed-code]").click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("<iframe src=")
    context.close()


def test_copy_works_without_the_clipboard_api(browser: Browser, site_url: str) -> None:
    context = browser.new_context()
    # Browsers without the Clipboard API (or insecure pages) get the selection fallback.
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page = context.new_page()
    page.goto(site_url + RTT)
    page.evaluate(
        """() => { window.__copied = null;
                   document.addEventListener('copy', e => {
                     window.__copied = document.getSelection().toString(); }); }"""
    )
    page.locator("button[data-copy-target=citation-full]").click()
    assert page.evaluate("window.__copied").startswith("NHS England.")
    assert page.locator(
        "button[data-copy-target=citation-full] ~ .mt-copied, .mt-copied"
    ).first.inner_text() in ("Copied", "Press Ctrl+C (or Cmd+C) to copy")
    context.close()


def test_copy_link_without_javascript_is_a_plain_anchor(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + RTT)
    link = page.locator(".mt-copy-link").first
    assert link.get_attribute("href") == "#chart"
    link.click()
    assert page.url.endswith("#chart")
    # Copy buttons need script, so they stay hidden; the text itself is selectable.
    assert page.locator("button.mt-copy").first.is_hidden()
    context.close()


def test_old_address_redirects_with_its_anchor(browser: Browser, fixture_site_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(fixture_site_url + "indicators/example-old-waits/#chart")
    page.wait_for_url(re.compile(r".*/indicators/example-waits/#chart$"))
    assert page.locator("h1").inner_text().rstrip("¶") == "Example cases seen within 18 weeks"
    context.close()
    no_js = browser.new_context(java_script_enabled=False)
    page = no_js.new_page()
    page.goto(fixture_site_url + "indicators/example-old-waits/")
    page.wait_for_url(re.compile(r".*/indicators/example-waits/$"))
    no_js.close()


def test_chart_becomes_interactive_with_tooltips(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + RTT)
    figure = page.locator("figure#figure-chart")
    figure.hover()
    page.wait_for_selector("figure#figure-chart.mt-interactive", timeout=20000)
    svg = figure.locator(".mt-figure__image svg")
    assert svg.get_attribute("role") == "img"
    assert svg.get_attribute("aria-labelledby") == "chart-title"
    box = svg.bounding_box()
    assert box is not None
    # Sweep across the plot until Vega's tooltip shows a period and value.
    for fraction in (0.3, 0.4, 0.5, 0.6):
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * 0.45)
        page.wait_for_timeout(150)
        tooltip = page.locator("#vg-tooltip-element")
        if tooltip.count() and tooltip.is_visible() and "Period" in tooltip.inner_text():
            break
    else:
        pytest.fail("no tooltip appeared over the chart")
    assert watched.errors == [] and watched.external == []


def test_breakdown_comparison_control(watched: Watched, site_url: str) -> None:
    page = watched.page
    page.goto(site_url + "indicators/dwellings-completed/")
    figure = page.locator("figure#figure-chart")
    figure.hover()
    select = page.locator("#figure-chart-compare")
    select.wait_for(timeout=20000)
    options = select.locator("option").all_inner_texts()
    assert options[0].startswith("nothing")
    assert "Private enterprise" in options
    select.select_option(label="Private enterprise")
    page.wait_for_timeout(500)
    # The comparison line is drawn in the palette's orange.
    assert figure.locator('path[stroke="#F46A25"], path[stroke="#f46a25"]').count() >= 1
    assert watched.errors == [] and watched.external == []
