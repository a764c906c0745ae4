"""Site settings, read from mkdocs.yml so there is one place to set the address and name."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # absolute, ending in "/"
    organisation: str = ""

    def absolute(self, path: str) -> str:
        return self.url + path.lstrip("/")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely even if it uses !!python tags (their values become None)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' `!ENV [NAME, default]`: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1]
    for name in names:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_TolerantLoader.add_constructor("!ENV", _env_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_site(mkdocs_yml: Path) -> Site:
    config: dict[str, Any] = {}
    if mkdocs_yml.is_file():
        loaded = yaml.load(mkdocs_yml.read_text("utf-8"), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
        config = loaded if isinstance(loaded, dict) else {}
    url = str(config.get("site_url") or "http://localhost:8000/")
    extra = config.get("extra") or {}
    return Site(
        name=str(config.get("site_name") or "Mission Tracker"),
        url=url if url.endswith("/") else url + "/",
        organisation=str(extra.get("organisation") or ""),
    )
