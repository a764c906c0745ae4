"""Every indicator's charts, from the store where their inputs are unchanged, else built (and
rendered as soon as they are built) in the worker processes, so Altair and vl-convert keep
every core busy on a cold build."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.analyse.facts import MilestoneFacts
from mission_tracker.analyse.numbers import current_locale, written_in
from mission_tracker.cache.store import Store
from mission_tracker.charts.chart import Chart
from mission_tracker.charts.render import IN_PROCESS, Renderer
from mission_tracker.charts.speccache import Wanted, get_charts, put_charts, spec_key
from mission_tracker.charts.workers import worker_pool
from mission_tracker.model.data import Indicator
from mission_tracker.model.maps import Boundaries


def spec_keys(
    store: Store, wanted: list[Wanted], sources: list[tuple[bytes, ...]]
) -> list[str | None]:
    """The store's key of each wanted indicator's specs; `sources` are the bytes of its data
    files. None for all when the store is off (nothing is kept, so nothing need be keyed)."""
    if not store.enabled:
        return [None] * len(wanted)
    return [spec_key(s, w) for w, s in zip(wanted, sources, strict=True)]


def charts_for_all(
    wanted: list[Wanted], keys: list[str | None], renderer: Renderer
) -> list[list[Chart]]:
    """The charts of each wanted indicator, whose specs are kept under `keys` (spec_keys)."""
    store = renderer.store
    found = [get_charts(store, k) for k in keys]
    todo = [i for i, f in enumerate(found) if f is None]
    # The workers hand their renders back through the store: one that cannot be written (a
    # full or read-only cache) would have every chart rendered twice, there and here.
    writable = store.write_error is None
    if store.folder is not None and writable and renderer.workers > 1 and len(todo) > IN_PROCESS:
        jobs = [(*wanted[i], store.folder, current_locale()) for i in todo]
        with worker_pool(renderer.workers, len(todo)) as pool:
            results = pool.map(_build_and_render, jobs)
            for done, (i, (made, rendered)) in enumerate(zip(todo, results, strict=True), 1):
                renderer.progress("Drawing charts", done, len(todo))
                put_charts(store, keys[i], made)
                renderer.rendered.update(rendered)
                found[i] = made
    if any(found[i] is None for i in todo):
        from mission_tracker.charts.specs import charts

        for i in todo:
            if found[i] is None:
                made = charts(*wanted[i])
                put_charts(store, keys[i], made)
                found[i] = made
    return [f for f in found if f is not None]


def _build_and_render(
    job: tuple[Indicator, MilestoneFacts | None, str, dict[str, Boundaries], Path, str],
) -> tuple[list[Chart], set[str]]:
    """In a worker: an indicator's charts, rendered into the store; (charts, keys rendered)."""
    from mission_tracker.charts.specs import charts

    indicator, milestone, address, maps, folder, locale = job
    with written_in(locale):  # the build's locale: a worker is a process of its own
        made = charts(indicator, milestone, address, maps)
    renderer = Renderer(Store(folder), workers=1)
    renderer.render_all([c.spec for c in made])
    return made, renderer.rendered
