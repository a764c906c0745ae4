"""The Vega runtime the site serves itself (no CDN): Vega, Vega-Lite and vega-embed in one file.

Bundling takes seconds, so the bundle is kept in the store, keyed by the versions it is made
from.
"""

from __future__ import annotations

import vl_convert as vlc

from mission_tracker.cache.store import Store, digest
from mission_tracker.charts.chart import VEGA_LITE_VERSION
from mission_tracker.charts.render import VL_CONVERT_VERSION

NAMESPACE = "runtime"
_EXPORTS = "window.vegaEmbed = vegaEmbed; window.vega = vega; window.vegaLite = vegaLite;"


def vega_runtime(store: Store) -> str:
    key = digest(VL_CONVERT_VERSION, VEGA_LITE_VERSION, _EXPORTS)
    found = store.get(NAMESPACE, key)
    if found is not None:
        return found.decode("utf-8")
    text: str = vlc.javascript_bundle(_EXPORTS, vl_version=VEGA_LITE_VERSION)
    store.put(NAMESPACE, key, text.encode("utf-8"))
    return text
