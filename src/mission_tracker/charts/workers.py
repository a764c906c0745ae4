"""The worker processes that build and render charts on every core."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def worker_pool(workers: int, jobs: int) -> ProcessPoolExecutor:
    """Workers from a fork server, a clean process: forking the build itself could copy
    vl-convert's runtime threads mid-lock (after an in-process render) and deadlock."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mission_tracker.charts.render"])
    return ProcessPoolExecutor(max_workers=min(workers, jobs), mp_context=context)
