"""`zensical build --strict`, run as a process of its own (`python -m zensical`), so Zensical is
never imported into the generator and is needed only when a project chooses it.

Zensical reads a MkDocs configuration, with three differences this module bridges:
- its project root is the folder of the configuration file, and docs_dir and site_dir must be
  inside it (an absolute docs_dir stops it), so the configuration it is given is written, for
  the build only, into the project folder, with docs_dir relative to it;
- it has two looks: `theme.variant: classic` is Material's, and is set unless mkdocs.yml chose;
- it has no hooks or plugins in Python, so the settings Material prints raw (site_name,
  site_description, copyright) are escaped in the configuration itself (mkdocsbuild.py escapes
  them on the loaded configuration instead).
Zensical keeps a build cache in `.cache/` in the project folder (it writes its own .gitignore).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape

from mission_tracker.builders.mkdocsbuild import PRINTED_RAW
from mission_tracker.builders.processes import alive

CONFIG_PREFIX = ".mission-tracker-zensical-"
INSTALL = "pip install 'mission-tracker[zensical]'"


def zensical_build(config_file: Path, site_dir: Path) -> str | None:
    """Build the site described by `config_file` (the merged MkDocs configuration) into
    `site_dir`; None on success, else what went wrong, in a line or a few."""
    if importlib.util.find_spec("zensical") is None:
        return f"zensical: Zensical is not installed; install it with `{INSTALL}`"
    config = yaml.safe_load(config_file.read_text("utf-8"))
    docs = Path(str(config.get("docs_dir") or config_file.parent.parent / "docs")).resolve()
    root = docs.parent
    inside = site_dir.resolve().is_relative_to(root)
    out = site_dir.resolve() if inside else root / f"{CONFIG_PREFIX}{os.getpid()}-site"
    written = root / f"{CONFIG_PREFIX}{os.getpid()}.yml"
    _remove_abandoned(root)
    try:
        written.write_text(config_text(config, docs.name, out), "utf-8")
        error = _run(written, root)
        if error is None and not inside:
            shutil.copytree(out, site_dir, dirs_exist_ok=True)
        return error
    finally:
        written.unlink(missing_ok=True)
        if not inside:
            shutil.rmtree(out, ignore_errors=True)


def _remove_abandoned(root: Path) -> None:
    """What a Zensical build that was killed half way left in the project folder: named after
    the process that wrote it, removed once that process is gone."""
    for path in root.glob(f"{CONFIG_PREFIX}*"):
        pid = path.name.removeprefix(CONFIG_PREFIX).split("-", 1)[0].split(".", 1)[0]
        if not path.is_symlink() and not alive(pid):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def zensical_config(config: dict[str, Any], docs_dir: str, site_dir: Path) -> dict[str, Any]:
    """The merged configuration as Zensical is given it."""
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", "classic")
    out = {**config, "theme": theme, "docs_dir": docs_dir, "site_dir": str(site_dir)}
    for key in PRINTED_RAW:
        if isinstance(out.get(key), str):
            out[key] = str(escape(out[key]))
    return out


def config_text(config: dict[str, Any], docs_dir: str, site_dir: Path) -> str:
    settings = zensical_config(config, docs_dir, site_dir)
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=1000)


def _run(config_file: Path, root: Path) -> str | None:
    # The project folder as the working folder: Zensical reads snippets and writes its cache
    # from there. NO_COLOR and a dumb terminal keep colour codes out of what is reported.
    env = {**os.environ, "NO_COLOR": "1", "TERM": "dumb"}
    command = [sys.executable, "-m", "zensical", "build", "--strict", "-f", str(config_file)]
    try:
        done = subprocess.run(
            command, cwd=root, env=env, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        return f"zensical: could not be started: {exc.strerror or exc}"
    if done.returncode == 0:
        return None
    return f"zensical: the build failed (exit status {done.returncode}):\n" + summary(
        done.stderr + "\n" + done.stdout
    )


_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_CHATTER = ("Build started", "Build finished", "note: ", "stack backtrace:")


def summary(output: str, limit: int = 20) -> str:
    """What Zensical said, without colour codes, Python tracebacks or progress lines: its
    `Error:` line, its diagnostics (file:line:column and what is wrong) and the exception's
    last line."""
    lines, in_traceback = [], False
    for raw in _ANSI.sub("", output).splitlines():
        line = raw.rstrip()
        if line.startswith("Traceback (most recent call last):"):
            in_traceback = True
            continue
        if in_traceback:
            if not line or line.startswith(" "):
                continue
            in_traceback = False
        if line.strip() and not line.strip().startswith(_CHATTER) and line.strip() != ".":
            lines.append("  " + line)
    if len(lines) > limit:
        lines = [*lines[: limit - 1], f"  ... and {len(lines) - limit + 1} more lines"]
    return "\n".join(lines) or "  (Zensical printed nothing)"
