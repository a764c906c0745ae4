"""`mission-tracker init DIR`: a new project another organisation can build at once.

It writes only what is the project's own: mkdocs.yml with its name, address, organisation,
locale and licence; a data skeleton (one example mission and one example indicator, marked as
examples, that pass `check`); an About page; a README for the site's editors; the JSON Schemas
editors' editors use; the GitHub workflows (pull-request checks with the review summary, and a
Pages deploy) with Dependabot; requirements.txt pinning this version of the generator and
everything it installs; and a .gitignore for what builds write. The theme, pages and scripts
come from the package. Nothing that exists is overwritten unless asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import yaml
from packaging.requirements import Requirement

from mission_tracker import __version__
from mission_tracker.check.schema import schema_files
from mission_tracker.model.licences import Licence
from mission_tracker.read.config import SiteConfigError, locale_code, site_address
from mission_tracker.write import GENERATED, atomic_write

FILES = Path(__file__).resolve().parent / "files"
PACKAGE = "mission-tracker"


class InitError(Exception):
    """A reason the project cannot be written; the message says what to do instead."""


@dataclass(frozen=True)
class InitOptions:
    name: str = "Our missions"
    organisation: str = ""
    locale: str = "en_GB"
    licence: str = Licence.CC_BY_4.value
    site_url: str = "http://localhost:8000/"
    force: bool = False


def init_project(dest: Path, options: InitOptions) -> list[Path]:
    """Write a new project into `dest`; the files written, in order."""
    files = project_files(options)
    linked = sorted(
        {str(folder) for rel in files for folder in _folders(dest, rel) if folder.is_symlink()}
    )
    if linked:
        raise InitError(
            f"{linked[0]} is a symbolic link; Mission Tracker never writes through one. Remove "
            "it, or choose another folder"
        )
    clashes = [rel for rel in files if (dest / rel).exists() or (dest / rel).is_symlink()]
    if clashes and not options.force:
        shown = ", ".join(clashes[:5]) + (
            f" and {len(clashes) - 5} more" if len(clashes) > 5 else ""
        )
        raise InitError(
            f"{dest} already has {shown}; choose an empty folder, or add --force to replace them"
        )
    written = []
    for rel, text in files.items():
        path = dest / rel
        if path.is_symlink():
            path.unlink()  # replaced (with --force), never written through
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    return written


def project_files(options: InitOptions) -> dict[str, str]:
    """Every file of the new project, by path: checked options in, text out."""
    name = _plain(options.name, "--name")
    organisation = _plain(options.organisation, "--organisation") if options.organisation else ""
    try:
        locale = locale_code(options.locale)
        url = site_address(options.site_url, "--site-url")
        licence = Licence(options.licence)
    except SiteConfigError as exc:
        raise InitError(str(exc).replace("`extra.locale`", "--locale")) from None
    except ValueError:
        known = ", ".join(m.value for m in Licence)
        raise InitError(f"--licence {options.licence!r} is not one of {known}") from None
    publisher = organisation or name
    files = {
        "mkdocs.yml": _mkdocs_yml(name, organisation, locale, licence, url, publisher),
        "data/missions/example.yml": _mission(publisher, url),
        "data/indicators/example.yml": _indicator(publisher, url, licence),
        "data/indicators/example.csv": EXAMPLE_CSV,
        "docs/about.md": _about(name, publisher),
        "README.md": _readme(name),
        "requirements.txt": requirements(),
        ".gitignore": gitignore(),
        ".github/workflows/pull-request.yml": _file("github/workflows/pull-request.yml"),
        ".github/workflows/deploy.yml": _file("github/workflows/deploy.yml"),
        ".github/dependabot.yml": _file("github/dependabot.yml"),
    }
    files.update(schema_files())
    return files


def _plain(text: str, option: str) -> str:
    """A name for the configuration: one line of printable text (it is escaped where shown)."""
    text = " ".join(text.split())
    if not text or len(text) > 120 or not text.isprintable():
        raise InitError(f"{option} must be one line of text, up to 120 characters")
    return text


def _folders(dest: Path, rel: str) -> list[Path]:
    """The folders a project file is written into, below `dest`."""
    parts = Path(rel).parts[:-1]
    return [dest.joinpath(*parts[: i + 1]) for i in range(len(parts))]


def _yaml(value: str) -> str:
    """A scalar written so YAML reads back exactly this text."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def _mkdocs_yml(
    name: str, organisation: str, locale: str, licence: Licence, url: str, publisher: str
) -> str:
    copyright = f"Data: {publisher}, {licence.terms.full_name}, unless stated."
    lines = [
        "# This site's own settings. The theme, scripts, page layout and navigation (missions in",
        "# their declared order) come from the mission-tracker package: see requirements.txt for",
        "# its version. Build with `mission-tracker site`.",
        f"site_name: {_yaml(name)}",
        "# The deploy workflow sets SITE_URL to the GitHub Pages address.",
        f"site_url: !ENV [SITE_URL, {_yaml(url)}]",
        f"site_description: {_yaml(f'Progress on the missions of {publisher}, with the figures.')}",
        f"copyright: {_yaml(copyright)}",
        "",
        "extra:",
        f"  organisation: {_yaml(organisation)}" if organisation else "  # organisation: Your name",
        "  # How numbers, money and dates are written; the page language follows it.",
        f"  locale: {locale}",
        "  # Where readers report a problem with the site (the accessibility statement links it).",
        "  # feedback: https://github.com/your-name/your-site/issues",
        "",
    ]
    return "\n".join(lines)


def _mission(publisher: str, url: str) -> str:
    return f"""# yaml-language-server: $schema=../../docs/schema/mission.schema.json
# An example mission: replace it with your own (one file per mission).
name: Example mission
statement: "Replace this with the mission's statement, in the words {publisher} published it."
order: 1
lead: {_yaml(publisher)}
citation:
  publisher: {_yaml(publisher)}
  title: Example mission statement
  url: {url}
milestones: []
"""


def _indicator(publisher: str, url: str, licence: Licence) -> str:
    return f"""# yaml-language-server: $schema=../../docs/schema/indicator.schema.json
# An example indicator: replace it with your own. `mission-tracker new ID --mission ID` writes
# a new one with every field explained.
title: Example indicator
mission: example
summary: An example to show the format; its figures are made up. Replace them before you publish.
measure: Example measure, by year
geography: Example area
unit: count
direction: higher_is_better
period_type: year
source:
  publisher: {_yaml(publisher)}
  release: Example release
  url: {url}
  retrieved: 2025-01-31
licence: {licence.value}
caveats:
  - These figures are made up to show the format. Replace them with your own before publishing.
"""


EXAMPLE_CSV = "period,value,marker,note\n2022,100,,\n2023,110,,\n2024,120,[p],Example row\n"


def _about(name: str, publisher: str) -> str:
    return f"""# About this site

{name} is published by {publisher}. It tracks the missions with published statistics: where
each stands, how that was worked out, and where the figures come from.

Replace this page with your own: who runs the site, how to contact you, and how the figures are
chosen.
"""


def _readme(name: str) -> str:
    return f"""# {name}

The data and pages of {name}, built with [Mission Tracker](https://pypi.org/project/mission-tracker/).

## For editors

- Each mission is a YAML file in `data/missions/`; each indicator is a CSV file of its figures
  and a YAML file of its metadata in `data/indicators/`.
- To change a figure, edit the CSV (on GitHub, or in a spreadsheet saved as CSV) and open a pull
  request. The checks report any problem with the file, line and column, and a review summary
  says what the change does to each indicator.
- `mission-tracker new ID --mission MISSION` writes a new indicator with every field explained.
- The editor's guide on the site (For editors) explains every field and every check message.

## Building the site

```sh
python -m pip install -r requirements.txt
mission-tracker check      # every problem in data/, with the fix
mission-tracker site       # the site, in site/
```

On GitHub, `.github/workflows/deploy.yml` publishes the site to GitHub Pages from `main`.
Dependabot proposes upgrades of the generator (requirements.txt) as pull requests.
"""


def requirements() -> str:
    """This version of the generator and every package it installs, each at the version
    installed here: a new project builds with exactly what this one was made with."""
    pins = {PACKAGE: __version__, **_closure(PACKAGE)}
    lines = [
        "# The site's generator and what it installs, pinned (Dependabot proposes upgrades).",
        *(f"{name}=={version}" for name, version in sorted(pins.items())),
    ]
    return "\n".join(lines) + "\n"


def _closure(package: str) -> dict[str, str]:
    """The packages `package` depends on on this platform (not its extras), transitively, with
    the versions installed; a package that is not installed is left out."""
    found: dict[str, str] = {}
    todo = [package]
    while todo:
        try:
            requires = metadata.requires(todo.pop()) or []
        except metadata.PackageNotFoundError:
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = _canonical(requirement.name)
            if name in found or name == PACKAGE:
                continue
            try:
                found[name] = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
            todo.append(name)
    return found


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def gitignore() -> str:
    """What builds write, never committed: the site, the state folder, and every path under
    docs/ the generator owns (write.GENERATED, so the two cannot drift)."""
    owned = [
        f"/docs/{path}" + ("" if "." in path.rsplit("/", 1)[-1] else "/") for path in GENERATED
    ]
    lines = [
        "# Written by `mission-tracker site`: never committed.",
        "/site/",
        "/.site-*/",
        "/.mission-tracker/",
        *owned,
        "__pycache__/",
        ".venv/",
    ]
    return "\n".join(lines) + "\n"


def _file(rel: str) -> str:
    return (FILES / rel).read_text("utf-8")
