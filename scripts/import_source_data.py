"""Make the shipped indicator CSVs (`data/indicators/<id>.csv`) from the source extracts.

This is a one-off record of how the CSVs in `data/indicators/` were made. The source extracts
(CSV copies of official statistics, documented in their own SOURCES.md) are not in this
repository, so the script cannot be re-run from a fresh checkout; it is kept so that every
shipped number can be traced to a source cell.

Rules followed:

- Numbers are copied verbatim as text from the source cells (float noise and all). Nothing is
  computed, summed, rounded or filled in.
- The only change to a number is the NHS fraction-to-percentage conversion: an exact decimal
  point shift of two places on the string, done with `decimal.Decimal` (never a float).
- A value that is not available is written `[x]`, only where the source notes say the source
  cell was blank for that period; each such row carries a note.
- Periods are rewritten in the project's canonical form for the indicator's period type.
- Output is deterministic: rows sorted by period then series, UTF-8 without BOM, LF line
  endings, minimal quoting.

Usage, from the repository root:

    python scripts/import_source_data.py [SOURCE_DIR]

SOURCE_DIR defaults to `../shared/source-data`.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "data" / "indicators"
DEFAULT_SOURCE = Path("../shared/source-data")

NOT_AVAILABLE = "[x]"
REVISED = "[r]"
BLANK_NOTE = "Blank in the source table."

_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Row:
    """One output row: a period, its breakdown cells ("" for the headline), a value."""

    period: str
    value: str
    breakdown: tuple[str, ...] = ()
    marker: str = ""
    note: str = ""


@dataclass(frozen=True)
class Breakdown:
    """A breakdown column and its values in display order (as declared in the YAML)."""

    column: str
    values: tuple[str, ...]


# -- reading and small helpers ---------------------------------------------------------------


def read(source: Path, name: str) -> list[dict[str, str]]:
    with (source / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def fraction_to_percent(text: str) -> str:
    """Shift the decimal point two places right, exactly: "0.6015075103" -> "60.15075103"."""
    return format(Decimal(text).scaleb(2), "f")


def split_year(text: str) -> str:
    """Source "1969-70" or "2023/24" -> canonical "1969/70"."""
    match = re.fullmatch(r"(\d{4})[-/](\d{2})", text)
    if not match:
        raise ValueError(f"not a split year: {text!r}")
    return f"{match[1]}/{match[2]}"


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ORDINAL_QUARTERS = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def quarter(text: str) -> str:
    """Source "2022 Q3", "Jan - Mar 1978" or "2025 3rd quarter" -> canonical "2022 Q3"."""
    if re.fullmatch(r"\d{4} Q[1-4]", text):
        return text
    if match := re.fullmatch(r"(\d{4}) (1st|2nd|3rd|4th) quarter", text):
        return f"{match[1]} Q{_ORDINAL_QUARTERS[match[2]]}"
    if match := re.fullmatch(r"([A-Z][a-z]{2}) - ([A-Z][a-z]{2}) (\d{4})", text):
        first = _MONTHS.index(match[1])
        if first % 3 == 0 and _MONTHS.index(match[2]) == first + 2:
            return f"{match[3]} Q{first // 3 + 1}"
    raise ValueError(f"not a quarter: {text!r}")


def unavailable(
    periods: Iterable[str], note: str, breakdowns: Sequence[tuple[str, ...]] = ((),)
) -> list[Row]:
    """`[x]` rows for periods whose source cells the source notes say were blank."""
    return [
        Row(period, NOT_AVAILABLE, breakdown, note=note)
        for period in periods
        for breakdown in breakdowns
    ]


def only(rows: list[dict[str, str]], **match: str) -> list[dict[str, str]]:
    """Rows whose columns equal all the given values (column names with spaces: use **{})."""
    return [r for r in rows if all(r[k] == v for k, v in match.items())]


# -- writing -------------------------------------------------------------------------------


def write(indicator: str, rows: list[Row], breakdowns: Sequence[Breakdown] = ()) -> None:
    rank = [{v: i for i, v in enumerate(b.values)} for b in breakdowns]

    # Canonical period texts (2024, 2023/24, 2024 Q3, 2024-07, 2024-03-31) sort as text in
    # time order; within a period the headline (-1) comes first, then declared order.
    def key(row: Row) -> tuple[str, tuple[int, ...]]:
        cells = row.breakdown or ("",) * len(breakdowns)
        return row.period, tuple(-1 if not c else rank[i][c] for i, c in enumerate(cells))

    seen: set[tuple[str, tuple[int, ...]]] = set()
    for row in rows:
        if row.value != NOT_AVAILABLE and not _NUMBER.fullmatch(row.value):
            raise ValueError(f"{indicator}: {row.period}: not a number: {row.value!r}")
        if key(row) in seen:
            raise ValueError(f"{indicator}: duplicate row for {row.period} {row.breakdown}")
        seen.add(key(row))

    has_marker = any(r.marker for r in rows)
    has_note = any(r.note for r in rows)
    header = ["period", *(b.column for b in breakdowns), "value"]
    header += ["marker"] * has_marker + ["note"] * has_note
    with (OUT_DIR / f"{indicator}.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for row in sorted(rows, key=key):
            cells = row.breakdown or ("",) * len(breakdowns)
            line = [row.period, *cells, row.value]
            line += [row.marker] * has_marker + [row.note] * has_note
            out.writerow(line)


# -- Mission 1: growth ---------------------------------------------------------------------


def gdp_per_head(source: Path) -> None:
    # IHXW: quarterly rows only (annual rows are £ per year, a different unit).
    rows = only(read(source, "uk_gdp_per_head_cvm.csv"), frequency="quarter")
    write("gdp-per-head", [Row(quarter(r["period"]), r["value_gbp"]) for r in rows])


def gdp_per_head_growth(source: Path) -> None:
    rows = read(source, "uk_gdp_per_capita_growth.csv")
    if {r["Series"] for r in rows} != {"Annual growth rate of real GDP per capita"}:
        raise ValueError("unexpected series in the GDP per capita growth file")
    write("gdp-per-head-growth", [Row(r["Year"], r["Value"]) for r in rows])


def household_disposable_income(source: Path) -> None:
    # NRJR only; EBAQ (population) is not used and nothing is divided by it.
    column = "NRJR_real_hh_npish_disposable_income_cvm_gbp_m_sa"
    rows = only(read(source, "uk_real_household_disposable_income.csv"), frequency="quarter")
    write("household-disposable-income", [Row(quarter(r["period"]), r[column]) for r in rows])


SECTORS = Breakdown("sector", ("Private enterprise", "Housing associations", "Local authorities"))
_SECTOR_COLUMNS = {
    "": "All Dwellings",
    "Private enterprise": "Private Enterprise",
    "Housing associations": "Housing Associations",
    "Local authorities": "Local Authorities",
}


def dwellings(source: Path, indicator: str, stage: str) -> None:
    out = []
    for r in read(source, "england_house_building_financial_year.csv"):
        if r["Revised"] not in ("", "R"):
            raise ValueError(f"unexpected Revised flag {r['Revised']!r}")
        marker = REVISED if r["Revised"] == "R" else ""
        for sector, column in _SECTOR_COLUMNS.items():
            breakdown = (sector,) if sector else ()
            value = r[f"{stage} - {column}"]
            out.append(Row(split_year(r["Period"]), value, breakdown, marker=marker))
    write(indicator, out, [SECTORS])


def dwellings_completed(source: Path) -> None:
    dwellings(source, "dwellings-completed", "Completed")


def dwellings_started(source: Path) -> None:
    dwellings(source, "dwellings-started", "Started")


# -- Mission 2: NHS ------------------------------------------------------------------------

RTT = "england_nhs_rtt_incomplete_pathways.csv"


def rtt_within_18_weeks(source: Path) -> None:
    column = "Incomplete RTT pathways: % within 18 weeks"
    rows = read(source, RTT)
    write("rtt-within-18-weeks", [Row(r["month"], fraction_to_percent(r[column])) for r in rows])


def rtt_waiting_list(source: Path) -> None:
    # Raw counts, despite "(mil)" in the source column name.
    column = "Incomplete RTT pathways: Total waiting (mil) with estimates for missing data"
    write("rtt-waiting-list", [Row(r["month"], r[column]) for r in read(source, RTT)])


def rtt_waiting_over_52_weeks(source: Path) -> None:
    column = "Incomplete RTT pathways: No. > 52 weeks with estimates for missing data"
    rows = [Row(r["month"], r[column]) for r in read(source, RTT) if r[column].strip()]
    write("rtt-waiting-over-52-weeks", rows)


DEPARTMENT_TYPES = Breakdown("department_type", ("Type 1", "Type 2", "Type 3"))


def ae_within_4_hours(source: Path) -> None:
    columns = {
        "": "Percentage in 4 hours or less (all)",
        "Type 1": "Percentage in 4 hours or less (type 1)",
        "Type 2": "Percentage in 4 hours or less (type 2)",
        "Type 3": "Percentage in 4 hours or less (type 3)",
    }
    out = [
        Row(r["month"], fraction_to_percent(r[column]), (kind,) if kind else ())
        for r in read(source, "england_nhs_ae_4hour_performance.csv")
        for kind, column in columns.items()
    ]
    write("ae-within-4-hours", out, [DEPARTMENT_TYPES])


# -- Mission 3: clean energy ---------------------------------------------------------------

TECHNOLOGIES = Breakdown(
    "technology",
    (
        "Onshore wind",
        "Offshore wind",
        "Shoreline wave / tidal",
        "Solar photovoltaics",
        "Hydro",
        "Bioenergy and waste",
    ),
)
_HEADLINE_RENEWABLES = "All renewables"
_EXCLUDED_TOTAL = "TOTAL ELECTRICITY GENERATED (inc. non-renewables) (GWh)"


def renewables_share_of_generation(source: Path) -> None:
    out = []
    for r in only(
        read(source, "uk_renewables_share_of_electricity_generation.csv"), frequency="quarter"
    ):
        series = r["series"]
        if series == _EXCLUDED_TOTAL:  # GWh, not a share: excluded
            continue
        if series != _HEADLINE_RENEWABLES and series not in TECHNOLOGIES.values:
            raise ValueError(f"unexpected ET 6.1 series {series!r}")
        breakdown = () if series == _HEADLINE_RENEWABLES else (series,)
        out.append(Row(quarter(r["period"]), r["value"], breakdown))
    write("renewables-share-of-generation", out, [TECHNOLOGIES])


def nuclear_generation(source: Path) -> None:
    rows = only(
        read(source, "uk_electricity_generation_renewables_nuclear_gwh.csv"), series="Nuclear"
    )
    write("nuclear-generation", [Row(r["year"], r["value_gwh"]) for r in rows])


def renewable_share_of_energy(source: Path) -> None:
    rows = read(source, "uk_renewable_share_final_energy_consumption.csv")
    if any(r["Renewable and waste source"] for r in rows):
        raise ValueError("expected headline rows only in the SDG 7.2.1 file")
    write("renewable-share-of-energy", [Row(r["Year"], r["Value"]) for r in rows])


# -- Mission 4: safer streets --------------------------------------------------------------

POLICE = "ew_police_workforce_31_march.csv"


def police_officers(source: Path) -> None:
    column = "Total Police Officers (FTE)"
    write("police-officers", [Row(r["as_at"], r[column]) for r in read(source, POLICE)])


def police_community_support_officers(source: Path) -> None:
    column = "Total PCSO's (Police Community Support Officers) (FTE)"
    rows = [Row(r["as_at"], r[column]) for r in read(source, POLICE)]
    write("police-community-support-officers", rows)


SEXES = Breakdown("sex", ("Male", "Female"))


def homicide_rate(source: Path) -> None:
    rows = read(source, "ew_homicide_rate.csv")
    if any(r["Age"] for r in rows):
        raise ValueError("expected no age breakdown in the homicide file")
    out = [Row(r["Year"], r["Value"], (r["Sex"],)) for r in rows if r["Sex"]]
    headline: dict[str, list[str]] = {}
    for r in rows:
        if not r["Sex"]:
            headline.setdefault(r["Year"], []).append(r["Value"])
    for year, values in headline.items():
        if len(values) == 1:
            out.append(Row(year, values[0]))
        else:  # 2012/13: two conflicting all-persons rows (and none for 2011/12)
            note = (
                f"The source has two conflicting all-persons figures for {year} "
                f"({' and '.join(values)}), so neither is shown."
            )
            out.append(Row(year, NOT_AVAILABLE, note=note))
    write("homicide-rate", out, [SEXES])


CSEW_VIOLENCE = "ew_violence_prevalence_csew.csv"


def physical_violence_prevalence(source: Path) -> None:
    rows = only(read(source, CSEW_VIOLENCE), Series="(a) Physical violence - 16 and over")
    write("physical-violence-prevalence", [Row(r["Year"], r["Value"]) for r in rows])


def sexual_violence_prevalence(source: Path) -> None:
    rows = only(read(source, CSEW_VIOLENCE), Series="(c) Sexual violence - 16 to 59")
    out = [Row(r["Year"], r["Value"]) for r in rows]
    # SOURCES.md: "2020/21 is blank in the source and dropped" (no row for 16 to 59).
    out += unavailable(["2020/21"], BLANK_NOTE)
    write("sexual-violence-prevalence", out)


def partner_abuse_women(source: Path) -> None:
    rows = only(read(source, "ew_partner_abuse_women_csew.csv"), Series="Women aged 16 to 59")
    out = [Row(r["Year"], r["Value"]) for r in rows]
    # SOURCES.md: "2020/21 is blank and dropped". (2007/08 has no row at all: not added.)
    out += unavailable(["2020/21"], BLANK_NOTE)
    write("partner-abuse-women", out)


def feel_safe_after_dark(source: Path) -> None:
    rows = read(source, "ew_feel_safe_walking_after_dark_csew.csv")
    out = [Row(r["Year"], r["Value"]) for r in rows]
    # SOURCES.md: "2016/17, 2020/21 and 2021/22 are blank and dropped".
    out += unavailable(["2016/17", "2020/21", "2021/22"], BLANK_NOTE)
    write("feel-safe-after-dark", out)


# -- Mission 5: opportunity ----------------------------------------------------------------

FSM_STATUS = Breakdown("fsm_status", ("FSM-eligible", "Not FSM-eligible"))


def good_level_of_development(source: Path) -> None:
    columns = {
        "": "All pupils (%)",
        "FSM-eligible": "FSM-eligible pupils (%)",
        "Not FSM-eligible": "Non-eligible pupils (%)",
    }
    out = [
        Row(r["School year"], r[column], (status,) if status else ())
        for r in read(source, "england_eyfsp_good_level_of_development.csv")
        for status, column in columns.items()
    ]
    # SOURCES.md: "blank rows for 2019/20 and 2020/21 (no data collection during COVID)".
    note = "Blank in the source table (no data collection during COVID)."
    out += unavailable(["2019/20", "2020/21"], note, [(s,) if s else () for s in columns])
    write("good-level-of-development", out, [FSM_STATUS])


def expected_level_all_goals(source: Path) -> None:
    # Pre-reform (to 2018/19) and post-reform (2021/22) series as one headline series;
    # the YAML declares the series break at 2021/22.
    rows = read(source, "england_eyfsp_expected_level_all_elgs.csv")
    write("expected-level-all-goals", [Row(r["Year"], r["Value"]) for r in rows])


def teachers(source: Path, indicator: str, phase: str) -> None:
    rows = only(read(source, "england_teacher_numbers_fte.csv"), Phase=phase)
    if {r["Projection"] for r in rows} - {"Yes", "No"}:
        raise ValueError("unexpected Projection flag")
    out = [Row(r["Academic year"], r["Teacher numbers"]) for r in rows if r["Projection"] == "No"]
    write(indicator, out)


def primary_teachers(source: Path) -> None:
    teachers(source, "primary-teachers", "Primary")


def secondary_teachers(source: Path) -> None:
    teachers(source, "secondary-teachers", "Secondary")


def neet_16_24(source: Path) -> None:
    series = "Proportion of youth not in education, employment or training (quarterly)"
    rows = only(read(source, "uk_neet_16_24.csv"), Series=series)
    write("neet-16-24", [Row(quarter(r["Year"]), r["Value"]) for r in rows])


# -- main ----------------------------------------------------------------------------------

STEPS: list[Callable[[Path], None]] = [
    gdp_per_head,
    gdp_per_head_growth,
    household_disposable_income,
    dwellings_completed,
    dwellings_started,
    rtt_within_18_weeks,
    rtt_waiting_list,
    rtt_waiting_over_52_weeks,
    ae_within_4_hours,
    renewables_share_of_generation,
    nuclear_generation,
    renewable_share_of_energy,
    police_officers,
    police_community_support_officers,
    homicide_rate,
    physical_violence_prevalence,
    sexual_violence_prevalence,
    partner_abuse_women,
    feel_safe_after_dark,
    good_level_of_development,
    expected_level_all_goals,
    primary_teachers,
    secondary_teachers,
    neet_16_24,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    source = parser.parse_args().source
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for step in STEPS:
        step(source)


if __name__ == "__main__":
    main()
