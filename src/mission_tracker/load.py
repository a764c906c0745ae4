"""data/ -> Dataset + problems. Reads every file, checks each alone and all together.

Every problem in every file is collected; nothing here prints or stops early.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .models import (
    Dataset,
    Direction,
    Indicator,
    IndicatorSpec,
    Mission,
    MissionSpec,
)
from .observations import RowCount, read_observations
from .periods import PeriodError, parse_period
from .problems import Problem, ProblemList, errors
from .specs import validate_spec
from .textfile import decode
from .yamlfile import YamlDocument, load_yaml

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class LoadResult:
    dataset: Dataset
    problems: list[Problem]
    rows: RowCount = field(default_factory=RowCount)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def load_dataset(root: Path) -> LoadResult:
    """Load `root/missions/*.yml` and `root/indicators/*.{csv,yml}`."""
    result = LoadResult(Dataset(), [])
    missions_dir, indicators_dir = root / "missions", root / "indicators"
    docs: dict[str, YamlDocument] = {}
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
    if not missions_dir.is_dir() or not indicators_dir.is_dir():
        return result

    for path in sorted(missions_dir.iterdir()):
        problems = ProblemList(_rel(path, root))
        if _check_name(path, ".yml", problems):
            doc, spec = _load_spec(path, MissionSpec, problems)
            if spec is not None:
                result.dataset.missions[path.stem] = Mission(path.stem, spec)
            if doc is not None:
                docs[problems.path] = doc
        result.problems.extend(problems.items)

    stems: dict[str, set[str]] = {}
    for path in sorted(indicators_dir.iterdir()):
        problems = ProblemList(_rel(path, root))
        if _check_name(path, (".yml", ".csv"), problems):
            stems.setdefault(path.stem, set()).add(path.suffix)
        result.problems.extend(problems.items)

    for stem in sorted(stems):
        indicator = _load_indicator(indicators_dir, stem, stems[stem], root, result, docs)
        if indicator is not None:
            result.dataset.indicators[stem] = indicator

    result.problems.extend(_cross_check(result.dataset, docs, root))
    result.problems.sort()
    return result


def _rel(path: Path, root: Path) -> str:
    # Paths as the editor sees them in the repository (data/indicators/x.csv).
    try:
        return (Path(root.name) / path.relative_to(root)).as_posix()
    except ValueError:
        return path.as_posix()


def _check_name(path: Path, suffixes: str | tuple[str, ...], problems: ProblemList) -> bool:
    if path.name.startswith(".") or path.is_dir():
        return False
    wanted = (suffixes,) if isinstance(suffixes, str) else suffixes
    if path.suffix not in wanted:
        fix = (
            f"rename it to {path.stem}.yml"
            if path.suffix in (".yaml", ".YML", ".YAML")
            else f"only {' and '.join(wanted)} files belong here; move or delete it"
        )
        problems.add(1, 1, "files.unexpected", f"unexpected file {path.name}; {fix}")
        return False
    if not ID_PATTERN.fullmatch(path.stem):
        suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
        problems.add(
            1,
            1,
            "files.bad-id",
            f"file name {path.name!r} is not a valid id (lower-case letters, digits and "
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


def _load_spec(
    path: Path, model: type[S], problems: ProblemList
) -> tuple[YamlDocument | None, S | None]:
    text = _read_text(path, problems)
    if text is None:
        return None, None
    if not text.startswith(SCHEMA_LINE):
        kind = "mission" if model is MissionSpec else "indicator"
        problems.note(
            1,
            1,
            "yaml.schema-line",
            f"the first line should be `{SCHEMA_LINE}../../docs/schema/{kind}.schema.json` so "
            "editors such as VS Code can check the file as you type",
        )
    doc = load_yaml(text, problems)
    if doc is None:
        return None, None
    return doc, validate_spec(model, doc, problems)


def _load_indicator(
    directory: Path,
    stem: str,
    suffixes: set[str],
    root: Path,
    result: LoadResult,
    docs: dict[str, YamlDocument],
) -> Indicator | None:
    yml, csv = directory / f"{stem}.yml", directory / f"{stem}.csv"
    if ".yml" not in suffixes:
        problems = ProblemList(_rel(csv, root))
        problems.add(
            1,
            1,
            "files.csv-without-yaml",
            f"{stem}.csv has no metadata file; add {stem}.yml beside it "
            f"(`mission-tracker new {stem} --mission <mission-id>` writes a template)",
        )
        result.problems.extend(problems.items)
        text = _read_text(csv, problems)
        if text is not None:
            read_observations(text, None, ProblemList(problems.path), result.rows)
        return None
    yaml_problems = ProblemList(_rel(yml, root))
    doc, spec = _load_spec(yml, IndicatorSpec, yaml_problems)
    if doc is not None:
        docs[yaml_problems.path] = doc
    result.problems.extend(yaml_problems.items)
    if ".csv" not in suffixes:
        yaml_problems = ProblemList(_rel(yml, root))
        yaml_problems.add(
            1,
            1,
            "files.yaml-without-csv",
            f"{stem}.yml has no data file; add {stem}.csv beside it with a header "
            "`period,value` and one row per period",
        )
        result.problems.extend(yaml_problems.items)
        return None
    csv_problems = ProblemList(_rel(csv, root))
    text = _read_text(csv, csv_problems)
    observations, columns = (
        read_observations(text, spec, csv_problems, result.rows) if text is not None else ([], ())
    )
    result.problems.extend(csv_problems.items)
    if spec is None or csv_problems:
        return None
    return Indicator(stem, spec, tuple(observations), columns)


Loc = tuple[str | int, ...]


class _Reporter:
    """Places a cross-file problem at the YAML line of the key it is about."""

    def __init__(self, docs: dict[str, YamlDocument]) -> None:
        self.docs = docs
        self.problems: list[Problem] = []

    def __call__(self, path: str, loc: Loc, code: str, message: str) -> None:
        doc = self.docs.get(path)
        line, column = doc.where(loc, value=True) if doc else (1, 1)
        self.problems.append(Problem(path, line, column, message, code))


def _cross_check(dataset: Dataset, docs: dict[str, YamlDocument], root: Path) -> list[Problem]:
    """Checks that need more than one file: references between missions and indicators."""
    at = _Reporter(docs)
    prefix = root.name

    mission_ids = sorted(dataset.missions)
    ids = set(dataset.indicators)
    old_ids: dict[str, str] = {}
    for indicator in dataset.indicators.values():
        path = f"{prefix}/indicators/{indicator.id}.yml"
        spec = indicator.spec
        if spec.mission not in dataset.missions:
            close = difflib.get_close_matches(spec.mission, mission_ids, n=1)
            fix = f"did you mean `{close[0]}`?" if close else f"missions: {', '.join(mission_ids)}"
            at(
                path,
                ("mission",),
                "ref.unknown-mission",
                f"mission `{spec.mission}` does not exist; {fix}",
            )
        for i, old in enumerate(spec.previous_ids):
            if old in ids:
                at(
                    path,
                    ("previous_ids", i),
                    "ref.duplicate-id",
                    f"previous id `{old}` is the id of another indicator; ids must be unique",
                )
            elif old in old_ids:
                at(
                    path,
                    ("previous_ids", i),
                    "ref.duplicate-id",
                    f"previous id `{old}` is also listed by `{old_ids[old]}`; it can redirect to "
                    "only one indicator",
                )
            else:
                old_ids[old] = indicator.id
        for i, other in enumerate(spec.related):
            if other not in ids:
                at(
                    path,
                    ("related", i),
                    "ref.unknown-indicator",
                    f"related indicator `{other}` does not exist{_suggest(other, ids)}",
                )
        for i, brk in enumerate(spec.series_breaks):
            try:
                parse_period(brk.period, spec.period_type)
            except PeriodError as exc:
                at(path, ("series_breaks", i, "period"), "yaml.bad-period", str(exc))
        seen: dict[str, int] = {}
        for i, breakdown in enumerate(spec.breakdowns):
            if breakdown.column in seen or breakdown.column in (
                "period",
                "value",
                "marker",
                "note",
            ):
                at(
                    path,
                    ("breakdowns", i, "column"),
                    "yaml.duplicate-breakdown",
                    f"breakdown column `{breakdown.column}` is declared twice or clashes with a "
                    "standard column; give it another name",
                )
            seen[breakdown.column] = i
            values = [v.value for v in breakdown.values]
            for j, value in enumerate(values):
                if value in values[:j]:
                    at(
                        path,
                        ("breakdowns", i, "values", j),
                        "yaml.duplicate-value",
                        f"breakdown value `{value}` is listed twice; delete one",
                    )

    orders: dict[int, str] = {}
    milestone_ids: dict[str, str] = {}
    for mission in dataset.missions_in_order():
        path = f"{prefix}/missions/{mission.id}.yml"
        if mission.spec.order in orders:
            at(
                path,
                ("order",),
                "ref.duplicate-order",
                f"order {mission.spec.order} is also used by mission "
                f"`{orders[mission.spec.order]}`; give each mission its own position",
            )
        orders.setdefault(mission.spec.order, mission.id)
        for i, milestone in enumerate(mission.spec.milestones):
            loc: Loc = ("milestones", i)
            if milestone.id in milestone_ids:
                at(
                    path,
                    (*loc, "id"),
                    "ref.duplicate-id",
                    f"milestone id `{milestone.id}` is also used in mission "
                    f"`{milestone_ids[milestone.id]}`; milestone ids must be unique",
                )
            milestone_ids.setdefault(milestone.id, mission.id)
            _check_milestone(dataset, mission, i, path, at)
    return at.problems


def _suggest(name: str, choices: set[str]) -> str:
    close = difflib.get_close_matches(name, sorted(choices), n=1)
    return f"; did you mean `{close[0]}`?" if close else ""


def _check_milestone(dataset: Dataset, mission: Mission, i: int, path: str, at: _Reporter) -> None:
    milestone = mission.spec.milestones[i]
    loc: Loc = ("milestones", i)
    indicator = dataset.indicators.get(milestone.indicator or "")
    if milestone.indicator and indicator is None:
        at(
            path,
            (*loc, "indicator"),
            "ref.unknown-indicator",
            f"indicator `{milestone.indicator}` does not exist"
            f"{_suggest(milestone.indicator, set(dataset.indicators))}",
        )
    baseline = milestone.baseline
    baseline_period = None
    if baseline is not None and baseline.period is not None and indicator is not None:
        try:
            baseline_period = parse_period(baseline.period, indicator.spec.period_type)
        except PeriodError as exc:
            at(
                path,
                (*loc, "baseline", "period"),
                "yaml.bad-period",
                f"baseline {exc} (the indicator's period type)",
            )
    deadline = milestone.deadline
    if baseline_period is not None and deadline is not None and deadline < baseline_period.start:
        at(
            path,
            (*loc, "deadline"),
            "milestone.deadline-before-baseline",
            f"deadline {deadline.isoformat()} is before the baseline period "
            f"{baseline_period.label}; check both dates",
        )
    if (
        indicator is not None
        and baseline is not None
        and baseline.value is not None
        and milestone.target is not None
        and milestone.target_kind == "level"
    ):
        direction = indicator.spec.direction
        wrong = (direction is Direction.HIGHER_IS_BETTER and milestone.target < baseline.value) or (
            direction is Direction.LOWER_IS_BETTER and milestone.target > baseline.value
        )
        if wrong:
            better = "higher" if direction is Direction.HIGHER_IS_BETTER else "lower"
            at(
                path,
                (*loc, "target"),
                "milestone.target-direction",
                f"target {milestone.target:g} is in the wrong direction: `{indicator.id}` is "
                f"better when {better}, but the baseline is {baseline.value:g}; check the target, "
                "the baseline, or the indicator's `direction`",
            )
