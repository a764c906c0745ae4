"""The Atom feed and the site's other machine-readable files with hostile text in them: well
formed, the same structure as the clean twin's, payloads only ever as text."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from tests.security.conftest import SHAPE_INDICATORS, Built
from tests.security.payloads import SNIPPET_SENTINEL, all_texts, marker, one_line

ATOM = "{http://www.w3.org/2005/Atom}"


def structure(root: ET.Element) -> list[tuple[str, tuple[str, ...]]]:
    return [(el.tag, tuple(sorted(el.attrib))) for el in root.iter()]


def feed(built: Built) -> tuple[str, ET.Element]:
    text = (built.site / "feed.xml").read_text("utf-8")
    return text, ET.fromstring(text)  # raises on anything that is not well-formed XML


def test_feed_has_the_clean_twins_structure(hostile: Built, short: Built, clean: Built) -> None:
    _, twin = feed(clean)
    for built in (hostile, short):
        text, root = feed(built)
        assert structure(root) == structure(twin)
        # The attributes are the site's addresses and the feed's own words, never data text.
        assert [el.attrib for el in root.iter()] == [el.attrib for el in twin.iter()]
        # No document type, entity declaration, processing instruction or CDATA section: a
        # payload's `<!DOCTYPE`, `<![CDATA[` or `<?` stays escaped text.
        body = text.split("?>", 1)[1]
        for raw in ("<!DOCTYPE", "<!ENTITY", "<![CDATA[", "<?", "<script", "<img", "<svg"):
            assert raw not in body, raw


def test_feed_entries_carry_the_payloads_whole_as_text(hostile: Built) -> None:
    _, root = feed(hostile)
    titles = [el.text or "" for el in root.iter(f"{ATOM}title")]
    summaries = [el.text or "" for el in root.iter(f"{ATOM}summary")]
    texts = dict(all_texts(hostile.filler))
    indicator_titles = [
        n
        for n, where in hostile.filler.where.items()
        if where.endswith(".yml.title") and where.startswith("indicators/")
    ]
    assert len(indicator_titles) == 3 + len(SHAPE_INDICATORS)
    for n in indicator_titles:
        assert any(t.startswith(one_line(texts[n]) + ": figures") for t in titles), marker(n)
    publishers = [
        n for n, where in hostile.filler.where.items() if where.endswith("source.publisher")
    ]
    for n in publishers:
        assert any(one_line(texts[n]) in s for s in summaries), marker(n)
    assert all(SNIPPET_SENTINEL not in t for t in titles + summaries)


def test_json_downloads_and_indexes_are_valid_json_holding_the_payloads(
    hostile: Built,
) -> None:
    """The data downloads, the data package, the site index and the search index parse, and
    give the payloads back exactly as the data has them."""
    site = hostile.site
    files = [
        site / "index.json",
        site / "datapackage.json",
        site / "search" / "search_index.json",
        *sorted((site / "indicators").glob("*/data.json")),
        *sorted((site / "indicators").glob("*/*.vl.json")),
    ]
    assert len(files) > 8
    found: set[str] = set()
    for path in files:
        data = json.loads(path.read_text("utf-8"))
        found |= set(_strings(data))
    texts = dict(all_texts(hostile.filler))
    whole = {n for n, text in texts.items() if text in found}
    # Every YAML text field of every indicator is in its data.json metadata, exactly.
    indicator_fields = {
        n
        for n, where in hostile.filler.where.items()
        if ".yml." in where and where.startswith("indicators/") and n in texts
    }
    assert indicator_fields <= whole, sorted(
        hostile.filler.where[n] for n in indicator_fields - whole
    )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# Fields the site does not publish at all (checked, and compared by the review summary, but in
# no page or download): a milestone's own citation and its baseline's. If one starts to be
# shown, take it off this list, so that its payload is looked for.
NOT_PUBLISHED = {
    "missions:milestones[].citation.publisher",
    "missions:milestones[].citation.title",
    "missions:milestones[].baseline.citation.publisher",
    "missions:milestones[].baseline.citation.title",
}


def test_every_free_text_field_reaches_the_built_site(hostile: Built) -> None:
    """Each free-text field of the models, and each CSV text column, shows up somewhere in the
    site (a page, a chart, a download), so every payload was really put to the test; a new
    field the site does not show fails here until it is listed above."""
    markers = {n: marker(n) for n, _ in all_texts(hostile.filler)}
    seen: set[int] = set()
    for path in hostile.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".svg"}:
            text = path.read_text("utf-8")
            seen |= {n for n, m in markers.items() if m in text}
    by_field: dict[str, bool] = {}
    for n in markers:
        where = hostile.filler.where[n]
        field = _field_name(where)
        by_field[field] = by_field.get(field, False) or n in seen
    missing = {field for field, shown in by_field.items() if not shown}
    assert missing == NOT_PUBLISHED, sorted(missing ^ NOT_PUBLISHED)


def _field_name(where: str) -> str:
    """Where a number went, as a field: `indicators/x.yml.breakdowns[0].values[1].label` is
    `indicators:breakdowns[].values[].label`."""
    if ": column " in where:
        return "csv:" + where.split(": column ")[1]
    kind, _, rest = where.partition(".yml.")
    return kind.split("/")[0] + ":" + re.sub(r"\[\d+\]", "[]", rest)


def test_nothing_outside_the_site_was_published(hostile: Built) -> None:
    """The snippet file only sits in the theme folder (published as a theme file, as every
    file there is); its sentinel is in no page, feed or download."""
    for path in hostile.site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".svg"}:
            assert SNIPPET_SENTINEL not in path.read_text("utf-8"), path
