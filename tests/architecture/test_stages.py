"""The folder shows the pipeline's stages, and imports point down it: a stage may use the
stages before it, never one after (CONTRIBUTING.md has the table). Read from the source, so a
new import that climbs back up fails here, not in a code review."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "mission_tracker"

# Each stage, and the stages it may import. Top-level modules are stages of their own.
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "write": set(),
    "cache": {"model", "write"},
    "read": {"model", "cache", "write"},
    "analyse": {"model"},
    "check": {"model", "read", "cache", "write"},
    "charts": {"model", "analyse", "cache", "write"},
    "site": {"model", "read", "analyse", "charts", "check", "cache", "write"},
    "review": {"model", "read", "analyse", "check", "cache", "write"},
    # Another format's data -> this project's files, verified with the reader and checked.
    "importers": {"model", "read", "check", "cache", "write"},
    "builders": {"cache", "write"},
    # A new project's files, from the model and the checker's schemas.
    "project": {"model", "read", "check", "write", "__init__"},
    "build": {"model", "read", "analyse", "charts", "site", "check", "cache", "write", "builders"},
    "cli": {
        "model",
        "read",
        "analyse",
        "charts",
        "site",
        "check",
        "cache",
        "write",
        "build",
        "review",
        "builders",
        "importers",
        "project",
        "__init__",
    },
    "__init__": {
        "model",
        "read",
        "analyse",
        "charts",
        "site",
        "check",
        "cache",
        "write",
        "build",
        "review",
    },
}


def _stage(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> set[str]:
    """The stages a module imports from, lazy imports and TYPE_CHECKING ones included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
            if node.module == "mission_tracker":
                names = [f"mission_tracker.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] != "mission_tracker":
                continue
            module = parts[1] if len(parts) > 1 else "__init__"
            exists = (PACKAGE / module).is_dir() or (PACKAGE / f"{module}.py").is_file()
            found.add(module if exists else "__init__")
    return found


def test_every_module_belongs_to_a_known_stage() -> None:
    stages = {_stage(p) for p in PACKAGE.rglob("*.py")}
    assert stages <= set(ALLOWED), stages - set(ALLOWED)


def test_imports_point_down_the_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = _stage(path)
        for used in _imports(path) - {stage}:
            if used not in ALLOWED[stage]:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {used}")
    assert wrong == []


def test_no_module_is_too_long_to_read() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 400
    }
    assert long == {}
