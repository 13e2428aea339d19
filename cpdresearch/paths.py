"""Where things live. Every default path comes from here, not from string-building.

Examples
--------
>>> from cpdresearch import paths
>>> paths.DEMO_STUDY.name
'data'
>>> paths.study_file(paths.DEMO_STUDY, "survey").as_posix().endswith("raw/survey/responses.csv")
True
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "PACKAGE_DIR", "REPO_ROOT", "DEMO_STUDY", "NOTEBOOKS", "RUNS", "NLTK_DATA", "STUDY_FILES",
    "TRANSCRIPTS_DIR", "study_file",
]

#: The repository root (the folder holding ``pyproject.toml``) when the package runs from
#: a checkout; the current directory otherwise.
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "pyproject.toml").exists() else Path.cwd()

DEMO_STUDY = REPO_ROOT / "data"
NOTEBOOKS = REPO_ROOT / "notebooks"
RUNS = REPO_ROOT / "papermill_runs"

#: NLTK data managed by this package (offline rule): inside the active environment, so a
#: second checkout with its own ``.venv`` never clashes. ``CPDRESEARCH_NLTK_DATA`` overrides.
NLTK_DATA = Path(os.environ.get("CPDRESEARCH_NLTK_DATA", Path(sys.prefix) / "share" / "cpdresearch_nltk_data"))

#: Default location of each section of a study folder, relative to the folder.
STUDY_FILES: dict[str, str] = {
    "settings": "study.yml",
    "cohorts": "cohorts.yml",
    "instrument": "instruments/cpd_survey.yml",
    "codebook": "codebooks/focus_groups.yml",
    "survey": "raw/survey/responses.csv",
    "sessions": "raw/focus_groups/sessions.csv",
    "codings": "raw/focus_groups/codings.csv",
    "courses": "raw/evaluations/courses.csv",
    "objectives": "raw/evaluations/objectives.csv",
    "evaluations": "raw/evaluations/responses.csv",
    "followup": "raw/evaluations/followup.csv",
    "bookings": "raw/evaluations/bookings.csv",
    "learning_needs": "raw/ldp/learning_needs.csv",
    "workforce": "raw/workforce.csv",
    "known_names": "raw/known_names.csv",
}

#: Folder holding the transcripts named in ``sessions.csv``.
TRANSCRIPTS_DIR = "raw/focus_groups"


def run_folder(run_id: str, *, runs_dir: str | Path | None = None) -> Path:
    """The folder of run ``run_id``: ``papermill_runs/<run_id>`` unless ``runs_dir`` is given.

    Examples
    --------
    >>> run_folder("r1", runs_dir="/tmp/runs").as_posix()
    '/tmp/runs/r1'
    """
    return Path(runs_dir if runs_dir is not None else RUNS) / run_id


def cohort_output_dir(run_id: str, cohort: str, *, runs_dir: str | Path | None = None) -> Path:
    """Where a run writes one cohort's outputs: ``<runs_dir>/<run_id>/<cohort>``.

    The one place this folder is computed: the runner passes it to each notebook as
    ``output_dir``, and a notebook run on its own falls back to it.

    Examples
    --------
    >>> cohort_output_dir("adhoc", "mash").parts[-3:]
    ('papermill_runs', 'adhoc', 'mash')
    """
    return run_folder(run_id, runs_dir=runs_dir) / cohort


def study_file(study_dir: str | Path, section: str, overrides: dict | None = None) -> Path:
    """Path of ``section`` in the study folder, honouring ``study.yml`` ``paths:`` overrides."""
    rel = (overrides or {}).get(section, STUDY_FILES[section])
    return Path(study_dir) / rel
