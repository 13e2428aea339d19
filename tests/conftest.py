"""Shared test fixtures. Module-specific helpers live beside their tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data"

# Figures render off-screen in tests.
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    if not (DEMO / "study.yml").exists():
        pytest.fail("the demo study data/ is missing: regenerate it with `cpdresearch synth data`")
    return DEMO


@pytest.fixture
def pg():
    """pingouin, the independent implementation some statistics are checked against.

    Skips (visibly, with the reason) only the tests that use it when it is missing.
    """
    return pytest.importorskip("pingouin")


#: every cohort of the demo study, as `make run` does
DEMO_COHORTS = None


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, demo_dir):
    """One demo run shared by the browser and disclosure-attack tests: every notebook in notebooks/ for every cohort
    of data/, so the personal-data and small-count scans cover all that `make run`
    publishes (small teams and ASYE are where suppression matters)."""
    from cpdresearch import paths
    from cpdresearch.runner import run_batch

    if not (paths.NOTEBOOKS / "01_survey.ipynb").exists():
        pytest.fail("notebooks/01_survey.ipynb is missing: the demo run needs the survey notebook")
    out = tmp_path_factory.mktemp("demo_runs")
    rc = run_batch(demo_dir, cohorts=DEMO_COHORTS, jobs=2, out=out, run_id="demo", progress=False)
    run_dir = out / "demo"
    assert rc == 0, (run_dir / "manifest.json").read_text()
    return run_dir
