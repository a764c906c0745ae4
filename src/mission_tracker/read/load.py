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

from mission_tracker.cache.store import Store
from mission_tracker.model.base import ID_PATTERN, id_problem
from mission_tracker.model.data import Dataset, Indicator, Mission
from mission_tracker.model.limits import DEFAULT_LIMITS, Limits
from mission_tracker.model.missions import MissionSpec
from mission_tracker.model.problems import Problem, ProblemList, errors
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.crosscheck import Specs, cross_check
from mission_tracker.read.csvfile import read_rows
from mission_tracker.read.files import DataFiles, read_data_folder
from mission_tracker.read.layout import (
    INDICATOR_SUFFIXES,
    INDICATORS,
    MISSION_SUFFIXES,
    MISSIONS,
    indicator_files,
    schema_modeline,
    shown,
)
from mission_tracker.read.obscache import ObservationCache
from mission_tracker.read.observations import RowCount, read_observations
from mission_tracker.read.textfile import decode
from mission_tracker.read.validate import validate_spec
from mission_tracker.read.yamlfile import load_yaml


@dataclass
class LoadResult:
    dataset: Dataset
    problems: list[Problem]
    rows: RowCount = field(default_factory=RowCount)
    files: DataFiles = field(default_factory=lambda: DataFiles({}))

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def load_dataset(
    source: Path | DataFiles,
    store: Store | None = None,
    limits: Limits = DEFAULT_LIMITS,
    maps: frozenset[str] | None = None,
) -> LoadResult:
    """Load a data folder (or its files, already read); with a cache, data files already read
    cleanly are taken from it (obscache.py)."""
    files = source if isinstance(source, DataFiles) else read_data_folder(source, limits)
    result = LoadResult(Dataset(), list(files.problems), files=files)
    cache = ObservationCache(store or Store(None), limits)
    for folder in (MISSIONS, INDICATORS):
        if folder not in files.folders and folder not in files.skipped:
            result.problems.append(
                Problem(
                    shown(folder),
                    1,
                    1,
                    f"folder {shown(folder)} is missing; create it (see the editor's guide)",
                    "files.missing-folder",
                )
            )
    specs = Specs(prefix="data", missions_folder=MISSIONS in files.folders, maps=maps)
    for name in files.names(MISSIONS):
        rel = f"{MISSIONS}/{name}"
        problems = ProblemList(shown(rel))
        if not _check_name(name, MISSION_SUFFIXES, problems):
            _refused_id(name, specs.mission_files)
        else:
            stem = name.rsplit(".", 1)[0]
            specs.mission_files.add(stem)
            spec = _load_spec(files.files[rel], MissionSpec, problems, specs)
            if spec is not None:
                specs.missions[stem] = spec
                result.dataset.missions[stem] = Mission(stem, spec)
        result.problems.extend(problems.items)

    stems: dict[str, set[str]] = {}
    for name in files.names(INDICATORS):
        rel = f"{INDICATORS}/{name}"
        problems = ProblemList(shown(rel))
        if _check_name(name, INDICATOR_SUFFIXES, problems):
            stem, suffix = name.rsplit(".", 1)
            stems.setdefault(stem, set()).add("." + suffix)
        else:
            _refused_id(name, specs.indicator_files)
            if problems.items and name.lower().endswith(".csv"):
                _count_rejected(files.files[rel], result.rows)
        result.problems.extend(problems.items)
    specs.indicator_files.update(stems)
    if len(stems) > limits.indicators:
        result.problems.append(
            Problem(
                shown(INDICATORS),
                1,
                1,
                f"there are {len(stems):,} indicators, more than {limits.describe('indicators')}",
                "limits.indicators",
            )
        )

    for stem in sorted(stems):
        indicator = _load_indicator(files, stem, stems[stem], result, specs, cache)
        if indicator is not None:
            result.dataset.indicators[stem] = indicator

    result.problems.extend(cross_check(specs, limits))
    result.problems.sort()
    return result


def _refused_id(name: str, present: set[str]) -> None:
    """A file refused for its id alone (reserved, or too long) still exists: references to it
    are not reported again as references to nothing."""
    stem = name.rpartition(".")[0]
    if ID_PATTERN.fullmatch(stem) and id_problem(stem) is not None:
        present.add(stem)


def _check_name(name: str, wanted: tuple[str, ...], problems: ProblemList) -> bool:
    stem, dot, ext = name.rpartition(".")
    stem, suffix = (stem, dot + ext) if dot else (name, "")
    lowered = ".yml" if suffix.lower() == ".yaml" else suffix.lower()
    if suffix not in wanted:
        fix = (
            f"rename it to {stem}{lowered}"
            if lowered in wanted
            else f"only {' and '.join(wanted)} files belong in this folder; move or delete it"
        )
        problems.add(1, 1, "files.unexpected", f"unexpected file {name}; {fix}")
        return False
    if not ID_PATTERN.fullmatch(stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "a-new-name"
        problems.add(
            1,
            1,
            "files.bad-id",
            f"file name {name!r} is not a valid id (lower-case letters, digits and single "
            f"hyphens); rename it to {suggestion}{suffix}",
        )
        return False
    reason = id_problem(stem)
    if reason is not None:
        problems.add(1, 1, "files.bad-id", f"file name {name!r} cannot be an id: {reason}")
        return False
    return True


S = TypeVar("S", MissionSpec, IndicatorSpec)


def _load_spec(data: bytes, model: type[S], problems: ProblemList, specs: Specs) -> S | None:
    text = decode(data, problems)
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
    files: DataFiles,
    stem: str,
    suffixes: set[str],
    result: LoadResult,
    specs: Specs,
    cache: ObservationCache,
) -> Indicator | None:
    yml, csv = indicator_files(stem)
    spec = None
    if ".yml" in suffixes:
        yaml_problems = ProblemList(shown(yml))
        spec = _load_spec(files.files[yml], IndicatorSpec, yaml_problems, specs)
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
    csv_problems = ProblemList(shown(csv))
    if ".yml" not in suffixes:
        csv_problems.add(
            1,
            1,
            "files.csv-without-yaml",
            f"{stem}.csv has no metadata file; add {stem}.yml beside it "
            f"(`mission-tracker new {stem} --mission <mission-id>` writes a template)",
        )
    text = decode(files.files[csv], csv_problems)
    if text is None:
        _count_rejected(files.files[csv], result.rows)
        result.problems.extend(csv_problems.items)
        return None
    key = cache.key(text, spec) if spec is not None else None
    found = cache.get(key) if key is not None else None
    if found is not None:
        observations, columns = found
        result.rows.read += len(observations)
        result.rows.loaded += len(observations)
    else:
        observations, columns = read_observations(
            text, spec, csv_problems, result.rows, cache.limits
        )
        if key is not None and not csv_problems.items:
            cache.put(key, (observations, columns))
    result.problems.extend(csv_problems.items)
    if spec is None or csv_problems.has_errors:
        return None
    indicator = Indicator(stem, spec, tuple(observations), columns)
    headline = _headline_problem(indicator, shown(yml), specs)
    if headline is not None:
        result.problems.append(headline)
        return None
    return indicator


def _headline_problem(indicator: Indicator, path: str, specs: Specs) -> Problem | None:
    """Rows that never form a headline series, unless the YAML says there is none: else the
    page would say "no figures" above figures it has."""
    spec = indicator.spec
    measure = indicator.headline_measure.id
    rows = indicator.rows(measure)
    totals = [o for o in rows if o.series == indicator.headline_key]
    doc = specs.docs.get(path)
    if spec.no_headline is None and rows and not totals:
        line, column = doc.where(("breakdowns",)) if doc else (1, 1)
        named = ", ".join(
            f"`{b.column}`" for b, v in zip(spec.breakdowns, rows[0].series, strict=True) if v
        )
        return Problem(
            path,
            line,
            column,
            f"no row of {indicator.id}.csv is a total: every row names a value of {named}; "
            "declare the value that means everyone under its breakdown (e.g. `total: All`), or, "
            "if the source publishes no total, add `no_headline:` saying why",
            "yaml.no-headline",
        )
    if spec.no_headline is not None and totals:
        line, column = doc.where(("no_headline",)) if doc else (1, 1)
        return Problem(
            path,
            line,
            column,
            f"`no_headline` says there is no total, but {len(totals)} rows of {indicator.id}.csv "
            "are totals; delete `no_headline`, or correct those rows",
            "yaml.no-headline",
        )
    return None


def _count_rejected(data: bytes, rows: RowCount) -> None:
    """Count the rows of a data file rejected as a whole (misnamed, or not UTF-8 text), so
    that no row goes unaccounted for."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    found = read_rows(text, ProblemList(""))
    data_rows = max(len(found) - 1, 0)
    rows.read += data_rows
    rows.rejected += data_rows
