"""What the last RESULTS.md measured that this run does not measure again.

A full `make bench` takes hours (a cold build at N = 5000 alone takes most of one), so a run
may measure some sizes only (`--sizes`). The rows of the other sizes, the growth lines
between them, and the shape mix and Lighthouse sections when this run skips them, are kept
from the previous file as they were written: each row and growth line names the commit and
the date that measured it, so a figure is never shown as this run's when it is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .shards import kept_section

BUILD_TIME, MEMORY = "## Build time", "## Memory, size and page weight"
SHAPES, LIGHTHOUSE = "## Shape mix", "## Lighthouse"
_LABEL = re.compile(r"^\| (\d+)( \(shipped site\))? \|")
_GROWTH = re.compile(r"^- N = (\d+) over N = (\d+): ")


def order(label: str) -> tuple[int, int]:
    """Rows in order: the shipped site first, then by N."""
    n, _, rest = label.partition(" ")
    return (0 if rest else 1, int(n))


@dataclass
class Carried:
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> label -> row
    growth: dict[tuple[int, int], str] = field(default_factory=dict)  # (large, small) -> line
    sections: dict[str, list[str]] = field(default_factory=dict)  # heading -> its lines

    @classmethod
    def read(cls, path: Path) -> Carried:
        carried = cls()
        for heading in (BUILD_TIME, MEMORY):
            table: dict[str, str] = {}
            for line in kept_section(path, heading):
                match = _LABEL.match(line)
                if match:
                    table[match.group(1) + (match.group(2) or "")] = line
                elif heading == BUILD_TIME and (growth := _GROWTH.match(line)):
                    carried.growth[(int(growth.group(1)), int(growth.group(2)))] = line
            carried.rows[heading] = table
        for heading in (SHAPES, LIGHTHOUSE):
            lines = kept_section(path, heading)
            if lines:
                carried.sections[heading] = lines
        return carried

    def merged_rows(self, heading: str, fresh: dict[str, str]) -> list[str]:
        """This run's rows, and the previous file's for the sizes this run did not measure."""
        rows = {**self.rows.get(heading, {}), **fresh}
        return [rows[label] for label in sorted(rows, key=order)]

    def merged_growth(self, fresh: dict[tuple[int, int], str]) -> list[str]:
        lines = {**self.growth, **fresh}
        return [lines[pair] for pair in sorted(lines)]  # by the larger N, then the smaller
