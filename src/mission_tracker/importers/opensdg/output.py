"""The files the importer writes, as bytes: YAML in a fixed key order, CSV with "\\n" line
endings. The same source gives the same bytes, so re-running an import after the source
changes shows in `git diff` only what changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import yaml

from mission_tracker.read.layout import schema_modeline
from mission_tracker.write import atomic_write

# The second line of every file the importer writes: it marks the file as the importer's, so
# a re-run may replace it (and remove it when the source no longer has the indicator), while a
# file an editor wrote by hand is never touched.
MARK = "# Imported from Open SDG by `mission-tracker import open-sdg`; a re-run replaces this file."
# Long enough that no text is folded across lines: a changed word changes one line.
_WIDTH = 1_000_000


def yaml_bytes(kind: str, data: dict[str, Any]) -> bytes:
    body = yaml.safe_dump(
        _unshared(data), sort_keys=False, allow_unicode=True, width=_WIDTH, default_flow_style=False
    )
    return f"{schema_modeline(kind)}\n{MARK}\n{body}".encode()


def _unshared(value: Any) -> Any:
    """A copy in which no object appears twice: PyYAML writes a value met twice as an anchor
    and an alias (`&id001` ... `*id001`), which editors would not recognise."""
    if isinstance(value, dict):
        return {k: _unshared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unshared(v) for v in value]
    if isinstance(value, dt.date):
        return dt.date.fromordinal(value.toordinal())
    return value


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def is_ours(path: Path) -> bool:
    """Was this file written by the importer (so it may be replaced or removed)?"""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", "replace").splitlines()
    except OSError:
        return False
    return len(head) > 1 and head[1] == MARK


def write_files(root: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Write what differs; (written, unchanged)."""
    written = unchanged = 0
    for rel in sorted(files):
        path = root / rel
        data = files[rel]
        if path.is_file() and path.read_bytes() == data:
            unchanged += 1
            continue
        atomic_write(path, data)
        written += 1
    return written, unchanged
