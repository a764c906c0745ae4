"""Digests of what a build reads: the generator itself and input files. Kept light (standard
library only) so a rebuild can tell that nothing changed before importing the pipeline."""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

FORMAT = "1"  # bump when what is digested changes
# Packages whose behaviour shapes the output: specs, images, pages, YAML and JSON, and how
# the locale writes numbers and dates (Babel's data).
PACKAGES = ("altair", "vl-convert-python", "pydantic", "jinja2", "pyyaml", "numpy", "babel")


PACKAGE = Path(__file__).resolve().parent.parent


def _base_digest() -> hashlib._Hash:
    """A digest started with this format, the Python version and the package versions."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    for name in PACKAGES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "missing"
        digest.update(f"{name}={version}\0".encode())
    return digest


@cache
def generator_version() -> str:
    """A digest of the code, templates and fonts that turn data into the site's files, and of
    the versions of Python and the packages they use."""
    digest = _base_digest()
    files_digest(digest, PACKAGE, (p for p in PACKAGE.rglob("*") if p.suffix != ".pyc"))
    return digest.hexdigest()


@cache
def modules_version(*roots: str) -> str:
    """A digest of the package modules `roots` import, directly or through others (found by
    reading their import statements), and of the package versions: what a cached result made
    by those modules depends on. Narrower than `generator_version`, so editing a page template
    does not throw away every cached chart spec."""
    digest = _base_digest()
    seen = import_closure(PACKAGE, roots)
    files_digest(digest, PACKAGE, (_module_path(PACKAGE, name) for name in seen))
    return digest.hexdigest()


def _module_path(package: Path, name: str) -> Path:
    module = package / (name.replace(".", "/") + ".py")
    return module if module.is_file() else package / name.replace(".", "/") / "__init__.py"


# Import statements, found by reading the source rather than compiling it (compiling every
# module took a second of each build): `from mission_tracker.x import a, b` (in brackets over
# several lines too), `from mission_tracker import x`, `import mission_tracker.x`. Text that
# only looks like one (in a docstring) adds a module: a key that changes too often, never one
# that misses a change.
_FROM = re.compile(r"^[ \t]*from[ \t]+(\w+)((?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|.*)", re.M)
_IMPORT = re.compile(r"^[ \t]*import[ \t]+(.*)", re.M)


@cache
def _imports(path: Path, prefix: str) -> tuple[str, ...]:
    """The package's modules (or names in them) one module's source imports."""
    source = path.read_text("utf-8")
    found: list[str] = []
    top = prefix.rstrip(".")
    for match in _FROM.finditer(source):
        if match.group(1) != top:
            continue
        module = match.group(2).removeprefix(".")
        names = [n.split(" as ")[0].strip() for n in match.group(3).strip("()").split(",")]
        names = [n for n in names if n and not n.startswith("#")]
        # `from mission_tracker.charts import specs` imports a module or a name.
        found += [module] if module else []
        found += [f"{module}.{n}" if module else n for n in names]
    for match in _IMPORT.finditer(source):
        for name in match.group(1).split(","):
            name = name.split(" as ")[0].strip()
            if name.startswith(prefix):
                found.append(name.removeprefix(prefix))
    return tuple(found)


def import_closure(package: Path, roots: Iterable[str]) -> set[str]:
    """The package's modules (dotted names below the package, such as `charts.specs`) that
    `roots` import anywhere in their source, lazy imports included, directly or through each
    other; `roots` themselves included."""
    seen: set[str] = set()
    todo = list(roots)
    prefix = package.name + "."
    while todo:
        name = todo.pop()
        path = _module_path(package, name)
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        todo += _imports(path, prefix)
    return seen


def files_digest(digest: hashlib._Hash, base: Path, paths: Iterable[Path]) -> None:
    """Add each file's path (relative to `base`) and bytes to `digest`, in sorted order."""
    for path in sorted(p for p in paths if p.is_file()):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(base).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
