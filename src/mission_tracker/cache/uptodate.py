"""Is docs/ already what a build would write? Yes when nothing the build reads has changed since
the last build wrote docs/, and nothing it wrote has been touched since.

The build reads the data folder, mkdocs.yml (through the site settings), the check-message
fixtures and its own code; its output does not depend on the caches. So a digest of those
inputs, with the size, modification time and inode of every file the build wrote, tells
whether generating again would change anything. When it would not, `build` and `site` skip
generating: loading, checking, writing pages and comparing thousands of files.

The record is removed before a build writes anything and written again after, so a build
that stops half way is never mistaken for a finished one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mission_tracker.cache.fingerprint import files_digest, generator_version

FORMAT = 1


@dataclass(frozen=True)
class Record:
    inputs: str
    files: dict[str, list[int]]  # path under docs/ -> [size, mtime_ns, inode]
    data_date: str  # the build's date (ISO), which `site` pins MkDocs' timestamps to


def inputs_digest(root: Path, site: object, fixtures: Path) -> str:
    """A digest of everything generating reads; `site` is the settings read from mkdocs.yml
    (its repr includes values taken from the environment, such as SITE_URL)."""
    digest = hashlib.sha256(f"{FORMAT}\0{generator_version()}\0{site!r}\0".encode())
    for folder in (root / "data", fixtures):
        digest.update(f"[{folder.name}]\0".encode())
        if folder.is_dir():
            files_digest(digest, folder, folder.rglob("*"))
    config = root / "mkdocs.yml"
    digest.update(config.read_bytes() if config.is_file() else b"")
    return digest.hexdigest()


def _stat(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _owned_files(docs: Path, owned: Iterable[str]) -> Iterable[Path]:
    for name in owned:
        top = docs / name
        if top.is_file():
            yield top
        elif top.is_dir():
            for folder, _, names in os.walk(top):
                for file in names:
                    yield Path(folder) / file


def up_to_date(record_path: Path, inputs: str, docs: Path, owned: Iterable[str]) -> Record | None:
    """The last build's record if docs/ is exactly what it wrote for these inputs, else None."""
    try:
        raw = json.loads(record_path.read_text("utf-8"))
        record = Record(raw["inputs"], raw["files"], raw["data_date"])
        if raw.get("format") != FORMAT or record.inputs != inputs:
            return None
        seen = 0
        for path in _owned_files(docs, owned):
            rel = path.relative_to(docs).as_posix()
            if record.files.get(rel) != _stat(path):
                return None  # edited, replaced or not ours
            seen += 1
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record if seen == len(record.files) else None


def forget(record_path: Path) -> None:
    record_path.unlink(missing_ok=True)


def remember(
    record_path: Path, inputs: str, docs: Path, files: Iterable[str], data_date: str
) -> None:
    record = {
        "format": FORMAT,
        "inputs": inputs,
        "data_date": data_date,
        "files": {rel: _stat(docs / rel) for rel in sorted(files)},
    }
    record_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = record_path.with_name(record_path.name + ".tmp")
    tmp.write_text(json.dumps(record, separators=(",", ":")), "utf-8")
    tmp.replace(record_path)
