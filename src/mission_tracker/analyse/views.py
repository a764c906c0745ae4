"""Which series each breakdown chart shows: one breakdown at a time, never every combination.

When an indicator is crossed by several breakdowns (sex by age by region), the chart for one of
them holds the others at their total, or at the default value the YAML names for a breakdown
that has no total. A breakdown of many values (more than a dozen) is drawn as a ranking of its
latest figures, and one whose values are area codes on a declared map as a map; a few values are
drawn as small multiples.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mission_tracker.model.data import Indicator, Observation, SeriesKey
from mission_tracker.model.measures import Measure
from mission_tracker.model.periods import Period
from mission_tracker.model.specs import Breakdown
from mission_tracker.model.text import plural

# More values than this are ranked rather than drawn as a panel each: a dozen panels already
# fill a phone screen several times over.
MOST_PANELS = 12
# At most this many other combinations of the held breakdowns are offered to readers to choose
# from; the table and downloads have every figure.
MOST_CHOICES = 30


class ViewKind(StrEnum):
    PANELS = "panels"  # small multiples, one panel per value, each over time
    RANKED = "ranked"  # the latest figure of each value, highest first
    MAP = "map"  # the latest figure of each area, on a map


@dataclass(frozen=True)
class Held:
    """A breakdown held at one value while another is charted."""

    breakdown: Breakdown
    value: str

    @property
    def words(self) -> str:
        """ "all sexes", "sex Female", "all river basins (HydroBASINS id)"."""
        noun = self.breakdown.noun
        if self.value == self.breakdown.total_value:
            return f"all {plural(noun)}"
        label = next((v.display for v in self.breakdown.values if v.value == self.value), "")
        return f"{noun} {label or self.value}"


@dataclass(frozen=True)
class DimensionView:
    measure: Measure
    position: int  # which breakdown, in declared order
    breakdown: Breakdown
    keys: tuple[SeriesKey, ...]  # one series per value of the breakdown, in declared order
    held: tuple[Held, ...]  # the other breakdowns, and the value each is held at
    kind: ViewKind
    latest: Period | None  # the latest period with a figure, for rankings and maps

    @property
    def column(self) -> str:
        return self.breakdown.column

    def label(self, key: SeriesKey) -> str:
        """A series of this view, named by its value of the charted breakdown alone (the
        others are held, and the subtitle says at what)."""
        value = key[self.position]
        return next((v.display for v in self.breakdown.values if v.value == value), value)

    @property
    def held_words(self) -> str:
        """ "for all sexes and all ages", or "" when nothing is held."""
        return "for " + _join([h.words for h in self.held]) if self.held else ""

    def latest_rows(self, indicator: Indicator) -> list[Observation]:
        """Each series' figure in the latest period, in the breakdown's declared order."""
        rows = []
        for key in self.keys:
            found = [o for o in indicator.series(key, self.measure.id) if o.period == self.latest]
            rows.extend(found[-1:])
        return rows


def dimension_views(
    indicator: Indicator, measure: Measure, maps: frozenset[str] = frozenset()
) -> list[DimensionView]:
    """A view for each breakdown that has more than one value in the data, in declared order;
    `maps` are the maps the site has, so a breakdown can be drawn on one."""
    present = set(indicator.series_keys(measure.id))
    views = []
    for position in range(len(indicator.spec.breakdowns)):
        held = _held(indicator, measure, position, present)
        view = _view(indicator, measure, position, held, present, maps)
        if view is not None:
            views.append(view)
    return views


def other_views(
    indicator: Indicator, view: DimensionView, maps: frozenset[str] = frozenset()
) -> list[DimensionView]:
    """The same breakdown with the others held at each other combination the data have rows
    for (the readers' choice, with JavaScript), most series first, at most MOST_CHOICES."""
    present = set(indicator.series_keys(view.measure.id))
    position, charted = view.position, indicator.spec.headline_key[view.position]
    groups: dict[SeriesKey, int] = {}
    for key in present:
        if key[position] != charted:
            rest = (*key[:position], charted, *key[position + 1 :])
            groups[rest] = groups.get(rest, 0) + 1
    default = tuple(h.value for h in _all_held(view))
    ranked = sorted(
        (rest for rest in groups if rest != default),
        key=lambda rest: (-groups[rest], indicator.spec.series_rank(rest)),
    )
    out = []
    for rest in ranked[:MOST_CHOICES]:
        held = [Held(b, v) for b, v in zip(indicator.spec.breakdowns, rest, strict=True)]
        other = _view(indicator, view.measure, position, held, present, maps)
        if other is not None:
            out.append(other)
    return out


def _all_held(view: DimensionView) -> list[Held]:
    """Every breakdown's held value, the charted one at its total, in declared order."""
    held = list(view.held)
    held.insert(view.position, Held(view.breakdown, view.breakdown.total_value))
    return held


def _view(
    indicator: Indicator,
    measure: Measure,
    position: int,
    held: list[Held],
    present: set[SeriesKey],
    maps: frozenset[str],
) -> DimensionView | None:
    breakdown = indicator.spec.breakdowns[position]
    keys = tuple(
        key
        for value in (v.value for v in breakdown.values)
        if value != breakdown.total_value and (key := _with(held, position, value)) in present
    )
    if not keys:
        return None
    if breakdown.map is not None and breakdown.map in maps:
        kind = ViewKind.MAP
    elif len(keys) > MOST_PANELS:
        kind = ViewKind.RANKED
    else:
        kind = ViewKind.PANELS
    periods = [
        o.period for key in keys for o in indicator.series(key, measure.id) if o.value is not None
    ]
    return DimensionView(
        measure,
        position,
        breakdown,
        keys,
        tuple(h for i, h in enumerate(held) if i != position),
        kind,
        max(periods) if periods else None,
    )


def _held(
    indicator: Indicator, measure: Measure, position: int, present: set[SeriesKey]
) -> list[Held]:
    """The values the other breakdowns are held at while one is charted: of the combinations
    the data have rows for, the one with the most breakdowns at their total (or, failing a
    total, at the default the YAML names), then the one with the most values to chart, then the
    first in declared order. The charted breakdown is listed too, and ignored."""
    spec = indicator.spec
    totals = spec.headline_key
    charted = totals[position]
    groups: dict[SeriesKey, int] = {}
    for key in present:
        if key[position] != charted:
            rest = tuple(v for i, v in enumerate(key) if i != position)
            groups[rest] = groups.get(rest, 0) + 1
    others = [b for i, b in enumerate(spec.breakdowns) if i != position]

    def preference(rest: SeriesKey) -> tuple[int, int, int, tuple[int, ...]]:
        at_total = sum(v == b.total_value for v, b in zip(rest, others, strict=True))
        at_default = sum(v == b.default for v, b in zip(rest, others, strict=True))
        rank = spec.series_rank((*rest[:position], charted, *rest[position:]))
        return (-at_total, -at_default, -groups[rest], rank)

    rest = min(groups, key=preference) if groups else tuple(b.total_value for b in others)
    values = [*rest[:position], charted, *rest[position:]]
    return [Held(b, v) for b, v in zip(spec.breakdowns, values, strict=True)]


def _with(held: list[Held], position: int, value: str) -> SeriesKey:
    return tuple(value if i == position else h.value for i, h in enumerate(held))


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
