"""cpdresearch.paths: every default location comes from one place."""
from __future__ import annotations

from pathlib import Path

from cpdresearch import paths


def test_study_files_and_overrides():
    assert paths.study_file("s", "survey") == Path("s/raw/survey/responses.csv")
    assert paths.study_file("s", "survey", {"survey": "raw/x.xlsx"}) == Path("s/raw/x.xlsx")
    assert set(paths.STUDY_FILES) >= {"settings", "cohorts", "instrument", "codebook", "workforce"}


def test_cohort_output_dir_is_the_run_folder_plus_the_cohort(tmp_path):
    assert paths.cohort_output_dir("r1", "mash", runs_dir=tmp_path) == tmp_path / "r1" / "mash"
    assert paths.cohort_output_dir("adhoc", "all").parent.parent == paths.RUNS


def test_repo_locations():
    assert (paths.REPO_ROOT / "pyproject.toml").exists()
    assert paths.DEMO_STUDY == paths.REPO_ROOT / "data" and paths.NOTEBOOKS.name == "notebooks"
