"""The review of a pull request: data/ at its base (read from git) against its result."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from mission_tracker.read.layout import CONFIG, DATA, INDICATORS
from mission_tracker.review.diff import DataDiff, compare_versions
from mission_tracker.review.gitdata import export, open_repo, renamed_files, resolve
from mission_tracker.review.versions import read_version


def diff_with_git(project: Path, base: str, head: str | None = None) -> DataDiff:
    """Compare data/ at `base` with the project's data/ now (or at `head`), each checked
    with the mkdocs.yml beside it.

    Raises GitError, with a message for the user, when there is no repository or a ref is
    unknown. Works in a shallow clone as long as both commits have been fetched.
    """
    repo = open_repo(project)
    base_commit = resolve(repo, base)
    head_commit = resolve(repo, head) if head else None
    with tempfile.TemporaryDirectory(prefix="mission-tracker-diff-") as tmp:
        base_dir = Path(tmp) / "base"
        base_files = export(repo, base_commit, DATA, base_dir)
        export(repo, base_commit, CONFIG, base_dir)
        before = read_version(base_dir)
        if head_commit is not None:
            head_dir = Path(tmp) / "head"
            export(repo, head_commit, DATA, head_dir)
            export(repo, head_commit, CONFIG, head_dir)
            after = read_version(head_dir)
        else:
            after = read_version(project)
    moves = renamed_files(repo, base_commit, head_commit, f"{DATA}/{INDICATORS}")
    diff = compare_versions(before, after, _stem_renames(moves))
    return DataDiff(
        diff.indicators,
        diff.missions,
        diff.milestones,
        diff.problems,
        diff.base_problems,
        base=_label(base, base_commit),
        head=_label(head, head_commit) if head and head_commit else "the working tree",
        base_has_data=base_files > 0,
    )


def _label(ref: str, commit: str) -> str:
    return commit[:12] if commit.startswith(ref) else f"{ref} ({commit[:12]})"


def _stem_renames(moves: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Indicator ids from renamed file paths (either the .csv or the .yml may be the one git
    pairs up)."""
    pairs = []
    for old, new in moves:
        o, n = PurePosixPath(old), PurePosixPath(new)
        if o.suffix in (".csv", ".yml") and o.suffix == n.suffix:
            pairs.append((o.stem, n.stem))
    return pairs
