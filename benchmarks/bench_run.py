"""``cpdresearch run --jobs 2`` against a naive loop, and the runner's overhead per notebook.

Study: the demo study with its first 10 cohorts (2 with ``--quick``) x every notebook in
``notebooks/``; ratios are printed for the first 4 cohorts and for all 10. Measured side
by side in one run, each as the command a user would type:

- naive: for each cohort x notebook, the ``papermill`` command line, then
  ``jupyter nbconvert --to html --no-input``, one after another (timed per cohort, so
  the 4-cohort time is the first 4 cohorts of the same loop);
- runner: ``cpdresearch run --jobs 2``, for the first 4 cohorts (``--cohort``) and for
  all 10 (target: at least 5x faster than naive, aim 7x), each timed before and after
  the naive loop and averaged;
- runner, one job: ``cpdresearch run --jobs 1``, to compare with the floor;
- floor: one Python process that imports the same libraries and calls the same analysis
  functions for every cohort, without notebooks, kernels or HTML.

Overhead per notebook = (runner with one job - floor) / runs. Notebooks with no entry in
``FLOORS`` are left out of the floor and said so.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from cpdresearch import paths

WORK = paths.REPO_ROOT / "benchmarks" / "_work" / "run"
BIN = Path(sys.executable).parent

#: Per notebook, the analysis it runs, as plain Python (the floor). Keep in step with
#: the notebook's own calls into the package.
FLOORS = {
    "01_survey": (
        "from cpdresearch.survey import build_survey_report, write_survey_report\n"
        "report = build_survey_report(study)\n"
        "write_survey_report(report, out)\n"
    ),
}


def _study(cohorts: int) -> Path:
    """The demo study with only its first ``cohorts`` cohorts (other files copied as they are)."""
    target = WORK / "study"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(paths.DEMO_STUDY, target)
    spec = yaml.safe_load((target / "cohorts.yml").read_text(encoding="utf-8"))
    spec["cohorts"] = spec["cohorts"][:cohorts]
    (target / "cohorts.yml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return target


def _timed(argv: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def _naive(study: Path, cohorts: list[str], notebooks: list[Path], out: Path) -> list[float]:
    """Seconds per cohort of the naive loop."""
    times = []
    for cohort in cohorts:
        start = time.perf_counter()
        for nb in notebooks:
            target = out / cohort / f"{nb.stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            # Not checked: a notebook that fails here fails in the runner too; time counts either way.
            subprocess.run([str(BIN / "papermill"), str(nb), str(target), "-p", "study_dir", str(study),
                            "-p", "cohort", cohort, "-p", "output_dir", str(out / cohort), "-p", "run_id", "naive",
                            "--cwd", str(nb.parent)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def _floor(study: Path, cohorts: list[str], notebooks: list[str], out: Path) -> float:
    body = "".join(
        f"for cohort in {cohorts!r}:\n"
        f"    study = load_study({str(study)!r}).cohort(cohort)\n"
        f"    out = Path({str(out)!r}) / cohort\n"
        + "".join("    " + line + "\n" for line in FLOORS[name].splitlines())
        for name in notebooks
    )
    code = ("import matplotlib\nmatplotlib.use('Agg')\nfrom pathlib import Path\n"
            "from cpdresearch.io import load_study\n" + body)
    return _timed([sys.executable, "-c", code], cwd=paths.REPO_ROOT)


def _breakdown(run_dir: Path, total: float) -> None:
    """Split a one-job run's time: notebook cells, per-run runner work, per-batch start-up."""
    import json

    import nbformat

    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    runs = [r for r in manifest["runs"] if r["status"] == "succeeded"]
    if not runs:
        print("no successful run to break down")
        return
    cells = [sum((c.get("metadata", {}).get("papermill", {}).get("duration") or 0)
                 for c in nbformat.read(run_dir / r["outputs"]["notebook"], as_version=4).cells) for r in runs]
    durations = [r["duration_s"] for r in runs]
    per_run = (sum(durations) - sum(cells)) / len(runs)
    print(f"  one job, per notebook: {sum(cells) / len(runs):.2f} s in the notebook's cells, {per_run:.2f} s runner work "
          f"around them (forking the preloaded process, parameters, notebook, HTML); {total - sum(durations):.1f} s per "
          f"batch (start-up and preloading, loading the study)", flush=True)


def _runner(cli: list[str], jobs: int, run_id: str, cohorts: list[str] | None = None) -> float:
    # The runner exits 1 when a notebook fails; the time is still what a user waits.
    start = time.perf_counter()
    subprocess.run(cli + ["--jobs", str(jobs), "--run-id", run_id] + [a for c in cohorts or [] for a in ("--cohort", c)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(quick: bool = False) -> None:
    n_cohorts, n_small = (2, 1) if quick else (10, 4)
    study = _study(n_cohorts)
    cohorts = [c["name"] for c in yaml.safe_load((study / "cohorts.yml").read_text())["cohorts"]]
    notebooks = sorted(p for p in paths.NOTEBOOKS.glob("*.ipynb") if not p.name.startswith("."))
    runs = len(cohorts) * len(notebooks)
    print(f"{len(cohorts)} cohorts x {len(notebooks)} notebooks = {runs} runs; {os.cpu_count()} cores", flush=True)
    cli = [sys.executable, "-m", "cpdresearch.cli", "run", str(study), "--out", str(WORK / "runs")]
    shutil.rmtree(WORK / "runs", ignore_errors=True)
    shutil.rmtree(WORK / "naive", ignore_errors=True)

    # The runner is timed before and after the long naive loop and the two averaged, so
    # that load from other work on a shared machine weighs on both sides alike.
    t_run_small = _runner(cli, 2, "jobs2_small_before", cohorts[:n_small])
    t_run = _runner(cli, 2, "jobs2_before")
    per_cohort = _naive(study, cohorts, notebooks, WORK / "naive")
    t_run_small = (t_run_small + _runner(cli, 2, "jobs2_small", cohorts[:n_small])) / 2
    t_run = (t_run + _runner(cli, 2, "jobs2")) / 2
    for n, t_naive, t_runner in ((n_small, sum(per_cohort[:n_small]), t_run_small), (len(cohorts), sum(per_cohort), t_run)):
        print(f"{n:>2} cohorts: naive papermill + nbconvert loop {t_naive:6.1f} s ({t_naive / (n * len(notebooks)):.1f} s per "
              f"notebook); cpdresearch run --jobs 2 {t_runner:5.1f} s -> {t_naive / t_runner:.1f}x faster "
              f"(target 5x, aim 7x)", flush=True)
    t_run1 = _runner(cli, 1, "jobs1")
    print(f"cpdresearch run --jobs 1, {len(cohorts)} cohorts: {t_run1:5.1f} s -> {sum(per_cohort) / t_run1:.1f}x faster "
          f"than naive", flush=True)
    _breakdown(WORK / "runs" / "jobs1", t_run1)
    with_floor = [p.stem for p in notebooks if p.stem in FLOORS]
    missing = [p.stem for p in notebooks if p.stem not in FLOORS]
    if with_floor:
        t_floor = _floor(study, cohorts, with_floor, WORK / "floor")
        share = len(with_floor) / len(notebooks)
        print(f"floor (one process, no notebooks): {t_floor:6.1f} s for {len(with_floor)} notebook(s)", flush=True)
        print(f"runner overhead per notebook over the floor: {(t_run1 * share - t_floor) / (len(cohorts) * len(with_floor)):.2f} s "
              f"(runner --jobs 1 {t_run1 * share / (len(cohorts) * len(with_floor)):.2f} s vs floor "
              f"{t_floor / (len(cohorts) * len(with_floor)):.2f} s per notebook)")
    if missing:
        print(f"no floor for: {', '.join(missing)} (add their analysis calls to FLOORS)")
