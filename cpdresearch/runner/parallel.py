"""Fan runs out to local worker processes or to a Dask cluster; yield records as they end.

Processes, not threads: papermill's ``cwd`` and matplotlib's state are process-wide.
Local workers are long-lived and forked from a server that has already imported
papermill and nbconvert, so a run pays neither for a Python start nor for those imports.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import replace

from .execute import KERNELS, describe_error, execute_run
from .plan import RunSpec

#: Imported once by the fork server, inherited by every local worker.
PRELOAD = ["papermill", "nbconvert", "nbformat", "jupyter_client", "cpdresearch.runner.execute"]


def _worker_exit(signum, frame):
    raise SystemExit(128 + signum)


def _init_worker() -> None:
    # Ctrl-C reaches the whole process group: the parent decides what stops, and a
    # SIGTERM from it unwinds normally so the worker's kernels are shut down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_exit)
    mp.util.Finalize(None, KERNELS.close, exitpriority=10)


def _lost(spec: RunSpec, exc: BaseException) -> dict:
    """The record of a run whose worker was lost before it could report."""
    return {"cohort": spec.cohort, "notebook": spec.notebook, "status": "failed", "started": None,
            "finished": None, "duration_s": None, "parameters": spec.parameters,
            "input_hash": spec.input_hash, "error": {**describe_error(exc), "kind": "worker_lost"},
            "outputs": {}, "key_figures": {}, "kernel_attempts": None, "worker": None}


def run_in_processes(specs: list[RunSpec], *, jobs: int) -> Iterator[dict]:
    """Execute ``specs`` on ``jobs`` local worker processes; yield each record as it ends.

    Closing the generator early (Ctrl-C, SIGTERM in the caller) cancels what has not
    started and stops the workers; their kernels are shut down on the way out.
    """
    if not specs:
        return
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    pool = ProcessPoolExecutor(max_workers=max(1, min(jobs, len(specs))), mp_context=ctx,
                               initializer=_init_worker)
    pending = {pool.submit(execute_run, spec.as_dict()): spec for spec in specs}
    finished_cleanly = False
    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                spec = pending.pop(fut)
                try:
                    yield fut.result()
                except Exception as exc:  # BrokenProcessPool: a worker died outside a kernel
                    yield _lost(spec, exc)
        finished_cleanly = True
    finally:
        if finished_cleanly:
            pool.shutdown(wait=True)
        else:
            workers = list((pool._processes or {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in workers:  # processes this pool started, by their own handles
                if proc.is_alive():
                    proc.terminate()
            for proc in workers:
                proc.join(timeout=10)


def run_on_dask(specs: list[RunSpec], *, scheduler: str) -> Iterator[dict]:
    """Submit ``specs`` to the Dask cluster at ``scheduler``; yield each record as it ends.

    Workers need this package installed and the study and output folders on a shared
    path (see ``docs/runs.md``). The cluster is left running.
    """
    if not specs:
        return
    from distributed import Client, as_completed

    with Client(scheduler) as client:
        # As locally, the last run on each worker thread leaves no warm kernel behind on
        # a cluster that outlives this batch.
        slots = max(1, sum(client.nthreads().values()))
        specs = [replace(s, warm_next=False) if i >= len(specs) - slots else s for i, s in enumerate(specs)]
        futures = {}
        for spec in specs:
            fut = client.submit(execute_run, spec.as_dict(), pure=False,
                                key=f"cpdresearch-{spec.parameters.get('run_id')}-{spec.cohort}-{spec.notebook}-{os.urandom(4).hex()}")
            futures[fut] = spec
        try:
            for fut in as_completed(futures):
                spec = futures[fut]
                try:
                    yield fut.result()
                except Exception as exc:  # KilledWorker, a worker lost mid-run
                    yield _lost(spec, exc)
        finally:
            client.cancel([f for f in futures if not f.done()])
