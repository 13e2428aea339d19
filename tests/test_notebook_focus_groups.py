"""The focus-group notebook runs under papermill for a demo cohort and for a study without focus groups."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from cpdresearch.paths import NOTEBOOKS

from notebook_helpers import outputs_text, run_notebook

NOTEBOOK = NOTEBOOKS / "02_focus_groups.ipynb"
CONTRACT = {
    "code_frequencies": ["code", "label", "group", "segments", "participants", "sessions"],
    "cooccurrence": ["code_a", "code_b", "segments", "jaccard"],
    "keyness": ["term", "target_freq", "reference_freq", "g2", "log_ratio"],
    "agreement": ["code", "cohen_kappa", "krippendorff_alpha"],
    "themes_by_pcf": ["pcf_domain", "code", "group", "participants"],
}
KEY_FIGURES = ["n_sessions", "n_participants", "n_segments", "top_theme_young_people",
               "top_theme_parents_carers", "kappa_mean"]


def test_notebook_is_committed_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    names = {line.split("=")[0].strip() for line in "".join(code[0]["source"]).splitlines() if "=" in line}
    assert names == {"study_dir", "cohort", "output_dir", "min_cell", "run_id"}
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)


@pytest.mark.slow
def test_notebook_runs_for_a_demo_cohort(demo_dir, tmp_path):
    nb = run_notebook("02_focus_groups", demo_dir, "mash", tmp_path)
    for name, columns in CONTRACT.items():
        table = pd.read_csv(tmp_path / "tables" / f"{name}.csv", keep_default_na=False)
        assert set(columns) <= set(table.columns), name
    figures = json.loads((tmp_path / "key_figures.json").read_text())["focus_groups"]
    assert set(KEY_FIGURES) <= set(figures) and figures["n_sessions"] > 0
    assert (tmp_path / "figures" / "themes_by_group.png").exists()
    names = pd.read_csv(demo_dir / "raw" / "known_names.csv")["name"]
    published = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "tables").glob("*.csv"))
    text = outputs_text(nb)
    assert not [n for n in names for part in n.split() if part in published or part in text]
    assert "Synthetic data" in text and "most often raised" in text
    assert "None" not in text and "Traceback" not in text


@pytest.mark.slow
def test_notebook_renders_no_data_page_for_a_study_without_focus_groups(tmp_path):
    study = tmp_path / "study"
    study.mkdir()
    (study / "study.yml").write_text("name: Survey only\nsynthetic: false\n", encoding="utf-8")
    out = tmp_path / "out"
    nb = run_notebook("02_focus_groups", study, "all", out)
    text = outputs_text(nb)
    assert "No data for this cohort" in text and "None" not in text
    figures = json.loads((out / "key_figures.json").read_text())["focus_groups"]
    assert figures["n_sessions"] == 0 and figures["kappa_mean"] is None
