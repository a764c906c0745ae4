"""The import report: a summary for the terminal, and the full account as Markdown.

The full report lists, for each indicator, the rows read, imported and not imported (each
with its line and why), every metadata field not carried over and why, and how units,
periods, licences and maps were read. It holds no date or time of its own, so importing the
same copy twice writes the same report.
"""

from __future__ import annotations

from collections import Counter

from mission_tracker.importers.opensdg.accounts import REASONS, IndicatorAccount
from mission_tracker.importers.opensdg.dropped import is_general
from mission_tracker.importers.opensdg.run import ImportResult
from mission_tracker.model.problems import Severity

LIMITATION = """\
Mission Tracker cannot yet hold an indicator with no figures: its CSV needs at least one row
(`csv.header-only`), and its YAML needs a unit, a period type and a source, which an
indicator that is not statistical, or has no data yet, does not have. These indicators were
therefore not written. The smallest change to the model that would let them be (not made
here):

1. `model/specs.py`, `IndicatorSpec`: a new field
   `no_data: Plain | None = Field(None, description="Set when the indicator has no figures
   (not statistical, or none published yet): say why; the page says so instead of charting")`,
   and `unit`, `period_type`, `measure` and `geography` made optional (`| None = None`) with a
   model validator that requires them unless `no_data` is set.
2. `read/observations.py`, `read_observations`: no `csv.header-only` problem when
   `spec.no_data` is set (a CSV of only its header is then the indicator's data).
3. `read/metadata.py`, `_check_sources`: no `source` required when `spec.no_data` is set.
4. `model/measures.py`, `measures_of`: no measures (an empty list) when `spec.no_data` is set.

The importer already reads everything these indicators' pages need (title, summary, the
source's statement such as "This is a non-statistical indicator", and caveats); it would
write them with `no_data:` once the model has it.
"""


def summary_text(result: ImportResult) -> str:
    t = result.totals
    lines = [
        f"Read {t.data_files} data files and {t.meta_files} metadata files "
        f"({len(result.accounts)} Open SDG indicators).",
        f"Rows: {t.rows_read:,} read, {t.imported:,} imported, {t.not_imported:,} not imported.",
    ]
    for code, count in sorted(t.by_reason.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  {count:>7,}  {REASONS[code]}")
    lines.append(
        f"Indicators: {t.indicators_written} written, {t.indicators_not_written} not written; "
        f"missions: {len(result.missions)}."
    )
    lines.append(
        f"Files: {result.written} written, {result.unchanged} unchanged, "
        f"{len(result.removed)} removed"
        + (f", {len(result.kept)} left alone (an editor's)" if result.kept else "")
        + "."
    )
    if result.check is not None:
        lines.append(_check_line(result))
    if result.report_path is not None:
        lines.append(f"Full report: {result.report_path}")
    return "\n".join(lines)


def _check_line(result: ImportResult) -> str:
    problems = result.check or []
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if not errors:
        return "mission-tracker check: no problems in the imported project."
    files = len({p.path for p in errors})
    return f"mission-tracker check: {len(errors)} problems in {files} files (listed in the report)."


def report_markdown(result: ImportResult) -> str:
    t = result.totals
    out = [
        "# Open SDG import report",
        "",
        f"Source: {result.copy_of}; copy taken {result.retrieved.isoformat()} "
        f"({result.retrieved_from}).",
        "",
        "## Summary",
        "",
        "| | |",
        "|---|---|",
        f"| files read | {t.data_files} data files, {t.meta_files} metadata files |",
        f"| rows read | {t.rows_read:,} |",
        f"| rows imported | {t.imported:,} |",
        f"| rows not imported | {t.not_imported:,} |",
        f"| indicators written | {t.indicators_written} of {len(result.accounts)} |",
        f"| missions written | {', '.join(f'`{m}`' for m in result.missions) or 'none'} |",
        "",
        "Every row is accounted for: rows read = rows imported + rows not imported, in each "
        "file and in total. Blank lines are not rows.",
        "",
    ]
    if t.by_reason:
        out += ["## Rows not imported, by reason", "", "| reason | rows |", "|---|---:|"]
        out += [
            f"| {REASONS[c]} | {n:,} |"
            for c, n in sorted(t.by_reason.items(), key=lambda kv: -kv[1])
        ]
        out.append("")
    out += _how(result)
    out += _not_written(result)
    out += _skipped(result)
    out += _check(result)
    out += _fields(result.accounts)
    out += ["## Indicators", ""]
    for account in result.accounts:
        out += _indicator(account)
    return "\n".join(out).rstrip() + "\n"


def _how(result: ImportResult) -> list[str]:
    """What holds for every indicator: direction, licences, maps."""
    out = [
        "## How the source was read",
        "",
        "- Direction: Open SDG has no field saying which way is better, so every indicator is "
        "`direction: neutral`: no change is judged good or bad. Set it where it is known.",
        "- Sources: each active source (`source_active_N: true`) with an organisation and a web "
        f"address, with `copy_of: {_md(result.copy_of)}: <its files>` and `retrieved: "
        f"{result.retrieved.isoformat()}`.",
    ]
    decisions: Counter[str] = Counter()
    for a in result.accounts:
        if a.written:
            decisions.update(n.split(": ", 1)[1] for n in a.notes if n.startswith("source "))
            decisions.update(n for n in a.notes if n.startswith("indicator licence "))
    if decisions:
        out += ["", "| how a licence was decided | times |", "|---|---:|"]
        out += [f"| {_md(why)} | {n} |" for why, n in sorted(decisions.items())]
    out += _maps(result)
    out.append("")
    return out


def _maps(result: ImportResult) -> list[str]:
    drawn = [
        a for a in result.accounts if a.written and any(n.startswith("map `") for n in a.notes)
    ]
    wanted = {
        w: [a.id for a in result.accounts if a.written and w in a.maps_wanted]
        for a in result.accounts
        for w in a.maps_wanted
    }
    out = []
    if drawn:
        out += [
            "",
            "Maps declared (the project's mkdocs.yml declares them): "
            + ", ".join(f"`{a.id}`" for a in drawn)
            + ".",
        ]
    for (map_id, path, code, name), ids in sorted(wanted.items()):
        year = map_id.rsplit("-", 1)[-1]
        out += [
            "",
            f"Maps not declared: the GeoCodes of {', '.join(f'`{i}`' for i in ids)} are "
            f"local authorities, areas of the source's `{path}`, and the source shows them on a "
            "map. Mission Tracker draws a map only when mkdocs.yml declares it (the reader "
            "refuses a `map:` it does not: `ref.unknown-map`). To draw them, copy that file into "
            f"the project (as `maps/{map_id}.geojson`, say), add this under `extra:` in "
            f"mkdocs.yml, and import again: each of these indicators' GeoCode breakdown then gets "
            f"`map: {map_id}`.",
            "",
            "```yaml",
            "maps:",
            f"  {map_id}:",
            f"    file: maps/{map_id}.geojson",
            f"    code: {code}",
            f"    name: {name}",
            f"    title: Local authority districts ({year})",
            '    attribution: "Source: Office for National Statistics licensed under the Open '
            "Government Licence v.3.0. Contains OS data © Crown copyright and database right "
            f'{year}."',
            "```",
        ]
    return out


def _not_written(result: ImportResult) -> list[str]:
    missing = [a for a in result.accounts if not a.written]
    if not missing:
        return []
    out = ["## Indicators not written", ""]
    out += [f"- `{a.id}` ({a.source_id}): {_md(a.not_written)}" for a in missing]
    out.append("")
    if any("no figures" in a.not_written or "no data file" in a.not_written for a in missing):
        out += ["### What the model would need for them", "", LIMITATION]
    return out


def _skipped(result: ImportResult) -> list[str]:
    out = []
    if result.skipped:
        out += ["## Files not read", ""]
        out += [
            f"- `{s}`: neither an Open SDG data file nor a metadata file" for s in result.skipped
        ]
        out.append("")
    if result.kept:
        # What this run wrote or removed is printed, not kept here: the report depends only on
        # the source and the project, so importing the same copy again leaves it as it is.
        out += ["## Files in the project", ""]
        out += [
            f"- `{k}` was left alone: an editor wrote it, not the importer" for k in result.kept
        ]
        out.append("")
    return out


def _check(result: ImportResult) -> list[str]:
    if result.check is None:
        return []
    out = ["## `mission-tracker check` on the imported project", ""]
    errors = [p for p in result.check if p.severity is Severity.ERROR]
    out.append(
        "No problems." if not errors else f"{len(errors)} problems; the project does not check:"
    )
    out.append("")
    out += [f"- {_md(p.format())}" for p in errors]
    notes = Counter(p.code for p in result.check if p.severity is not Severity.ERROR)
    if notes:
        out += [
            "",
            "Notes (they do not stop a build): "
            + ", ".join(f"{n} × `{code}`" for code, n in sorted(notes.items())),
        ]
    out.append("")
    return out


def _fields(accounts: list[IndicatorAccount]) -> list[str]:
    standard: Counter[tuple[str, str]] = Counter()
    for a in accounts:
        standard.update({(key, why) for key, why in a.dropped if _standard(key, why)})
    if not standard:
        return []
    out = [
        "## Fields the format has no place for",
        "",
        "These fields are listed by name under each indicator; the reason is the same everywhere.",
        "",
        "| field | why not carried over | indicators |",
        "|---|---|---:|",
    ]
    for (key, why), count in sorted(standard.items()):
        out.append(f"| `{key}` | {_md(why)} | {count} |")
    out.append("")
    return out


def _standard(key: str, why: str) -> bool:
    return is_general(key, why)


def _indicator(a: IndicatorAccount) -> list[str]:
    out = [f"### `{a.id}` ({a.source_id})", ""]
    files = ", ".join(f"`{f}`" for f in (a.data_file, a.meta_file) if f)
    out.append(f"- Files: {files or 'none'}")
    blank = f"; {a.blank_lines} blank lines skipped" if a.blank_lines else ""
    out.append(
        f"- Rows: {a.rows_read:,} read, {a.imported:,} imported, "
        f"{len(a.not_imported):,} not imported{blank}"
    )
    out.append(
        f"- Written: yes, under mission `{a.mission}`"
        if a.written
        else f"- Written: no; {_md(a.not_written)}"
    )
    out += [f"- Measure {_md(m)}" for m in a.measures]
    out += [f"- {_md(n)}" for n in dict.fromkeys(a.notes)]
    standard = sorted({k for k, why in a.dropped if _standard(k, why)})
    if standard:
        out.append(
            "- Not carried over (see *Fields the format has no place for*): "
            + ", ".join(f"`{k}`" for k in standard)
        )
    out += [
        f"- Not carried over: `{k}`: {_md(why)}" for k, why in a.dropped if not _standard(k, why)
    ]
    if a.not_imported:
        out += ["", "| line | Year | Value | why not imported |", "|---:|---|---|---|"]
        out += [
            f"| {r.line} | {_md(r.year)} | {_md(r.value)} | {_md(r.reason)} |"
            for r in sorted(a.not_imported, key=lambda r: r.line)
        ]
    out.append("")
    return out


def _md(text: str) -> str:
    """Text from the data, safe in a Markdown table cell or list item."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")
