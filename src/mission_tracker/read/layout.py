"""Where every file of a project lives, said once.

A project is a folder holding `data/` (the editors' files), `docs/` (hand-written pages, and
the generated ones beside them), `mkdocs.yml` and `.mission-tracker/` (caches and the record of
the last build). Inside `data/`, a mission is `missions/<id>.yml` and an indicator is the pair
`indicators/<id>.yml` and `indicators/<id>.csv`: the id is the file stem and the address.
"""

from __future__ import annotations

from pathlib import Path

DATA = "data"
MISSIONS = "missions"
INDICATORS = "indicators"
CONFIG = "mkdocs.yml"
DOCS = "docs"
SCHEMA_DIR = "docs/schema"
STATE = ".mission-tracker"
# The configuration the site is built with (site/mkdocsconfig.py), written at each build.
BUILT_CONFIG = f"{STATE}/mkdocs.yml"

MISSION_SUFFIXES = (".yml",)
INDICATOR_SUFFIXES = (".yml", ".csv")
SCHEMA_LINE = "# yaml-language-server: $schema="


def mission_file(mission_id: str) -> str:
    """A mission's file, relative to the data folder."""
    return f"{MISSIONS}/{mission_id}.yml"


def indicator_files(indicator_id: str) -> tuple[str, str]:
    """An indicator's metadata and data files, relative to the data folder."""
    return f"{INDICATORS}/{indicator_id}.yml", f"{INDICATORS}/{indicator_id}.csv"


def shown(rel: str) -> str:
    """A data file as the editor sees it in the repository, and as problems name it."""
    return f"{DATA}/{rel}"


def schema_modeline(kind: str) -> str:
    """The first line of a mission or indicator YAML file: it points editors at the schema."""
    return f"{SCHEMA_LINE}../../{SCHEMA_DIR}/{kind}.schema.json"


def cache_folder(root: Path) -> Path:
    """The cache folder a project uses unless another is chosen."""
    return root / STATE / "cache"
