"""``run_batch``: every notebook for every cohort, in parallel, failures isolated."""
from __future__ import annotations

import datetime as dt
import signal
import sys
import time
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from .. import paths
from .execute import DEFAULT_WARM_IMPORTS
from .index import write_index
from .manifest import new_manifest, read_manifest, record_run, write_manifest, write_summary
from .plan import discover_notebooks, notebook_imports, plan_runs, sha256_file


def default_run_id() -> str:
    """A timestamp run id, UTC, sortable: ``20261123-031700``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


@contextmanager
def _sigterm_as_interrupt():
    """Treat SIGTERM like Ctrl-C while the batch runs, so both stop it cleanly."""
    def handler(signum, frame):
        raise KeyboardInterrupt
    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch(study_dir: str | Path | None = None, *, cohorts: list[str] | None = None,
              notebooks: list[str] | None = None, jobs: int | None = None, out: str | Path | None = None,
              run_id: str | None = None, scheduler: str | None = None, retry_failed: bool = False,
              timeout: int | None = 600, notebooks_dir: str | Path | None = None,
              warm_imports: tuple[str, ...] = DEFAULT_WARM_IMPORTS, progress: bool = True) -> int:
    """Run every notebook for every cohort of a study with papermill, and render them.

    Writes ``<out>/<run_id>/``: per cohort the executed notebooks, code-free HTML
    reports, tables, figures, key figures and logs; and ``manifest.json``,
    ``summary.csv`` and ``index.html`` for the whole run (docs/runs.md).

    Parameters
    ----------
    study_dir : path, optional
        The study folder (default: the demo study).
    cohorts, notebooks : list of str, optional
        Restrict to these cohort names / notebook stems (default: every cohort in
        ``cohorts.yml``; the notebooks the cohort or study lists, else all in the folder).
    jobs : int, optional
        Local worker processes (default: CPU cores). Ignored with ``scheduler``.
    out : path, optional
        Parent folder of run folders (default ``papermill_runs/``).
    run_id : str, optional
        The run folder's name (default: a UTC timestamp). Re-using a run id resumes it:
        runs that succeeded on unchanged inputs are kept, not re-run.
    scheduler : str, optional
        ``tcp://HOST:PORT`` of a Dask distributed scheduler to run on instead.
    retry_failed : bool
        Re-run only the runs that failed in run ``run_id`` (which must be given).
    timeout : int or None
        Per-cell timeout in seconds (``None``: no limit).
    notebooks_dir : path, optional
        Where the notebooks are (default ``notebooks/``).
    warm_imports : tuple of str
        Modules each kernel imports before it is handed a notebook.
    progress : bool
        Show a progress bar with the estimated time left (on stderr).

    Returns
    -------
    int
        Exit status: 0 when every selected run succeeded, 1 when any failed, 2 when
        the request itself is wrong, 130 when interrupted.
    """
    from .parallel import run_in_processes, run_on_dask

    if retry_failed and not run_id:
        print("--retry-failed needs the --run-id of the run to retry", file=sys.stderr)
        return 2
    from ..io import load_study

    study = load_study(study_dir if study_dir is not None else paths.DEMO_STUDY)
    notebooks_dir = Path(notebooks_dir if notebooks_dir is not None else paths.NOTEBOOKS)
    run_id = run_id or default_run_id()
    run_dir = Path(out if out is not None else paths.RUNS).resolve() / run_id
    previous = read_manifest(run_dir)
    if retry_failed and previous is None:
        print(f"--retry-failed: no earlier run {run_id!r} in {run_dir.parent}", file=sys.stderr)
        return 2

    inputs = {name: sha256_file(path) for name, path in sorted(study.files.items())}
    plan = plan_runs(study, notebooks_dir=notebooks_dir, run_dir=run_dir, run_id=run_id, cohorts=cohorts,
                     notebooks=notebooks, timeout=timeout, previous=previous, retry_failed=retry_failed,
                     inputs=inputs, warm_imports=warm_imports)
    jobs = max(1, jobs or 1)
    available = discover_notebooks(notebooks_dir)
    # Kernels warm up with what this batch's notebooks import, so one warm kernel serves
    # any of them; a worker's last runs start no kernel after them (it would only take
    # CPU from the runs still going).
    warm = tuple(dict.fromkeys([*warm_imports, *(m for name in sorted({s.notebook for s in plan.to_run})
                                                for m in notebook_imports(available[name]))]))
    tail = set() if scheduler else {s.key for s in plan.to_run[-jobs:]}
    plan.to_run = [replace(s, warm_imports=warm, warm_next=s.key not in tail) for s in plan.to_run]
    manifest = new_manifest(run_id=run_id, study=study, inputs=inputs, previous=previous,
                            notebooks={n: sha256_file(available[n]) for n in {k.split("/", 1)[1] for k in plan.selected}})
    titles = {c.name: c.title for c in study.cohorts}
    run_dir.mkdir(parents=True, exist_ok=True)

    def publish(finished: bool = False) -> None:
        if finished:
            manifest["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        write_manifest(run_dir, manifest)
        write_summary(run_dir, manifest)
        write_index(run_dir, manifest, cohort_titles=titles, planned=plan.selected)

    publish()
    where = f"Dask scheduler {scheduler}" if scheduler else f"{jobs} process{'es' if jobs != 1 else ''}"
    print(f"run {run_id}: {len(plan.to_run)} to run on {where}, {len(plan.carried)} unchanged and kept "
          f"-> {run_dir}", file=sys.stderr, flush=True)
    results = run_on_dask(plan.to_run, scheduler=scheduler) if scheduler else run_in_processes(plan.to_run, jobs=jobs)
    bar = _progress_bar(len(plan.to_run), enabled=progress)
    t0 = time.perf_counter()
    interrupted = False
    with _sigterm_as_interrupt():
        try:
            for record in results:
                record_run(manifest, record)
                publish()
                bar.set_postfix_str(f"{record['cohort']}/{record['notebook']} {record['status']}", refresh=False)
                bar.update(1)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            results.close()
            bar.close()
    publish(finished=not interrupted)

    selected = set(plan.selected)
    runs = [r for r in manifest["runs"] if f"{r['cohort']}/{r['notebook']}" in selected]
    failed = [r for r in runs if r.get("status") != "succeeded"]
    ran = len(plan.to_run)
    print(f"run {run_id}: {len(runs) - len(failed)} succeeded, {len(failed)} failed"
          f" ({ran} run in {time.perf_counter() - t0:.1f} s, {len(plan.carried)} kept)", file=sys.stderr)
    for r in failed:
        err = r.get("error") or {}
        print(f"  FAILED {r['cohort']}/{r['notebook']}: {err.get('summary', '?')} (cell {err.get('cell') or '?'}); "
              f"log: {run_dir / (r.get('outputs') or {}).get('log', '')}", file=sys.stderr)
    if failed and not interrupted:
        print(f"re-run only these with: cpdresearch run {study.root} --run-id {run_id} --retry-failed",
              file=sys.stderr)
    print(f"index: {run_dir / 'index.html'}")
    if interrupted:
        print(f"interrupted; resume with --run-id {run_id}", file=sys.stderr)
        return 130
    return 1 if failed or len(runs) < len(selected) else 0


def _progress_bar(total: int, *, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="run", desc="notebooks", disable=not enabled or total == 0,
                file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
