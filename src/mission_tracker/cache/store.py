"""The one cache: bytes or JSON by namespace and key, verified when read, written atomically,
pruned after a build.

Every cache in the generator (parsed data files, chart specs, rendered SVG and PNG, the Vega
runtime, the record of the last build) is a namespace here, so there is one place that decides
what a valid entry is. An entry is a file `<folder>/<namespace>/<key[:2]>/<key>` holding a
header line with its namespace, key, length and SHA-256, then the bytes. It is used only when
the header names exactly the namespace and key asked for and the bytes match its length and
digest: a partial write, a corrupted file or an entry copied under another key (two entries
swapped by hand, or a cache restored from elsewhere) is a miss and is made again.

What a key covers is the caller's business: each key is a digest of everything its entry is
made from, so an entry can only be reused for the same inputs. A cache can therefore make a
build faster but never change what it writes. Writing is best effort: a full disk or a
read-only folder turns the cache off for the rest of the build (the build goes on without it,
and the reason is reported), never the build itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mission_tracker.write import atomic_write

MAGIC = "mission-tracker-cache 1"
# A standard marker (https://bford.info/cachedir/) that backup tools skip; pruning also
# refuses to touch a folder without it, so pointing the cache at the wrong folder can never
# delete someone's files.
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is a Mission Tracker cache; it can be deleted at any time.\n"
)
_NAMESPACE = re.compile(r"[a-z][a-z0-9-]*")
_KEY = re.compile(r"[0-9a-f]{16,128}")


def digest(*parts: str | bytes) -> str:
    """A key from parts: SHA-256 over each part and its length, so no two lists of parts share
    a key."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(f"{len(data)}:".encode())
        hasher.update(data)
    return hasher.hexdigest()


@dataclass
class Store:
    """A cache folder, or none (`Store(None)`: every get misses, every put is dropped)."""

    folder: Path | None
    hits: int = 0
    misses: int = 0
    # Why writing stopped, if it did (the first error; the build reports it once).
    write_error: str | None = None
    _used: set[tuple[str, str]] = field(default_factory=set)

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get(self, namespace: str, key: str) -> bytes | None:
        path = self._path(namespace, key)
        if path is None:
            return None
        try:
            with path.open("rb") as handle:
                header = handle.readline(512)
                body = handle.read()
        except OSError:
            self.misses += 1
            return None
        if header != _header(namespace, key, body):
            self.misses += 1
            return None
        self.hits += 1
        self._used.add((namespace, key))
        return body

    def put(self, namespace: str, key: str, data: bytes) -> None:
        path = self._path(namespace, key)
        if path is None or self.write_error is not None:
            return
        self._used.add((namespace, key))
        try:
            self._tag()
            atomic_write(path, _header(namespace, key, data) + data)
        except OSError as exc:
            self.write_error = f"{self.folder}: {exc.strerror or exc}"

    def get_json(self, namespace: str, key: str) -> Any:
        """The stored value, or None when missing or not valid JSON."""
        data = self.get(namespace, key)
        if data is None:
            return None
        try:
            return json.loads(data)
        except ValueError:
            return None

    def put_json(self, namespace: str, key: str, value: Any) -> None:
        self.put(namespace, key, dump_json(value))

    def forget(self, namespace: str, key: str) -> None:
        path = self._path(namespace, key)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        self._used.discard((namespace, key))

    def prune(self) -> int:
        """Delete every entry this store has not read or written (the entries a finished
        build did not use), and any temporary file an interrupted write left; the number of
        files deleted. Only files laid out as entries, in a folder marked as a cache."""
        folder = self.folder
        if folder is None or self.write_error is not None or not (folder / TAG_NAME).is_file():
            return 0
        removed = 0
        for namespace, shard, entries in _laid_out(folder):
            for entry in entries:
                stale = entry.name.startswith(".tmp-") or (
                    _KEY.fullmatch(entry.name) is not None
                    and (namespace, entry.name) not in self._used
                )
                if stale and entry.is_file() and not entry.is_symlink():
                    try:
                        entry.unlink()
                        removed += 1
                    except OSError:
                        continue
            with contextlib.suppress(OSError):
                shard.rmdir()  # only if now empty
        return removed

    def adopt(self, folder: Path) -> int:
        """Copy into this store the entries of another store's folder that it lacks (a shard's
        charts, `mission-tracker build --merge`); the number copied. Only files laid out as
        entries are copied, and each is verified when it is read, as any entry is."""
        if self.folder is None or not folder.is_dir():
            return 0
        copied = 0
        for namespace, _, entries in _laid_out(folder):
            for entry in entries:
                if not (_KEY.fullmatch(entry.name) and entry.is_file()) or entry.is_symlink():
                    continue
                path = self._path(namespace, entry.name)
                if path is None or path.is_file() or self.write_error is not None:
                    continue
                try:
                    self._tag()
                    atomic_write(path, entry.read_bytes())
                    copied += 1
                except OSError as exc:
                    self.write_error = f"{self.folder}: {exc.strerror or exc}"
        return copied

    def _path(self, namespace: str, key: str) -> Path | None:
        if self.folder is None:
            return None
        if not (_NAMESPACE.fullmatch(namespace) and _KEY.fullmatch(key)):
            raise ValueError(f"not a cache namespace and key: {namespace!r}, {key!r}")
        return self.folder / namespace / key[:2] / key

    def _tag(self) -> None:
        assert self.folder is not None
        tag = self.folder / TAG_NAME
        if not tag.is_file():
            atomic_write(tag, TAG.encode())


def _header(namespace: str, key: str, body: bytes) -> bytes:
    return f"{MAGIC} {namespace} {key} {len(body)} {hashlib.sha256(body).hexdigest()}\n".encode()


def dump_json(value: Any) -> bytes:
    """Compact JSON that reads back as the same value (no NaN: it is not JSON)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _laid_out(folder: Path) -> Iterator[tuple[str, Path, list[Path]]]:
    """A store folder's entry folders, as (namespace, folder, the files in it), in order; only
    folders laid out as a store lays them out (no links, names of the store's own form)."""
    for namespace in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        if not _NAMESPACE.fullmatch(namespace.name):
            continue
        for shard in sorted(namespace.iterdir()):
            if shard.is_dir() and not shard.is_symlink() and len(shard.name) == 2:
                yield namespace.name, shard, sorted(shard.iterdir())
