"""Read the files the importer made back with Mission Tracker's own reader, exactly as
`mission-tracker check` reads them, so that what is counted as imported is what the site will
show, and a row the format refuses is reported with the reader's own words."""

from __future__ import annotations

from dataclasses import dataclass, field

from mission_tracker.model.data import Observation
from mission_tracker.model.measures import measures_of
from mission_tracker.model.problems import Problem, ProblemList, Severity
from mission_tracker.model.specs import IndicatorSpec
from mission_tracker.read.crosscheck import Reporter
from mission_tracker.read.metadata import check_metadata
from mission_tracker.read.observations import RowCount, read_observations
from mission_tracker.read.validate import validate_spec
from mission_tracker.read.yamlfile import load_yaml


@dataclass
class Verified:
    spec: IndicatorSpec | None
    spec_errors: list[str] = field(default_factory=list)
    row_errors: dict[int, str] = field(default_factory=dict)  # CSV line -> first message
    file_errors: list[str] = field(default_factory=list)  # about the CSV as a whole
    loaded: int = 0


def verify(yml_path: str, yml_text: str, csv_path: str, csv_text: str) -> Verified:
    problems = ProblemList(yml_path)
    doc = load_yaml(yml_text, problems)
    spec = validate_spec(IndicatorSpec, doc, problems) if doc is not None else None
    found = Verified(spec)
    if doc is not None and spec is not None:
        at = Reporter({yml_path: doc})
        check_metadata(spec, yml_path, at)
        problems.items.extend(at.problems)
    found.spec_errors = [_line(p) for p in problems.items if p.severity is Severity.ERROR]
    if spec is None or found.spec_errors:
        return found
    rows = ProblemList(csv_path)
    count = RowCount()
    observations, _ = read_observations(csv_text, spec, rows, count)
    for problem in rows.items:
        if problem.severity is not Severity.ERROR:
            continue
        if problem.line <= 1 or problem.code in ("csv.header-only", "csv.empty", "limits.rows"):
            found.file_errors.append(_line(problem))
        else:
            found.row_errors.setdefault(problem.line, problem.message)
    found.loaded = count.loaded
    headline = _headline_problem(spec, observations)
    if headline:
        found.file_errors.append(headline)
    return found


def _headline_problem(spec: IndicatorSpec, observations: list[Observation]) -> str:
    """The loader's check that the headline measure has a total series (read/load.py)."""
    first = measures_of(spec)[0].id
    rows = [o for o in observations if o.measure == first]
    totals = [o for o in rows if o.series == spec.headline_key]
    if spec.no_headline is None and rows and not totals:
        return "no row of the headline measure is a total, and `no_headline` is not set"
    if spec.no_headline is not None and totals:
        return "`no_headline` is set, but the headline measure has total rows"
    return ""


def _line(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}: {problem.message}"
