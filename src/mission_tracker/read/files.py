"""The data folder read into memory: the one place that opens an editor's files.

Only plain files are read. A symbolic link (committed to git or made on the machine) could
point anywhere, and whatever it pointed at would be published, so a link, or anything that is
not a regular file, is reported as a problem in the data and never opened; files are opened
with O_NOFOLLOW so a link swapped in between the check and the read is refused too. Nothing
outside the data folder is ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.problems import Problem
from mission_tracker.read.layout import INDICATORS, MISSIONS, shown


@dataclass(frozen=True)
class DataFiles:
    """The readable files of `data/missions` and `data/indicators`, by their path relative to
    the data folder ("indicators/x.csv"), with what could not be read."""

    files: Mapping[str, bytes]
    problems: tuple[Problem, ...] = ()
    folders: frozenset[str] = frozenset({MISSIONS, INDICATORS})  # those that exist
    skipped: tuple[str, ...] = field(default=())  # entries refused (links, special files)

    def names(self, folder: str) -> Iterator[str]:
        """File names in one folder, sorted."""
        prefix = folder + "/"
        return iter(sorted(rel[len(prefix) :] for rel in self.files if rel.startswith(prefix)))


def read_data_folder(data_dir: Path, limits: Limits = DEFAULT_LIMITS) -> DataFiles:
    """Every plain file directly inside `data_dir/missions` and `data_dir/indicators`; a file
    larger than the limit is reported and not read."""
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    skipped: list[str] = []
    folders: set[str] = set()
    if _is_link(data_dir):
        problems.append(_link_problem(data_dir.name, "folder"))
        return DataFiles({}, tuple(problems), frozenset(), (data_dir.name,))
    for folder in (MISSIONS, INDICATORS):
        directory = data_dir / folder
        if _is_link(directory):
            problems.append(_link_problem(shown(folder), "folder"))
            skipped.append(folder)
            continue
        if not directory.is_dir():
            continue
        folders.add(folder)
        for entry in sorted(os.scandir(directory), key=lambda e: e.name):
            rel = f"{folder}/{entry.name}"
            if entry.name.startswith("."):
                continue
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISDIR(info.st_mode):
                continue  # sub-folders are not part of the format, and are left alone
            if stat.S_ISLNK(info.st_mode):
                problems.append(_link_problem(shown(rel), "file"))
                skipped.append(rel)
                continue
            if not stat.S_ISREG(info.st_mode):
                problems.append(
                    Problem(
                        shown(rel),
                        1,
                        1,
                        "this is not a plain file (a device, socket or pipe); delete it",
                        "files.not-a-file",
                    )
                )
                skipped.append(rel)
                continue
            if info.st_size > limits.file_bytes:
                problems.append(
                    Problem(
                        shown(rel),
                        1,
                        1,
                        f"the file is {info.st_size:,} bytes, more than "
                        f"{limits.describe('file_bytes')}; split the indicator into several",
                        "limits.file-bytes",
                    )
                )
                skipped.append(rel)
                continue
            data = _read(Path(entry.path))
            if isinstance(data, Problem):
                problems.append(Problem(shown(rel), 1, 1, data.message, data.code))
                skipped.append(rel)
            else:
                files[rel] = data
    return DataFiles(files, tuple(problems), frozenset(folders), tuple(skipped))


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _link_problem(rel: str, kind: str) -> Problem:
    return Problem(
        rel,
        1,
        1,
        f"this {kind} is a symbolic link; the data folder may hold only plain files and "
        "folders, so that nothing from outside the repository can be published: replace the "
        f"link with the {kind} itself",
        "files.link",
    )


def _read(path: Path) -> bytes | Problem:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return _link_problem(path.name, "file")
        return Problem("", 1, 1, f"cannot read the file: {exc.strerror}", "files.unreadable")
    try:
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return Problem("", 1, 1, "this is not a plain file; delete it", "files.not-a-file")
            return handle.read()
    except OSError as exc:
        return Problem("", 1, 1, f"cannot read the file: {exc.strerror}", "files.unreadable")


def read_project_file(root: Path, rel: str) -> bytes | None:
    """A file of the project itself (such as mkdocs.yml), or None when it is missing, not a
    plain file, or a link."""
    path = root / rel
    if _is_link(path) or not path.is_file():
        return None
    data = _read(path)
    return None if isinstance(data, Problem) else data
