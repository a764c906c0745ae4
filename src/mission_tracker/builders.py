"""The site builder: docs/ -> site/ with `mkdocs build --strict`.

The site is built into a new folder beside the target and swapped into place only when the
build succeeds, so a failed build leaves the published folder as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mission_tracker.write import replace_dir


def run_mkdocs(config_file: Path, target: Path, source_epoch: int) -> str | None:
    """Build the site into `target`; None on success, else what went wrong. `source_epoch`
    pins the dates MkDocs writes (the sitemap and its gzip) so builds are reproducible."""
    parent = target.parent if target.parent.exists() else config_file.parent
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=parent))
    try:
        with _pinned_time(source_epoch):
            error = _mkdocs_build(config_file, tmp)
        if error is None:
            replace_dir(tmp, target)
        return error
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _pinned_time(epoch: int) -> Iterator[None]:
    # MkDocs reads the reproducible-builds variable itself; it is set only for the build.
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _mkdocs_build(config_file: Path, site_dir: Path) -> str | None:
    """`mkdocs build --strict` in this process (saves starting a second Python)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        return f"mkdocs: {exc}"
    finally:
        logger.removeHandler(handler)
    return None
