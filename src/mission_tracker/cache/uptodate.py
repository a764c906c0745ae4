"""Is docs/ already what a build would write? Yes when nothing the build reads has changed since
the last build wrote docs/, and nothing it wrote has been touched since.

The build reads the data folder, mkdocs.yml (through the site settings) and its own code; its
output does not depend on the caches. So a digest of those inputs, with the size, modification
time and inode of every file the build wrote, tells whether generating again would change
anything. When it would not, `build` and `site` skip generating: loading, checking, writing
pages and comparing thousands of files.

The record is an entry in the store, keyed by the docs folder it describes. It is removed
before a build writes anything and written again after, so a build that stops half way is never
mistaken for a finished one.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mission_tracker.cache.fingerprint import generator_version
from mission_tracker.cache.store import Store, digest

FORMAT = "2"
NAMESPACE = "builds"


@dataclass(frozen=True)
class Record:
    inputs: str
    files: dict[str, list[int]]  # path under docs/ -> [size, mtime_ns, inode]
    data_date: str  # the build's date (ISO), which `site` pins MkDocs' timestamps to


def inputs_digest(files: Mapping[str, bytes], settings: str, config: bytes) -> str:
    """A digest of everything generating reads: the data files, the site settings (as text,
    including values taken from the environment, such as SITE_URL) and mkdocs.yml."""
    parts: list[str | bytes] = [FORMAT, generator_version(), settings, config]
    for rel in sorted(files):
        parts += [rel, files[rel]]
    return digest(*parts)


def _key(docs: Path) -> str:
    return digest(FORMAT, str(docs.resolve()))


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


def up_to_date(store: Store, inputs: str, docs: Path, owned: Iterable[str]) -> Record | None:
    """The last build's record if docs/ is exactly what it wrote for these inputs, else None."""
    raw = store.get_json(NAMESPACE, _key(docs))
    try:
        record = Record(raw["inputs"], raw["files"], raw["data_date"])
        if record.inputs != inputs:
            return None
        seen = 0
        for path in _owned_files(docs, owned):
            rel = path.relative_to(docs).as_posix()
            if record.files.get(rel) != _stat(path):
                return None  # edited, replaced or not ours
            seen += 1
    except (OSError, KeyError, TypeError):
        return None
    return record if seen == len(record.files) else None


def forget(store: Store, docs: Path) -> None:
    store.forget(NAMESPACE, _key(docs))


def remember(store: Store, inputs: str, docs: Path, files: Iterable[str], data_date: str) -> None:
    record = {
        "inputs": inputs,
        "data_date": data_date,
        "files": {rel: _stat(docs / rel) for rel in sorted(files)},
    }
    store.put_json(NAMESPACE, _key(docs), record)
