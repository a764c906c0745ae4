"""An indicator's whole output (its page, embed page, charts as files, downloads, redirects)
in the store, keyed by exactly what it is made from.

Writing one indicator's files takes 15 to 20 ms (its tables, its JSON and CSV, its page), and
a rebuild after an edit to one CSV used to write them all again. `indicator_output` reads only
the indicator, its `Surroundings` (its facts, mission, milestones and the headlines of the
indicators it links to), its charts and the site's settings, so the key covers:

- the indicator's data files (the loaded indicator is a function of them alone);
- its surroundings, written out in full (charts/speccache.py's canonical form);
- its charts: the key of their specs, and what a render is made from besides its spec (the
  renderer's version and fonts), so the key is known before any spec or render is read and
  an indicator whose output is kept needs neither;
- the site's settings, the locale, the declared maps, and the whole generator (its code,
  templates and catalogues, and the versions of the packages it uses).

An edit to another indicator changes this key only if this page shows something of it (its
title or headline, as a related indicator). Entries are verified when read, like every entry
in the store, and one that does not read back whole is made again.
"""

from __future__ import annotations

import json
import zlib

from mission_tracker.analyse.numbers import current_locale
from mission_tracker.cache.fingerprint import generator_version
from mission_tracker.cache.store import Store, digest
from mission_tracker.charts.speccache import Uncacheable, canonical
from mission_tracker.read.config import Site
from mission_tracker.site.indicator import Surroundings

NAMESPACE = "outputs"
FORMAT = "1"  # bump when the entry layout changes


def output_key(
    site: Site,
    sources: tuple[bytes, ...],
    indicator_id: str,
    around: Surroundings,
    specs: str | None,
    drawing: str,
    maps: frozenset[str],
) -> str | None:
    """The key of an indicator's output; None when an input cannot be described exactly (its
    specs were not cacheable, or its surroundings hold something the canonical form cannot
    write), and then its output is made afresh."""
    if specs is None:
        return None
    try:
        shown = json.dumps(canonical(around, indicator_id), sort_keys=True, ensure_ascii=False)
    except Uncacheable:
        return None
    return digest(
        FORMAT,
        generator_version(),
        current_locale(),
        repr(site),
        indicator_id,
        *sources,
        shown,
        specs,
        drawing,
        *sorted(maps),
    )


def get_output(store: Store, key: str | None) -> dict[str, bytes] | None:
    """The files stored under `key`, or None when there are none (or they do not read back)."""
    if key is None:
        return None
    packed = store.get(NAMESPACE, key)
    if packed is None:
        return None
    try:
        head, _, body = zlib.decompress(packed).partition(b"\n")
        index = json.loads(head)
        files: dict[str, bytes] = {}
        at = 0
        for path, size in index:
            files[str(path)] = body[at : at + int(size)]
            at += int(size)
    except (zlib.error, ValueError, TypeError):
        return None
    return files if at == len(body) else None


def put_output(store: Store, key: str | None, files: dict[str, bytes]) -> None:
    """Keep an indicator's files: a line listing each path and size, then their bytes, all
    compressed (quickly: the text is most of it, and a fifth of its size compressed)."""
    if key is None:
        return
    index = json.dumps([[path, len(data)] for path, data in files.items()], ensure_ascii=False)
    data = index.encode("utf-8") + b"\n" + b"".join(files.values())
    store.put(NAMESPACE, key, zlib.compress(data, 1))
