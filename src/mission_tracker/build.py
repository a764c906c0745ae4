"""The build: a project's data -> docs/ (generated pages, charts and downloads) -> site/.

`build_project` runs the stages for a set of options and returns a report; it never prints.
Everything is computed in memory and written by `write.py` at the end, so a build that fails on
bad data changes no file, and the site builder writes into a fresh folder that replaces site/
only when it succeeds.

The modules of the pipeline are imported only once the build knows it has work to do: telling
that nothing changed since the last build takes a fraction of a second, and importing pydantic,
Altair and vl-convert would take longer than that.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mission_tracker.cache import uptodate
from mission_tracker.cache.store import Store
from mission_tracker.check.configcheck import project_problems
from mission_tracker.model.problems import Problem, errors
from mission_tracker.model.progress import Progress, quiet
from mission_tracker.read.config import Site, read_site
from mission_tracker.read.files import DataFiles, read_data_folder, read_project_file
from mission_tracker.read.layout import BUILT_CONFIG, CONFIG, DATA, DOCS, STATE, cache_folder
from mission_tracker.write import GENERATED, WriteStats, atomic_write, explain, write_tree

if TYPE_CHECKING:
    from mission_tracker.analyse.facts import Facts
    from mission_tracker.charts.render import Renderer
    from mission_tracker.model.data import Dataset
    from mission_tracker.model.maps import Boundaries


@dataclass(frozen=True)
class BuildOptions:
    """What to build and how. Everything a build depends on is here, so nothing below reads
    the environment: the CLI turns environment variables into options."""

    root: Path = Path(".")
    cache: Path | None = None  # the cache folder; None: the project's own
    use_cache: bool = True
    # Delete the cache entries a finished build did not use, so the cache holds only what the
    # next build can reuse.
    prune_cache: bool = True
    workers: int | None = None  # render processes; None: one per core
    site: bool = True  # after generating into docs/, build the site
    site_dir: Path | None = None  # default: root/site
    # What builds the site from docs/: "mkdocs" (in this process) or "zensical" (its own).
    builder: str = "mkdocs"
    # The date MkDocs stamps the sitemap with; None: the newest release date in the data.
    source_date: date | None = None
    progress: Progress = quiet  # told how far long stages have got
    # Build one slice of the charts (`--shard K/N`) into `shard_dir` rather than docs/.
    shard: Shard | None = None
    shard_dir: Path | None = None  # default: root/.mission-tracker/shards/K-of-N
    # Shard folders whose charts are taken into the cache before building (`--merge`).
    merge: tuple[Path, ...] = ()

    def store(self) -> Store:
        if not self.use_cache:
            return Store(None)
        return Store(self.cache if self.cache is not None else cache_folder(self.root))


@dataclass(frozen=True)
class Shard:
    """Slice K of N: the indicators at positions K-1, K-1+N, K-1+2N... in order of id. Which
    indicators a shard takes depends on the ids alone, so every run (and every machine) slices
    the same way, and the N slices together are every indicator once."""

    index: int  # K, from 1
    count: int  # N

    def takes(self, position: int) -> bool:
        return position % self.count == self.index - 1

    def folder(self, root: Path) -> Path:
        return root / STATE / "shards" / f"{self.index}-of-{self.count}"


@dataclass
class BuildReport:
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    written: WriteStats = field(default_factory=WriteStats)
    rendered: int = 0
    from_cache: int = 0
    up_to_date: bool = False  # nothing changed since the last build: docs/ left as it was
    generate_seconds: float = 0.0
    site_dir: Path | None = None
    site_seconds: float = 0.0
    site_error: str | None = None
    # Why the generated files could not be written (a full disk, a read-only folder).
    write_error: str | None = None
    cache_warning: str | None = None  # why the cache could not be written, if it could not
    pruned: int = 0
    shard_dir: Path | None = None  # where a shard's charts were written
    merged: int = 0  # entries taken from shard folders

    @property
    def ok(self) -> bool:
        return not errors(self.problems) and self.site_error is None and self.write_error is None


def build_project(options: BuildOptions) -> BuildReport:
    """Generate docs/ from data/ and, if asked, build the site from docs/."""
    report = BuildReport()
    if options.shard is not None:
        build_shard(options, options.shard, report)
        return report
    store = options.store()
    if options.merge:
        report.merged = sum(store.adopt(folder) for folder in options.merge)
    day = generate_docs(options, report, store)
    if day is not None and options.site:
        from mission_tracker.builders import run_builder

        started = time.perf_counter()
        target = options.site_dir or (options.root / "site")
        stamp = options.source_date or day
        epoch = int(datetime(stamp.year, stamp.month, stamp.day, tzinfo=UTC).timestamp())
        config = options.root / BUILT_CONFIG
        report.site_error = run_builder(options.builder, config, target, epoch, store)
        report.site_dir = target
        report.site_seconds = time.perf_counter() - started
    # After the site's build too, which keeps its compiled templates in the store. A build
    # that found nothing changed read too few entries to tell what is stale: it prunes nothing.
    if options.prune_cache and day is not None and not report.up_to_date:
        report.pruned = store.prune()
    report.cache_warning = store.write_error
    return report


def generate_docs(options: BuildOptions, report: BuildReport, store: Store) -> date | None:
    """Write the generated files into docs/; the build's date, or None when the data has
    errors (and then nothing is written)."""
    started = time.perf_counter()
    root = options.root
    docs = root / DOCS
    around = project_problems(root)
    if errors(around):
        report.problems = around
        return None
    site = read_site(root / CONFIG)
    files = read_data_folder(root / DATA, site.limits)
    config = read_project_file(root, CONFIG) or b""
    inputs = uptodate.inputs_digest(files.files, repr(site), config)
    last = uptodate.up_to_date(store, inputs, docs, GENERATED)
    if last is not None and not files.problems and (root / BUILT_CONFIG).is_file():
        report.up_to_date = True
        report.files = len(last.files)
        report.generate_seconds = time.perf_counter() - started
        return date.fromisoformat(last.data_date)

    from mission_tracker.charts.render import Renderer
    from mission_tracker.read.maps import read_boundaries

    boundaries, unreadable = read_boundaries(root, site.maps)
    if unreadable:
        report.problems = unreadable
        return None
    made = generate(files, site, Renderer(store, options.workers, options.progress), boundaries)
    report.problems = made.problems
    if made.dataset is None or not made.ok:
        return None
    day = data_date(made.dataset)
    uptodate.forget(store, docs)
    try:
        report.written = write_tree(docs, made.files, GENERATED)
        _write_config(root, site, made.dataset)
    except OSError as exc:
        report.write_error = f"{explain(exc)} (the site was not built)"
        return None
    uptodate.remember(store, inputs, docs, made.files, day.isoformat())
    report.files = len(made.files)
    report.rendered, report.from_cache = made.rendered, made.from_cache
    report.generate_seconds = time.perf_counter() - started
    return day


def build_shard(options: BuildOptions, shard: Shard, report: BuildReport) -> None:
    """Build and render the charts of one slice of the indicators into a store folder of its
    own (`options.shard_dir`), for `--merge` to take into the cache of the build that writes
    docs/: everything that build reads from its cache, it verifies, and a cache never changes
    what a build writes, so N shards merged give exactly the site one build gives."""
    started = time.perf_counter()
    root = options.root
    around = project_problems(root)
    if errors(around):
        report.problems = around
        return
    site = read_site(root / CONFIG)
    files = read_data_folder(root / DATA, site.limits)

    from mission_tracker.analyse.facts import analyse
    from mission_tracker.charts.produce import charts_for_all, spec_keys
    from mission_tracker.charts.render import Renderer
    from mission_tracker.read.load import load_dataset
    from mission_tracker.read.maps import read_boundaries
    from mission_tracker.site.assemble import chart_inputs

    boundaries, unreadable = read_boundaries(root, site.maps)
    if unreadable:
        report.problems = unreadable
        return
    folder = options.shard_dir or shard.folder(root)
    store = Store(folder)
    renderer = Renderer(store, options.workers, options.progress)
    renderer.warm_up()
    loaded = load_dataset(files, store, site.limits, frozenset(m.id for m in site.maps))
    report.problems = loaded.problems
    if loaded.dataset is None or not loaded.ok:
        return
    facts = analyse(loaded.dataset)
    _, wanted, sources = chart_inputs(loaded.dataset, facts, site, files, dict(boundaries))
    mine = [i for i in range(len(wanted)) if shard.takes(i)]
    wanted, sources = [wanted[i] for i in mine], [sources[i] for i in mine]
    made = charts_for_all(wanted, spec_keys(store, wanted, sources), renderer)
    specs = [c.spec for cs in made for c in cs]
    before = renderer.hits
    renderer.render_all(specs)
    report.from_cache = renderer.hits - before
    report.rendered = len(specs) - report.from_cache
    report.files = len(mine)  # the indicators this shard drew
    report.pruned = store.prune()  # the folder holds this slice and nothing else
    report.cache_warning = store.write_error
    report.shard_dir = folder
    report.generate_seconds = time.perf_counter() - started


@dataclass
class Generated:
    """What generating produced, in memory: the files for docs/, or the problems."""

    files: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    dataset: Dataset | None = None
    facts: Facts | None = None
    rendered: int = 0
    from_cache: int = 0

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def generate(
    data: Path | DataFiles,
    site: Site,
    renderer: Renderer,
    boundaries: Mapping[str, Boundaries] | None = None,
) -> Generated:
    """load -> analyse -> charts -> render -> pages and downloads, all in memory; `boundaries`
    are the maps the site declares, read from the project (read/maps.py)."""
    from mission_tracker.analyse.numbers import written_in

    # Every figure the pages, charts and downloads write, as the site's locale writes it.
    with written_in(site.locale):
        return _generate(data, site, renderer, boundaries)


def _generate(
    data: Path | DataFiles,
    site: Site,
    renderer: Renderer,
    boundaries: Mapping[str, Boundaries] | None,
) -> Generated:
    from mission_tracker.analyse.facts import analyse
    from mission_tracker.cache.templates import compiled_in
    from mission_tracker.read.load import load_dataset
    from mission_tracker.site.assemble import assemble_site
    from mission_tracker.site.templating import environment

    compiled_in(environment(), renderer.store)  # the pages' templates, compiled once
    files = data if isinstance(data, DataFiles) else read_data_folder(data, site.limits)
    renderer.warm_up()  # the JavaScript runtime starts while the data loads
    declared = frozenset(m.id for m in site.maps)
    loaded = load_dataset(files, renderer.store, site.limits, declared)
    out = Generated(problems=loaded.problems)
    if not loaded.ok:
        return out
    out.dataset, out.facts = loaded.dataset, analyse(loaded.dataset)
    day = data_date(out.dataset)
    made = assemble_site(out.dataset, out.facts, site, renderer, files, day, boundaries)
    out.files, out.rendered, out.from_cache = made.files, made.rendered, made.from_cache
    return out


def _write_config(root: Path, site: Site, dataset: Dataset) -> None:
    """The configuration the site is built with: mkdocs.yml over the package's settings, with
    the navigation from the data (written only when it changed)."""
    from mission_tracker.read.config import read_config
    from mission_tracker.site.mkdocsconfig import config_text, effective_config, own_pages

    missions = [m.id for m in dataset.missions_in_order()]
    pages = own_pages(root / DOCS, GENERATED)
    config = effective_config(root, read_config(root / CONFIG), site, missions, pages)
    data = config_text(config).encode("utf-8")
    path = root / BUILT_CONFIG
    if not (path.is_file() and path.read_bytes() == data):
        atomic_write(path, data)


def data_date(dataset: Dataset) -> date:
    """The build's date: the newest release or retrieval date in the data (never "now")."""
    days = [i.spec.updated for i in dataset.indicators.values()]
    return max(days, default=date(2024, 1, 1))
