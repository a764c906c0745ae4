"""Read a folder as it was at a git commit, without checking the commit out.

The review summary compares data/ at a pull request's base with the result. CI checks out a
shallow clone, so everything here reads objects by commit (ls-tree, cat-file, diff of two
trees) and nothing walks history: two commits' objects are all it needs.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class GitError(Exception):
    """A git problem the user can fix (no repository, unknown ref); the message says how."""


@dataclass(frozen=True)
class Repo:
    top: Path  # the repository's top folder
    prefix: str  # the project folder inside it, "" or "site/" (ends with "/")

    def path(self, rel: str) -> str:
        """A project-relative path as git names it, from the repository's top."""
        return f"{self.prefix}{rel}".rstrip("/")


# No pager, no prompts, no locale-dependent messages, no configured diff drivers that could
# run programs; paths as raw bytes (-z) so unusual names cannot be mangled.
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_EXTERNAL_DIFF": ""}


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env={**os.environ, **_ENV},
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); install git and try again") from None


def _fail(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's own last line of complaint, for the error message."""
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"git exited with status {result.returncode}"


def open_repo(project: Path) -> Repo:
    """The repository that holds `project` (the folder with data/ in it)."""
    if not project.is_dir():
        raise GitError(f"folder {project} does not exist")
    result = _git(project, "rev-parse", "--show-toplevel", "--show-prefix")
    if result.returncode != 0:
        raise GitError(
            f"{project.resolve()} is not in a git repository; `diff` compares with a git commit, "
            "so run it in a clone of the repository"
        )
    lines = result.stdout.decode("utf-8").splitlines()
    top = Path(lines[0])
    prefix = lines[1] if len(lines) > 1 else ""
    return Repo(top, prefix)


def resolve(repo: Repo, ref: str) -> str:
    """The full commit id `ref` names, or a GitError that says how to make it available."""
    if not ref or ref.startswith("-") or any(c in ref for c in "\0\n"):
        raise GitError(f"{ref!r} is not a git reference; give a branch, tag or commit id")
    result = _git(
        repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
    )
    if result.returncode == 0:
        return result.stdout.decode("ascii").strip()
    shallow = _git(repo.top, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    # Quoted for a shell, as the hint is a command to copy: a ref is text from outside.
    quoted = shlex.quote(ref)
    hint = (
        f"this is a shallow clone, so fetch it first: git fetch --depth=1 origin {quoted}"
        if shallow
        else f"check the name, or fetch it first: git fetch origin {quoted}"
    )
    raise GitError(f"cannot find commit {ref!r} in this repository; {hint}")


def export(repo: Repo, commit: str, folder: str, dest: Path) -> int:
    """Write the files under project-relative `folder` at `commit` into `dest/folder`.

    Returns the number of files written (0 when the folder did not exist at that commit).
    Symbolic links and submodules are skipped: data files are plain files.
    """
    listing = _git(repo.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", repo.path(folder))
    if listing.returncode != 0:
        raise GitError(f"cannot list {folder}/ at {commit[:12]}: {_fail(listing)}")
    blobs: list[tuple[str, str]] = []
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_name = entry.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split()
        if kind == "blob" and mode in ("100644", "100755"):
            blobs.append((sha, raw_name.decode("utf-8", "surrogateescape")))
    if not blobs:
        return 0
    contents = _read_blobs(repo, [sha for sha, _ in blobs])
    for (_, name), data in zip(blobs, contents, strict=True):
        rel = PurePosixPath(name[len(repo.prefix) :])
        # git never stores ".." or absolute paths, but a path escaping dest would be a
        # write anywhere on disk, so it is checked rather than trusted.
        if rel.is_absolute() or ".." in rel.parts:
            raise GitError(f"refusing to export unsafe path {name!r} from {commit[:12]}")
        target = dest.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(blobs)


def _read_blobs(repo: Repo, shas: list[str]) -> list[bytes]:
    # One cat-file process for every file: its output is "<sha> blob <size>\n<bytes>\n" each.
    result = _git(repo.top, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    if result.returncode != 0:
        raise GitError(f"cannot read files from git: {_fail(result)}")
    out, pos, contents = result.stdout, 0, []
    for sha in shas:
        end = out.index(b"\n", pos)
        header = out[pos:end].decode("ascii").split()
        if len(header) != 3 or header[1] != "blob":
            raise GitError(f"git could not read object {sha} (a missing object in this clone?)")
        size = int(header[2])
        contents.append(out[end + 1 : end + 1 + size])
        pos = end + 1 + size + 1
    return contents


def renamed_files(repo: Repo, base: str, head: str | None, folder: str) -> list[tuple[str, str]]:
    """(old, new) project-relative paths git sees as renamed under `folder`, from `base` to
    `head` (or to the working tree when `head` is None; files git does not track yet are not
    seen)."""
    args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base]
    result = _git(repo.top, *args, *([head] if head else []), "--", repo.path(folder))
    if result.returncode != 0:
        raise GitError(f"cannot compare {folder}/ with {base[:12]}: {_fail(result)}")
    fields = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status.startswith(("R", "C")):
            old, new = fields[i + 1], fields[i + 2]
            if status.startswith("R"):
                pairs.append((old[len(repo.prefix) :], new[len(repo.prefix) :]))
            i += 3
        else:
            i += 2
    return pairs
