"""An Open SDG metadata file -> the indicator's fields: title, summary, measure, geography,
sources, licence, caveats, proxy; and every field that is not carried over, with why.

Open SDG's `indicator_name` is usually a translation key (`global_indicators.1-2-1-title`)
whose text lives in another repository; the title then comes from the national fields
(`indicator_available`, `graph_title`, `national_indicator_description`), never from a list
shipped with the importer. All text is made plain (text.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from mission_tracker.importers.opensdg.dropped import reason_for
from mission_tracker.importers.opensdg.licences import LicenceValue, repository_licence
from mission_tracker.importers.opensdg.sources import read_sources
from mission_tracker.importers.opensdg.text import one_line, paragraphs
from mission_tracker.model.limits import DEFAULT_LIMITS
from mission_tracker.model.periods import PeriodType

_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[A-Za-z0-9_.-]+$")  # a translation key, not text
_ACADEMIC = re.compile(r"\b(academic|school) years?\b", re.IGNORECASE)
_FINANCIAL = re.compile(r"\b(financial|fiscal|tax) years?\b|\bFYE\b", re.IGNORECASE)
CAVEAT_KEYS = ("data_footnote", "other_info", "comments_limitations")


@dataclass(frozen=True)
class GraphTitle:
    series: str | None
    unit: str | None
    title: str


@dataclass
class Fields:
    number: str  # `1.2.1`, as the source numbers it
    title: str
    summary: str
    measure: str
    geography: str
    coverage: str  # national_geographical_coverage as written ("" if none)
    computation_units: str
    split_type: PeriodType
    split_note: str  # said in the report when the data have split years
    sources: list[dict[str, Any]]
    licence: LicenceValue | None
    source_licences: list[LicenceValue | None]
    caveats: list[str]
    proxy: str | None = None
    proxy_series: list[str] = field(default_factory=list)
    frequency: str | None = None
    next_update: str | None = None
    graph_titles: list[GraphTitle] = field(default_factory=list)
    start_values: list[tuple[str, str]] = field(default_factory=list)
    series_breaks: list[dict[str, Any]] = field(default_factory=list)  # graph_series_breaks
    show_map: bool = False
    non_statistical: bool = False
    status: str = ""  # reporting_status
    placeholder: str = ""  # what Open SDG shows when no indicator exists
    notes: list[str] = field(default_factory=list)  # how things were read
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (key, why)


def read_fields(
    meta: dict[str, Any],
    body: str,
    indicator_id: str,
    copy_of: str,
    retrieved: dt.date,
    repository_licence_text: str,
) -> Fields:
    meta = dict(meta)
    notes: list[str] = []
    _repair_standalone(meta, notes)
    used: set[str] = {"indicator_number", "reporting_status", "data_non_statistical"}
    number = one_line(meta.get("indicator_number")) or indicator_id.removeprefix("archived-")
    title, title_key = _first_text(
        meta,
        (
            "indicator_name",
            "indicator_available",
            "national_indicator_available",
            "graph_title",
            "national_indicator_description",
        ),
        notes,
    )
    used.add(title_key)
    archived = indicator_id.startswith("archived-")
    title = (title or f"Indicator {number}") + (" (archived)" if archived else "")
    summary, summary_key = _first_text(
        meta,
        (
            "national_indicator_description",
            "indicator_available",
            "national_indicator_available",
            "graph_title",
        ),
        [],
    )
    used.add(summary_key)
    measure, measure_key = _first_text(meta, ("graph_title", "indicator_available"), [])
    used.add(measure_key)
    coverage = one_line(meta.get("national_geographical_coverage"))
    used.add("national_geographical_coverage")
    found = read_sources(meta, copy_of, retrieved)
    used |= found.used
    licence = repository_licence(repository_licence_text)
    notes.append(f"indicator licence {licence.value or 'not established'}: {licence.reason}")
    notes.extend(found.licence_reasons)
    main = licence.value or next((v for v in found.licences if v is not None), None)
    caveats = _caveats(meta, body, found.sources, used)
    split = _split_type(meta, body)
    fields = Fields(
        number=number,
        title=title,
        summary=summary or title,
        measure=measure or title,
        geography=coverage or _source_coverage(meta) or "Not stated in the source",
        coverage=coverage,
        computation_units=one_line(meta.get("computation_units")),
        split_type=split[0],
        split_note=split[1],
        sources=found.sources,
        licence=main,
        source_licences=[None if v == main else v for v in found.licences],
        caveats=caveats,
        frequency=found.frequency,
        next_update=found.next_update,
        show_map=meta.get("data_show_map") is True,
        non_statistical=meta.get("data_non_statistical") is True,
        status=one_line(meta.get("reporting_status")),
        placeholder=one_line(meta.get("placeholder")),
        notes=notes,
        dropped=list(found.dropped),
    )
    _proxy(meta, fields, used)
    fields.graph_titles = _graph_titles(meta.get("graph_titles"), fields, used)
    fields.start_values = _start_values(meta.get("data_start_values"), fields, used)
    used |= {"graph_series_breaks", "data_show_map", "computation_units", "standalone"}
    used.add("placeholder")
    breaks = meta.get("graph_series_breaks")
    fields.series_breaks = (
        [b for b in breaks if isinstance(b, dict)] if isinstance(breaks, list) else []
    )
    for key in sorted(k for k in meta if k not in used and _has_content(meta[k])):
        fields.dropped.append((key, reason_for(key, meta)))
    return fields


def _first_text(meta: dict[str, Any], keys: tuple[str, ...], notes: list[str]) -> tuple[str, str]:
    for key in keys:
        value = meta.get(key)
        if isinstance(value, str) and _KEY.fullmatch(value.strip()):
            notes.append(
                f"`{key}` is a translation key ({value.strip()}) whose text is not in this "
                "repository; the title comes from the national fields"
            )
            continue
        text = one_line(value)
        if text:
            return text, key
    return "", ""


def _source_coverage(meta: dict[str, Any]) -> str:
    return one_line(meta.get("source_geographical_coverage_1"))


def _repair_standalone(meta: dict[str, Any], notes: list[str]) -> None:
    """archived-11-6-1 and archived-7-b-1 have `standalone: true` typed inside the folded
    block of the key before it (`other_info: >-`), so YAML reads that key as empty and the
    block's text as `standalone`'s. The text is given back to that key."""
    value = meta.get("standalone")
    if not (isinstance(value, str) and value.strip().lower().startswith("true")):
        return
    meta["standalone"] = True
    rest = value.strip()[4:].strip()
    keys = list(meta)
    before = keys[keys.index("standalone") - 1] if keys.index("standalone") else None
    if rest and before is not None and meta.get(before) in ("", None):
        meta[before] = rest
        notes.append(
            f"`standalone: true` was typed inside `{before}`'s text; the text was given back "
            f"to `{before}`"
        )


def _caveats(
    meta: dict[str, Any], body: str, sources: list[dict[str, Any]], used: set[str]
) -> list[str]:
    found: list[str] = []
    for key in ("page_content", *CAVEAT_KEYS):
        found += paragraphs(meta.get(key))
        used.add(key)
    found = paragraphs(body) + found
    for n in range(1, 7):
        if meta.get(f"source_active_{n}") is True and meta.get(f"source_url_{n}"):
            found += paragraphs(meta.get(f"source_other_info_{n}"))
            used.add(f"source_other_info_{n}")
    unique = list(dict.fromkeys(found))
    return [part for text in unique for part in _fit(text)]


def _fit(text: str, limit: int = DEFAULT_LIMITS.text_chars) -> list[str]:
    """A paragraph longer than the format's limit for one text, split between sentences."""
    if len(text) <= limit:
        return [text]
    parts, current = [], ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if current and len(current) + 1 + len(sentence) > limit:
            parts.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}".strip()
    parts.append(current)
    return [p[i : i + limit] for p in parts for i in range(0, len(p), limit)]


def _split_type(meta: dict[str, Any], body: str) -> tuple[PeriodType, str]:
    """What `2015/16` means in this indicator: financial or academic years. The metadata
    says which in words; when it says neither (or both), financial years are assumed and the
    report says so, since the text of the periods is the same either way."""
    text = " ".join([body, *(str(v) for v in meta.values() if isinstance(v, str))])
    academic, financial = bool(_ACADEMIC.search(text)), bool(_FINANCIAL.search(text))
    if academic and not financial:
        return (
            PeriodType.ACADEMIC_YEAR,
            "split years such as 2015/16 are read as academic years, as the metadata says",
        )
    if financial and not academic:
        return (
            PeriodType.FINANCIAL_YEAR,
            "split years such as 2015/16 are read as financial years, as the metadata says",
        )
    says = (
        "mentions both financial and academic years"
        if academic
        else "does not say financial or academic"
    )
    return PeriodType.FINANCIAL_YEAR, (
        f"split years such as 2015/16 are read as financial years: the metadata {says} "
        "(if they are academic years, change `period_type` to `academic_year`)"
    )


def _proxy(meta: dict[str, Any], fields: Fields, used: set[str]) -> None:
    kind = one_line(meta.get("proxy")).lower()
    used |= {"proxy", "proxy_series"}
    series = meta.get("proxy_series")
    fields.proxy_series = [one_line(s) for s in series] if isinstance(series, list) else []
    if kind == "proxy":
        fields.proxy = (
            f"The source marks these figures as a proxy for global indicator {fields.number}: "
            "they approximate it rather than measure it exactly."
        )
    elif kind == "both" and fields.proxy_series:
        fields.proxy = (
            f"The source marks some series as a proxy for global indicator {fields.number}: "
            + "; ".join(fields.proxy_series)
            + "."
        )
    elif kind and kind not in ("no", "false", "none"):
        fields.dropped.append(("proxy", f"{kind!r} is not a value the importer knows"))


def _graph_titles(value: object, fields: Fields, used: set[str]) -> list[GraphTitle]:
    used.add("graph_titles")
    if not isinstance(value, list):
        return []
    found = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or "title" not in item:
            keys = ", ".join(map(str, item)) if isinstance(item, dict) else type(item).__name__
            fields.dropped.append(
                (f"graph_titles[{i}]", f"has no `title` (its keys: {keys}); not carried over")
            )
            continue
        unknown = [k for k in item if k not in ("series", "unit", "title")]
        if unknown:
            fields.dropped.append(
                (f"graph_titles[{i}]", f"has keys Open SDG does not read ({', '.join(unknown)})")
            )
        series = item.get("series")
        unit = item.get("unit")
        found.append(
            GraphTitle(
                None if series is None else one_line(series),
                None if unit is None else one_line(unit),
                one_line(item["title"]),
            )
        )
    return found


def _start_values(value: object, fields: Fields, used: set[str]) -> list[tuple[str, str]]:
    used.add("data_start_values")
    if not isinstance(value, list):
        return []
    found = []
    for i, item in enumerate(value):
        if isinstance(item, dict) and "field" in item and "value" in item:
            found.append((one_line(item["field"]), one_line(item["value"])))
        else:
            fields.dropped.append((f"data_start_values[{i}]", "not a `field` and `value` pair"))
    return found


def _has_content(value: object) -> bool:
    # `false` says nothing is there (`source_active_6: false`), so there is nothing to carry.
    if value is None or value is False or value == "" or value == [] or value == {}:
        return False
    return not (isinstance(value, str) and not value.strip())
