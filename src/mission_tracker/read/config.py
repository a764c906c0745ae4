"""Site settings, read from mkdocs.yml so there is one place to set the address and name.

The configuration and the environment are as untrusted as the data (a pull request can change
mkdocs.yml; a deploy sets SITE_URL), so the address is checked to be a plain web address before
anything is built with it: it ends up in links, meta tags and the chart images.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag

from mission_tracker.model.base import ID_PATTERN
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.locale import DEFAULT_LOCALE
from mission_tracker.model.maps import MapSettings
from mission_tracker.model.problems import Problem
from mission_tracker.read.layout import CONFIG


@dataclass(frozen=True)
class Site:
    name: str
    url: str  # absolute, ending in "/"
    organisation: str = ""
    limits: Limits = DEFAULT_LIMITS
    maps: tuple[MapSettings, ...] = ()
    # How numbers, money and dates are written, as a Unicode locale (en_GB, fr_FR, de_CH).
    locale: str = DEFAULT_LOCALE
    feedback: str = ""  # where readers report a problem with the site: a web address

    @property
    def publisher(self) -> str:
        """Who publishes the site: the organisation, or failing that the site's name."""
        return self.organisation or self.name

    @property
    def language(self) -> str:
        """The page language (the `lang` of every page): the locale's language, e.g. `en`."""
        return self.locale.split("_")[0]

    def absolute(self, path: str) -> str:
        return self.url + path.lstrip("/")


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely even if it uses !!python tags (their values become None)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


# MkDocs' own `!ENV [NAME, default]` (from pyyaml-env-tag, which MkDocs reads its configuration
# with): the first variable that is set, its value typed as YAML types it (an empty one is
# null), else the default. Not MkDocs' whole loader: that one is PyYAML's full Loader, which
# runs the !!python tags a pull request could put in mkdocs.yml.
_TolerantLoader.add_constructor("!ENV", construct_env_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


class SiteConfigError(ValueError):
    """A setting that cannot be used; the message says what to write instead."""


# A web address as a browser shows it: a scheme, a host, an optional port and path; nothing
# that could end an HTML attribute or start markup.
_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")
DEFAULT_URL = "http://localhost:8000/"


def site_address(value: object, where: str) -> str:
    """The site's address, checked, ending in "/"."""
    text = web_address(value, where)
    return text if text.endswith("/") else text + "/"


def web_address(value: object, where: str) -> str:
    """A web address from the settings, checked to be plain (it lands in links and tags)."""
    text = str(value)
    if not text:
        raise SiteConfigError(
            f"{where} is empty; set it to the site's address, such as https://example.org/tracker/"
        )
    if not _ADDRESS.fullmatch(text):
        shown = text if len(text) <= 80 else text[:77] + "..."
        raise SiteConfigError(
            f"{where} is {shown!r}, which is not a plain web address; write it like "
            "https://example.org/tracker/ (letters, digits and -._~/ only; no spaces, quotes or "
            "brackets)"
        )
    return text


def read_config(mkdocs_yml: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (its `!ENV` tags resolved), or {} when it is missing or
    cannot be read (`check` reports why)."""
    if not mkdocs_yml.is_file() or mkdocs_yml.is_symlink():
        return {}
    try:
        text = mkdocs_yml.read_text("utf-8")
        loaded = yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def read_site(mkdocs_yml: Path) -> Site:
    """The settings in mkdocs.yml; raises SiteConfigError when one cannot be used."""
    return site_settings(read_config(mkdocs_yml))


def site_settings(config: dict[str, Any]) -> Site:
    """The settings Mission Tracker itself uses, from the loaded configuration."""
    extra = config.get("extra") or {}
    # As MkDocs reads it: an empty site_url (SITE_URL="" included) is no address, and a site
    # with no address is built with the default one, by MkDocs (which is given this) and here.
    url = config.get("site_url") or DEFAULT_URL
    where = "SITE_URL (from the environment)" if "SITE_URL" in os.environ else "site_url"
    extra = extra if isinstance(extra, dict) else {}
    feedback = extra.get("feedback")
    return Site(
        name=str(config.get("site_name") or "Mission Tracker"),
        url=site_address(url, f"{where} in mkdocs.yml"),
        organisation=str(extra.get("organisation") or ""),
        limits=_limits(extra.get("limits")),
        maps=_maps(extra.get("maps")),
        locale=locale_code(extra.get("locale")),
        feedback=web_address(feedback, "`extra.feedback` in mkdocs.yml") if feedback else "",
    )


def locale_code(value: object) -> str:
    """`extra.locale`: checked to be one Babel knows (so numbers and dates can be written)."""
    if value is None:
        return DEFAULT_LOCALE
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(str(value).replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        raise SiteConfigError(
            f"`extra.locale` is {str(value)[:40]!r}, which is not a known locale; write a "
            "language and country code, such as en_GB, en_US, fr_FR or de_DE"
        ) from None


_MAP_KEYS = ("file", "code", "name", "title", "attribution")


def _maps(value: object) -> tuple[MapSettings, ...]:
    """`extra.maps`: each map's boundary file and how to read it."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        raise SiteConfigError("`extra.maps` must be a block of maps, each under its id")
    found = []
    for map_id, entry in sorted(value.items()):
        where = f"`extra.maps.{map_id}`"
        if not (isinstance(map_id, str) and ID_PATTERN.fullmatch(map_id)):
            raise SiteConfigError(f"{where}: a map's id is lower-case letters, digits and hyphens")
        if not isinstance(entry, dict) or set(entry) != set(_MAP_KEYS):
            raise SiteConfigError(f"{where} needs exactly these keys: " + ", ".join(_MAP_KEYS))
        if not all(isinstance(entry[k], str) and entry[k] for k in _MAP_KEYS):
            raise SiteConfigError(f"{where}: every key holds text")
        file = entry["file"]
        if file.startswith(("/", "~")) or ".." in file.replace("\\", "/").split("/"):
            raise SiteConfigError(
                f"{where}.file must be a path inside the project, such as maps/x.geojson"
            )
        found.append(MapSettings(map_id, *(str(entry[k]) for k in _MAP_KEYS)))
    return tuple(found)


def _limits(value: object) -> Limits:
    if value is None:
        return DEFAULT_LIMITS
    if not isinstance(value, dict):
        raise SiteConfigError("`extra.limits` must be a block of `name: number` lines")
    known = Limits.names()
    for name, number in value.items():
        if name not in known:
            raise SiteConfigError(
                f"`extra.limits.{name}` is not a limit; the limits are " + ", ".join(known)
            )
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise SiteConfigError(f"`extra.limits.{name}` must be a whole number above 0")
    return Limits(**{str(k): int(v) for k, v in value.items()})


def settings_problems(mkdocs_yml: Path) -> list[Problem]:
    """What `check` reports about the settings: a site address that cannot be used."""
    try:
        read_site(mkdocs_yml)
    except SiteConfigError as exc:
        keys = ("limits:", "maps:", "locale:", "feedback:")
        key = next((k for k in keys if f"extra.{k[:-1]}" in str(exc)), "site_url:")
        return [Problem(CONFIG, _line_of(mkdocs_yml, key), 1, str(exc), "config.setting")]
    return []


def _line_of(path: Path, prefix: str) -> int:
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((i for i, line in enumerate(lines, 1) if line.strip().startswith(prefix)), 1)
