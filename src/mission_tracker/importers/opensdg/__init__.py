"""Open SDG data repositories (data/, meta/, optional config_data.yml) -> Mission Tracker data.

`import_open_sdg` is the library entry point; `mission-tracker import open-sdg SRC` is a thin
shell over it. The modules follow the data: `source` reads the repository as it is; `periods`,
`statuses`, `units`, `text` and `dates` read single cells and fields; `metadata`, `measures`
and `breakdowns` map one indicator; `indicator` puts it together and `verify` reads the result
back with Mission Tracker's own reader; `missions`, `output` and `report` do the rest.
"""

from __future__ import annotations

from mission_tracker.importers.opensdg.run import ImportOptions, ImportResult, import_open_sdg

__all__ = ["ImportOptions", "ImportResult", "import_open_sdg"]
