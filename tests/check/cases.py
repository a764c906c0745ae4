"""The problem fixtures: a tiny valid dataset, and the cases that each break it in one way.

The files each case describes are committed under tests/fixtures/problems/<case>/ (the
editor's guide builds its table of messages from them); test_fixtures.py keeps them equal to
what this module describes. To change a case, edit it here and run

    MT_REGENERATE=1 .venv/bin/pytest tests/check

which rewrites the fixture files and their expected.txt; then read the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Files = dict[str, bytes]

SCHEMA_LINE = "# yaml-language-server: $schema=../../docs/schema/{}.schema.json\n"

HEALTH = (
    SCHEMA_LINE.format("mission")
    + """\
name: Healthier lives
statement: Everyone who needs planned hospital treatment starts it within 18 weeks.
order: 1
lead: Department of Health and Social Care
citation:
  publisher: Cabinet Office
  title: Plan for Change
  url: https://www.gov.uk/missions
milestones:
  - id: waits-92-percent
    title: 92% of patients wait less than 18 weeks
    metric: Percentage of patients waiting under 18 weeks
    indicator: waits
    target: 92
    deadline: 2029-03-31
    baseline:
      value: 58.8
      period: "2024-07"
    citation:
      publisher: Cabinet Office
      title: Plan for Change
      url: https://www.gov.uk/missions
"""
)

HOUSING = (
    SCHEMA_LINE.format("mission")
    + """\
name: Homes for everyone
statement: Build one and a half million homes.
order: 2
lead: Ministry of Housing, Communities and Local Government
citation:
  publisher: Cabinet Office
  title: Plan for Change
  url: https://www.gov.uk/missions
milestones:
  - id: homes-1-5-million
    title: 1.5 million homes built
    metric: Net additional dwellings
    indicator: homes
    target: 1500000
    target_kind: cumulative
    deadline: 2029-06-30
    citation:
      publisher: Cabinet Office
      title: Plan for Change
      url: https://www.gov.uk/missions
"""
)

WAITS_YML = (
    SCHEMA_LINE.format("indicator")
    + """\
title: Patients waiting under 18 weeks
mission: health
summary: The share of patients waiting less than 18 weeks for planned hospital treatment.
measure: Percentage of patients waiting under 18 weeks, England, monthly
geography: England
unit: percent
direction: higher_is_better
period_type: month
source:
  publisher: NHS England
  release: Referral to treatment waiting times
  url: https://www.england.nhs.uk/statistics/rtt/
  retrieved: 2024-10-10
licence: OGL-3.0
related:
  - homes
"""
)

WAITS_CSV = """\
period,value,marker,note
2024-05,59.1,,
2024-06,58.9,,
2024-07,58.8,[r],
2024-08,[x],,"Not published: industrial action, see the release"
2024-09,59.2,[p],
"""

HOMES_YML = (
    SCHEMA_LINE.format("indicator")
    + """\
title: Homes built
mission: housing
summary: The number of homes added in England each financial year.
measure: Net additional dwellings, England, by financial year
geography: England
unit: count
unit_label: dwellings
direction: higher_is_better
period_type: financial_year
breakdowns:
  - column: tenure
    label: Tenure
    values:
      - value: private
        label: Private
      - value: social
        label: Social housing
series_breaks:
  - period: 2022/23
    reason: The survey changed its method.
source:
  publisher: Ministry of Housing, Communities and Local Government
  release: Live table 120
  url: https://www.gov.uk/government/statistical-data-sets/live-tables-on-net-supply-of-housing
  retrieved: 2024-11-28
licence: OGL-3.0
"""
)

HOMES_CSV = """\
period,tenure,value
2021/22,,232820
2021/22,private,200000
2021/22,social,32820
2022/23,,234400
2022/23,private,201000
2022/23,social,33400
"""

MKDOCS_YML = """\
site_name: Example
site_url: !ENV [SITE_URL, "https://example.org/"]
nav:
  - Home: index.md
  - Missions:
      - missions/health.md
      - missions/housing.md
  - About: about.md
"""

BASE: Files = {
    "data/missions/health.yml": HEALTH.encode(),
    "data/missions/housing.yml": HOUSING.encode(),
    "data/indicators/waits.yml": WAITS_YML.encode(),
    "data/indicators/waits.csv": WAITS_CSV.encode(),
    "data/indicators/homes.yml": HOMES_YML.encode(),
    "data/indicators/homes.csv": HOMES_CSV.encode(),
}

WAITS_CSV_PATH = "data/indicators/waits.csv"
WAITS_YML_PATH = "data/indicators/waits.yml"
HOMES_CSV_PATH = "data/indicators/homes.csv"
HOMES_YML_PATH = "data/indicators/homes.yml"
HEALTH_PATH = "data/missions/health.yml"
HOUSING_PATH = "data/missions/housing.yml"

Edit = Callable[[Files], None]


def replace(path: str, old: str, new: str, count: int = 1) -> Edit:
    """Replace `old` (which must occur exactly `count` times) with `new` in one file."""

    def edit(files: Files) -> None:
        text = files[path].decode()
        found = text.count(old)
        if found != count:
            raise ValueError(f"{path}: {old!r} occurs {found} times, not {count}")
        files[path] = text.replace(old, new).encode()

    return edit


def write(path: str, content: str | bytes) -> Edit:
    def edit(files: Files) -> None:
        files[path] = content.encode() if isinstance(content, str) else content

    return edit


def delete(path: str) -> Edit:
    def edit(files: Files) -> None:
        del files[path]

    return edit


def rename(path: str, new_path: str) -> Edit:
    def edit(files: Files) -> None:
        files[new_path] = files.pop(path)

    return edit


def transform(path: str, change: Callable[[bytes], bytes]) -> Edit:
    def edit(files: Files) -> None:
        files[path] = change(files[path])

    return edit


@dataclass(frozen=True)
class Case:
    name: str
    about: str  # what the editor did wrong, in their words
    edits: tuple[Edit, ...]

    def files(self) -> Files:
        files = dict(BASE)
        for edit in self.edits:
            edit(files)
        return files


def case(name: str, about: str, *edits: Edit) -> Case:
    return Case(name, about, edits)


def _crlf_bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")


def _windows_1252(data: bytes) -> bytes:
    return (
        data.decode()
        .replace("industrial action", "industrial action \u2013 strikes")
        .encode("cp1252")
    )


def _add_column(path: str, name: str, value: str) -> Edit:
    """Add a column to the header and a cell to every row (so only the name is wrong)."""

    def edit(files: Files) -> None:
        lines = files[path].decode().splitlines()
        lines = [lines[0] + "," + name] + [line + "," + value for line in lines[1:]]
        files[path] = ("\n".join(lines) + "\n").encode()

    return edit


def _drop_column(path: str, position: int) -> Edit:
    def edit(files: Files) -> None:
        rows = [line.split(",") for line in files[path].decode().splitlines()]
        files[path] = (
            "\n".join(",".join(r[:position] + r[position + 1 :]) for r in rows) + "\n"
        ).encode()

    return edit


SECOND_HEALTH_MISSION = HEALTH.replace(
    "name: Healthier lives", "name: Healthier lives again"
).replace("order: 1", "order: 3")

CASES: tuple[Case, ...] = (
    # -- accepted as they are -------------------------------------------------------------
    case(
        "accepted-bom-and-crlf",
        "Saved with a byte-order mark and Windows line endings (accepted)",
        transform(WAITS_CSV_PATH, _crlf_bom),
        transform(WAITS_YML_PATH, _crlf_bom),
    ),
    # -- files and folders ----------------------------------------------------------------
    case("file-csv-without-yaml", "A CSV file without its YAML file", delete(WAITS_YML_PATH)),
    case("file-yaml-without-csv", "A YAML file without its CSV file", delete(WAITS_CSV_PATH)),
    case(
        "file-yaml-extension",
        "A YAML file ending .yaml instead of .yml",
        rename(HOMES_YML_PATH, "data/indicators/homes.yaml"),
    ),
    case(
        "file-bad-id",
        "A file name with capitals and spaces",
        rename(WAITS_CSV_PATH, "data/indicators/Waits List.csv"),
    ),
    case(
        "file-unexpected",
        "A file that does not belong in the data folder",
        write("data/indicators/notes.txt", "remember to update in May\n"),
    ),
    case(
        "folder-missing",
        "The missions folder is missing",
        delete(HEALTH_PATH),
        delete(HOUSING_PATH),
    ),
    # -- encoding -------------------------------------------------------------------------
    case(
        "encoding-windows-1252",
        "A CSV saved by Excel as Windows-1252 instead of UTF-8",
        transform(WAITS_CSV_PATH, _windows_1252),
    ),
    case(
        "encoding-utf16",
        "A CSV saved as UTF-16 (Excel's Unicode Text)",
        transform(WAITS_CSV_PATH, lambda b: b.decode().encode("utf-16")),
    ),
    case(
        "encoding-binary",
        "A spreadsheet file saved with a .csv name",
        write(WAITS_CSV_PATH, b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"),
    ),
    case(
        "encoding-yaml-not-utf8",
        "A YAML file that is not UTF-8",
        transform(
            HOMES_YML_PATH,
            lambda b: b.replace(b"Homes built", "Homes built \u2013 England".encode("cp1252")),
        ),
    ),
    # -- CSV layout -----------------------------------------------------------------------
    case("csv-empty", "An empty CSV file", write(WAITS_CSV_PATH, "")),
    case(
        "csv-header-only",
        "A CSV file with a header but no rows",
        write(WAITS_CSV_PATH, "period,value,marker,note\n"),
    ),
    case(
        "csv-no-header",
        "The header line was deleted",
        replace(WAITS_CSV_PATH, "period,value,marker,note\n", ""),
    ),
    case(
        "csv-semicolons",
        "Columns separated by semicolons (a European spreadsheet export)",
        transform(HOMES_CSV_PATH, lambda b: b.replace(b",", b";")),
    ),
    case("csv-missing-column", "The value column is missing", _drop_column(WAITS_CSV_PATH, 1)),
    case(
        "csv-missing-breakdown-column",
        "A declared breakdown column is missing",
        _drop_column(HOMES_CSV_PATH, 1),
        replace(HOMES_CSV_PATH, "2021/22,232820\n", ""),
    ),
    case(
        "csv-renamed-column",
        "Column names with capital letters",
        replace(WAITS_CSV_PATH, "period,value,", "Period,Value,"),
    ),
    case(
        "csv-misspelt-column",
        "A misspelt column name",
        replace(WAITS_CSV_PATH, "period,value,", "period,vlaue,"),
    ),
    case(
        "csv-duplicate-column",
        "The same column twice",
        replace(WAITS_CSV_PATH, "period,value,marker,note", "period,value,marker,marker"),
    ),
    case(
        "csv-unexpected-column",
        "A column that the YAML file does not declare",
        _add_column(HOMES_CSV_PATH, "region", "England"),
    ),
    case(
        "csv-unnamed-column",
        "An extra empty column at the end of every line",
        _add_column(WAITS_CSV_PATH, "", ""),
    ),
    case(
        "csv-header-whitespace",
        "A space after a comma in the header",
        replace(WAITS_CSV_PATH, "period,value,", "period, value,"),
    ),
    case(
        "csv-blank-row",
        "An empty row in the middle",
        replace(WAITS_CSV_PATH, "2024-06,58.9,,\n", "2024-06,58.9,,\n,,,\n"),
    ),
    case(
        "csv-missing-cells",
        "A row with too few commas",
        replace(WAITS_CSV_PATH, "2024-06,58.9,,\n", "2024-06,58.9\n"),
    ),
    case(
        "csv-unquoted-comma",
        "A number with a thousands comma, not in quotes",
        replace(HOMES_CSV_PATH, "2022/23,,234400", "2022/23,,234,400"),
    ),
    case(
        "csv-unclosed-quote",
        "A note whose closing quote is missing",
        replace(WAITS_CSV_PATH, "2024-09,59.2,[p],", '2024-09,59.2,[p],"Provisional figure'),
    ),
    case(
        "csv-text-after-quote",
        "Text after the closing quote of a cell",
        replace(
            WAITS_CSV_PATH,
            '"Not published: industrial action, see the release"',
            '"Not published: industrial action," see the release',
        ),
    ),
    # -- cells ----------------------------------------------------------------------------
    case(
        "cell-whitespace",
        "A space before a number",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06, 58.9"),
    ),
    case(
        "cell-tab",
        "A tab character after a period",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06\t,58.9"),
    ),
    case(
        "cell-formula",
        "A spreadsheet formula instead of a value",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,=B2-0.2"),
    ),
    # -- values ---------------------------------------------------------------------------
    case(
        "value-thousands-separator",
        "A number with a thousands separator",
        replace(HOMES_CSV_PATH, "2022/23,,234400", '2022/23,,"234,400"'),
    ),
    case(
        "value-decimal-comma",
        "A decimal comma",
        replace(WAITS_CSV_PATH, "2024-06,58.9", '2024-06,"58,9"'),
    ),
    case(
        "value-percent-sign",
        "A percent sign",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,58.9%"),
    ),
    case(
        "value-currency-sign",
        "A pound sign",
        replace(HOMES_CSV_PATH, "2022/23,social,33400", "2022/23,social,£33400"),
    ),
    case(
        "value-scientific-notation",
        "A number in scientific notation",
        replace(HOMES_CSV_PATH, "2022/23,,234400", "2022/23,,2.3E+05"),
    ),
    case(
        "value-plus-sign",
        "A plus sign before a number",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,+58.9"),
    ),
    case(
        "value-not-a-number",
        "A word instead of a number",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,fifty-nine"),
    ),
    case("value-empty", "An empty value", replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,")),
    case(
        "value-not-available-word",
        "N/A written for a missing value",
        replace(WAITS_CSV_PATH, "2024-08,[x]", "2024-08,N/A"),
    ),
    case(
        "value-zero-is-fine",
        "A real zero and every shorthand (accepted)",
        replace(HOMES_CSV_PATH, "2021/22,social,32820", "2021/22,social,0"),
        replace(HOMES_CSV_PATH, "2022/23,private,201000", "2022/23,private,[c]"),
        replace(WAITS_CSV_PATH, "2024-06,58.9,,", "2024-06,[u],,"),
        replace(WAITS_CSV_PATH, "2024-05,59.1,,", "2024-05,[z],[e],"),
    ),
    case(
        "value-unknown-shorthand",
        "An unknown shorthand in square brackets",
        replace(WAITS_CSV_PATH, "2024-08,[x]", "2024-08,[y]"),
    ),
    case(
        "value-marker-as-value",
        "A marker written in the value column",
        replace(WAITS_CSV_PATH, "2024-09,59.2,[p],", "2024-09,[p],,"),
    ),
    case(
        "value-percentage-over-100",
        "A percentage of 140",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,140"),
    ),
    case(
        "value-negative-count",
        "A negative count",
        replace(HOMES_CSV_PATH, "2022/23,social,33400", "2022/23,social,-33400"),
    ),
    case(
        "value-outside-declared-range",
        "A value outside the valid_range declared in the YAML",
        replace(
            WAITS_YML_PATH, "unit: percent\n", "unit: percent\nvalid_range:\n  min: 40\n  max: 95\n"
        ),
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,5.89"),
    ),
    case(
        "marker-unknown",
        "A marker written as a word",
        replace(WAITS_CSV_PATH, "2024-07,58.8,[r]", "2024-07,58.8,revised"),
    ),
    # -- periods --------------------------------------------------------------------------
    case(
        "period-empty", "A row without a period", replace(WAITS_CSV_PATH, "2024-06,58.9", ",58.9")
    ),
    case(
        "period-month-in-words",
        "A month written in words",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "June 2024,58.9"),
    ),
    case(
        "period-spreadsheet-month",
        "A month as a spreadsheet shows it",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "Jun-24,58.9"),
    ),
    case(
        "period-spreadsheet-number",
        "A date turned into a number by a spreadsheet",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "45444,58.9"),
    ),
    case(
        "period-wrong-type",
        "A quarter in a monthly series",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024 Q2,58.9"),
    ),
    case(
        "period-month-13",
        "A month that does not exist",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-13,58.9"),
    ),
    case(
        "period-date-wrong-form",
        "A date written day/month/year",
        replace(WAITS_YML_PATH, "period_type: month", "period_type: date"),
        replace(HEALTH_PATH, '"2024-07"', '"2024-07-31"'),
        transform(
            WAITS_CSV_PATH,
            lambda b: (
                b.replace(b"-05,", b"-05-31,")
                .replace(b"-06,", b"-06-30,")
                .replace(b"-07,", b"-07-31,")
                .replace(b"-08,", b"-08-31,")
                .replace(b"2024-09,", b"30/09/2024,")
            ),
        ),
    ),
    case(
        "period-not-a-real-date",
        "30 February",
        replace(WAITS_YML_PATH, "period_type: month", "period_type: date"),
        replace(HEALTH_PATH, '"2024-07"', '"2024-07-31"'),
        transform(
            WAITS_CSV_PATH,
            lambda b: (
                b.replace(b"2024-05,", b"2024-02-30,")
                .replace(b"-06,", b"-06-30,")
                .replace(b"-07,", b"-07-31,")
                .replace(b"-08,", b"-08-31,")
                .replace(b"-09,", b"-09-30,")
            ),
        ),
    ),
    case(
        "period-year-typo",
        "A year with a digit missing",
        replace(HOMES_CSV_PATH, "2022/23,social", "202/23,social"),
    ),
    case(
        "period-financial-year-four-digits",
        "A financial year written 2022/2023",
        replace(HOMES_CSV_PATH, "2022/23,,", "2022/2023,,"),
    ),
    case(
        "period-financial-year-not-consecutive",
        "A financial year that skips a year",
        replace(HOMES_CSV_PATH, "2022/23,private", "2022/24,private"),
    ),
    case(
        "period-quarter-wrong-form",
        "A quarter written Q3 2024",
        replace(WAITS_YML_PATH, "period_type: month", "period_type: quarter"),
        replace(HEALTH_PATH, '"2024-07"', '"2024 Q3"'),
        write(WAITS_CSV_PATH, "period,value\n2024 Q1,59.1\n2024 Q2,58.9\nQ3 2024,58.8\n"),
    ),
    case(
        "period-duplicate",
        "The same period twice",
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-05,58.9"),
    ),
    case(
        "period-duplicate-in-breakdown",
        "The same period twice in a breakdown series",
        replace(HOMES_CSV_PATH, "2022/23,private,201000", "2021/22,private,201000"),
    ),
    case(
        "period-unsorted",
        "Rows out of date order (a note; the site sorts them)",
        replace(
            WAITS_CSV_PATH, "2024-05,59.1,,\n2024-06,58.9,,\n", "2024-06,58.9,,\n2024-05,59.1,,\n"
        ),
    ),
    # -- breakdowns -----------------------------------------------------------------------
    case(
        "breakdown-value-case",
        "A breakdown value with different capitals",
        replace(HOMES_CSV_PATH, "2022/23,private", "2022/23,Private"),
    ),
    case(
        "breakdown-value-undeclared",
        "A breakdown value the YAML does not declare",
        replace(HOMES_CSV_PATH, "2022/23,social", "2022/23,council"),
    ),
    case(
        "breakdown-column-clash",
        "A breakdown named like a standard column",
        replace(HOMES_YML_PATH, "  - column: tenure", "  - column: note"),
        replace(HOMES_CSV_PATH, "period,tenure,value", "period,note,value"),
    ),
    case(
        "breakdown-duplicate-value",
        "A breakdown value declared twice",
        replace(
            HOMES_YML_PATH,
            "      - value: social\n",
            "      - value: private\n      - value: social\n",
        ),
    ),
    # -- YAML syntax ----------------------------------------------------------------------
    case("yaml-empty", "An empty YAML file", write(WAITS_YML_PATH, "")),
    case(
        "yaml-unclosed-quote",
        "A quoted value without its closing quote",
        replace(WAITS_YML_PATH, "summary: The share", 'summary: "The share'),
    ),
    case(
        "yaml-colon-in-value",
        "A value containing a colon and a space",
        replace(WAITS_YML_PATH, "measure: Percentage", "measure: RTT: Percentage"),
    ),
    case(
        "yaml-missing-colon",
        "A key without its colon",
        replace(WAITS_YML_PATH, "geography: England", "geography England"),
    ),
    case(
        "yaml-tab-indent",
        "A line indented with a tab",
        replace(WAITS_YML_PATH, "  publisher: NHS England", "\tpublisher: NHS England"),
    ),
    case(
        "yaml-bad-indent",
        "A key indented differently from its neighbours",
        replace(WAITS_YML_PATH, "  retrieved: 2024-10-10", "   retrieved: 2024-10-10"),
    ),
    case(
        "yaml-second-document",
        "A second document marker (---)",
        replace(WAITS_YML_PATH, "licence: OGL-3.0\n", "licence: OGL-3.0\n---\n"),
    ),
    case(
        "yaml-alias",
        "A YAML alias re-using a block",
        replace(HEALTH_PATH, "citation:\n  publisher", "citation: &plan\n  publisher"),
        replace(
            HEALTH_PATH,
            "    citation:\n      publisher: Cabinet Office\n      title: Plan for Change\n"
            "      url: https://www.gov.uk/missions\n",
            "    citation: *plan\n",
        ),
    ),
    case(
        "yaml-tag",
        "A YAML tag",
        replace(WAITS_YML_PATH, "geography: England", "geography: !region England"),
    ),
    case(
        "yaml-not-mapping",
        "A YAML file that is a list, not keys and values",
        write(
            WAITS_YML_PATH,
            SCHEMA_LINE.format("indicator") + "- title: Patients waiting\n- unit: percent\n",
        ),
    ),
    case(
        "yaml-key-not-text",
        "A number where a key should be",
        replace(
            HOMES_YML_PATH,
            "licence: OGL-3.0\n",
            "licence: OGL-3.0\ncaveats:\n  2021: The survey changed.\n",
        ),
    ),
    case(
        "yaml-duplicate-key",
        "The same key twice",
        replace(WAITS_YML_PATH, "geography: England\n", "geography: England\nunit: count\n"),
    ),
    case(
        "yaml-missing-schema-line",
        "The schema line at the top was deleted (a note)",
        replace(WAITS_YML_PATH, SCHEMA_LINE.format("indicator"), ""),
    ),
    # -- YAML fields ----------------------------------------------------------------------
    case(
        "yaml-misspelt-key",
        "A misspelt key",
        replace(WAITS_YML_PATH, "unit: percent", "untis: percent"),
    ),
    case(
        "yaml-unknown-key",
        "A key the format does not have",
        replace(WAITS_YML_PATH, "geography: England\n", "geography: England\ncolour: blue\n"),
    ),
    case(
        "yaml-missing-field",
        "A required field left out",
        replace(WAITS_YML_PATH, "  release: Referral to treatment waiting times\n", ""),
    ),
    case(
        "yaml-empty-field",
        "A required field left empty",
        replace(WAITS_YML_PATH, "geography: England", "geography:"),
    ),
    case(
        "yaml-wrong-choice",
        "A value that is not one of the choices",
        replace(WAITS_YML_PATH, "unit: percent", "unit: percentage"),
    ),
    case(
        "yaml-wrong-period-type",
        "A misspelt period type",
        replace(WAITS_YML_PATH, "period_type: month", "period_type: monthly"),
    ),
    case(
        "yaml-text-read-as-date",
        "A text field that YAML reads as a date",
        replace(
            HOMES_YML_PATH,
            "  retrieved: 2024-11-28\n",
            "  retrieved: 2024-11-28\n  series_id: 2024-11-28\n",
        ),
    ),
    case(
        "yaml-text-read-as-boolean",
        "A text field that YAML reads as true or false",
        replace(WAITS_YML_PATH, "geography: England", "geography: no"),
    ),
    case(
        "yaml-number-with-percent",
        "A target with a percent sign",
        replace(HEALTH_PATH, "    target: 92\n", "    target: 92%\n"),
    ),
    case(
        "yaml-number-infinite",
        "A target of infinity (YAML reads .inf as a number)",
        replace(HEALTH_PATH, "    target: 92\n", "    target: .inf\n"),
    ),
    case(
        "yaml-wrong-type-list",
        "Text where a list is expected",
        replace(WAITS_YML_PATH, "related:\n  - homes\n", "related: homes\n"),
    ),
    case(
        "yaml-wrong-type-block",
        "Text where a block of keys is expected",
        replace(
            HOUSING_PATH,
            "citation:\n  publisher: Cabinet Office\n  title: Plan for Change\n  url: https://www.gov.uk/missions\nmilestones",
            "citation: Cabinet Office, Plan for Change\nmilestones",
        ),
    ),
    case(
        "yaml-whole-number",
        "Words where a whole number is expected",
        replace(HOUSING_PATH, "order: 2", "order: second"),
    ),
    case(
        "yaml-number-too-small",
        "A number below its minimum",
        replace(HOUSING_PATH, "order: 2", "order: 0"),
    ),
    case(
        "yaml-date-wrong-form",
        "A date written day/month/year",
        replace(WAITS_YML_PATH, "retrieved: 2024-10-10", "retrieved: 10/10/2024"),
    ),
    case(
        "yaml-date-impossible",
        "A date that does not exist",
        replace(WAITS_YML_PATH, "retrieved: 2024-10-10", "retrieved: 2024-09-31"),
    ),
    case(
        "yaml-url-no-scheme",
        "A web address without https://",
        replace(
            WAITS_YML_PATH,
            "url: https://www.england.nhs.uk/statistics/rtt/",
            "url: www.england.nhs.uk/statistics/rtt/",
        ),
    ),
    case(
        "yaml-url-malformed",
        "A misspelt web address",
        replace(
            HEALTH_PATH,
            "  url: https://www.gov.uk/missions\nmilestones",
            "  url: htps//www.gov.uk/missions\nmilestones",
        ),
    ),
    case(
        "yaml-bad-id",
        "An id with capitals",
        replace(WAITS_YML_PATH, "mission: health", "mission: Health"),
    ),
    case(
        "yaml-bad-breakdown-column",
        "A breakdown column name with a space",
        replace(HOMES_YML_PATH, "  - column: tenure", "  - column: Tenure type"),
        replace(HOMES_CSV_PATH, "period,tenure,value", "period,Tenure type,value"),
    ),
    case(
        "yaml-valid-range-reversed",
        "A valid range with min above max",
        replace(
            WAITS_YML_PATH, "unit: percent\n", "unit: percent\nvalid_range:\n  min: 80\n  max: 40\n"
        ),
    ),
    case(
        "yaml-series-break-period",
        "A series break period in the wrong form",
        replace(HOMES_YML_PATH, "  - period: 2022/23", "  - period: 2022"),
    ),
    # -- between files --------------------------------------------------------------------
    case(
        "ref-unknown-mission",
        "An indicator whose mission does not exist",
        replace(WAITS_YML_PATH, "mission: health", "mission: healthy"),
    ),
    case(
        "ref-unknown-related",
        "A related indicator that does not exist",
        replace(WAITS_YML_PATH, "  - homes\n", "  - home\n"),
    ),
    case(
        "ref-previous-id-in-use",
        "A previous id that another indicator still uses",
        replace(WAITS_YML_PATH, "related:\n", "previous_ids:\n  - homes\nrelated:\n"),
    ),
    case(
        "ref-previous-id-twice",
        "The same previous id on two indicators",
        replace(WAITS_YML_PATH, "related:\n", "previous_ids:\n  - waiting-times\nrelated:\n"),
        replace(
            HOMES_YML_PATH,
            "licence: OGL-3.0\n",
            "licence: OGL-3.0\nprevious_ids:\n  - waiting-times\n",
        ),
    ),
    case(
        "ref-duplicate-milestone-id",
        "Two milestones with the same id",
        replace(HOUSING_PATH, "  - id: homes-1-5-million", "  - id: waits-92-percent"),
    ),
    case(
        "ref-duplicate-mission-order",
        "Two missions in the same position",
        replace(HOUSING_PATH, "order: 2", "order: 1"),
    ),
    case(
        "milestone-unknown-indicator",
        "A milestone whose indicator does not exist",
        replace(HEALTH_PATH, "    indicator: waits\n", "    indicator: waiting\n"),
    ),
    case(
        "milestone-deadline-before-baseline",
        "A milestone deadline before its baseline",
        replace(HEALTH_PATH, "deadline: 2029-03-31", "deadline: 2019-03-31"),
    ),
    case(
        "milestone-target-wrong-direction",
        "A target below the baseline when higher is better",
        replace(HEALTH_PATH, "    target: 92\n", "    target: 52\n"),
    ),
    case(
        "milestone-target-out-of-range",
        "A percentage target above 100",
        replace(HEALTH_PATH, "    target: 92\n", "    target: 920\n"),
    ),
    case(
        "milestone-baseline-period",
        "A baseline period in the wrong form",
        replace(HEALTH_PATH, 'period: "2024-07"', "period: July 2024"),
    ),
    case(
        "broken-yaml-no-echo",
        "A broken indicator YAML does not make its mission's milestone fail too",
        replace(WAITS_YML_PATH, "unit: percent", "unit: percent%"),
    ),
    # -- the site's navigation ------------------------------------------------------------
    case(
        "nav-missing-mission",
        "A mission that is not in the site's navigation",
        write("mkdocs.yml", MKDOCS_YML.replace("      - missions/housing.md\n", "")),
    ),
    case(
        "nav-unknown-mission",
        "The navigation lists a mission that does not exist",
        write(
            "mkdocs.yml",
            MKDOCS_YML.replace(
                "      - missions/housing.md\n",
                "      - missions/housing.md\n      - Transport: missions/transport.md\n",
            ),
        ),
    ),
    # -- many at once ---------------------------------------------------------------------
    case(
        "many-problems",
        "Several mistakes in several files, all reported at once",
        replace(HOMES_CSV_PATH, "2022/23,,234400", '2022/23,,"234,400"'),
        replace(WAITS_CSV_PATH, "2024-06,58.9", "2024-06,58.9%"),
        replace(WAITS_YML_PATH, "unit: percent", "untis: percent"),
        replace(HOUSING_PATH, "order: 2", "order: 1"),
    ),
)
