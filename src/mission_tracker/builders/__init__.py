"""The site builders: docs/ -> site/ with `mkdocs build --strict` (the default) or
`zensical build --strict` (Zensical, Material for MkDocs' successor).

The site is built into a new folder beside the target and swapped into place only when the
build succeeds, so a failed build leaves the published folder as it was, whichever builder ran.
MkDocs runs in this process (mkdocsbuild.py); Zensical, in its own (zensicalbuild.py), so it is
never imported here and is needed only by a project that chooses it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mission_tracker.builders.processes import alive
from mission_tracker.cache.store import Store
from mission_tracker.write import explain, replace_dir, restore_interrupted

TEMPORARY = ".site-"
BUILDERS = ("mkdocs", "zensical")
DEFAULT_BUILDER = "mkdocs"


def run_builder(
    builder: str,
    config_file: Path,
    target: Path,
    source_epoch: int,
    store: Store | None = None,
) -> str | None:
    """Build the site from `config_file` (the merged configuration) into `target` with
    `builder`; None on success, else what went wrong. `source_epoch` pins the dates the
    builder writes (MkDocs' sitemap and its gzip) so builds are reproducible; `store` keeps
    MkDocs' compiled templates between builds."""
    if builder not in BUILDERS:
        return f"unknown site builder {builder!r}; choose one of {', '.join(BUILDERS)}"
    # Absolute: MkDocs reads a relative site_dir from the configuration file's folder.
    target = target.resolve()
    parent = target.parent if target.parent.exists() else config_file.parent
    try:
        restore_interrupted(target)
        remove_abandoned(parent)
        tmp = Path(tempfile.mkdtemp(prefix=f"{TEMPORARY}{os.getpid()}-", dir=parent))
    except OSError as exc:
        return explain(exc, parent.resolve())
    try:
        # mkdtemp makes a private folder (0700), and this one becomes the published site.
        tmp.chmod(0o755)
        with _pinned_time(source_epoch):
            if builder == "zensical":
                from mission_tracker.builders.zensicalbuild import zensical_build

                error = zensical_build(config_file, tmp)
            else:
                from mission_tracker.builders.mkdocsbuild import mkdocs_build

                error = mkdocs_build(config_file, tmp, store)
        if error is None:
            replace_dir(tmp, target)
        return error
    except OSError as exc:
        # A full disk or a folder that cannot be written: the site as it was stays in place.
        return explain(exc, _site_file(exc, tmp, target))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_mkdocs(config_file: Path, target: Path, source_epoch: int) -> str | None:
    """`run_builder` with MkDocs."""
    return run_builder("mkdocs", config_file, target, source_epoch)


def _site_file(exc: OSError, tmp: Path, target: Path) -> Path | None:
    """The file an error was writing, named as it would be in the site: the temporary folder
    is gone by the time the message is read. MkDocs writes pages without naming them in its
    errors, and a failed copy names its source first, then where it was copying to."""
    names = [Path(n).resolve() for n in (exc.filename2, exc.filename) if isinstance(n, str)]
    for name in names:
        if name.is_relative_to(tmp.resolve()):
            return target.resolve() / name.relative_to(tmp.resolve())
    return None if names else target.resolve()


def remove_abandoned(parent: Path) -> None:
    """Folders a build that was killed half way left behind: each is named after the process
    that made it, and is removed once that process is gone."""
    for folder in parent.glob(f"{TEMPORARY}*"):
        pid = folder.name.removeprefix(TEMPORARY).split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and not alive(pid):
            shutil.rmtree(folder, ignore_errors=True)


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
