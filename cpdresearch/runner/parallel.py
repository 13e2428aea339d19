"""Fan runs out locally or to a Dask cluster; yield records as runs end; stop on request.

Locally, ``jobs`` threads each supervise one notebook process at a time (forked from the
preloaded process, see ``execute``): the work is in those processes, a thread only
waits for messages, so threads are enough here and no worker process is needed.
"""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator

from .execute import RunStopped, describe_error, execute_run
from .plan import RunSpec

__all__ = ["run_locally", "run_on_dask"]


def _lost(spec: RunSpec, exc: BaseException) -> dict:
    """The record of a run whose worker was lost before it could report."""
    return {"cohort": spec.cohort, "notebook": spec.notebook, "status": "failed", "started": None,
            "finished": None, "duration_s": None, "parameters": spec.parameters,
            "input_hash": spec.input_hash, "error": describe_error(exc, kind="worker_lost"),
            "outputs": {}, "key_figures": {}, "kernel_attempts": None, "worker": None}


def run_locally(specs: list[RunSpec], *, jobs: int, stop: threading.Event) -> Iterator[dict]:
    """Execute ``specs``, ``jobs`` at a time; yield each record as its run ends.

    Once ``stop`` is set no run starts, the running ones are killed (and not recorded),
    and the generator ends after yielding the runs that completed before.
    """
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for spec in specs:
        todo.put(spec)
    done: queue.SimpleQueue = queue.SimpleQueue()

    def work() -> None:
        while not stop.is_set():
            try:
                spec = todo.get_nowait()
            except queue.Empty:
                return
            try:
                done.put(execute_run(spec, stop=stop))
            except RunStopped:
                return
            except Exception as exc:  # a bug in the runner: the run fails, the batch goes on
                done.put(_lost(spec, exc))

    threads = [threading.Thread(target=work, name=f"cpdresearch-run-{i}", daemon=True)
               for i in range(max(1, min(jobs, len(specs))))]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads) or not done.empty():
        try:
            yield done.get(timeout=0.1)
        except queue.Empty:
            continue


def run_on_dask(specs: list[RunSpec], *, scheduler: str, stop: threading.Event) -> Iterator[dict]:
    """Submit ``specs`` to the Dask cluster at ``scheduler``; yield each record as it ends.

    Workers need this package installed and the study and output folders on a shared
    path (see ``docs/runs.md``). The cluster is left running. Setting ``stop`` cancels
    what has not started and tells running runs to stop, through a Dask ``Event``.
    """
    if not specs:
        return
    from distributed import Client, Event, as_completed

    with Client(scheduler) as client:
        tag = f"cpdresearch-{specs[0].parameters.get('run_id')}-{os.urandom(4).hex()}"
        futures = {client.submit(_execute_on_worker, spec.as_dict(), tag, pure=False,
                                 key=f"{tag}-{spec.cohort}-{spec.notebook}"): spec for spec in specs}
        pending = as_completed(futures)
        try:
            while not pending.is_empty():
                if stop.is_set():
                    Event(tag, client=client).set()
                    break
                ready = pending.next_batch(block=False)
                if not ready:
                    stop.wait(0.1)
                    continue
                for fut in ready:
                    spec = futures[fut]
                    try:
                        record = fut.result()
                    except Exception as exc:  # KilledWorker, a worker lost mid-run
                        record = _lost(spec, exc)
                    if record is not None:
                        yield record
        finally:
            client.cancel([f for f in futures if not f.done()])


def _execute_on_worker(spec: dict, tag: str) -> dict | None:
    """``execute_run`` on a Dask worker, stopping when the batch's Event is set."""
    from distributed import Event, get_client

    stop = threading.Event()
    event = Event(tag, client=get_client())
    watching = threading.Event()

    def watch() -> None:
        while not watching.is_set():
            try:
                if event.wait(timeout=1):
                    stop.set()
                    return
            except Exception:  # scheduler gone: the run finishes on its own
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return execute_run(spec, stop=stop)
    except RunStopped:
        return None
    finally:
        watching.set()
