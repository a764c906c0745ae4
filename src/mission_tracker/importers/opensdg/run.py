"""The whole import: a repository in, a project's data files and a report out.

Files the importer wrote before carry a mark (output.MARK) and are replaced or removed as the
source says; a file with the same name that an editor wrote is never touched, and the report
says it was left alone.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field, replace
from pathlib import Path

from mission_tracker.importers.opensdg.accounts import IndicatorAccount, Totals, totals
from mission_tracker.importers.opensdg.indicator import (
    Context,
    import_indicator,
    mission_tracker_id,
)
from mission_tracker.importers.opensdg.missions import (
    Missions,
    MissionsFileError,
    goal_missions,
    read_missions_file,
)
from mission_tracker.importers.opensdg.output import is_ours, write_files, yaml_bytes
from mission_tracker.importers.opensdg.source import (
    Boundaries,
    NotOpenSdg,
    Repository,
    open_repository,
)
from mission_tracker.model.base import ID_PATTERN, id_problem
from mission_tracker.model.problems import Problem
from mission_tracker.read.config import SiteConfigError, read_site
from mission_tracker.read.layout import (
    CONFIG,
    DATA,
    INDICATORS,
    MISSIONS,
    indicator_files,
    mission_file,
    shown,
)
from mission_tracker.read.maps import read_boundaries


class ImportUsageError(Exception):
    """The import cannot start (no repository, a bad missions file); the message says why."""


@dataclass(frozen=True)
class ImportOptions:
    source: Path
    project: Path
    missions_file: Path | None = None
    report: Path | None = None  # default: <project>/import-report.md
    retrieved: dt.date | None = None  # default: the source's last commit, else its files' dates
    copy_of: str | None = None  # default: the repository's folder name (and commit)
    check: bool = True


@dataclass
class ImportResult:
    accounts: list[IndicatorAccount]
    totals: Totals
    missions: list[str]
    retrieved: dt.date
    retrieved_from: str
    copy_of: str
    skipped: list[str]
    written: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # editors' files with an imported name
    check: list[Problem] | None = None  # None when not run
    report_path: Path | None = None

    @property
    def complete(self) -> bool:
        """Every row and every indicator of the source imported."""
        return all(a.written and not a.not_imported for a in self.accounts)


def import_open_sdg(options: ImportOptions) -> ImportResult:
    try:
        repo = open_repository(options.source)
    except NotOpenSdg as exc:
        raise ImportUsageError(str(exc)) from None
    try:
        missions = read_missions_file(options.missions_file) if options.missions_file else None
    except MissionsFileError as exc:
        raise ImportUsageError(str(exc)) from None
    missions = missions or goal_missions()
    retrieved, retrieved_from, commit = _retrieved(repo, options.retrieved)
    copy_of = options.copy_of or (
        f"Open SDG data repository {repo.root.resolve().name}"
        + (f" at commit {commit}" if commit else "")
    )
    ids = _ids(repo)
    protected = _protected(options.project, ids)
    context = Context(
        repo,
        copy_of,
        retrieved,
        missions.mission_of,
        missions.unassigned,
        ids,
        protected,
        maps=_project_maps(options.project),
    )
    accounts: list[IndicatorAccount] = []
    files: dict[str, bytes] = {}
    for source_id in repo.ids():
        account, made = import_indicator(source_id, context)
        accounts.append(account)
        files.update(made)
    # An archived indicator and its current one name each other under `related:`, which may
    # only name indicators that exist: those two are made again once it is known which exist.
    written = frozenset(a.source_id for a in accounts if a.written)
    context = replace(context, written=written)
    for i, account in enumerate(accounts):
        partner = _partner(account.source_id)
        if account.written and partner in ids and partner not in written:
            accounts[i], made = import_indicator(account.source_id, context)
            files.update(made)
    used = _mission_files(missions, accounts, files)
    result = ImportResult(
        accounts, Totals(), used, retrieved, retrieved_from, copy_of, list(repo.skipped)
    )
    _keep_editors_missions(options.project, files, result)
    result.totals = totals(accounts)
    result.removed = _remove_stale(options.project, files)
    result.written, result.unchanged = write_files(options.project, files)
    if options.check:
        from mission_tracker.check.project import check_project

        result.check = check_project(options.project).problems
    from mission_tracker.importers.opensdg.report import report_markdown

    path = options.report or options.project / "import-report.md"
    write_files(path.parent, {path.name: report_markdown(result).encode()})
    result.report_path = path
    return result


def _project_maps(root: Path) -> tuple[Boundaries, ...]:
    """The maps the project's mkdocs.yml declares, with their areas: a breakdown may name one.
    A setting that cannot be used is left to `check` to report."""
    try:
        site = read_site(root / CONFIG)
    except SiteConfigError:
        return ()
    found, _ = read_boundaries(root, site.maps)
    by_id = {m.id: m for m in site.maps}
    return tuple(
        Boundaries(
            by_id[map_id].file,
            map_id,
            by_id[map_id].code,
            {str(f["properties"]["code"]): str(f["properties"]["name"]) for f in b.features},
            by_id[map_id].name,
            declared=True,
        )
        for map_id, b in sorted(found.items())
    )


def _partner(source_id: str) -> str:
    archived = source_id.startswith("archived-")
    return source_id.removeprefix("archived-") if archived else f"archived-{source_id}"


def _ids(repo: Repository) -> dict[str, str]:
    ids: dict[str, str] = {}
    for source_id in repo.ids():
        candidate = mission_tracker_id(source_id)
        if ID_PATTERN.fullmatch(candidate) and id_problem(candidate) is None:
            ids[source_id] = candidate if candidate not in ids.values() else f"{candidate}-2"
        else:  # too long, say: kept readable, and the report shows it
            ids[source_id] = candidate[:80].rstrip("-")
    return ids


def _mission_files(
    missions: Missions, accounts: list[IndicatorAccount], files: dict[str, bytes]
) -> list[str]:
    """The missions to write: every mission a missions file defines, or each goal that has an
    indicator."""
    wanted = {a.mission for a in accounts if a.written and a.mission}
    used = [m for m in missions.definitions if not missions.by_goal or m in wanted]
    for mission_id in used:
        files[shown(mission_file(mission_id))] = yaml_bytes(
            "mission", missions.definitions[mission_id]
        )
    return used


def _protected(root: Path, ids: dict[str, str]) -> frozenset[str]:
    """Indicators whose files an editor wrote: the importer leaves them alone."""
    found = set()
    for indicator_id in ids.values():
        for rel in indicator_files(indicator_id):
            path = root / DATA / rel
            yml = path.with_suffix(".yml")
            if path.exists() and not is_ours(yml):
                found.add(indicator_id)
    return frozenset(found)


def _keep_editors_missions(root: Path, files: dict[str, bytes], result: ImportResult) -> None:
    for rel in sorted(files):
        path = root / rel
        if rel.startswith(f"{DATA}/{MISSIONS}/") and path.exists() and not is_ours(path):
            result.kept.append(rel)
            del files[rel]


def _remove_stale(root: Path, files: dict[str, bytes]) -> list[str]:
    """Files the importer wrote before that the source no longer gives."""
    removed = []
    for folder in (MISSIONS, INDICATORS):
        base = root / DATA / folder
        if not base.is_dir():
            continue
        for path in sorted(base.glob("*.yml")):
            rel = path.relative_to(root).as_posix()
            if rel in files or not is_ours(path):
                continue
            for partner in (path, path.with_suffix(".csv")):
                if partner.is_file() and partner.relative_to(root).as_posix() not in files:
                    partner.unlink()
                    removed.append(partner.relative_to(root).as_posix())
    return removed


def _retrieved(repo: Repository, given: dt.date | None) -> tuple[dt.date, str, str]:
    """When this copy was taken: as given; else the repository's last commit; else the day its
    newest data or metadata file was last changed. Never today's date, so an import made again
    from the same copy writes the same files."""
    commit, day = _git_head(repo.root)
    if given is not None:
        return given, "given with --retrieved", commit
    if day is not None:
        return day, f"the date of the repository's last commit ({commit})", commit
    newest = max(p.stat().st_mtime for p in (*repo.data.values(), *repo.meta.values()))
    stamp = dt.datetime.fromtimestamp(newest, dt.UTC).date()
    return stamp, "the day the newest data or metadata file was last changed", commit


def _git_head(root: Path) -> tuple[str, dt.date | None]:
    if not (root / ".git").exists():
        return "", None
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%H %cs"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.split()
        return out[0], dt.date.fromisoformat(out[1])
    except (OSError, subprocess.SubprocessError, IndexError, ValueError):
        return "", None


__all__ = [
    "ImportOptions",
    "ImportResult",
    "ImportUsageError",
    "MissionsFileError",
    "import_open_sdg",
]
