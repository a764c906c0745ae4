"""Units: what a value is measured in, declared by the editor rather than chosen from a list.

A unit has a kind (a percentage, a number of things, an amount of a currency, a rate per so
many people, an index with a base, or a physical unit such as tonnes), and what it needs to be
written properly: the currency's code, the "per", the base, the symbol or what is counted, a
multiplier when values are given in thousands or millions, and the decimal places to show.
The old unit names (`percent`, `count`, `gbp`, ...) remain as shorthands.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from mission_tracker.model.base import Plain, Spec


class UnitKind(StrEnum):
    PERCENTAGE = "percentage"
    NUMBER = "number"
    CURRENCY = "currency"
    RATE = "rate"
    INDEX = "index"
    PHYSICAL = "physical"


class Multiplier(StrEnum):
    """Values given in thousands, millions or billions of the unit."""

    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"

    @property
    def factor(self) -> int:
        return {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}[self.value]

    @property
    def short(self) -> str:
        """How amounts of money write it: £8,265m, £1.2bn."""
        return {"thousand": "k", "million": "m", "billion": "bn"}[self.value]


CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="The currency's ISO 4217 code, e.g. `GBP`, `EUR`, `USD`."),
]


class UnitSpec(Spec):
    """What a value is measured in."""

    kind: UnitKind = Field(description="What sort of quantity the values are.")
    label: Plain | None = Field(
        None,
        description="What is counted, written after the number, e.g. `dwellings` or `per "
        "100,000 population`.",
    )
    symbol: Plain | None = Field(
        None, description="For a physical unit, its symbol or name, e.g. `GWh` or `tonnes`."
    )
    currency: CurrencyCode | None = None
    per: int | None = Field(
        None, ge=1, description="For a rate, how many it is per, e.g. `100000`."
    )
    base: Plain | None = Field(None, description="For an index, its base, e.g. `2019 = 100`.")
    multiplier: Multiplier | None = Field(
        None, description="When values are given in thousands, millions or billions of the unit."
    )
    decimals: int | None = Field(
        None, ge=0, le=6, description="Decimal places to show (display only; data keep theirs)."
    )

    @model_validator(mode="after")
    def _complete(self) -> UnitSpec:
        # Each kind needs what it is written with; say which key is missing.
        if self.kind is UnitKind.CURRENCY and self.currency is None:
            raise ValueError("a currency unit needs `currency:`, its ISO code such as GBP")
        if self.kind is UnitKind.PHYSICAL and not (self.symbol or self.label):
            raise ValueError("a physical unit needs `symbol:`, such as tonnes or GWh")
        return self

    @property
    def default_decimals(self) -> int:
        return {UnitKind.PERCENTAGE: 1, UnitKind.RATE: 2, UnitKind.INDEX: 1}.get(self.kind, 0)

    @property
    def places(self) -> int:
        return self.decimals if self.decimals is not None else self.default_decimals

    @property
    def counted(self) -> str:
        """What follows a number in a sentence: "dwellings", "per 100,000"."""
        if self.label:
            return self.label
        if self.kind is UnitKind.RATE and self.per is not None:
            return f"per {self.per:,}"
        return ""


class Unit(StrEnum):
    """Shorthands for common units, as the first version of the format had them."""

    PERCENT = "percent"
    COUNT = "count"
    GBP = "gbp"
    GBP_MILLION = "gbp_million"
    RATE = "rate"
    GWH = "gwh"
    NUMBER = "number"
    INDEX = "index"

    def spec(self, label: str | None = None, decimals: int | None = None) -> UnitSpec:
        """The declared unit a shorthand stands for (with the indicator's own `unit_label` and
        `decimals`, where the first version of the format put them)."""
        kinds = {
            Unit.PERCENT: {"kind": UnitKind.PERCENTAGE},
            Unit.COUNT: {"kind": UnitKind.NUMBER},
            Unit.NUMBER: {"kind": UnitKind.NUMBER},
            Unit.GBP: {"kind": UnitKind.CURRENCY, "currency": "GBP"},
            Unit.GBP_MILLION: {
                "kind": UnitKind.CURRENCY,
                "currency": "GBP",
                "multiplier": Multiplier.MILLION,
            },
            Unit.RATE: {"kind": UnitKind.RATE},
            Unit.GWH: {"kind": UnitKind.PHYSICAL, "symbol": "GWh"},
            Unit.INDEX: {"kind": UnitKind.INDEX},
        }
        return UnitSpec(**kinds[self], label=label, decimals=decimals)  # type: ignore[arg-type]

    @property
    def default_range(self) -> tuple[float | None, float | None]:
        """The values that make sense, unless `valid_range` says otherwise: counts of things
        and energy generated cannot be negative, and a `percent` (a share of a whole, as the
        first version of the format meant it) cannot pass 100, though it may fall below zero
        when it is a change. A declared unit has none: growth rates, changes and balances all
        go below zero, and a percentage change can pass 100."""
        if self in (Unit.COUNT, Unit.GWH):
            return 0.0, None
        if self is Unit.PERCENT:
            return None, 100.0
        return None, None
