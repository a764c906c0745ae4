"""`mkdocs build --strict`, run in this process.

Kept in-process, not run as `python -m mkdocs build`: the settings Material prints without
escaping are escaped here, on the loaded configuration, and a second process would print them
raw (a different site, and markup from mkdocs.yml in every page). Time is not the reason: the
example site takes 1.3-1.7 s either way (five builds each, measured).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from markupsafe import escape

from mission_tracker.cache.store import Store
from mission_tracker.cache.templates import compiled_in

# Settings Material prints into every page without escaping them. They are escaped here, as
# markup-safe strings, so that Material's own `| e` does not escape them a second time.
PRINTED_RAW = ("site_name", "site_description", "copyright")


def _escape_settings(config: Any) -> None:
    for key in PRINTED_RAW:
        value = config.get(key)
        if isinstance(value, str):
            config[key] = escape(value)


def _compiled_templates(config: Any, store: Store) -> None:
    """The theme's templates compiled once and kept in the store, not compiled in every build
    (cache/templates.py)."""
    theme = config.theme
    make_env = theme.get_env
    theme.get_env = lambda: compiled_in(make_env(), store)


def mkdocs_build(config_file: Path, site_dir: Path, store: Store | None = None) -> str | None:
    """`mkdocs build --strict` in this process (saves starting a second Python); `store`
    keeps the theme's compiled templates."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        _escape_settings(config)
        if store is not None:
            _compiled_templates(config, store)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        return f"mkdocs: {exc}"
    finally:
        logger.removeHandler(handler)
    return None
