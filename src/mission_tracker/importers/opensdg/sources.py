"""Open SDG's sources 1 to 6 (`source_active_N`, `source_organisation_N`, `source_url_N`, ...)
-> the format's `source:` or `sources:`, each with its release date and licence."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from mission_tracker.importers.opensdg.dates import is_unknown, read_date
from mission_tracker.importers.opensdg.licences import LicenceValue, source_licence
from mission_tracker.importers.opensdg.text import one_line

SOURCE_NUMBERS = range(1, 7)
_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)


@dataclass
class SourceReading:
    sources: list[dict[str, Any]] = field(default_factory=list)  # in the format's key order
    licences: list[LicenceValue | None] = field(default_factory=list)  # one per source
    licence_reasons: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # metadata keys carried over
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (key, why), specific
    next_update: str | None = None
    frequency: str | None = None


def read_sources(meta: dict[str, Any], copy_of: str, retrieved: dt.date) -> SourceReading:
    found = SourceReading()
    for n in SOURCE_NUMBERS:
        if meta.get(f"source_active_{n}") is not True:
            continue
        key = f"source_url_{n}"
        found.used.add(f"source_active_{n}")
        written = one_line(meta.get(key))
        urls = _URL.findall(str(meta.get(key) or ""))
        if not urls:
            why = f"{written!r} is not a web address" if written else "it has no web address"
            found.dropped.append(
                (f"source_{n}", f"source {n} was not carried over: {why}, and the format needs one")
            )
            continue
        url = urls[0].rstrip(".,;)")
        if len(urls) > 1:
            found.dropped.append(
                (key, f"holds {len(urls)} addresses; only the first, {url}, is used")
            )
        publisher = one_line(meta.get(f"source_organisation_{n}"))
        if not publisher:
            found.dropped.append(
                (f"source_{n}", f"source {n} ({url}) names no organisation; the format needs one")
            )
            continue
        release = one_line(meta.get(f"source_url_text_{n}")) or url
        source: dict[str, Any] = {"publisher": publisher, "release": release, "url": url}
        date, why = read_date(meta.get(f"source_release_date_{n}"))
        if date is not None:
            source["release_date"] = date
        elif why:
            found.dropped.append((f"source_release_date_{n}", why + "; left out"))
        source["copy_of"] = copy_of
        source["retrieved"] = retrieved
        decision = source_licence(url)
        found.sources.append(source)
        found.licences.append(decision.value)
        found.licence_reasons.append(f"source {n} ({publisher}): {decision.reason}")
        found.used.update(
            f"source_{k}_{n}" for k in ("url", "organisation", "url_text", "release_date")
        )
        _next_update(meta, n, found)
        _frequency(meta, n, found)
    return found


def _next_update(meta: dict[str, Any], n: int, found: SourceReading) -> None:
    """The first source's next release that says something: a date (as YYYY-MM-DD) or the
    words as written (`Autumn 2023`); `TBC` and its like mean nobody knows, and are left out."""
    if (
        found.next_update is not None
        or (value := _known(meta, f"source_next_release_{n}", found)) is None
    ):
        return
    date, _ = read_date(value)
    found.next_update = date.isoformat() if date else one_line(value)


def _frequency(meta: dict[str, Any], n: int, found: SourceReading) -> None:
    if found.frequency is None and (value := _known(meta, f"source_periodicity_{n}", found)):
        found.frequency = one_line(value)


def _known(meta: dict[str, Any], key: str, found: SourceReading) -> Any:
    """The value of `key`, marked as used; None where it is missing or empty, or says that
    nobody knows (`TBC`: then reported as left out)."""
    value = meta.get(key)
    if value is None or not str(value).strip():
        return None
    found.used.add(key)
    if is_unknown(value):
        found.dropped.append((key, f"{str(value).strip()!r} means it is not known; left out"))
        return None
    return value
