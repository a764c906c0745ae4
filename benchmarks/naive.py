"""The naive pipeline, scenario (e): the same charts as a user might make them without a cache,
a process pool or a shared compile, then `mkdocs build`.

For each indicator, in one process and one at a time: build the same Vega-Lite specs with the
project's Altair builders, turn each into an Altair chart (`alt.LayerChart.from_dict` /
`alt.VConcatChart.from_dict`, validated, as Altair does by default) and call `chart.save()` twice,
once for the SVG and once for the PNG at 2x (each call compiles and renders the chart again).
Then run the plain `mkdocs build --strict` CLI. Pages are the ones `mission-tracker build` wrote
(made before the clock starts), so the naive pipeline is not charged for writing pages.

Usage: python benchmarks/naive.py <project> <site-dir>
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert as vlc

from mission_tracker.analyse.facts import analyse
from mission_tracker.charts import specs as charts
from mission_tracker.charts.render import PNG_SCALE, fonts_dir, isolate_fonts
from mission_tracker.read.config import read_site
from mission_tracker.read.load import load_dataset
from mission_tracker.site.addresses import indicator_url


def altair_chart(spec: dict[str, Any]) -> Any:
    kind = alt.LayerChart if "layer" in spec else alt.VConcatChart
    return kind.from_dict(spec)


# The configuration `mission-tracker build` wrote: the package's theme under the project's own.
CONFIG = ".mission-tracker/mkdocs.yml"


def main(project: Path, site_dir: Path) -> None:
    isolate_fonts()
    vlc.register_font_directory(str(fonts_dir()))
    site = read_site(project / "mkdocs.yml")
    loaded = load_dataset(project / "data")
    if not loaded.ok:
        raise SystemExit("the data has problems; run `mission-tracker check`")
    dataset = loaded.dataset
    facts = analyse(dataset)
    for indicator in sorted(dataset.indicators.values(), key=lambda i: i.id):
        folder = project / "docs" / "indicators" / indicator.id
        folder.mkdir(parents=True, exist_ok=True)
        address = site.absolute(indicator_url(indicator.id))
        for chart in charts.charts(indicator, facts.drawn_milestone(indicator.id), address):
            made = altair_chart(chart.spec)
            made.save(str(folder / f"{chart.stem}.svg"))
            made.save(str(folder / f"{chart.stem}.png"), scale_factor=PNG_SCALE)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    subprocess.run(
        [str(mkdocs), "build", "--strict", "--quiet", "-f", CONFIG, "--site-dir", str(site_dir)],
        cwd=project,
        check=True,
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
