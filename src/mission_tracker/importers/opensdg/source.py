"""An Open SDG data repository, read as it is: every CSV cell as a string with its line, every
metadata file as its front matter and body, and the area codes of its GeoJSON boundaries.

Nothing is interpreted here. Open SDG files have blank lines (before the header, in the middle,
at the end), CRLF or LF endings, and the same column in different cases across files; the
standard library's csv module reads them, and the line each row starts on is kept so the report
can point at it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA, META = "data", "meta"
CONFIG_FILES = ("config_data.yml", "config_data.yaml")
# sdg-build names data files `indicator_<id>.csv` and archived ones `archived-<id>.csv`; the id
# is the file name without the `indicator_` prefix (InputCsvData.convert_filename_to_indicator_id).
_DATA_NAME = re.compile(r"^(?:indicator_)?(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)\.csv$")
_META_NAME = re.compile(r"^(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)\.(?:md|ya?ml)$")
_LAD_PROPERTY = re.compile(r"^lad(\d\d)cd$", re.IGNORECASE)


class NotOpenSdg(Exception):
    """The folder is not an Open SDG data repository; the message says why."""


@dataclass(frozen=True)
class SourceRow:
    line: int  # the line of the file the row starts on, as an editor's text editor numbers it
    cells: tuple[str, ...]


@dataclass(frozen=True)
class SourceTable:
    path: str  # as the report names it: data/indicator_1-2-1.csv
    header: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    blank_lines: int = 0
    problem: str | None = None  # why the file could not be read at all (its rows then count)


@dataclass(frozen=True)
class SourceMeta:
    path: str
    fields: dict[str, Any]
    body: str = ""
    problem: str | None = None


@dataclass(frozen=True)
class Boundaries:
    """The local authority codes of a GeoJSON in the repository, for drawing a map."""

    path: str
    map_id: str  # lad-2016 for LAD16CD
    property: str  # LAD16CD, as the file spells it
    names: dict[str, str]  # code -> name (LAD16NM)
    name_property: str = ""  # LAD16NM
    # A map the project's mkdocs.yml declares (a breakdown may name it), rather than a GeoJSON
    # of the source repository (which gives names, and what to declare).
    declared: bool = False


@dataclass
class Repository:
    root: Path
    data: dict[str, Path] = field(default_factory=dict)  # Open SDG id -> CSV
    meta: dict[str, Path] = field(default_factory=dict)  # Open SDG id -> metadata file
    skipped: list[str] = field(default_factory=list)  # files in data/ or meta/ that are neither
    config: dict[str, Any] = field(default_factory=dict)
    boundaries: list[Boundaries] = field(default_factory=list)
    licence_text: str = ""

    def ids(self) -> list[str]:
        """Every indicator the repository has a data or a metadata file for, in goal order."""
        return sorted(set(self.data) | set(self.meta), key=id_order)


def id_order(indicator_id: str) -> tuple[object, ...]:
    """1-2-1 before 1-10-1 before 1-a-1, archived after current: numbers as numbers."""
    parts = re.split(r"[-.]", indicator_id)
    archived = parts[0].lower() == "archived"
    return (archived, *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts[archived:]))


def open_repository(root: Path) -> Repository:
    if not root.is_dir():
        raise NotOpenSdg(f"{root} is not a folder; give the folder of an Open SDG data repository")
    missing = [name for name in (DATA, META) if not (root / name).is_dir()]
    if missing:
        raise NotOpenSdg(
            f"{root} has no {' or '.join(f'{m}/' for m in missing)} folder, so it is not an Open "
            "SDG data repository (it needs data/indicator_<id>.csv and meta/<id>.md files)"
        )
    repo = Repository(root)
    for path in sorted((root / DATA).iterdir()):
        m = _DATA_NAME.match(path.name)
        if path.is_file() and m:
            repo.data[m["id"]] = path
        else:
            repo.skipped.append(f"{DATA}/{path.name}")
    for path in sorted((root / META).iterdir()):
        m = _META_NAME.match(path.name)
        if path.is_file() and m:
            repo.meta[m["id"]] = path
        else:
            repo.skipped.append(f"{META}/{path.name}")
    if not repo.data:
        raise NotOpenSdg(
            f"{root / DATA} holds no indicator_<id>.csv files, so {root} is not an Open SDG data "
            "repository"
        )
    for name in CONFIG_FILES:
        if (root / name).is_file():
            loaded = yaml.safe_load((root / name).read_text("utf-8"))
            repo.config = loaded if isinstance(loaded, dict) else {}
            break
    for name in ("LICENSE", "LICENSE.md", "LICENCE", "LICENCE.md", "LICENSE.txt"):
        if (root / name).is_file():
            repo.licence_text = (root / name).read_text("utf-8", errors="replace")
            break
    geojsons = root / "geojsons"
    if geojsons.is_dir():
        repo.boundaries = [
            b
            for p in sorted(geojsons.iterdir())
            if p.suffix.lower() == ".geojson" and (b := read_boundaries(p, root)) is not None
        ]
    return repo


def read_boundaries(path: Path, root: Path) -> Boundaries | None:
    """The features' LADyyCD codes and names; None for a GeoJSON without them."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (ValueError, OSError):
        return None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        return None
    first = features[0].get("properties") or {}
    code_key = next((k for k in first if _LAD_PROPERTY.match(k)), None)
    if code_key is None:
        return None
    year = _LAD_PROPERTY.match(code_key)[1]  # type: ignore[index]  # matched just above
    name_key = next((k for k in first if k.lower() == f"lad{year}nm"), None)
    names: dict[str, str] = {}
    for feature in features:
        props = feature.get("properties") or {}
        code = props.get(code_key)
        if isinstance(code, str) and code:
            name = props.get(name_key) if name_key else None
            names[code] = name if isinstance(name, str) else ""
    rel = path.relative_to(root).as_posix()
    return Boundaries(rel, f"lad-20{year}", code_key, names, name_key or "")


def read_table(path: Path, rel: str) -> SourceTable:
    """A data file's header and rows: cells as strings, blank lines skipped and counted."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Counted so the accounting holds: every non-blank line after the first is a row.
        lines = data.replace(b"\r\n", b"\n").split(b"\n")
        filled = [i + 1 for i, line in enumerate(lines) if line.strip()]
        unread = tuple(SourceRow(line, ()) for line in filled[1:])
        return SourceTable(
            rel, (), unread, problem=f"the file is not UTF-8 text (byte {exc.start + 1})"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header: tuple[str, ...] | None = None
    rows: list[SourceRow] = []
    blank, consumed = 0, 0
    try:
        for cells in reader:
            start, consumed = consumed + 1, reader.line_num
            if not cells:
                blank += 1
            elif header is None:
                header = tuple(cells)
            else:
                rows.append(SourceRow(start, tuple(cells)))
    except csv.Error as exc:
        return SourceTable(rel, header or (), tuple(rows), blank, f"the CSV is malformed: {exc}")
    if header is None:
        return SourceTable(rel, (), (), blank, "the file is empty")
    return SourceTable(rel, header, tuple(rows), blank)


_FRONT = re.compile(r"^---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)(.*)$", re.DOTALL)


def read_meta(path: Path, rel: str) -> SourceMeta:
    """A metadata file: YAML front matter and the Markdown body of a .md file, or a .yml file."""
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return SourceMeta(rel, {}, problem="the file is not UTF-8 text")
    body = ""
    if path.suffix.lower() == ".md":
        m = _FRONT.match(text)
        if m is None:
            return SourceMeta(rel, {}, text.strip(), problem="the file has no YAML front matter")
        text, body = m[1], m[2]
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return SourceMeta(rel, {}, body.strip(), problem=f"the front matter is not YAML: {exc}")
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        return SourceMeta(rel, {}, body.strip(), problem="the front matter is not a mapping")
    return SourceMeta(rel, {str(k): v for k, v in loaded.items()}, body.strip())
