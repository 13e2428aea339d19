"""The Dask path: the same runs on a LocalCluster on the loopback interface."""
from __future__ import annotations


import pytest

from cpdresearch.runner import run_batch
from cpdresearch.runner.manifest import read_manifest

from test_runner import FIXTURE_NOTEBOOKS, make_study


@pytest.mark.slow
def test_runs_on_a_dask_cluster_with_failures_isolated(tmp_path):
    from distributed import LocalCluster

    study = make_study(tmp_path / "study", cohorts=("all", "broken"))
    out = tmp_path / "runs"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, protocol="tcp") as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        rc = run_batch(study, notebooks=["10_report", "20_fail"], out=out, run_id="d1",
                       scheduler=cluster.scheduler_address, notebooks_dir=FIXTURE_NOTEBOOKS, progress=False)
        assert rc == 1
        manifest = read_manifest(out / "d1")
        status = {(r["cohort"], r["notebook"]): r["status"] for r in manifest["runs"]}
        assert status == {("all", "10_report"): "succeeded", ("all", "20_fail"): "succeeded",
                          ("broken", "10_report"): "succeeded", ("broken", "20_fail"): "failed"}
        # Ran in the cluster's worker processes, not here.
        workers = {int(r["worker"].rsplit(":", 1)[1]) for r in manifest["runs"]}
        assert __import__("os").getpid() not in workers
        # Same layout as a local run.
        run_dir = out / "d1"
        for rel in ("index.html", "summary.csv", "all/10_report.html", "all/10_report.ipynb",
                    "all/tables/10_report_staff.csv", "all/figures/10_report_staff.png",
                    "broken/20_fail.failed.ipynb", "broken/logs/20_fail.log"):
            assert (run_dir / rel).is_file(), rel
        # --retry-failed goes through the cluster too, and re-runs only the failure.
        before = {(r["cohort"], r["notebook"]): r for r in manifest["runs"]}
        assert run_batch(study, notebooks=["10_report", "20_fail"], out=out, run_id="d1", retry_failed=True,
                         scheduler=cluster.scheduler_address, notebooks_dir=FIXTURE_NOTEBOOKS, progress=False) == 1
        after = {(r["cohort"], r["notebook"]): r for r in read_manifest(out / "d1")["runs"]}
        assert after[("all", "10_report")] == before[("all", "10_report")]
        assert after[("broken", "20_fail")]["started"] >= before[("broken", "20_fail")]["started"]
