"""The configuration the site is built with: the package's settings, the project's mkdocs.yml
over them, and the navigation made from the data.

A project's mkdocs.yml holds only what is its own (its name, address, organisation, locale and
any page of its own); the theme, its scripts and stylesheets, the Markdown extensions and the
navigation come from here, so an upgrade of the package upgrades every site. The result is
written to `.mission-tracker/mkdocs.yml`, which the builder (and `mkdocs serve`) is given.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mission_tracker.analyse.numbers import written_in
from mission_tracker.check.navcheck import MISSIONS_MARKER
from mission_tracker.read.config import Site
from mission_tracker.site.catalogue import translate
from mission_tracker.site.themefiles import OVERRIDES, THEME


@cache
def _base() -> dict[str, Any]:
    loaded = yaml.safe_load((THEME / "mkdocs.yml").read_text("utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def effective_config(
    root: Path,
    user: dict[str, Any],
    site: Site,
    missions: list[str],
    own_pages: list[str],
) -> dict[str, Any]:
    """The whole configuration: `user` (the project's mkdocs.yml, loaded) over the package's
    settings; `missions` are the mission ids in their declared order and `own_pages` the
    project's own Markdown pages under docs/, for the navigation."""
    with written_in(site.locale):
        return _effective(root, user, site, missions, own_pages)


def _(message: str) -> str:
    """A phrase of the navigation or the theme, from the catalogue (site/catalogue.py)."""
    return translate(message)


def _effective(
    root: Path,
    user: dict[str, Any],
    site: Site,
    missions: list[str],
    own_pages: list[str],
) -> dict[str, Any]:
    base = _base()
    config: dict[str, Any] = {**base, **{k: v for k, v in user.items() if k not in _MERGED}}
    theme = {**base["theme"], **(user.get("theme") or {})}
    if "palette" not in (user.get("theme") or {}):
        # The switch's labels, in the site's language.
        names = {"material/weather-night": _("Switch to dark mode")}
        names["material/weather-sunny"] = _("Switch to light mode")
        theme["palette"] = [
            {**p, "toggle": {**p["toggle"], "name": names[p["toggle"]["icon"]]}}
            for p in theme["palette"]
        ]
    theme.setdefault("custom_dir", str(OVERRIDES))
    theme.setdefault("language", site.language)
    if theme["custom_dir"] != str(OVERRIDES):
        theme["custom_dir"] = str((root / str(theme["custom_dir"])).resolve())
    config["theme"] = theme
    for key in ("extra_css", "extra_javascript"):
        config[key] = list(dict.fromkeys([*base[key], *(user.get(key) or [])]))
    config["markdown_extensions"] = _extensions(
        base["markdown_extensions"], user.get("markdown_extensions") or [], root
    )
    config["plugins"] = _extensions(base["plugins"], user.get("plugins") or [], root)
    # Every page, and the Mission Tracker settings, read the same address.
    config["site_url"] = site.url
    config["docs_dir"] = str((root / "docs").resolve())
    config["extra"] = {"generator": False, **(user.get("extra") or {})}
    nav = user.get("nav")
    config["nav"] = (
        _expand(nav, missions) if isinstance(nav, list) else default_nav(missions, own_pages)
    )
    return config


_MERGED = ("theme", "extra_css", "extra_javascript", "markdown_extensions", "plugins", "extra")


def _extensions(base: list[Any], user: list[Any], root: Path) -> list[Any]:
    """Markdown extensions (or plugins): the package's, with the project's settings for any it
    names again, then the project's others; snippets are read from the project's docs/."""

    def name(item: Any) -> str:
        return str(next(iter(item))) if isinstance(item, dict) else str(item)

    chosen = {name(item): item for item in base}
    chosen.update({name(item): item for item in user})
    out = []
    for key, item in chosen.items():
        if key == "pymdownx.snippets":
            settings = dict(item[key]) if isinstance(item, dict) else {}
            settings["base_path"] = [str((root / "docs").resolve())]
            item = {key: settings}
        out.append(item)
    return out


def default_nav(missions: list[str], own_pages: list[str]) -> list[Any]:
    """Home, the missions in their order, the indicators, how progress is assessed, reuse,
    the editors' guides, and the project's own pages with the accessibility statement."""
    return [
        {_("Home"): "index.md"},
        {_("Missions"): [f"missions/{m}.md" for m in missions]},
        {_("All indicators"): "indicators/index.md"},
        {_("How progress is assessed"): "methodology.md"},
        {_("Reuse the data"): "reuse.md"},
        {_("For editors"): ["guide/editors.md", "guide/publishing.md"]},
        {_("About"): [*own_pages, "accessibility.md"]},
    ]


def _expand(nav: list[Any], missions: list[str]) -> list[Any]:
    """The project's own navigation, with `missions/` standing for every mission in order."""
    out: list[Any] = []
    for item in nav:
        if item == MISSIONS_MARKER:
            out += [f"missions/{m}.md" for m in missions]
        elif isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if value == MISSIONS_MARKER:
                out.append({title: [f"missions/{m}.md" for m in missions]})
            elif isinstance(value, list):
                out.append({title: _expand(value, missions)})
            else:
                out.append(item)
        else:
            out.append(item)
    return out


def own_pages(docs: Path, generated: tuple[str, ...]) -> list[str]:
    """The project's own Markdown pages under docs/ (not generated, not links), in order."""
    if not docs.is_dir():
        return []
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        top = rel.split("/", 1)[0]
        if path.is_symlink() or not path.is_file() or top in ("_generated", "overrides"):
            continue
        if any(rel == g or rel.startswith(g + "/") for g in generated):
            continue
        found.append(rel)
    return found


def config_text(config: dict[str, Any]) -> str:
    """The configuration as YAML, the same bytes for the same settings."""
    head = "# Written by mission-tracker from mkdocs.yml and the package's settings; do not edit.\n"
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000)
