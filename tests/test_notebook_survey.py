"""The survey notebook runs top to bottom under papermill for every demo cohort."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from cpdresearch.paths import NOTEBOOKS, REPO_ROOT

from notebook_helpers import outputs_text, run_notebook

NOTEBOOK = NOTEBOOKS / "01_survey.ipynb"
CONTRACT = {
    "survey_items": ["block", "item", "label", "n", "mean", "sd", "median", "ci_low", "ci_high"],
    "ticks_wish": ["option", "label", "count", "share", "ci_low", "ci_high"],
    "ticks_barriers": ["option", "label", "count", "share", "ci_low", "ci_high"],
    "working_vs_wished": ["activity", "mean", "wish_share", "quadrant"],
    "group_differences": [],
    "reliability": [],
    "response_rates": [],
}
KEY_FIGURES = ["n_respondents", "response_rate", "alpha", "top_rated_item", "most_ticked", "n_group_differences"]


def _demo_cohorts() -> list[str]:
    path = REPO_ROOT / "data" / "cohorts.yml"
    if not path.exists():
        return ["all"]  # the demo_dir fixture then fails with how to regenerate data/
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [c["name"] for c in spec["cohorts"]]


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.slow
@pytest.mark.parametrize("cohort", _demo_cohorts())
def test_notebook_runs_for_every_demo_cohort(cohort, demo_dir, tmp_path):
    nb = run_notebook("01_survey", demo_dir, cohort, tmp_path)
    for name, columns in CONTRACT.items():
        table = pd.read_csv(tmp_path / "tables" / f"{name}.csv", keep_default_na=False)
        assert set(columns) <= set(table.columns), name
    items = pd.read_csv(tmp_path / "tables" / "survey_items.csv")
    assert len(items) == 15
    figures = json.loads((tmp_path / "key_figures.json").read_text())["survey"]
    assert set(KEY_FIGURES) <= set(figures)
    assert figures["n_respondents"] > 0
    # None where every mean of the block is hidden (disclosure); else items of the table
    assert figures["top_rated_item"] is None or set(figures["top_rated_item"].split("; ")) <= set(items["label"])
    assert list((tmp_path / "figures").glob("*.png"))
    names = pd.read_csv(demo_dir / "raw" / "known_names.csv")["name"]
    published = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "tables").glob("*.csv"))
    assert not [name for name in names if name in published]  # no personal data in any table
    text = outputs_text(nb)
    assert "Synthetic data" in text
    if figures["top_rated_item"] is not None:  # a finding only where a mean is published
        assert "The highest rated item is" in text


@pytest.mark.slow
def test_notebook_renders_no_data_page_for_a_study_without_survey(tmp_path):
    study = tmp_path / "study"
    study.mkdir()
    (study / "study.yml").write_text("name: Evaluations only\nsynthetic: false\n", encoding="utf-8")
    out = tmp_path / "out"
    nb = run_notebook("01_survey", study, "all", out)
    assert "No data for this cohort" in outputs_text(nb)
    figures = json.loads((out / "key_figures.json").read_text())["survey"]
    assert figures["n_respondents"] == 0 and figures["top_rated_item"] is None
