"""Digests of what a build reads: the generator itself and input files. Kept light (standard
library only) so a rebuild can tell that nothing changed before importing the pipeline."""

from __future__ import annotations

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


def files_digest(digest: hashlib._Hash, base: Path, paths: Iterable[Path]) -> None:
    """Add each file's path (relative to `base`) and bytes to `digest`, in sorted order."""
    for path in sorted(p for p in paths if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
