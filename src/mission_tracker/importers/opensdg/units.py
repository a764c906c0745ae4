"""Open SDG unit text and `Unit multiplier` -> a declared unit (`unit:` with kind, label,
symbol, currency, per, base, multiplier).

Open SDG writes units as display text: `Percentage (%)`, `Rate per 100,000 population`,
`GBP (£ thousands)`, `Million hectares`, `Number`. The kind, the currency's code, the "per"
and the scale are read from that text; what the text says beyond them is kept as the unit's
label or symbol, as written. Values are already scaled in the source (12-3-1's
`Food (Kilotonnes)` rows hold kilotonnes), so a multiplier is declared, never applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mission_tracker.model.units import Multiplier, UnitKind

# `Unit multiplier` as Open SDG files write it; SDMX UNIT_MULT codes too.
_MULTIPLIERS: dict[str, Multiplier | None] = {
    "": None,
    "units": None,
    "unit": None,
    "0": None,
    "thousands": Multiplier.THOUSAND,
    "thousand": Multiplier.THOUSAND,
    "3": Multiplier.THOUSAND,
    "millions": Multiplier.MILLION,
    "million": Multiplier.MILLION,
    "6": Multiplier.MILLION,
    "billions": Multiplier.BILLION,
    "billion": Multiplier.BILLION,
    "9": Multiplier.BILLION,
}
_SCALE_WORDS = {
    "thousand": Multiplier.THOUSAND,
    "thousands": Multiplier.THOUSAND,
    "000s": Multiplier.THOUSAND,
    "000": Multiplier.THOUSAND,
    "million": Multiplier.MILLION,
    "millions": Multiplier.MILLION,
    "billion": Multiplier.BILLION,
    "billions": Multiplier.BILLION,
}
_SCALE = re.compile(r"\b(thousands?|millions?|billions?|000s?)(?![\w,])", re.IGNORECASE)
_PERCENT = re.compile(r"%|\bper\s?cent(?:age)?\b", re.IGNORECASE)
_PER = re.compile(r"\bper\s+(million|thousand|[\d,]*\d)\b", re.IGNORECASE)
_CURRENCY = re.compile(r"^(?:(constant|current)\s+)?(GBP|USD|EUR|£|\$|€)", re.IGNORECASE)
_CODES = {"gbp": "GBP", "usd": "USD", "eur": "EUR", "£": "GBP", "$": "USD", "€": "EUR"}
_INDEX = re.compile(r"^index\b(?:\s*\((?P<base>[^)]*=\s*100)\))?", re.IGNORECASE)
_PHYSICAL = re.compile(
    r"^(?:(?:million|thousand|billion)\s+)?(?:metric\s+)?(tonnes?|tons?|kilotonnes?|kilograms?|"
    r"kilogrammes?|kg|grams?|hectares?|square\s+(?:km|kilometres?|metres?)|km|litres?|watts?|"
    r"kwh|gwh|twh|terajoules?|tj|megawatts?|mw)\b",
    re.IGNORECASE,
)
_IN_BRACKETS = re.compile(r"(.*\S)\s*\(([^()]+)\)")
_PLAIN_NUMBER = frozenset({"number", "count", "numbers"})
# Mojibake: a pound sign read as Latin-1 and saved again as UTF-8 (7-3-1 `TJ/Â£ million`).
_MOJIBAKE = {"Â£": "£", "â‚¬": "€"}


@dataclass
class UnitReading:
    unit: dict[str, object]  # the `unit:` block, keys in the model's order
    notes: list[str] = field(default_factory=list)  # for the report: what was read how


def read_multiplier(text: str) -> tuple[Multiplier | None, str]:
    """A `Unit multiplier` cell; with a note when it is not a multiplier at all."""
    folded = text.strip().casefold()
    if folded in _MULTIPLIERS:
        return _MULTIPLIERS[folded], ""
    return None, f"`Unit multiplier` {text!r} is not a multiplier, so it was not carried over"


def repair(text: str) -> str:
    for wrong, right in _MOJIBAKE.items():
        text = text.replace(wrong, right)
    return text


def read_unit(text: str, multiplier: Multiplier | None) -> UnitReading:
    """The declared unit for unit text and the file's multiplier for the same rows."""
    notes: list[str] = []
    written = " ".join(text.split())
    fixed = repair(written)
    if fixed != written:
        notes.append(f"unit {written!r} has a mis-encoded character; read as {fixed!r}")
    if not fixed:
        unit: dict[str, object] = {"kind": UnitKind.NUMBER.value}
        notes.append("no unit is given for these rows; declared as a plain number")
        return UnitReading(_with_multiplier(unit, multiplier), notes)
    scale, rest = _scale(fixed)
    if scale is not None and multiplier is not None and scale is not multiplier:
        notes.append(
            f"unit {fixed!r} says {scale.value}s but `Unit multiplier` says {multiplier.value}s; "
            "the unit text was followed"
        )
    chosen = scale or multiplier
    unit = _kind(fixed, rest)
    if chosen is Multiplier.THOUSAND and str(unit.get("symbol", "")).lower().startswith("kilo"):
        # `Kilotonnes` with multiplier `Thousands`: the kilo already says it (12-3-1's values
        # are kilotonnes), so declaring thousands of kilotonnes would be a thousand times out.
        notes.append(f"`Unit multiplier` thousands restates the kilo of {fixed!r}; not declared")
        chosen = None
    return UnitReading(_with_multiplier(unit, chosen), notes)


def _with_multiplier(unit: dict[str, object], multiplier: Multiplier | None) -> dict[str, object]:
    if multiplier is not None:
        unit["multiplier"] = multiplier.value
    return unit


def _scale(text: str) -> tuple[Multiplier | None, str]:
    """A scale the text states for the values (`GBP (£ thousands)`, `Million hectares`,
    `Area (000s hectares)`), and the text without it. A scale after `per` is the
    denominator's (`Tonnes per million GBP`), not the values'."""
    before_per = re.split(r"\bper\b", text, maxsplit=1, flags=re.IGNORECASE)[0]
    m = _SCALE.search(before_per)
    if m is None:
        return None, text
    rest = (text[: m.start()] + text[m.end() :]).replace("()", "")
    return _SCALE_WORDS[m[1].lower()], " ".join(rest.replace("( ", "(").replace(" )", ")").split())


def _kind(text: str, rest: str) -> dict[str, object]:
    if (m := _CURRENCY.match(text)) is not None:
        return _currency(m, rest)
    per = _PER.search(text)
    if _PERCENT.search(text) and per is None:
        label = re.sub(r"\(\s*\)", "", _PERCENT.sub("", rest))
        return _labelled({"kind": UnitKind.PERCENTAGE.value}, label)
    if per is not None and not _PHYSICAL.match(text):
        return _rate(text, per)
    if (m := _INDEX.match(text)) is not None:
        unit: dict[str, object] = {"kind": UnitKind.INDEX.value}
        if m["base"]:
            unit["base"] = " ".join(m["base"].replace("=", " = ").split())
        return unit
    if _PHYSICAL.match(rest):
        return {"kind": UnitKind.PHYSICAL.value, "symbol": rest}
    if (m := _IN_BRACKETS.fullmatch(rest)) is not None and _PHYSICAL.match(m[2]):
        # `Food (Kilotonnes)`: what is measured, then its unit.
        return {"kind": UnitKind.PHYSICAL.value, "symbol": m[2]}
    if rest.casefold() in _PLAIN_NUMBER:
        return {"kind": UnitKind.NUMBER.value}
    number = re.sub(r"^number\s+of\s+", "", rest, flags=re.IGNORECASE)
    return _labelled({"kind": UnitKind.NUMBER.value}, number)


def _currency(m: re.Match[str], rest: str) -> dict[str, object]:
    unit: dict[str, object] = {"kind": UnitKind.CURRENCY.value, "currency": _CODES[m[2].lower()]}
    label = rest[m.end() :] if rest.startswith(m[0]) else ""
    # What follows the code: `(£)`, `per capita`; `Constant` prices are kept in the label.
    label = re.sub(r"\(\s*[£$€]?\s*\)", "", label)
    label = " ".join(label.replace("(", " ").replace(")", " ").split())
    label = " ".join(p for p in (m[1] and f"{m[1].lower()} {unit['currency']}", label) if p)
    return _labelled(unit, label)


def _rate(text: str, per: re.Match[str]) -> dict[str, object]:
    amount = per[1].lower()
    number = {"million": 1_000_000, "thousand": 1_000}.get(amount) or int(amount.replace(",", ""))
    label = re.sub(r"^(?:rate|number)\s+(?:of\s+)?", "", text, flags=re.IGNORECASE)
    return _labelled({"kind": UnitKind.RATE.value, "per": number}, label)


def _labelled(unit: dict[str, object], label: str) -> dict[str, object]:
    label = " ".join(label.strip(" ,:;").split())
    if label:
        unit["label"] = label
    return unit
