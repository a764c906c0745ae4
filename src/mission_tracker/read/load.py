"""data/ -> Dataset + problems. Reads every file, checks each alone and all together.

Every problem in every file is collected; nothing here prints or stops early. Checks between
files use every file that could be read, so a mistake in one file neither hides a mistake in
another nor causes a second, misleading message about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from mission_tracker.model.data import Dataset, Indicator, Mission
from mission_tracker.model.problems import Problem, ProblemList, errors
from mission_tracker.model.specs import IndicatorSpec, MissionSpec
from mission_tracker.read.crosscheck import Specs, cross_check
from mission_tracker.read.csvfile import read_rows
from mission_tracker.read.obscache import ObservationCache
from mission_tracker.read.observations import RowCount, read_observations
from mission_tracker.read.textfile import decode
from mission_tracker.read.validate import validate_spec
from mission_tracker.read.yamlfile import load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_LINE = "# yaml-language-server: $schema="


def schema_modeline(kind: str) -> str:
    """The first line of a mission or indicator YAML file: it points editors at the schema."""
    return f"{SCHEMA_LINE}../../docs/schema/{kind}.schema.json"


@dataclass
class LoadResult:
    dataset: Dataset
    problems: list[Problem]
    rows: RowCount = field(default_factory=RowCount)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def load_dataset(root: Path, cache: Path | None = None) -> LoadResult:
    """Load `root/missions/*.yml` and `root/indicators/*.{csv,yml}`; with a cache folder,
    data files already read cleanly are taken from it (obscache.py)."""
    result = LoadResult(Dataset(), [])
    observation_cache = ObservationCache(cache)
    missions_dir, indicators_dir = root / "missions", root / "indicators"
    for directory in (missions_dir, indicators_dir):
        if not directory.is_dir():
            result.problems.append(
                Problem(
                    _rel(directory, root),
                    1,
                    1,
                    f"folder {_rel(directory, root)} is missing; "
                    "create it (see the editor's guide)",
                    "files.missing-folder",
                )
            )
    specs = Specs(prefix=root.name, missions_folder=missions_dir.is_dir())
    for path in sorted(missions_dir.iterdir()) if missions_dir.is_dir() else ():
        problems = ProblemList(_rel(path, root))
        if _check_name(path, (".yml",), problems):
            specs.mission_files.add(path.stem)
            spec = _load_spec(path, MissionSpec, problems, specs)
            if spec is not None:
                specs.missions[path.stem] = spec
                result.dataset.missions[path.stem] = Mission(path.stem, spec)
        result.problems.extend(problems.items)

    stems: dict[str, set[str]] = {}
    for path in sorted(indicators_dir.iterdir()) if indicators_dir.is_dir() else ():
        problems = ProblemList(_rel(path, root))
        if _check_name(path, (".yml", ".csv"), problems):
            stems.setdefault(path.stem, set()).add(path.suffix)
        elif problems.items and path.suffix.lower() == ".csv":
            _count_rejected(path, result.rows)
        result.problems.extend(problems.items)
    specs.indicator_files.update(stems)

    for stem in sorted(stems):
        indicator = _load_indicator(
            indicators_dir, stem, stems[stem], root, result, specs, observation_cache
        )
        if indicator is not None:
            result.dataset.indicators[stem] = indicator

    result.problems.extend(cross_check(specs))
    result.problems.sort()
    return result


def _rel(path: Path, root: Path) -> str:
    # Paths as the editor sees them in the repository (data/indicators/x.csv).
    try:
        return (Path(root.name) / path.relative_to(root)).as_posix()
    except ValueError:
        return path.as_posix()


def _check_name(path: Path, wanted: tuple[str, ...], problems: ProblemList) -> bool:
    if path.name.startswith(".") or path.is_dir():
        return False
    suffix = path.suffix.lower()
    if suffix == ".yaml":
        suffix = ".yml"
    if path.suffix not in wanted:
        fix = (
            f"rename it to {path.stem}{suffix}"
            if suffix in wanted
            else f"only {' and '.join(wanted)} files belong in this folder; move or delete it"
        )
        problems.add(1, 1, "files.unexpected", f"unexpected file {path.name}; {fix}")
        return False
    if not ID_PATTERN.fullmatch(path.stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "a-new-name"
        problems.add(
            1,
            1,
            "files.bad-id",
            f"file name {path.name!r} is not a valid id (lower-case letters, digits and single "
            f"hyphens); rename it to {suggestion}{path.suffix}",
        )
        return False
    return True


def _read_text(path: Path, problems: ProblemList) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.add(1, 1, "files.unreadable", f"cannot read the file: {exc.strerror}")
        return None
    return decode(data, problems)


S = TypeVar("S", MissionSpec, IndicatorSpec)


def _load_spec(path: Path, model: type[S], problems: ProblemList, specs: Specs) -> S | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    kind = "mission" if model is MissionSpec else "indicator"
    first_line = text.split("\n", 1)[0].rstrip()
    if first_line != schema_modeline(kind) and text.strip():
        problems.note(
            1,
            1,
            "yaml.schema-line",
            f"the first line should be `{schema_modeline(kind)}` so editors such as VS Code "
            "check the file as you type",
        )
    doc = load_yaml(text, problems)
    if doc is None:
        return None
    specs.docs[problems.path] = doc
    return validate_spec(model, doc, problems)


def _load_indicator(
    directory: Path,
    stem: str,
    suffixes: set[str],
    root: Path,
    result: LoadResult,
    specs: Specs,
    cache: ObservationCache,
) -> Indicator | None:
    yml, csv = directory / f"{stem}.yml", directory / f"{stem}.csv"
    spec = None
    if ".yml" in suffixes:
        yaml_problems = ProblemList(_rel(yml, root))
        spec = _load_spec(yml, IndicatorSpec, yaml_problems, specs)
        if spec is not None:
            specs.indicators[stem] = spec
        if ".csv" not in suffixes:
            yaml_problems.add(
                1,
                1,
                "files.yaml-without-csv",
                f"{stem}.yml has no data file; add {stem}.csv beside it with the header "
                "`period,value` and one row per period",
            )
        result.problems.extend(yaml_problems.items)
    if ".csv" not in suffixes:
        return None
    csv_problems = ProblemList(_rel(csv, root))
    if ".yml" not in suffixes:
        csv_problems.add(
            1,
            1,
            "files.csv-without-yaml",
            f"{stem}.csv has no metadata file; add {stem}.yml beside it "
            f"(`mission-tracker new {stem} --mission <mission-id>` writes a template)",
        )
    text = _read_text(csv, csv_problems)
    if text is None:
        _count_rejected(csv, result.rows)
        result.problems.extend(csv_problems.items)
        return None
    key = cache.key(text, spec) if spec is not None else None
    found = cache.get(key) if key is not None else None
    if found is not None:
        observations, columns = found
        result.rows.read += len(observations)
        result.rows.loaded += len(observations)
    else:
        observations, columns = read_observations(text, spec, csv_problems, result.rows)
        if key is not None and not csv_problems.items:
            cache.put(key, (observations, columns))
    result.problems.extend(csv_problems.items)
    if spec is None or csv_problems:
        return None
    return Indicator(stem, spec, tuple(observations), columns)


def _count_rejected(csv: Path, rows: RowCount) -> None:
    """Count the rows of a data file rejected as a whole (misnamed, or not UTF-8 text), so
    that no row goes unaccounted for."""
    try:
        data = csv.read_bytes()
    except OSError:
        return
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    found = read_rows(text, ProblemList(""))
    data_rows = max(len(found) - 1, 0)
    rows.read += data_rows
    rows.rejected += data_rows
