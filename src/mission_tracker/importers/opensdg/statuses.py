"""Open SDG `Observation status` -> GSS markers, declared statuses, missing-value shorthand
and row notes.

The column is free text, sometimes two statuses joined by `;` (`Missing value; suppressed`),
with case and spelling varying (`Normal Value`, `estimate`, `Estimated Value`). A status
that means a GSS marker becomes that marker (`[e]`, `[p]`, `[r]`, `[u]`); one the format has no
marker for but that qualifies the figure becomes a declared status (`[d]` definition differs,
`[b]` time series break); an empty value becomes `[x]`, `[z]` or `[u]` as its status says; and
whatever is left is kept, as written, in the row's note.
"""

from __future__ import annotations

from dataclasses import dataclass

# Statuses that say nothing about the figure. SDMX's `A` is "normal value"; the UK writes
# `Undefined` in 26 files for figures with no particular status.
_NO_STATUS = frozenset({"", "normal value", "normal", "undefined", "a"})
_MARKERS = {
    "estimated value": "[e]",
    "estimated": "[e]",
    "estimate": "[e]",
    "e": "[e]",
    "provisional value": "[p]",
    "provisional": "[p]",
    "p": "[p]",
    "revised value": "[r]",
    "revised": "[r]",
    "r": "[r]",
    "low reliability": "[u]",
    "unreliable": "[u]",
}


@dataclass(frozen=True)
class DeclaredStatus:
    code: str
    meaning: str
    breaks_series: bool = False


# Statuses the format has no GSS marker for, declared under the indicator's `statuses:`.
DECLARED = {
    "definition differs": DeclaredStatus("[d]", "definition differs"),
    "time series break": DeclaredStatus("[b]", "time series break", breaks_series=True),
    "break": DeclaredStatus("[b]", "time series break", breaks_series=True),
    "b": DeclaredStatus("[b]", "time series break", breaks_series=True),
}
_MISSING = frozenset({"missing value", "missing data", "missing", "m"})
_CANNOT_EXIST = "data cannot exist"
_LOW = "low reliability"
NOTE_PREFIX = "Observation status: "


@dataclass(frozen=True)
class StatusReading:
    markers: tuple[str, ...] = ()  # for the marker column, in the order written
    missing: str = "[x]"  # the value cell's shorthand, for a row with no figure
    note: str = ""  # for the note column, when the status says more than markers can
    declared: tuple[DeclaredStatus, ...] = ()
    no_status: bool = True  # a status that says nothing about the figure (`Undefined`)


def read_status(text: str, has_value: bool) -> StatusReading:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    folded = [" ".join(p.casefold().split()) for p in parts]
    if all(f in _NO_STATUS for f in folded):
        return StatusReading()
    missing = "[x]"
    if not has_value and _CANNOT_EXIST in folded:
        missing = "[z]"
    elif not has_value and _LOW in folded:
        # A figure withheld as too unreliable to publish: GSS writes the value itself as [u].
        missing = "[u]"
    markers: list[str] = []
    declared: list[DeclaredStatus] = []
    told = True  # whether the markers and shorthand say everything the status says
    for part in folded:
        if part in _NO_STATUS or (part == _CANNOT_EXIST and missing == "[z]"):
            continue
        if part == _LOW and missing == "[u]":
            continue
        if part in _MARKERS:
            if _MARKERS[part] not in markers:
                markers.append(_MARKERS[part])
        elif part in DECLARED:
            status = DECLARED[part]
            if status.code not in markers:
                markers.append(status.code)
                declared.append(status)
        elif part in _MISSING and not has_value:
            continue
        else:
            # `suppressed`, `data exist but were not collected`, a status the importer does
            # not know, or "missing" on a row that does give a figure: kept as written.
            told = False
    note = "" if told else NOTE_PREFIX + "; ".join(parts)
    return StatusReading(tuple(markers), missing, note, tuple(declared), no_status=False)
