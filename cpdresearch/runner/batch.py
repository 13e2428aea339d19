"""``run_batch``: every notebook for every cohort, in parallel, failures isolated."""
from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from .. import paths
from .execute import DEFAULT_PRELOAD, start_preloaded
from .plan import discover_notebooks, notebook_imports, plan_runs, sha256_file

__all__ = ["default_run_id", "run_batch"]


def default_run_id() -> str:
    """A timestamp run id, UTC, sortable: ``20261123-031700``."""
    return dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")


@contextmanager
def _stop_on_signals(stop: threading.Event):
    """Ctrl-C and SIGTERM set ``stop`` while the batch runs, instead of raising anywhere.

    A terminal sends Ctrl-C to the whole process group; the notebook processes ignore it
    and are stopped by their supervisors, so the batch ends in one known place.
    """
    def handler(signum, frame):
        if not stop.is_set():
            print("\nstopping: no new notebook starts; running ones are stopped", file=sys.stderr, flush=True)
        stop.set()
    try:
        previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: the caller handles signals
        yield
        return
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _remove_leftovers(run_dir: Path) -> None:
    """Delete temporary files an interrupted run left in a run folder (hidden names only).

    Outputs are written as ``.<name>.<random><suffix>`` and renamed when complete
    (``cpdresearch.outputs``); a process killed in between leaves the hidden file.
    """
    if not run_dir.is_dir():
        return
    for path in run_dir.rglob(".*"):
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def run_batch(study_dir: str | Path | None = None, *, cohorts: list[str] | None = None,
              notebooks: list[str] | None = None, jobs: int | None = None, out: str | Path | None = None,
              run_id: str | None = None, scheduler: str | None = None, retry_failed: bool = False,
              timeout: int | None = 600, notebooks_dir: str | Path | None = None,
              preload: tuple[str, ...] = DEFAULT_PRELOAD, progress: bool = True) -> int:
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
        Notebooks run at once (default: CPU cores); at least 1. Ignored with ``scheduler``.
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
    preload : tuple of str
        Modules the preloaded process imports, besides what the notebooks import.
    progress : bool
        Show a progress bar with the estimated time left (on stderr).

    Returns
    -------
    int
        Exit status: 0 when every selected run succeeded, 1 when any failed, 2 when
        the request itself is wrong, 130 when interrupted.
    """
    stop = threading.Event()
    # From here on Ctrl-C and SIGTERM set ``stop``: the batch ends in one known place.
    with _stop_on_signals(stop):
        return _run_batch(stop, study_dir=study_dir, cohorts=cohorts, notebooks=notebooks, jobs=jobs, out=out,
                          run_id=run_id, scheduler=scheduler, retry_failed=retry_failed, timeout=timeout,
                          notebooks_dir=notebooks_dir, preload=preload, progress=progress)


def _run_batch(stop: threading.Event, *, study_dir, cohorts, notebooks, jobs, out, run_id, scheduler, retry_failed,
               timeout, notebooks_dir, preload, progress) -> int:
    """:func:`run_batch`, with ``stop`` set by Ctrl-C or SIGTERM."""


    if jobs is not None and jobs < 1:
        print(f"--jobs must be 1 or more (got {jobs})", file=sys.stderr)
        return 2
    if retry_failed and not run_id:
        print("--retry-failed needs the --run-id of the run to retry", file=sys.stderr)
        return 2
    notebooks_dir = Path(notebooks_dir if notebooks_dir is not None else paths.NOTEBOOKS)
    available = discover_notebooks(notebooks_dir)
    unknown = [name for name in notebooks or [] if name not in available]
    if unknown:
        print(_unknown_names("notebook", unknown, available, f"in {notebooks_dir}"), file=sys.stderr)
        return 2
    # The preloaded process imports while this one loads and hashes the study.
    preload = tuple(dict.fromkeys([*preload, *(m for p in available.values() for m in notebook_imports(p))]))
    if not scheduler:
        start_preloaded(preload, study_dir=study_dir if study_dir is not None else paths.DEMO_STUDY)
    # Imported after the preloaded process is started: they bring pandas in.
    from ..io import load_study
    from .index import write_index
    from .workbook import write_workbook
    from .manifest import new_manifest, read_manifest, record_run, write_manifest, write_summary
    from .parallel import run_locally, run_on_dask

    study = load_study(study_dir if study_dir is not None else paths.DEMO_STUDY)
    unknown = [name for name in cohorts or [] if name not in {c.name for c in study.cohorts}]
    if unknown:
        print(_unknown_names("cohort", unknown, [c.name for c in study.cohorts], f"in {study.root}/cohorts.yml"),
              file=sys.stderr)
        return 2
    run_id = run_id or default_run_id()
    run_dir = paths.run_folder(run_id, runs_dir=Path(out if out is not None else paths.RUNS).resolve())
    previous = read_manifest(run_dir)
    if retry_failed and previous is None:
        print(f"--retry-failed: no earlier run {run_id!r} in {run_dir.parent}", file=sys.stderr)
        return 2

    inputs = {name: sha256_file(path) for name, path in sorted(study.files.items())}
    plan = plan_runs(study, notebooks_dir=notebooks_dir, run_dir=run_dir, run_id=run_id, cohorts=cohorts,
                     notebooks=notebooks, timeout=timeout, previous=previous, retry_failed=retry_failed,
                     inputs=inputs, preload=preload)
    jobs = jobs or os.cpu_count() or 1
    manifest = new_manifest(run_id=run_id, study=study, inputs=inputs, previous=previous,
                            notebooks={n: sha256_file(available[n]) for n in {k.split("/", 1)[1] for k in plan.selected}})
    titles = {c.name: c.title for c in study.cohorts}
    _remove_leftovers(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)

    def publish(finished: bool = False) -> None:
        if finished:
            manifest["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        write_manifest(run_dir, manifest)
        write_summary(run_dir, manifest)
        if finished:
            write_workbook(run_dir, manifest, cohort_order=list(titles))
        write_index(run_dir, manifest, cohort_titles=titles, planned=plan.selected)

    publish()
    where = f"Dask scheduler {scheduler}" if scheduler else f"{jobs} at a time"
    print(f"run {run_id}: {len(plan.to_run)} to run on {where}, {len(plan.carried)} unchanged and kept "
          f"-> {run_dir}", file=sys.stderr, flush=True)
    if stop.is_set():
        print(f"interrupted before any notebook started; resume with --run-id {run_id}", file=sys.stderr)
        return 130
    t0 = time.perf_counter()
    ran = 0
    results = (run_on_dask(plan.to_run, scheduler=scheduler, stop=stop) if scheduler
               else run_locally(plan.to_run, jobs=jobs, stop=stop))
    bar = _progress_bar(len(plan.to_run), enabled=progress)
    try:
        for record in results:
            ran += 1
            record_run(manifest, record)
            publish()
            bar.set_postfix_str(f"{record['cohort']}/{record['notebook']} {record['status']}", refresh=False)
            bar.update(1)
    finally:
        results.close()
        bar.close()
    interrupted = stop.is_set()
    publish(finished=not interrupted)

    selected = set(plan.selected)
    runs = [r for r in manifest["runs"] if f"{r['cohort']}/{r['notebook']}" in selected]
    failed = [r for r in runs if r.get("status") != "succeeded"]
    missing = len(selected) - len(runs)
    print(f"run {run_id}: {len(runs) - len(failed)} succeeded, {len(failed)} failed"
          + (f", {missing} not run" if missing else "")
          + f" ({ran} run in {time.perf_counter() - t0:.1f} s, {len(plan.carried)} kept)", file=sys.stderr)
    for r in failed:
        err = r.get("error") or {}
        where = f" (cell {err['cell']})" if err.get("cell") else ""
        print(f"  FAILED {r['cohort']}/{r['notebook']}: {err.get('summary', '?')}{where}; "
              f"log: {run_dir / (r.get('outputs') or {}).get('log', '')}", file=sys.stderr)
    if failed and not interrupted:
        print(f"re-run only these with: cpdresearch run {study.root} --run-id {run_id} --retry-failed",
              file=sys.stderr)
    print(f"index: {run_dir / 'index.html'}")
    if interrupted:
        print(f"interrupted; resume with --run-id {run_id}", file=sys.stderr)
        return 130
    return 1 if failed or len(runs) < len(selected) else 0


def _unknown_names(what: str, unknown: list[str], known, where: str) -> str:
    """``no notebook named '99_x' in notebooks/; the notebooks are: 01_survey``.

    Examples
    --------
    >>> _unknown_names("cohort", ["masH"], ["all", "mash"], "in data/cohorts.yml")
    "no cohort named 'masH' in data/cohorts.yml; the cohorts are: all, mash"
    """
    names = ", ".join(repr(n) for n in unknown)
    return (f"no {what}{'s' if len(unknown) > 1 else ''} named {names} {where}; "
            f"the {what}s are: {', '.join(known) or 'none'}")


def _progress_bar(total: int, *, enabled: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="run", desc="notebooks", disable=not enabled or total == 0,
                file=sys.stderr, dynamic_ncols=True, smoothing=0.1)
