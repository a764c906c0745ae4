"""Property tests of the checker.

1. Whatever bytes an editor's file holds, checking never raises: the result is problems, each
   placed on a real line and column, with every data row accounted for.
2. Any valid indicator (random period type, breakdowns, values with shorthand and markers,
   notes with commas, quotes and newlines, columns in any order) loads, is written by the CSV
   download writer, and loads back with no row lost or changed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mission_tracker.check.examples import CASES, base_files
from mission_tracker.check.project import check_project
from mission_tracker.model.data import Marker, Missing, Observation
from mission_tracker.model.periods import Period, PeriodType, period_containing
from mission_tracker.read.cells import is_formula
from mission_tracker.read.layout import schema_modeline
from mission_tracker.read.load import LoadResult
from mission_tracker.site import downloads as publish

BASE = base_files()
HEALTH_PATH = "data/missions/health.yml"
HOMES_CSV_PATH, HOMES_YML_PATH = "data/indicators/homes.csv", "data/indicators/homes.yml"
WAITS_CSV_PATH = "data/indicators/waits.csv"
# The site configuration the navigation cases start from.
MKDOCS_YML = next(
    edit["write"]["text"]
    for case in CASES
    for edit in case.edits
    if "write" in edit and edit["write"]["file"] == "mkdocs.yml"
)

# Derandomised, so CI sees the same examples every run; no deadline, as machines are noisy.
# For a deeper, random search: MT_EXAMPLES=5000 .venv/bin/pytest tests/property
DEEP = int(os.environ.get("MT_EXAMPLES", "0"))
STEADY = settings(
    max_examples=DEEP or 60,
    deadline=None,
    derandomize=not DEEP,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def check_files(files: dict[str, bytes]) -> LoadResult:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return check_project(root)


# -- 1. arbitrary bytes ------------------------------------------------------------------------

# Characters that mean something to CSV or YAML, or that spreadsheets and editors put in files.
SIGNIFICANT = ",;\"'\n\r\t :-_[]{}#&*!|>%@`?=+./\\0123456789 aexQpl£–\x00\x0b\ufeff\u2028"


def splice(base: bytes) -> st.SearchStrategy[bytes]:
    """The valid file with a few bytes inserted, deleted or replaced at random places."""
    edit = st.tuples(
        st.integers(0, len(base)),
        st.integers(0, 6),
        st.binary(max_size=6)
        | st.sampled_from(
            [b",", b'"', b"\n", b"\r\n", b": ", b"- ", b"\t", b"\xef\xbb\xbf", b"\x96", b"[x]"]
        ),
    )

    def apply(edits: list[tuple[int, int, bytes]]) -> bytes:
        data = base
        for at, cut, insert in edits:
            at = min(at, len(data))
            data = data[:at] + insert + data[at + cut :]
        return data

    return st.lists(edit, min_size=1, max_size=4).map(apply)


def any_bytes(base: bytes) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=200),
        st.text(alphabet=SIGNIFICANT, max_size=200).map(lambda t: t.encode("utf-8")),
        st.text(max_size=100).map(lambda t: t.encode("utf-8", "surrogatepass")),
        splice(base),
    )


def assert_reported_not_raised(files: dict[str, bytes], broken: str) -> None:
    result = check_files(files)  # raising here is the failure this test looks for
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip(), problem
        assert problem.path.startswith(("data/", "mkdocs.yml")), problem
    rows = result.rows
    assert rows.read == rows.loaded + rows.rejected
    if files[broken] != BASE.get(broken):
        # A changed file either still checks clean or is reported; it is never dropped silently.
        assert result.ok or any(p.path for p in result.problems)


def _fuzz(path: str) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        assert_reported_not_raised({**BASE, "mkdocs.yml": MKDOCS_YML.encode(), path: data}, path)

    return run


@STEADY
@given(any_bytes(BASE[WAITS_CSV_PATH]))
def test_any_bytes_as_a_csv_are_reported_not_raised(data: bytes) -> None:
    _fuzz(WAITS_CSV_PATH)(data)


@STEADY
@given(any_bytes(BASE[HOMES_CSV_PATH]))
def test_any_bytes_as_a_csv_with_breakdowns_are_reported_not_raised(data: bytes) -> None:
    _fuzz(HOMES_CSV_PATH)(data)


@STEADY
@given(any_bytes(BASE[HOMES_YML_PATH]))
def test_any_bytes_as_an_indicator_yaml_are_reported_not_raised(data: bytes) -> None:
    _fuzz(HOMES_YML_PATH)(data)


@STEADY
@given(any_bytes(BASE[HEALTH_PATH]))
def test_any_bytes_as_a_mission_yaml_are_reported_not_raised(data: bytes) -> None:
    _fuzz(HEALTH_PATH)(data)


@settings(STEADY, max_examples=DEEP or 30)
@given(any_bytes(MKDOCS_YML.encode()))
def test_any_bytes_as_mkdocs_yml_are_reported_not_raised(data: bytes) -> None:
    _fuzz("mkdocs.yml")(data)


# -- 2. valid indicators round-trip --------------------------------------------------------------

MISSION = schema_modeline("mission") + (
    "\nname: Test\nstatement: A statement.\norder: 1\nlead: A department\n"
    "citation:\n  publisher: A publisher\n  title: A title\n"
)

# Text an editor may put in a cell: any printable character, commas and quotes included.
cell_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from(',"'),
    min_size=1,
    max_size=12,
).filter(lambda t: t == t.strip() and not is_formula(t))
note_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
    | st.sampled_from(',"\n'),
    max_size=30,
).filter(lambda t: t == t.strip() and not is_formula(t))
column_name = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
    lambda c: c not in ("period", "value", "marker", "note")
)


def _period_text(day: date, ptype: PeriodType) -> str:
    """The period of `ptype` that includes `day`, as the CSV writes it; a multi-year type's
    periods are written as three years from that one ("2018 to 2020")."""
    single = period_containing(day, ptype)
    return Period(single.start, ptype, 3).text if ptype.multi_year else single.text


@st.composite
def indicators(draw: st.DrawFn) -> tuple[dict[str, Any], list[dict[str, str]], list[str]]:
    """An indicator's YAML (as data), its rows (as cells by column) and its column order."""
    ptype = draw(st.sampled_from(list(PeriodType)))
    percent = draw(st.booleans())
    number = (
        st.from_regex(r"(?:[0-9]|[1-9][0-9])(?:\.[0-9]{1,4})?|100", fullmatch=True)
        if percent
        else st.from_regex(r"-?[0-9]{1,7}(?:\.[0-9]{1,4})?", fullmatch=True)
    )
    value = number | st.sampled_from([m.value for m in Missing])
    columns = draw(st.lists(column_name, max_size=2, unique=True))
    breakdowns = [
        {"column": c, "label": c.title(), "values": [{"value": v} for v in values]}
        for c in columns
        for values in [draw(st.lists(cell_text, min_size=1, max_size=3, unique=True))]
    ]
    days = draw(st.lists(st.dates(date(1990, 1, 1), date(2040, 12, 31)), min_size=1, max_size=6))
    periods = sorted({_period_text(d, ptype) for d in days})
    series_options = [[""] + [v["value"] for v in b["values"]] for b in breakdowns]
    keys = draw(
        st.lists(st.tuples(*(st.sampled_from(o) for o in series_options)), min_size=1, unique=True)
    )
    rows = []
    for key in keys:
        for period in draw(st.lists(st.sampled_from(periods), min_size=1, unique=True)):
            markers = draw(st.lists(st.sampled_from([m.value for m in Marker]), unique=True))
            rows.append(
                {
                    "period": period,
                    **dict(zip(columns, key, strict=True)),
                    "value": draw(value),
                    "marker": "".join(markers),
                    "note": draw(note_text),
                }
            )
    spec = {
        "title": "Generated",
        "mission": "test",
        "summary": "A generated indicator.",
        "measure": "Something, somewhere",
        "geography": "England",
        "unit": "percent" if percent else "gbp",
        "direction": "neutral",
        "period_type": ptype.value,
        "breakdowns": breakdowns,
        "source": {
            "publisher": "A publisher",
            "release": "A release",
            "url": "https://example.org/release",
            "retrieved": date(2024, 1, 31),
        },
        "licence": "OGL-3.0",
    }
    if not any(all(v == "" for v in key) for key in keys):
        # No row is the total: the YAML must say so (or the check rightly refuses it).
        spec["no_headline"] = "The generated rows name a value of every breakdown."
    order = draw(st.permutations(["period", *columns, "value", "marker", "note"]))
    return spec, rows, order


def csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n') else text


def project(spec: dict[str, Any], csv_text: str) -> dict[str, bytes]:
    yml = schema_modeline("indicator") + "\n" + yaml.safe_dump(spec, allow_unicode=True)
    return {
        "data/missions/test.yml": MISSION.encode(),
        "data/indicators/generated.yml": yml.encode(),
        "data/indicators/generated.csv": csv_text.encode(),
    }


def content(observations: tuple[Observation, ...]) -> list[tuple[object, ...]]:
    """What a row says, without the line it was on."""
    return [
        (o.period, o.series, o.value, o.text, o.missing, o.markers, o.note) for o in observations
    ]


@settings(STEADY, max_examples=DEEP or 60)
@given(indicators())
def test_valid_indicators_round_trip_through_the_csv_download(
    generated: tuple[dict[str, Any], list[dict[str, str]], list[str]],
) -> None:
    spec, rows, order = generated
    csv_text = "".join(
        ",".join(csv_cell(row[c]) for c in order) + "\n"
        for row in [dict(zip(order, order, strict=True)), *rows]
    )
    first = check_files(project(spec, csv_text))
    assert first.ok, [p.format() for p in first.problems]
    assert first.rows.read == first.rows.loaded == len(rows)
    indicator = first.dataset.indicators["generated"]
    loaded = {
        (o.period.text, o.series, o.text, "".join(sorted(o.markers)), o.note)
        for o in indicator.observations
    }
    columns = [b["column"] for b in spec["breakdowns"]]
    written = {
        (
            r["period"],
            tuple(r[c] for c in columns),
            r["value"],
            "".join(sorted(r["marker"][i : i + 3] for i in range(0, len(r["marker"]), 3))),
            r["note"],
        )
        for r in rows
    }
    assert loaded == written

    again = check_files(project(spec, publish.indicator_csv(indicator)))
    assert again.ok, [p.format() for p in again.problems]
    assert content(again.dataset.indicators["generated"].observations) == content(
        indicator.observations
    )
