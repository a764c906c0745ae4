"""The render and spec caches: a cached build gives exactly the bytes of an uncached one, a
damaged entry is made again rather than published, and a change re-renders only what it
touches. Real builds of a small synthetic project, nothing mocked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from benchmarks.synthetic import write_project

from mission_tracker.build import Generated, generate
from mission_tracker.cache.store import Store
from mission_tracker.charts.render import Renderer
from mission_tracker.charts.speccache import get_charts, spec_key
from mission_tracker.read.config import read_site
from mission_tracker.read.layout import indicator_files
from mission_tracker.site.addresses import indicator_url

N = 6  # indicators; seed 1 gives monthly, quarterly and annual ones, one with breakdowns


def _build(project: Path, cache: Path | None) -> tuple[Generated, Renderer]:
    renderer = Renderer(Store(cache), workers=2)
    result = generate(project / "data", read_site(project / "mkdocs.yml"), renderer)
    assert result.ok, result.problems
    return result, renderer


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    """A project built once with an empty cache: (project, cache, files)."""
    root = tmp_path_factory.mktemp("cache")
    project = write_project(root / "project", N, seed=1)
    cache = root / "cache"
    result, renderer = _build(project, cache)
    assert renderer.hits == 0 and renderer.misses > N
    return project, cache, result.files


@pytest.fixture
def copy(warm: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the warm project and cache, for tests that change them."""
    project, cache, _ = warm
    shutil.copytree(project, tmp_path / "project")
    shutil.copytree(cache, tmp_path / "cache")
    return tmp_path / "project", tmp_path / "cache"


def _without_outputs(cache: Path) -> None:
    """Drop the indicators' kept outputs, so that a rebuild reads their specs and renders
    (with an indicator's output kept whole, it reads neither)."""
    shutil.rmtree(cache / "outputs")


def _chart_files(files: dict[str, bytes]) -> set[str]:
    return {p for p in files if p.endswith((".svg", ".png", ".vl.json"))}


def test_synthetic_project_has_breakdowns_and_milestones(
    warm: tuple[Path, Path, dict[str, bytes]],
) -> None:
    _, _, files = warm
    assert any(p.endswith("/breakdowns.svg") for p in files)
    assert sum(p.endswith("/chart.svg") for p in files) == N


def test_uncached_build_gives_the_same_bytes(warm: tuple[Path, Path, dict[str, bytes]]) -> None:
    project, _, files = warm
    fresh, renderer = _build(project, None)
    assert renderer.hits == 0
    assert fresh.files.keys() == files.keys()
    assert [p for p in files if fresh.files[p] != files[p]] == []


def test_unchanged_rebuild_renders_and_builds_nothing(copy: tuple[Path, Path]) -> None:
    project, cache = copy
    first, _ = _build(project, cache)
    again, renderer = _build(project, cache)
    assert renderer.misses == 0 and again.rendered == 0
    assert again.files == first.files
    # Every spec came from the spec cache: none was built with Altair.
    store = Store(cache)
    site = read_site(project / "mkdocs.yml")
    assert again.dataset is not None and again.facts is not None
    for indicator in again.dataset.indicators.values():
        sources = tuple(
            (project / "data" / rel).read_bytes() for rel in indicator_files(indicator.id)
        )
        wanted = (
            indicator,
            again.facts.drawn_milestone(indicator.id),
            site.absolute(indicator_url(indicator.id)),
            {},
        )
        assert get_charts(store, spec_key(sources, wanted)) is not None


def test_corrupt_or_partial_render_entries_are_rendered_again(
    copy: tuple[Path, Path], warm: tuple[Path, Path, dict[str, bytes]]
) -> None:
    project, cache = copy
    _without_outputs(cache)
    pngs = sorted((cache / "png").glob("??/*"))
    svgs = sorted((cache / "svg").glob("??/*"))
    pngs[0].write_bytes(pngs[0].read_bytes()[:1000])  # cut short, as by a crash mid-write
    svgs[1].write_text("<svg>not finished", "utf-8")
    svgs[2].unlink()
    result, renderer = _build(project, cache)
    assert renderer.misses == 3
    assert result.files == warm[2]
    # ... and the cache holds good entries again.
    _, again = _build(project, cache)
    assert again.misses == 0


def test_corrupt_spec_entry_is_built_again(
    copy: tuple[Path, Path], warm: tuple[Path, Path, dict[str, bytes]]
) -> None:
    project, cache = copy
    _without_outputs(cache)
    entries = sorted((cache / "specs").glob("??/*"))
    assert len(entries) == N
    entries[0].write_bytes(entries[0].read_bytes()[:200])
    entries[1].write_text('{"charts": []}', "utf-8")
    result, _ = _build(project, cache)
    assert result.files == warm[2]


@pytest.mark.parametrize("namespace", ["png", "svg", "specs", "observations", "outputs"])
def test_swapped_entries_change_nothing(
    copy: tuple[Path, Path], warm: tuple[Path, Path, dict[str, bytes]], namespace: str
) -> None:
    """Two entries exchanged on disk (by hand, or a cache restored from elsewhere) are each
    refused, as neither holds what its name says, and made again: the site is unchanged."""
    project, cache = copy
    if namespace != "outputs":
        _without_outputs(cache)
    first, second = sorted((cache / namespace).glob("??/*"))[:2]
    a, b = first.read_bytes(), second.read_bytes()
    first.write_bytes(b)
    second.write_bytes(a)
    result, _ = _build(project, cache)
    assert result.files == warm[2]
    assert first.read_bytes() == a and second.read_bytes() == b  # made again, correctly


def test_kept_outputs_need_no_specs_or_renders(
    copy: tuple[Path, Path], warm: tuple[Path, Path, dict[str, bytes]]
) -> None:
    """An indicator whose output is kept is taken whole: with every spec and render gone, a
    rebuild builds no spec and renders only the social cards, and writes the same bytes."""
    project, cache = copy
    for namespace in ("specs", "svg", "png"):
        shutil.rmtree(cache / namespace)
    result, renderer = _build(project, cache)
    assert result.files == warm[2]
    cards = sum(1 for p in result.files if p.startswith("assets/cards/"))
    assert cards and renderer.misses == cards
    assert not list((cache / "specs").glob("??/*"))


def _revise_latest(csv: Path) -> None:
    """Revise the last numeric figure of a data file, as a new release would."""
    lines = csv.read_text("utf-8").splitlines()
    at = lines[0].split(",").index("value")
    for row in range(len(lines) - 1, 0, -1):
        cells = lines[row].split(",")
        if cells[at].replace(".", "", 1).isdigit():
            cells[at] = (
                f"{float(cells[at]) + 1.5:.1f}" if "." in cells[at] else f"{int(cells[at]) + 1}"
            )
            lines[row] = ",".join(cells)
            break
    csv.write_text("\n".join(lines) + "\n", "utf-8")


def test_one_csv_changed_rerenders_only_that_indicator(copy: tuple[Path, Path]) -> None:
    project, cache = copy
    before, _ = _build(project, cache)
    csv = sorted((project / "data" / "indicators").glob("*.csv"))[2]
    _revise_latest(csv)
    after, renderer = _build(project, cache)
    changed = {p for p in _chart_files(after.files) if after.files[p] != before.files.get(p)}
    mine = f"indicators/{csv.stem}/"
    assert changed and all(p.startswith((mine, "assets/cards/")) for p in changed), changed
    own_charts = sum(1 for p in after.files if p.startswith(mine) and p.endswith(".vl.json"))
    cards = sum(1 for p in changed if p.startswith("assets/cards/"))
    assert renderer.misses == own_charts + cards
    fresh, _ = _build(project, None)
    assert after.files == fresh.files


def test_milestone_change_rebuilds_the_spec_it_is_drawn_on(copy: tuple[Path, Path]) -> None:
    """The spec cache is keyed by the milestone facts as well as the indicator's files."""
    project, cache = copy
    before, _ = _build(project, cache)
    target_of = "synthetic-00001"
    for path in sorted((project / "data" / "missions").glob("*.yml")):
        text = path.read_text("utf-8")
        doc = yaml.safe_load(text)
        moved = False
        for milestone in doc.get("milestones", []):
            if milestone.get("indicator") == target_of and milestone.get("target") is not None:
                milestone["target"] = round(milestone["target"] * 1.01, 1)
                moved = True
        if moved:
            first_line = text.split("\n", 1)[0]
            body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=1000)
            path.write_text(first_line + "\n" + body, "utf-8")
    after, _ = _build(project, cache)
    spec = f"indicators/{target_of}/chart.vl.json"
    assert after.files[spec] != before.files[spec]
    fresh, _ = _build(project, None)
    assert after.files == fresh.files


def test_spec_cache_key_covers_the_code_that_makes_specs(tmp_path: Path) -> None:
    """Specs are keyed by the modules that make them (found by reading imports, lazy ones
    included), not by page templates, so editing a page keeps the cached specs."""
    from mission_tracker.cache.fingerprint import import_closure

    package = Path(charts_module_file()).parent.parent
    closure = import_closure(package, ["charts.specs", "read.load", "charts.speccache"])
    expected = {"charts.specs", "read.load", "read.observations", "model.periods"}
    assert expected | {"analyse.facts", "model.specs", "model.data"} <= closure
    assert not {"site.pages", "site.downloads", "build", "cli"} & closure
    # A lazy import inside a function counts too.
    package = tmp_path / "mission_tracker"
    package.mkdir()
    (package / "a.py").write_text("def f():\n    from mission_tracker.b import g\n", "utf-8")
    (package / "b.py").write_text("import mission_tracker.c\n", "utf-8")
    (package / "c.py").write_text("", "utf-8")
    (package / "d.py").write_text("", "utf-8")
    assert import_closure(package, ["a"]) == {"a", "b", "c"}


def charts_module_file() -> str:
    from mission_tracker.charts import specs as charts

    return charts.__file__
