"""{path: bytes} -> files. The only module that writes generated files.

Unchanged files are left alone (same bytes, same modification time), files that are no longer
generated are removed, and each file is replaced atomically, so an interrupted write never
leaves a half-written file behind.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Generated paths under docs/, all git-ignored; `write_tree` owns exactly these. Here, in a
# module with no heavy imports, so finding that a rebuild has nothing to do stays cheap.
GENERATED = (
    "index.md",
    "methodology.md",
    "missions",
    "indicators",
    "assets/cards",
    "assets/vendor",
    "datapackage.json",
    "index.json",
    "feed.xml",
    "all-data.zip",
    "_generated",
    # The package's own pages and files (site/themefiles.py).
    "assets/stylesheets/mission-tracker.css",
    "assets/javascripts/mission-tracker.js",
    "guide/editors.md",
    "guide/publishing.md",
    "accessibility.md",
    "reuse.md",
)


_FIXES = {
    errno.ENOSPC: "free some space on that disk, then run the command again",
    errno.EDQUOT: "free some space (the disk quota is full), then run the command again",
    errno.EACCES: "check that you may write to that folder (or run the command as its owner)",
    errno.EPERM: "check that you may write to that folder (or run the command as its owner)",
    errno.EROFS: "that folder is on a read-only disk; run the command where you can write",
}


def explain(exc: OSError, where: str | Path | None = None) -> str:
    """What went wrong when a file could not be written, and what to do about it; `where`
    names the file or folder when the error's own file name would not help (a temporary one)."""
    where = where or exc.filename or "a file"
    fix = _FIXES.get(exc.errno or 0, "check that folder, then run the command again")
    return f"cannot write {where}: {exc.strerror or exc}; {fix}"


@dataclass
class WriteStats:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it. An error names `path` (a
    failed write or close names no file at all, and the temporary file is gone)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError as exc:
        raise _naming(exc, path) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _naming(exc, path) from exc
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    # OSError(errno, ...) is the matching subclass (FileNotFoundError, PermissionError, ...).
    return OSError(exc.errno, exc.strerror or str(exc), str(path))


def write_tree(root: Path, files: dict[str, bytes], owned: tuple[str, ...]) -> WriteStats:
    """Make the `owned` paths under `root` hold exactly `files`."""
    stats = WriteStats()
    for rel, data in sorted(files.items()):
        path = root / rel
        try:
            if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                stats.unchanged += 1
                continue
        except OSError:
            pass
        atomic_write(path, data)
        stats.written += 1
    wanted = {root / rel for rel in files}
    for name in owned:
        top = root / name
        if top.is_file() and top not in wanted:
            top.unlink()
            stats.removed += 1
        elif top.is_dir():
            for path in sorted(top.rglob("*"), reverse=True):
                if path.is_file() and path not in wanted:
                    path.unlink()
                    stats.removed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    return stats


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


def replace_dir(new: Path, target: Path) -> None:
    """Swap a freshly built folder into place; the old one is removed only after the swap, and
    put back if the swap fails, so `target` is always a whole site."""
    old = _old(target)
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def restore_interrupted(target: Path) -> None:
    """Put the old folder back if a swap was killed between its two renames (else the next
    build would remove it as abandoned, and a failed build would leave no site at all)."""
    old = _old(target)
    if old.is_dir() and not old.is_symlink() and not target.exists():
        old.rename(target)
