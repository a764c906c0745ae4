"""Digests of what a build reads: the generator itself and input files. Kept light (standard
library only) so a rebuild can tell that nothing changed before importing the pipeline."""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

FORMAT = "1"  # bump when what is digested changes
# Packages whose behaviour shapes the output: specs, images, pages, YAML and JSON.
PACKAGES = ("altair", "vl-convert-python", "pydantic", "jinja2", "pyyaml", "numpy")


@cache
def generator_version() -> str:
    """A digest of the code, templates and fonts that turn data into the site's files, and of
    the versions of Python and the packages they use."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"{name}={version}\0".encode())
    files_digest(digest, package, (p for p in package.rglob("*") if p.suffix != ".pyc"))
    return digest.hexdigest()


@cache
def modules_version(*roots: str) -> str:
    """A digest of the package modules `roots` import, directly or through others (found by
    reading their import statements), and of the package versions: what a cached result made
    by those modules depends on. Narrower than `generator_version`, so editing a page template
    does not throw away every cached chart spec."""
    package = Path(__file__).resolve().parent
    seen = import_closure(package, roots)
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"{name}={version}\0".encode())
    files_digest(digest, package, (package / f"{name}.py" for name in seen))
    return digest.hexdigest()


def import_closure(package: Path, roots: Iterable[str]) -> set[str]:
    """The package's modules that `roots` import (anywhere in their source, lazy imports
    included), directly or through each other; `roots` themselves included."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = package / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo += [node.module] if node.module else [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom | ast.Import):
                modules = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                modules += [a.name for a in node.names] if isinstance(node, ast.Import) else []
                todo += [
                    m.removeprefix(package.name + ".")
                    for m in modules
                    if m.startswith(package.name)
                ]
    return seen


def files_digest(digest: hashlib._Hash, base: Path, paths: Iterable[Path]) -> None:
    """Add each file's path (relative to `base`) and bytes to `digest`, in sorted order."""
    for path in sorted(p for p in paths if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
