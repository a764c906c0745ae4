"""Limits on what the data may hold, checked by `check` before anything is built.

A data file is a pull request's to change, so its size is too: a cell of 50 MB would make a
page of 50 MB, and a file of millions of rows a build of hours. Each limit is generous for real
statistics (the largest file of the UK's SDG data has about 9,000 rows; a breakdown by local
authority has about 400 values) and can be raised in mkdocs.yml:

    extra:
      limits:
        rows: 500000
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 20_000_000  # the size of one data file
    rows: int = 200_000  # data rows in one CSV file
    cell_chars: int = 2_000  # characters in one CSV cell
    text_chars: int = 5_000  # characters in one piece of text in a YAML file
    breakdown_values: int = 2_000  # values one breakdown may declare
    indicators: int = 20_000  # indicators in the project

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def describe(self, name: str) -> str:
        """How a message names a limit: "the limit of 200,000 (`extra.limits.rows`)"."""
        return f"the limit of {getattr(self, name):,} (`extra.limits.{name}` in mkdocs.yml)"


DEFAULT_LIMITS = Limits()
