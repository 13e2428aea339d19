"""Notebook 03 runs top to bottom under papermill for a demo cohort and for a study without evaluations."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from cpdresearch.paths import NOTEBOOKS

from notebook_helpers import outputs_text, run_notebook

NOTEBOOK = NOTEBOOKS / "03_evaluation.ipynb"
TABLES = {
    "objective_change": ["course_id", "objective_no", "n", "pre_median", "post_median", "mean_change", "pct_improved",
                         "statistic", "p_value", "p_holm", "rank_biserial", "not_met", "reason"],
    "courses": [], "courses_to_review": [], "followup": [], "take_up": [], "bookings": [],
    "charges": ["course_id", "organisation_tier", "places", "attended", "late_cancellations", "no_shows", "amount"],
}
KEY_FIGURES = ["n_courses", "n_forms", "share_objectives_improved", "n_objectives_not_met", "recommend_share",
               "late_and_no_show_charges"]


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    params = "".join(code[0]["source"])
    for name in ("study_dir", "cohort", "output_dir", "min_cell", "run_id"):
        assert f"{name} = " in params


@pytest.mark.slow
def test_notebook_runs_for_the_whole_demo_programme(demo_dir, tmp_path):
    nb = run_notebook("03_evaluation", demo_dir, "all", tmp_path)
    for name, columns in TABLES.items():
        table = pd.read_csv(tmp_path / "tables" / f"{name}.csv", keep_default_na=False)
        assert set(columns) <= set(table.columns), name
    figures = json.loads((tmp_path / "key_figures.json").read_text())["evaluation"]
    assert set(KEY_FIGURES) <= set(figures) and figures["n_forms"] > 0
    assert {p.stem for p in (tmp_path / "figures").glob("*.png")} >= {"objective_change", "rating_distribution"}
    names = pd.read_csv(demo_dir / "raw" / "known_names.csv")["name"]
    published = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "tables").glob("*.csv"))
    assert not [name for name in names if name in published]  # no personal data in any table
    text = outputs_text(nb)
    assert "Synthetic data" in text and "would recommend their course" in text and "not met" in text
    assert "None" not in text and "NaN" not in text


@pytest.mark.slow
def test_notebook_renders_no_data_page_for_a_study_without_evaluations(tmp_path):
    study = tmp_path / "study"
    study.mkdir()
    (study / "study.yml").write_text("name: Survey only\nsynthetic: false\n", encoding="utf-8")
    out = tmp_path / "out"
    nb = run_notebook("03_evaluation", study, "all", out)
    text = outputs_text(nb)
    assert "No data for this cohort" in text and "None" not in text
    figures = json.loads((out / "key_figures.json").read_text())["evaluation"]
    assert figures["n_forms"] == 0 and figures["recommend_share"] is None
    assert (out / "tables" / "objective_change.csv").exists()
