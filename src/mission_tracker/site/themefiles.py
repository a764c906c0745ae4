"""The files every site has from the package: the stylesheet and script, the editors' guides,
the accessibility statement and the reuse page (written into docs/ with the generated pages),
and the theme overrides (which the builder reads where the package is installed).

A project adds pages of its own in docs/; it does not copy these, so an upgrade of the package
updates them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from mission_tracker.analyse.messages import counted
from mission_tracker.model.data import Dataset
from mission_tracker.read.config import Site
from mission_tracker.site.templating import render_template

THEME = Path(__file__).resolve().parent / "theme"
OVERRIDES = THEME / "overrides"
ASSETS = ("assets/stylesheets/mission-tracker.css", "assets/javascripts/mission-tracker.js")
GUIDES = ("guide/editors.md", "guide/publishing.md")
PAGES = ("accessibility.md", "reuse.md")
# What these files are under docs/: the paths `write_tree` owns for them.
THEME_FILES = (*ASSETS, *GUIDES, *PAGES)


def theme_files(site: Site, dataset: Dataset) -> dict[str, bytes]:
    """The package's files for docs/, by path."""
    files = {rel: (THEME / rel).read_bytes() for rel in ASSETS}
    files.update({rel: (THEME / "pages" / rel).read_bytes() for rel in GUIDES})
    licences = Counter(
        " and ".join(t.full_name for t in i.spec.licences) for i in dataset.indicators.values()
    )
    ranked = [
        (name, counted(count, "indicator"))
        for name, count in sorted(licences.items(), key=lambda item: (-item[1], item[0]))
    ]
    context = {"site": site, "licences": ranked}
    for rel in PAGES:
        files[rel] = render_template(f"pages/{rel}.j2", **context).encode("utf-8")
    return files
