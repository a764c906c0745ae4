"""Example mistakes: a tiny valid project (base/), and cases that each break it in one way
(mistakes.yml), which ship with the package so that the editor's guide can show the checker's
real message for each.

The tests keep a copy of each case under tests/fixtures/problems/<case>/ with its expected
messages; to change a case, edit mistakes.yml and run

    MT_REGENERATE=1 .venv/bin/pytest tests/check

which rewrites the fixture files and their expected.txt; then read the diff.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

import yaml

from mission_tracker.read.files import DataFiles
from mission_tracker.read.layout import CONFIG, DATA

Files = dict[str, bytes]  # path in the project ("data/indicators/x.csv") -> bytes


@dataclass(frozen=True)
class Case:
    name: str
    about: str  # what the editor did wrong, in their words
    edits: tuple[dict[str, Any], ...]

    def files(self) -> Files:
        files = dict(base_files())
        for edit in self.edits:
            _apply(files, edit)
        return files

    def data_files(self) -> DataFiles:
        """The case's data folder, as the reader would find it on disk."""
        prefix = DATA + "/"
        data = {k[len(prefix) :]: v for k, v in self.files().items() if k.startswith(prefix)}
        return DataFiles(data, folders=frozenset(rel.split("/")[0] for rel in data))

    def config(self) -> bytes | None:
        return self.files().get(CONFIG)


def mistakes() -> bytes:
    """The catalogue of mistakes, as it ships (what the cases are made from, with the base)."""
    return (_folder() / "mistakes.yml").read_bytes()


def _folder() -> Traversable:
    return resources.files("mission_tracker.check.examples")


@cache
def base_files() -> Files:
    """The tiny valid project every case breaks."""
    files: Files = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            else:
                files[rel] = child.read_bytes()

    walk(_folder() / "base", "")
    return files


def _apply(files: Files, edit: dict[str, Any]) -> None:
    ((op, args),) = edit.items()
    if op == "delete":
        del files[args]
        return
    path = args["file"]
    if op == "replace":
        text = files[path].decode()
        count = args.get("count", 1)
        found = text.count(args["old"])
        if count != "all" and found != count:
            raise ValueError(f"{path}: {args['old']!r} occurs {found} times, not {count}")
        files[path] = text.replace(args["old"], args["new"]).encode()
    elif op == "write":
        text = args.get("text")
        files[path] = text.encode() if text is not None else base64.b64decode(args["base64"])
    elif op == "rename":
        files[args["to"]] = files.pop(path)
    elif op == "save_as":
        text = files[path].decode().replace("\n", args.get("newline", "\n"))
        files[path] = text.encode(args["encoding"])
    elif op == "add_column":
        rows = files[path].decode().splitlines()
        values = [args["name"], *[args["value"]] * (len(rows) - 1)]
        files[path] = "".join(f"{r},{v}\n" for r, v in zip(rows, values, strict=True)).encode()
    elif op == "drop_column":
        at = args["position"]
        cells = [line.split(",") for line in files[path].decode().splitlines()]
        files[path] = ("\n".join(",".join(r[:at] + r[at + 1 :]) for r in cells) + "\n").encode()
    else:
        raise ValueError(f"unknown edit {op!r}")


@cache
def cases() -> tuple[Case, ...]:
    """Every example mistake, read when first asked for: a build whose guide table is in the
    cache never parses the catalogue (a tenth of a second)."""
    loaded = yaml.safe_load((_folder() / "mistakes.yml").read_text("utf-8"))
    return tuple(Case(c["name"], c["about"], tuple(c["edits"])) for c in loaded)


def __getattr__(name: str) -> tuple[Case, ...]:
    # `CASES`, for the tests that parametrise over the cases, read only when imported.
    if name == "CASES":
        return cases()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
