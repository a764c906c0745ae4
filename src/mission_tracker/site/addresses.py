"""The site's permanent addresses, and relative links between them.

Mission pages live at missions/<id>/ and indicator pages at indicators/<id>/, whatever mission
an indicator belongs to, so regrouping missions never breaks a link someone has published.
"""

from __future__ import annotations

import posixpath


def mission_url(mission_id: str) -> str:
    return f"missions/{mission_id}/"


def indicator_url(indicator_id: str) -> str:
    return f"indicators/{indicator_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one site-relative address to another (both like "indicators/x/")."""
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    target = to_url or "."
    rel = posixpath.relpath(target, base or ".")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel == "./" or rel == "." else rel
