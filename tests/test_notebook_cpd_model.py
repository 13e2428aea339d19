"""Notebook 04 runs top to bottom under papermill for every demo cohort, for a study without
learning needs, and for another council's survey-only study."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest
import yaml

from cpdresearch.paths import NOTEBOOKS, REPO_ROOT

from notebook_helpers import outputs_text, run_notebook

NOTEBOOK = NOTEBOOKS / "04_cpd_model.ipynb"
TABLES = {
    "team_plan": ["team", "topic", "pcf_domain", "staff", "high", "medium", "low", "score", "rank"],
    "organisation_plan": ["topic", "pcf_domain", "staff", "teams", "high", "medium", "low", "score", "rank"],
    "career_pathway": ["career_stage", "pcf_domain", "staff", "share"],
    "mix_70_20_10": ["source", "category", "share", "reference", "gap"],
    "evidence_matrix": ["pcf_domain", "score", "rank", "stable"],
    "commissioning": ["topic", "staff", "top_method"],
}
KEY_FIGURES = ["n_staff_with_plans", "top_priority_topic", "top_priority_domain", "formal_share_offered"]


def _demo_cohorts() -> list[str]:
    path = REPO_ROOT / "data" / "cohorts.yml"
    if not path.exists():
        return ["all"]
    return [c["name"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["cohorts"]]


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    params = "".join(code[0]["source"])
    for name in ("study_dir", "cohort", "output_dir", "min_cell", "run_id"):
        assert f"{name} = " in params


@pytest.mark.slow
@pytest.mark.parametrize("cohort", _demo_cohorts())
def test_notebook_runs_for_every_demo_cohort(cohort, demo_dir, tmp_path):
    nb = run_notebook("04_cpd_model", demo_dir, cohort, tmp_path)
    for name, columns in TABLES.items():
        table = pd.read_csv(tmp_path / "tables" / f"{name}.csv", keep_default_na=False)
        assert set(columns) <= set(table.columns), name
    figures = json.loads((tmp_path / "key_figures.json").read_text())["cpd_model"]
    assert set(KEY_FIGURES) <= set(figures)
    assert figures["formal_share_offered"] == 1
    assert list((tmp_path / "figures").glob("*.png"))
    published = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "tables").glob("*.csv"))
    staff = pd.read_csv(demo_dir / "raw" / "ldp" / "learning_needs.csv")["staff_id"].unique()
    assert not [s for s in staff if s in published]  # staff ids are never published
    text = outputs_text(nb)
    assert "Synthetic data" in text and "Headline findings" in text and "The evidence matrix" in text
    assert "None" not in text and "NaN" not in text and "nan%" not in text


@pytest.mark.slow
def test_notebook_runs_for_a_study_without_learning_needs(demo_dir, tmp_path):
    study = tmp_path / "study"
    shutil.copytree(demo_dir, study)
    (study / "raw" / "ldp" / "learning_needs.csv").unlink()
    out = tmp_path / "out"
    nb = run_notebook("04_cpd_model", study, "all", out)
    text = outputs_text(nb)
    assert "no learning needs from development plans" in text and "The evidence matrix" in text
    assert "None" not in text and "NaN" not in text
    figures = json.loads((out / "key_figures.json").read_text())["cpd_model"]
    assert figures["n_staff_with_plans"] == 0 and figures["top_priority_topic"] is None


@pytest.mark.slow
def test_notebook_renders_for_the_other_council(tmp_path):
    nb = run_notebook("04_cpd_model", REPO_ROOT / "tests" / "fixtures" / "other_council", "all", tmp_path)
    text = outputs_text(nb)
    assert "No data for this cohort" in text and "Why there is no model" in text
    assert "None" not in text and "NaN" not in text
    assert (tmp_path / "tables" / "organisation_plan.csv").exists()
