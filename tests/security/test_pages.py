"""Every page of the hostile sites in headless Chromium, against the same page of the clean twin:
no script of the data's runs, nothing is fetched from another host, and no element or attribute
appears that the templates did not write, whether the page is parsed inert or run with its
scripts (Material's, the site's own, and Vega drawing the charts)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser
from tests.security.browse import (
    LOCAL_HOSTS,
    Visit,
    Watch,
    page_paths,
    static_snapshots,
    visit,
)
from tests.security.conftest import Built
from tests.security.payloads import (
    SNIPPET_FILE,
    SNIPPET_SENTINEL,
    TRACKER_HOST,
    all_texts,
    marker,
    one_line,
)

pytestmark = pytest.mark.browser

HOSTILE = ("hostile", "short")
# Every kind of page the site has, as the example project names them.
PAGE_TYPES = {
    "home": "",
    "mission": "missions/alpha/",
    "mission without milestones": "missions/beta/",
    "indicator with breakdowns": "indicators/example-homes/",
    "indicator with a milestone": "indicators/example-waits/",
    "indicator with a series break": "indicators/example-rate/",
    "embed": "indicators/example-homes/embed/",
    "redirect from a previous id": "indicators/example-old-waits/",
    "all indicators": "indicators/",
    "methodology": "methodology/",
    "hand-written page": "about/",
    "editors' guide": "guide/editors/",
    "not found": "404.html",
}


def has_charts(path: str) -> bool:
    """Indicator pages, their embeds, and redirects to them."""
    return path.startswith("indicators/") and path != "indicators/"


# -- the visits, made once -------------------------------------------------------------------


@pytest.fixture(scope="session")
def static(chromium: Browser, sites: dict[str, Built]) -> dict[str, dict[str, Visit]]:
    return {
        name: static_snapshots(chromium, built.site, page_paths(built.site))
        for name, built in sites.items()
    }


@pytest.fixture(scope="session")
def live(
    chromium: Browser,
    sites: dict[str, Built],
    hostile_url: str,
    short_url: str,
    clean_url: str,
) -> dict[str, dict[str, Visit]]:
    """Every page of the hostile site and the twin, run as a reader would, charts drawn; and
    the chart pages of the short-payload site, whose charts have room for their points, with
    every tooltip shown."""
    paths = page_paths(sites["clean"].site)
    visits: dict[str, dict[str, Visit]] = {"hostile": {}, "short": {}, "clean": {}}
    watches = {name: Watch(chromium) for name in visits}
    try:
        for path in paths:
            charts = has_charts(path)
            for name, base in (("hostile", hostile_url), ("clean", clean_url)):
                visits[name][path] = visit(watches[name], base, path, charts=charts, tooltips=False)
            if charts:
                visits["short"][path] = visit(
                    watches["short"], short_url, path, charts=True, tooltips=True
                )
    finally:
        for watch in watches.values():
            watch.close()
    return visits


def each(visits: dict[str, Visit]) -> list[tuple[str, Visit]]:
    return sorted(visits.items())


def report(failures: dict[str, object]) -> str:
    return "\n".join(f"{path or '(home)'}: {what}" for path, what in sorted(failures.items()))


def counter_diff(extra: Counter[str], missing: Counter[str]) -> str:
    return f"not on the clean twin's page: {dict(extra)}; only on the twin's: {dict(missing)}"


# -- the pages -------------------------------------------------------------------------------


def test_every_page_type_is_there_on_every_site(static: dict[str, dict[str, Visit]]) -> None:
    clean_paths = set(static["clean"])
    assert set(PAGE_TYPES.values()) <= clean_paths
    for name in HOSTILE:
        assert set(static[name]) == clean_paths


@pytest.mark.parametrize("site", HOSTILE)
def test_no_script_from_the_data_runs(live: dict[str, dict[str, Visit]], site: str) -> None:
    assert live[site], "no page was visited"
    failures = {path: v.dialogs for path, v in each(live[site]) if v.dialogs}
    assert not failures, "dialogs opened:\n" + report(failures)


@pytest.mark.parametrize("site", [*HOSTILE, "clean"])
def test_nothing_is_fetched_from_another_host(live: dict[str, dict[str, Visit]], site: str) -> None:
    failures = {path: v.external for path, v in each(live[site]) if v.external}
    assert not failures, "requests to other hosts (refused):\n" + report(failures)


@pytest.mark.parametrize("site", HOSTILE)
def test_no_page_errors_the_twin_does_not_have(
    live: dict[str, dict[str, Visit]], site: str
) -> None:
    failures = {
        path: sorted(set(v.errors) - set(live["clean"][path].errors))
        for path, v in each(live[site])
        if set(v.errors) - set(live["clean"][path].errors)
    }
    assert not failures, "script errors:\n" + report(failures)


def test_the_charts_were_drawn(live: dict[str, dict[str, Visit]]) -> None:
    """The chart pages really ran Vega (so the live checks cover the interactive charts)."""
    for site in ("hostile", "short", "clean"):
        drawn = {path: v.charts_drawn for path, v in live[site].items() if has_charts(path)}
        assert drawn and all(n >= 1 for n in drawn.values()), (site, drawn)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_elements_and_attribute_names_are_the_clean_twins(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    """The same multiset of (element, attribute names) as the twin's page, outside the chart
    images (whose text is laid out by Vega): text and attribute values may differ, structure
    may not."""
    visits = static if mode == "static" else live
    failures = {}
    for path, v in each(visits[site]):
        twin = visits["clean"][path]
        if v.structure != twin.structure:
            failures[path] = counter_diff(
                v.structure - twin.structure, twin.structure - v.structure
            )
        # (The fragment follows the section scrolled to, which the payloads' length moves.)
        if v.final_url.partition("#")[0] != twin.final_url.partition("#")[0]:
            failures[path] = f"ended at {v.final_url!r}, the twin at {twin.final_url!r}"
    assert not failures, report(failures)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_attribute_values_the_templates_decide_are_the_clean_twins(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    """ids, classes, roles, link relations and the like take no text from the data, so an
    attr_list (`{#id .class}`) or a broken-out attribute would show here."""
    visits = static if mode == "static" else live
    failures = {}
    for path, v in each(visits[site]):
        twin = visits["clean"][path]
        if v.fixed_values != twin.fixed_values:
            failures[path] = counter_diff(
                v.fixed_values - twin.fixed_values, twin.fixed_values - v.fixed_values
            )
    assert not failures, report(failures)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_no_event_handlers_script_urls_or_active_chart_content(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    """No attribute starting with "on" anywhere, no javascript: (or HTML data:) address in any
    link or source, and inside the chart images no <script>, <foreignObject>, link or
    reference to another document."""
    visits = static if mode == "static" else live
    failures = {path: v.snapshot["violations"] for path, v in each(visits[site])}
    failures = {path: found for path, found in failures.items() if found}
    assert not failures, report(failures)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_scripts_are_the_clean_twins(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    """The same <script> elements, by source or by their whole inline text."""
    visits = static if mode == "static" else live
    failures = {}
    for path, v in each(visits[site]):
        twin = visits["clean"][path]
        if v.scripts != twin.scripts:
            failures[path] = counter_diff(v.scripts - twin.scripts, twin.scripts - v.scripts)
    assert not failures, report(failures)


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_chart_images_hold_only_what_the_clean_charts_hold(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    visits = static if mode == "static" else live
    failures = {}
    for path, v in each(visits[site]):
        extra = set(v.snapshot["chartTags"]) - set(visits["clean"][path].snapshot["chartTags"])
        if extra:
            failures[path] = sorted(extra)
    assert not failures, report(failures)


URL_FIELD_PATH = re.compile(r"^/u\d+(/|$|\?|#)")


@pytest.mark.parametrize("mode", ["static", "live"])
@pytest.mark.parametrize("site", HOSTILE)
def test_links_go_only_where_the_data_says(
    static: dict[str, dict[str, Visit]], live: dict[str, dict[str, Visit]], site: str, mode: str
) -> None:
    """Every address in a page is the site's own, one the clean twin has too, or (in a link)
    the value of one of the data's URL fields: never an address from the middle of free text,
    such as a Markdown image or link, an autolink or a tracker image."""
    visits = static if mode == "static" else live
    failures: dict[str, list[str]] = {}
    for path, v in each(visits[site]):
        twin_hosts = {
            urlsplit(link.split(" ", 2)[2]).hostname
            for link in visits["clean"][path].snapshot["links"]
        }
        for link in v.snapshot["links"]:
            tag, attribute, address = link.split(" ", 2)
            parts = urlsplit(address)
            if parts.scheme in ("about", "data", "blob"):
                continue  # (data: documents and SVG are refused by the handlers test)
            host = parts.hostname
            if host in LOCAL_HOSTS:
                continue
            if host == TRACKER_HOST:
                if tag == "a" and attribute == "href" and URL_FIELD_PATH.match(parts.path):
                    continue
                failures.setdefault(path, []).append(link)
            elif host not in twin_hosts:
                failures.setdefault(path, []).append(link)
    assert not failures, report(failures)


@pytest.mark.parametrize("site", HOSTILE)
def test_payloads_read_whole_as_text(
    static: dict[str, dict[str, Visit]], sites: dict[str, Built], site: str
) -> None:
    """Wherever a payload shows, all of it shows, character for character (on one line): no
    Markdown, attr_list or snippet syntax in it was acted on, nothing was dropped; and the file
    a snippet include names never appears in a page."""
    filler = sites[site].filler
    texts = dict(all_texts(filler))
    failures: dict[str, list[str]] = {}
    shown: set[int] = set()
    for path, v in each(static[site]):
        text = v.snapshot["text"]
        for n, payload in texts.items():
            if f"{marker(n)}'" in text or f'{marker(n)}"' in text:
                shown.add(n)
                whole = one_line(payload)
                # A label inside a sentence starts in lower case ("broken down by sex").
                in_sentence = whole[:1].lower() + whole[1:]
                if whole not in text and in_sentence not in text:
                    failures.setdefault(path, []).append(f"{filler.where[n]} ({marker(n)})")
        if SNIPPET_SENTINEL in text or SNIPPET_SENTINEL in v.snapshot["svgText"]:
            failures.setdefault(path, []).append(f"the snippet {SNIPPET_FILE} was included")
    assert not failures, report(failures)
    assert len(shown) > len(texts) // 2, "most payloads should show on some page"


def test_tooltips_show_the_data_as_text(live: dict[str, dict[str, Visit]]) -> None:
    """Vega's tooltips (series label, period, value) are text in a table, also for breakdown
    labels made of markup."""
    tips = [tip for v in live["short"].values() for tip in v.tooltips]
    assert tips, "no tooltip was shown"
    assert any(re.search(r"P\d{3}'\"><img", tip["text"]) for tip in tips), (
        "no tooltip showed a hostile label: " + repr([t["text"] for t in tips][:5])
    )
    for tip in tips:
        assert set(tip["tags"]) <= {"table", "tbody", "tr", "td", "th", "h2"}, tip
        assert set(tip["attrs"]) <= {"class"}, tip


# -- search and Material's tooltips ------------------------------------------------------------


SEARCH_RESULT_JS = r"""
() => {
  const box = document.querySelector('.md-search-result');
  if (!box) return null;
  const els = [...box.querySelectorAll('*')];
  return {
    tags: els.map((e) => e.tagName.toLowerCase()),
    attrs: els.flatMap((e) => e.getAttributeNames()),
    hrefs: els.filter((e) => e.hasAttribute('href')).map((e) => e.getAttribute('href')),
    count: box.querySelectorAll('.md-search-result__item').length,
    text: box.textContent,
  };
}
"""
SEARCH_TAGS = {
    "div", "ol", "ul", "li", "a", "article", "h1", "h2", "p", "mark", "details", "summary", "span",
    "nav", "code", "svg", "path",
}  # fmt: skip
SEARCH_ATTRS = {
    "class", "href", "data-md-score", "data-md-component", "tabindex", "title", "xmlns",
    "viewbox", "d", "aria-hidden", "data-md-state", "data-md-highlight", "role",
}  # fmt: skip


def _search(watch: Watch, query: str) -> dict[str, object]:
    page = watch.page
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for=__search]").first.click()
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=5)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta')?.textContent.trim()"
    )
    page.wait_for_timeout(300)
    found = page.evaluate(SEARCH_RESULT_JS)
    assert isinstance(found, dict)
    return found


def test_search_shows_hostile_text_as_text(
    chromium: Browser, hostile_url: str, sites: dict[str, Built]
) -> None:
    """Material's search finds the payloads and shows them as text; typing a payload into the
    search box runs nothing either."""
    filler = sites["hostile"].filler
    title = next(
        n for n, where in filler.where.items() if where.endswith("example-homes.yml.title")
    )
    watch = Watch(chromium)
    try:
        watch.page.goto(hostile_url, wait_until="load")
        results = []
        for query in (marker(title), "alert", one_line(filler.text(title))[:200]):
            results.append(_search(watch, query))
        hits = results[0]
        assert isinstance(hits["count"], int) and hits["count"] >= 1, hits
        assert f'{marker(title)}"><script>' in str(hits["text"]), hits["text"]
        for found in results:
            assert set(found["tags"]) <= SEARCH_TAGS, found["tags"]  # type: ignore[arg-type]
            assert set(found["attrs"]) <= SEARCH_ATTRS, found["attrs"]  # type: ignore[arg-type]
            for href in found["hrefs"]:  # type: ignore[attr-defined]
                assert not href.lower().startswith("javascript"), href
                assert TRACKER_HOST not in href, href
        watch.page.wait_for_timeout(200)
        assert watch.dialogs == []
        assert watch.external == []
    finally:
        watch.close()


TITLED_JS = r"""
() => [...document.querySelectorAll('[title]')]
  .filter((e) => !e.closest('.mt-figure__image'))
  .map((e) => e.getAttribute('title'))
"""
POINT_AT_JS = r"""
(i) => {
  const titled = [...document.querySelectorAll('[title]')];
  const el = titled.filter((e) => !e.closest('.mt-figure__image'))[i];
  if (!el) return;
  for (const type of ['pointerenter', 'mouseenter', 'mouseover']) {
    el.dispatchEvent(new MouseEvent(type, {bubbles: type === 'mouseover'}));
  }
  if (el.focus) el.focus();
}
"""
TOOLTIPS_JS = r"""
() => [...document.querySelectorAll('.md-tooltip2, .md-tooltip')].map((t) => ({
  tags: [...t.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()),
  text: t.textContent}))
"""


@pytest.mark.parametrize("path", ["missions/alpha/", "indicators/example-homes/"])
def test_pointing_at_titled_elements_runs_nothing(
    chromium: Browser, hostile_url: str, path: str
) -> None:
    """Material gives an element whose text is too long for its box (a mission's name in the
    navigation, a page title in the header) a title copied from its text, and any element with
    a title (the templates' own, the headings' links) a tooltip when pointed at or focused.
    Pointing at each of them, with the page scrolled so the header shows the page's title,
    must run nothing and fetch nothing; a tooltip, if one is shown, must hold only text."""
    watch = Watch(chromium)
    try:
        page = watch.page
        page.goto(hostile_url + path, wait_until="load")
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(500)
        titles = page.evaluate(TITLED_JS)
        assert any('"><script>' in t for t in titles), "no long title from the data was titled"
        tips: list[dict[str, object]] = []
        for i in range(len(titles)):
            page.evaluate(POINT_AT_JS, i)
            page.wait_for_timeout(150)
            tips += page.evaluate(TOOLTIPS_JS)
        assert watch.dialogs == [], watch.dialogs
        assert watch.external == [], watch.external
        for tip in tips:
            assert set(tip["tags"]) <= {"div"}, tip  # type: ignore[arg-type]
    finally:
        watch.close()


SVG_DOCUMENT_JS = r"""
() => {
  const all = [...document.querySelectorAll('*')];
  return {
    root: document.documentElement.tagName.toLowerCase(),
    bad: all.flatMap((e) => {
      const tag = e.tagName.toLowerCase();
      const found = e.getAttributeNames()
        .filter((n) => n.toLowerCase().startsWith('on') || /(^|:)href$/i.test(n))
        .map((n) => `<${tag}> ${n}`);
      if (['script', 'foreignobject', 'iframe', 'a', 'image', 'use', 'style'].includes(tag)) {
        found.push(`<${tag}>`);
      }
      return found;
    }),
    text: document.documentElement.textContent,
  };
}
"""


@pytest.mark.parametrize("site", HOSTILE)
def test_chart_files_opened_on_their_own_run_nothing(
    chromium: Browser, sites: dict[str, Built], site: str, request: pytest.FixtureRequest
) -> None:
    """The downloadable SVG charts (with the title and description written into them) are
    served from the site's own origin, so opening one must be as inert as the page."""
    base = request.getfixturevalue(f"{site}_url")
    files = sorted(
        p.relative_to(sites[site].site).as_posix()
        for p in (sites[site].site / "indicators").glob("*/*.svg")
    )
    assert len(files) >= 4
    watch = Watch(chromium)
    try:
        for rel in files:
            page = watch.new_page()
            page.goto(base + rel, wait_until="load")
            found = page.evaluate(SVG_DOCUMENT_JS)
            watch.close_page(page)
            assert found["root"] == "svg", rel
            assert found["bad"] == [], (rel, found["bad"])
            assert re.search(r"P\d{3}'?\"><", found["text"]), rel  # its hostile title, as text
        assert watch.dialogs == [] and watch.external == [] and watch.errors == []
    finally:
        watch.close()
