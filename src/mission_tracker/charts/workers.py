"""The worker processes that build and render charts on every core."""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from concurrent.futures import ProcessPoolExecutor


def worker_pool(workers: int, jobs: int) -> ProcessPoolExecutor:
    """Workers from a fork server, a clean process: forking the build itself could copy
    vl-convert's runtime threads mid-lock (after an in-process render) and deadlock."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mission_tracker.charts.render"])
    return ProcessPoolExecutor(
        max_workers=min(workers, jobs),
        mp_context=context,
        initializer=_exit_with,
        initargs=(os.getpid(),),
    )


def _exit_with(build: int) -> None:
    """In a worker: end when the build's process ends, however it ends.

    A build killed outright (kill -9, the machine's out-of-memory killer) cannot stop its
    pool, and nothing else would: a worker waits for work forever, and it and the fork server
    keep each other alive (each worker holds the pipe whose end tells the server the build has
    gone), so they would outlive the build by hours, holding memory and the cache."""
    threading.Thread(
        target=_wait_for_end, args=(build,), name="exit with the build", daemon=True
    ).start()


def _wait_for_end(build: int) -> None:
    try:
        # A process descriptor becomes readable when the process ends (Linux 5.3 and later);
        # unlike its number, it cannot come to mean a new process that reuses the number.
        handle = os.pidfd_open(build)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        while _alive(build):
            time.sleep(0.5)
    else:
        select.select([handle], [], [])
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
