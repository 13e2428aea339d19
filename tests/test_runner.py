"""Tests for cpdresearch.runner: planning, isolation, retry, resume, timeouts, repeatability.

Notebook runs use the small fixture notebooks in tests/fixtures/notebooks and a fixture
study (study.yml + cohorts.yml) in tmp_path, so they take seconds, not minutes.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from cpdresearch import cli
from cpdresearch.errors import DataError
from cpdresearch.runner import run_batch
from cpdresearch.runner.execute import KERNEL_START_ATTEMPTS, KernelStartError, _start_process, start_preloaded
from cpdresearch.runner.manifest import read_manifest
from cpdresearch.runner.plan import discover_notebooks, plan_runs, select_runs

FIXTURE_NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
REPO = Path(__file__).resolve().parent.parent


def make_study(root: Path, cohorts=("all", "mash", "broken"), default_notebooks=None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "study.yml").write_text("name: Fixture study\nsynthetic: true\ndisclosure:\n  min_cell: 5\n")
    lines = []
    if default_notebooks:
        lines.append(f"notebooks: [{', '.join(default_notebooks)}]")
    lines.append("cohorts:")
    for name in cohorts:
        lines.append(f"  - {{name: {name}, title: {name.upper()} cohort, filter: {{}}}}")
    (root / "cohorts.yml").write_text("\n".join(lines) + "\n")
    return root


def copy_notebooks(dest: Path, names) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FIXTURE_NOTEBOOKS / f"{name}.ipynb", dest / f"{name}.ipynb")
    return dest


def runs_by_key(run_dir: Path) -> dict:
    return {f"{r['cohort']}/{r['notebook']}": r for r in read_manifest(run_dir)["runs"]}


# --- planning (no notebooks run) -------------------------------------------------------

def test_select_runs_lists_every_unknown_name(tmp_path):
    from cpdresearch.io import load_study

    study = load_study(make_study(tmp_path / "study"))
    available = discover_notebooks(FIXTURE_NOTEBOOKS)
    with pytest.raises(DataError) as err:
        select_runs(study, available=available, cohorts=["mash", "nope"], notebooks=["10_report", "99_missing"])
    text = str(err.value)
    assert "no cohort named 'nope'" in text and "no notebook named '99_missing'" in text
    assert len(err.value.problems) == 2


def test_notebook_sets_default_cohort_and_explicit(tmp_path):
    from cpdresearch.io import load_study

    study = load_study(make_study(tmp_path / "study", default_notebooks=["20_fail"]))
    available = discover_notebooks(FIXTURE_NOTEBOOKS)
    assert select_runs(study, available=available, cohorts=["mash"]) == [("mash", "20_fail")]
    assert select_runs(study, available=available, cohorts=["mash"], notebooks=["10_report"]) == [("mash", "10_report")]
    study.notebooks = None  # no default list: every notebook in the folder, sorted
    assert [nb for _, nb in select_runs(study, available=available, cohorts=["all"])] == sorted(available)


def test_plan_reuses_only_unchanged_successes(tmp_path):
    from cpdresearch.io import load_study

    study = load_study(make_study(tmp_path / "study", cohorts=("all", "mash")))
    run_dir = tmp_path / "runs" / "r1"
    kw = dict(notebooks_dir=FIXTURE_NOTEBOOKS, run_dir=run_dir, run_id="r1", notebooks=["10_report"])
    first = plan_runs(study, **kw)
    assert [s.key for s in first.to_run] == ["all/10_report", "mash/10_report"]
    # Pretend both ran: "all" succeeded (outputs on disk), "mash" failed.
    (run_dir / "all").mkdir(parents=True)
    (run_dir / "all" / "10_report.html").write_text("x")
    previous = {"runs": [
        {"cohort": "all", "notebook": "10_report", "status": "succeeded", "input_hash": first.to_run[0].input_hash,
         "outputs": {"html": "all/10_report.html"}},
        {"cohort": "mash", "notebook": "10_report", "status": "failed", "input_hash": first.to_run[1].input_hash,
         "outputs": {}}]}
    again = plan_runs(study, previous=previous, **kw)
    assert [s.key for s in again.to_run] == ["mash/10_report"]
    assert [r["cohort"] for r in again.carried] == ["all"]
    # A changed input file changes every hash: nothing is reused.
    changed = plan_runs(study, previous=previous, inputs={"settings": "0" * 64}, **kw)
    assert [s.key for s in changed.to_run] == ["all/10_report", "mash/10_report"]
    # A deleted output means the run cannot be reused either.
    (run_dir / "all" / "10_report.html").unlink()
    assert len(plan_runs(study, previous=previous, **kw).to_run) == 2
    retry = plan_runs(study, previous=previous, retry_failed=True, **kw)
    assert [s.key for s in retry.to_run] == ["mash/10_report"]


def test_retry_failed_needs_a_run_id(tmp_path, capsys):
    study = make_study(tmp_path / "study")
    assert run_batch(study, retry_failed=True, out=tmp_path / "runs", notebooks_dir=FIXTURE_NOTEBOOKS) == 2
    assert "--run-id" in capsys.readouterr().err


def test_notebook_process_start_is_retried(monkeypatch):
    from multiprocessing.context import ForkServerProcess

    start_preloaded()
    calls = []
    real_start = ForkServerProcess.start

    def flaky(self):
        calls.append(1)
        if len(calls) == 1:
            raise OSError("Resource temporarily unavailable (simulated)")
        return real_start(self)

    monkeypatch.setattr(ForkServerProcess, "start", flaky)
    proc, attempts = _start_process(time.sleep, (0,))
    proc.join(timeout=30)
    assert attempts == 2 and proc.exitcode == 0

    def broken(self):
        raise OSError("no process")

    monkeypatch.setattr(ForkServerProcess, "start", broken)
    with pytest.raises(KernelStartError, match=f"attempt {KERNEL_START_ATTEMPTS}"):
        _start_process(time.sleep, (0,))


# --- notebook runs ---------------------------------------------------------------------

@pytest.mark.slow
def test_failure_is_isolated_and_retry_reruns_only_it(tmp_path, monkeypatch):
    study = make_study(tmp_path / "study")
    nbdir = copy_notebooks(tmp_path / "notebooks", ["20_fail"])
    out = tmp_path / "runs"
    args = ["run", str(study), "--notebook", "20_fail", "--jobs", "2", "--out", str(out), "--run-id", "r1"]
    rc = run_batch(study, notebooks=["20_fail"], jobs=2, out=out, run_id="r1", notebooks_dir=nbdir, progress=False)
    assert rc == 1
    run_dir = out / "r1"
    runs = runs_by_key(run_dir)
    assert {k: r["status"] for k, r in runs.items()} == {
        "all/20_fail": "succeeded", "mash/20_fail": "succeeded", "broken/20_fail": "failed"}
    err = runs["broken/20_fail"]["error"]
    assert err["kind"] == "error" and err["ename"] == "ValueError" and "cohort broken" in err["evalue"]
    nb = nbformat.read(run_dir / "broken" / "20_fail.failed.ipynb", as_version=4)
    cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.metadata.get("tags", [])]
    assert "raise ValueError" in cells[err["cell"] - 1].source  # the failing cell, 1-based
    assert not (run_dir / "broken" / "20_fail.ipynb").exists()  # nothing looks complete
    html = (run_dir / "broken" / "20_fail.html").read_text()
    assert "did not finish" in html and "Traceback" not in html and "raise ValueError" not in html
    assert "Synthetic data." in html and "BROKEN cohort" in html  # the banner every report carries
    assert "Finished." not in html  # cells after the failing one never ran, so are not shown
    log = (run_dir / "broken" / "logs" / "20_fail.log").read_text()
    assert "Traceback" in log and "fixture failure for cohort broken" in log
    index = (run_dir / "index.html").read_text()
    assert "broken/20_fail.html" in index and "failed" in index

    # Fix the notebook, retry: only the failed run is executed again.
    fixed = nbformat.read(nbdir / "20_fail.ipynb", as_version=4)
    fixed.cells[2].source = fixed.cells[2].source.replace('if cohort == "broken":', 'if cohort == "never":')
    nbformat.write(fixed, nbdir / "20_fail.ipynb")
    before = runs
    import cpdresearch.paths as paths

    monkeypatch.setattr(paths, "NOTEBOOKS", nbdir)
    assert cli.main(args + ["--retry-failed"]) == 0
    after = runs_by_key(run_dir)
    assert after["all/20_fail"] == before["all/20_fail"] and after["mash/20_fail"] == before["mash/20_fail"]
    assert after["broken/20_fail"]["status"] == "succeeded"
    assert after["broken/20_fail"]["started"] >= before["broken/20_fail"]["started"]
    assert (run_dir / "broken" / "20_fail.ipynb").exists() and not (run_dir / "broken" / "20_fail.failed.ipynb").exists()
    assert len(read_manifest(run_dir)["attempts"]) == 2


@pytest.mark.slow
def test_resume_skips_unchanged_and_reruns_changed(tmp_path, capsys):
    study = make_study(tmp_path / "study", cohorts=("all", "mash"))
    out = tmp_path / "runs"
    argv = ["run", str(study), "--notebook", "10_report", "--jobs", "2", "--out", str(out), "--run-id", "r1"]
    import cpdresearch.paths as paths

    # Through the command line, as an analyst would run it (notebooks folder pointed at the fixtures).
    mp = pytest.MonkeyPatch()
    mp.setattr(paths, "NOTEBOOKS", FIXTURE_NOTEBOOKS)
    try:
        assert cli.main(argv) == 0
        assert "index.html" in capsys.readouterr().out
        first = runs_by_key(out / "r1")
        assert cli.main(argv) == 0
        assert runs_by_key(out / "r1") == first  # nothing re-run
        assert "0 to run" in capsys.readouterr().err
        with open(study / "study.yml", "a") as fh:
            fh.write("description: changed\n")
        assert cli.main(argv) == 0
    finally:
        mp.undo()
    second = runs_by_key(out / "r1")
    assert all(second[k]["input_hash"] != first[k]["input_hash"] for k in first)
    assert all(second[k]["started"] >= first[k]["finished"] for k in first)


@pytest.mark.slow
def test_timeout_and_dead_kernel_are_failures_not_crashes(tmp_path):
    study = make_study(tmp_path / "study", cohorts=("slow", "dies"))
    t0 = time.perf_counter()
    rc = run_batch(study, notebooks=["20_fail", "30_sleep"], jobs=2, out=tmp_path / "runs", run_id="r1",
                   notebooks_dir=FIXTURE_NOTEBOOKS, timeout=3, progress=False)
    assert rc == 1
    assert time.perf_counter() - t0 < 50  # the 60 s sleep was cut off
    runs = runs_by_key(tmp_path / "runs" / "r1")
    assert runs["slow/30_sleep"]["status"] == "failed" and runs["slow/30_sleep"]["error"]["kind"] == "timeout"
    timed_out = nbformat.read(tmp_path / "runs" / "r1" / "slow" / "30_sleep.failed.ipynb", as_version=4)
    assert "time.sleep" in timed_out.cells[runs["slow/30_sleep"]["error"]["cell"] - 1].source
    assert runs["dies/20_fail"]["error"]["cell"] is not None
    assert runs["dies/20_fail"]["status"] == "failed" and runs["dies/20_fail"]["error"]["kind"] == "kernel_died"
    assert runs["slow/20_fail"]["status"] == "succeeded" and runs["dies/30_sleep"]["status"] == "succeeded"
    assert (tmp_path / "runs" / "r1" / "slow" / "30_sleep.failed.ipynb").exists()
    assert (tmp_path / "runs" / "r1" / "dies" / "20_fail.html").exists()


@pytest.mark.slow
def test_same_inputs_give_identical_tables_and_key_figures(tmp_path):
    study = make_study(tmp_path / "study", cohorts=("all", "mash"))
    out = tmp_path / "runs"
    for run_id in ("a", "b"):
        assert run_batch(study, notebooks=["10_report"], jobs=2, out=out, run_id=run_id,
                         notebooks_dir=FIXTURE_NOTEBOOKS, progress=False) == 0
    for cohort in ("all", "mash"):
        a, b = out / "a" / cohort, out / "b" / cohort
        tables = sorted(p.relative_to(a) for p in (a / "tables").glob("*.csv"))
        assert tables, "the fixture notebook writes a table"
        for rel in tables:
            assert (a / rel).read_bytes() == (b / rel).read_bytes()
        assert json.loads((a / "key_figures.json").read_text()) == json.loads((b / "key_figures.json").read_text())
        assert (a / "figures" / "10_report_staff.png").stat().st_size > 0
        html = (a / "10_report.html").read_text()
        assert "write_table" not in html and "zlib" not in html and "<img" in html
        # Offline: nothing fetched from the internet.
        assert 'src="http' not in html and 'href="http' not in html
    assert (out / "a" / "summary.csv").read_text() == (out / "b" / "summary.csv").read_text()
    # No litter: no temporary or lock files in the published folders.
    assert not list(out.rglob(".*")), list(out.rglob(".*"))
    # Temporary files a killed run left behind are deleted when the run is resumed.
    leftovers = [out / "a" / "all" / "figures" / ".10_report_staff.png.k2j4x0.png",
                 out / "a" / "mash" / ".10_report.partial.ipynb", out / "a" / ".manifest.json.abc.json"]
    for path in leftovers:
        path.write_text("partial")
    assert run_batch(study, notebooks=["10_report"], jobs=2, out=out, run_id="a",
                     notebooks_dir=FIXTURE_NOTEBOOKS, progress=False) == 0
    assert not any(p.exists() for p in leftovers)


@pytest.mark.slow
def test_interrupt_leaves_nothing_that_looks_complete_and_resumes(tmp_path):
    study = make_study(tmp_path / "study", cohorts=("all", "slow"))
    out = tmp_path / "runs"
    code = ("import sys; import cpdresearch.paths as p; from pathlib import Path; "
            f"p.NOTEBOOKS = Path({str(FIXTURE_NOTEBOOKS)!r}); from cpdresearch.cli import main; sys.exit(main())")
    argv = [sys.executable, "-c", code, "run", str(study), "--notebook", "30_sleep", "--jobs", "2",
            "--out", str(out), "--run-id", "r1"]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 90
        while time.time() < deadline:  # wait until the quick run has finished, the slow one is running
            m = out / "r1" / "manifest.json"
            if m.exists() and any(r["cohort"] == "all" for r in json.loads(m.read_text())["runs"]):
                break
            time.sleep(0.5)
        else:
            pytest.fail("the quick run never finished")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err
    run_dir = out / "r1"
    assert not (run_dir / "slow" / "30_sleep.ipynb").exists() and not (run_dir / "slow" / "30_sleep.html").exists()
    runs = runs_by_key(run_dir)
    assert set(runs) == {"all/30_sleep"} and "not run" in (run_dir / "index.html").read_text()
    # Resuming runs only what is missing (the slow cohort, now cut short by a timeout).
    rc = run_batch(study, notebooks=["30_sleep"], jobs=2, out=out, run_id="r1", notebooks_dir=FIXTURE_NOTEBOOKS,
                   timeout=2, progress=False)
    assert rc == 1
    resumed = runs_by_key(run_dir)
    assert resumed["all/30_sleep"] == runs["all/30_sleep"]
    assert resumed["slow/30_sleep"]["error"]["kind"] == "timeout"


@pytest.mark.slow
def test_ctrl_c_stops_the_batch_and_the_manifest_matches_the_folders(tmp_path):
    cohorts = tuple(f"c{i:02d}" for i in range(10))
    study = make_study(tmp_path / "study", cohorts=cohorts)
    out = tmp_path / "runs"
    code = ("import sys; import cpdresearch.paths as p; from pathlib import Path; "
            f"p.NOTEBOOKS = Path({str(FIXTURE_NOTEBOOKS)!r}); from cpdresearch.cli import main; sys.exit(main())")
    argv = [sys.executable, "-c", code, "run", str(study), "--notebook", "50_wait", "--jobs", "2",
            "--out", str(out), "--run-id", "r1"]
    # Its own process group, so the signal reaches every process as a terminal's Ctrl-C does.
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        deadline = time.time() + 90
        manifest = out / "r1" / "manifest.json"
        while time.time() < deadline:  # two runs recorded, two more running
            if manifest.exists() and len(json.loads(manifest.read_text())["runs"]) >= 2:
                break
            time.sleep(0.1)
        else:
            pytest.fail("no run finished")
        signalled = time.time()
        os.killpg(proc.pid, signal.SIGINT)
        stdout, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Task exception" not in err and "interrupted" in err
    run_dir = out / "r1"
    recorded = runs_by_key(run_dir)
    assert 2 <= len(recorded) < len(cohorts) and all(r["status"] == "succeeded" for r in recorded.values())
    # What the manifest records is exactly what the folders hold as finished.
    published = {f"{c}/50_wait" for c in cohorts
                 if (run_dir / c / "50_wait.ipynb").exists() or (run_dir / c / "50_wait.html").exists()}
    assert published == set(recorded)
    # No notebook started after the signal (the margin covers a start already under way).
    started = {c: float((run_dir / c / "50_wait.started").read_text()) for c in cohorts
               if (run_dir / c / "50_wait.started").exists()}
    assert all(t < signalled + 0.5 for t in started.values())
    assert len(started) <= len(recorded) + 2  # at most the two running when it came
    assert not [p for p in run_dir.rglob(".*")], "temporary files left behind"
    assert f"{len(recorded)} succeeded, 0 failed, {len(cohorts) - len(recorded)} not run" in err
