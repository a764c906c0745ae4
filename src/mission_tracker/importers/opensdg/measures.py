"""Series, Units, Unit measure and Unit multiplier -> the indicator's measures, each with its
own unit and period type.

Every distinct combination of those four columns is a measure. When one combination holds
periods of more than one type (the UK's 3-8-2 switches from 2005/06 to 2006 and back), its
rows are split into one measure per type, so that no figure for a calendar year is drawn as
a financial year's; the report says so. An indicator with one measure writes none of this:
its own `unit:` and `period_type:` describe it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from mission_tracker.importers.opensdg.metadata import Fields, GraphTitle
from mission_tracker.importers.opensdg.table import GROUPING, Row
from mission_tracker.importers.opensdg.units import read_multiplier, read_unit
from mission_tracker.model.periods import PeriodType

_PLURAL = {
    PeriodType.YEAR: "calendar years",
    PeriodType.FINANCIAL_YEAR: "financial years",
    PeriodType.ACADEMIC_YEAR: "academic years",
    PeriodType.QUARTER: "quarters",
    PeriodType.MONTH: "months",
    PeriodType.DATE: "dates",
    PeriodType.YEARS: "periods of several years",
    PeriodType.FINANCIAL_YEARS: "periods of several financial years",
    PeriodType.ACADEMIC_YEARS: "periods of several academic years",
}
_ID_PART = 40


@dataclass
class Measure:
    id: str
    title: str
    group: tuple[str, ...]
    period_type: PeriodType
    unit: dict[str, object]
    unit_text: str  # what the unit was read from, as written
    rows: int = 0
    split_by_type: bool = False
    graph_title: GraphTitle | None = None
    notes: list[str] = field(default_factory=list)


def plan_measures(rows: list[Row], fields: Fields) -> list[Measure]:
    """The measures, in the order their rows first appear; each row's `measure` set."""
    types: dict[tuple[str, ...], dict[PeriodType, int]] = {}
    for row in rows:
        counts = types.setdefault(row.group, {})
        counts[row.period.type] = counts.get(row.period.type, 0) + 1
    groups = list(types)
    varies = _distinguishing(groups)
    measures: dict[tuple[tuple[str, ...], PeriodType], Measure] = {}
    taken: set[str] = set()
    shorten = [_shortener([g[i] for g in groups]) for i in range(len(GROUPING))]
    for group in groups:
        split = len(types[group]) > 1
        for ptype, count in types[group].items():
            short = [shorten[i](text) for i, text in enumerate(group)]
            measure = _measure(group, short, ptype, split, varies, fields, taken)
            measure.rows = count
            measures[(group, ptype)] = measure
    for row in rows:
        row.measure = measures[(row.group, row.period.type)].id
    found = list(measures.values())
    _distinct_titles(found)
    _used_graph_titles(found, fields)
    return found


def _measure(
    group: tuple[str, ...],
    short: list[str],
    ptype: PeriodType,
    split: bool,
    varies: list[bool],
    fields: Fields,
    taken: set[str],
) -> Measure:
    series, units, unit_measure, multiplier_text = group
    parts = [text for text, vary in zip(group, varies, strict=True) if vary and text]
    if not parts and series:
        parts = [series]
    matched = _graph_title(series, units, fields.graph_titles)
    title = (
        matched.title
        if matched
        else (parts[0] + "".join(f" ({p})" for p in parts[1:]) if parts else fields.title)
    )
    if split:
        title += f" ({_PLURAL[ptype]})"
    unit_text = unit_measure or units or fields.computation_units
    multiplier, note = read_multiplier(multiplier_text)
    reading = read_unit(unit_text, multiplier)
    notes = [note] if note else []
    notes += reading.notes
    if split:
        notes.append(
            f"the rows of {title.removesuffix(f' ({_PLURAL[ptype]})')!r} hold periods of "
            "several types; those of each type are a measure of their own"
        )
    named = [s for s, text, vary in zip(short, group, varies, strict=True) if vary and text]
    slug_parts = [_slug(p) for p in named or parts] + ([_slug(_PLURAL[ptype])] if split else [])
    return Measure(
        id=_unique("-".join(p for p in slug_parts if p) or "figures", taken),
        title=title,
        group=group,
        period_type=ptype,
        unit=reading.unit,
        unit_text=unit_text,
        split_by_type=split,
        graph_title=matched,
        notes=notes,
    )


def _distinguishing(groups: list[tuple[str, ...]]) -> list[bool]:
    """Which of Series, Units, Unit measure and Unit multiplier to name a measure by: the
    fewest, in that order, that tell every measure apart (Series alone, when each series has
    its own unit)."""
    chosen = [False] * len(GROUPING)
    for i in range(len(GROUPING)):
        if len({tuple(g[j] for j in range(len(GROUPING)) if chosen[j]) for g in groups}) == len(
            groups
        ):
            break
        chosen[i] = len({g[i] for g in groups}) > 1
    return chosen


def _distinct_titles(measures: list[Measure]) -> None:
    """Two measures with one title (a graph title given per series, when the series has
    several units): each is told apart by the unit it is in."""
    titles = [m.title for m in measures]
    for m in measures:
        if titles.count(m.title) > 1 and m.unit_text:
            m.title = f"{m.title} ({m.unit_text})"


def _graph_title(series: str, unit: str, titles: list[GraphTitle]) -> GraphTitle | None:
    """Open SDG's choice (getMatchesByUnitSeries in utils.js): an item naming both the unit
    and the series, then one naming only the series, then one naming only the unit; an item
    with `series: ''` stands for every other series."""
    s, u = series.casefold(), unit.casefold()

    def same(a: str | None, b: str) -> bool:
        return a is not None and a.casefold() == b

    def rank(t: GraphTitle) -> int | None:
        if same(t.unit, u) and same(t.series, s):
            return 0
        if t.unit is None and same(t.series, s):
            return 1
        if t.series is None and same(t.unit, u):
            return 2
        if t.series == "" and (t.unit is None or same(t.unit, u)):
            return 3
        return None

    ranked = [(r, i) for i, t in enumerate(titles) if (r := rank(t)) is not None]
    return titles[min(ranked)[1]] if ranked else None


def _used_graph_titles(measures: list[Measure], fields: Fields) -> None:
    used = {id(m.graph_title) for m in measures if m.graph_title is not None}
    for i, item in enumerate(fields.graph_titles):
        if id(item) not in used:
            named = " and ".join(
                f"{k} {v!r}" for k, v in (("series", item.series), ("unit", item.unit)) if v
            )
            fields.dropped.append(
                (f"graph_titles[{i}]", f"names {named or 'nothing'}, which no row of the data has")
            )


def _shortener(texts: list[str]) -> Callable[[str], str]:
    """For ids: the words that tell the texts apart, without those they all begin or end
    with ("Percentage of adults who have participated in formal learning ..." -> "formal")."""
    distinct = [t.split() for t in dict.fromkeys(texts) if t]
    if len(distinct) < 2:
        return lambda text: text
    head = 0
    while all(len(w) > head for w in distinct) and len({w[head] for w in distinct}) == 1:
        head += 1
    tail = 0
    while (
        all(len(w) > head + tail for w in distinct) and len({w[-1 - tail] for w in distinct}) == 1
    ):
        tail += 1

    def short(text: str) -> str:
        if len(_slug(text, cut=False)) <= _ID_PART:
            return text  # short enough to name it whole
        words = text.split()
        kept = words[head : len(words) - tail]
        return " ".join(kept) or text

    return short


def _slug(text: str, cut: bool = True) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if cut and len(slug) > _ID_PART:
        slug = slug[:_ID_PART].rsplit("-", 1)[0]
    return slug


def _unique(slug: str, taken: set[str]) -> str:
    slug = slug[:70].strip("-") or "figures"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.add(candidate)
    return candidate
