"""Tests for cpdresearch.runner.execute: each notebook's outputs are those of a fresh kernel.

The runner executes notebooks in processes forked from a preloaded one, not in fresh
Jupyter kernels; these tests run the same notebooks with papermill in a fresh kernel and
compare the published bytes (tables, key figures, figures), including a notebook that
deliberately pollutes process state before the next cohort runs.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cpdresearch.runner import run_batch

from test_runner import FIXTURE_NOTEBOOKS, make_study

REPO = Path(__file__).resolve().parent.parent


def published(folder: Path) -> dict[str, bytes]:
    """The bytes of a cohort folder's tables, figures and key figures, by relative path."""
    files = [*folder.glob("tables/*.csv"), *folder.glob("figures/*.png"), folder / "key_figures.json"]
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files if p.is_file()}


def fresh_kernel_run(notebook: Path, out: Path, *, study: Path, cohort: str, monkeypatch) -> Path:
    """``notebook`` for ``cohort`` with papermill in a new python3 kernel, as a user would."""
    import papermill as pm

    # As the runner's processes: stable hashing; the kernel's own (inline) matplotlib backend.
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    monkeypatch.delenv("MPLBACKEND", raising=False)
    target = out / cohort
    out.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(notebook), str(out / f"{cohort}-{notebook.name}"), kernel_name="python3",
                        parameters={"study_dir": str(study), "cohort": cohort, "output_dir": str(target),
                                    "min_cell": 5, "run_id": "fresh"},
                        cwd=str(notebook.parent), progress_bar=False)
    return target


@pytest.mark.slow
def test_polluting_notebook_does_not_reach_the_next_cohort(tmp_path, monkeypatch):
    study = make_study(tmp_path / "study", cohorts=("first", "second"))
    out = tmp_path / "runs"
    # One job: "second" runs straight after "first" polluted its process state.
    assert run_batch(study, notebooks=["40_pollute"], jobs=1, out=out, run_id="r1",
                     notebooks_dir=FIXTURE_NOTEBOOKS, progress=False) == 0
    found = json.loads((out / "r1" / "second" / "key_figures.json").read_text())["40_pollute"]
    fresh = fresh_kernel_run(FIXTURE_NOTEBOOKS / "40_pollute.ipynb", tmp_path / "fresh", study=study,
                             cohort="second", monkeypatch=monkeypatch)
    assert found == json.loads((fresh / "key_figures.json").read_text())["40_pollute"]
    assert found == {"pandas_precision": 6, "pandas_float_format_set": False, "font_size": 10.0,
                     "line_width": 1.5, "cwd_is_notebooks_folder": True, "leftover_global": False,
                     "numpy_seeded_by_last": False, "random_seeded_by_last": False,
                     "all_warnings_are_errors": False, "sys_path_polluted": False}
    ours = published(out / "r1" / "second")
    assert set(ours) == {"tables/40_pollute_values.csv", "figures/40_pollute_values.png", "key_figures.json"}
    assert ours == published(fresh)


@pytest.mark.slow
def test_survey_outputs_match_a_fresh_kernel_first_or_after_another_cohort(tmp_path, monkeypatch, demo_dir):
    notebook = REPO / "notebooks" / "01_survey.ipynb"
    out = tmp_path / "runs"
    # "mash" runs first in one batch, after "all" in the other (one job: the same process line).
    assert run_batch(demo_dir, cohorts=["mash"], notebooks=["01_survey"], jobs=1, out=out, run_id="first",
                     progress=False) == 0
    assert run_batch(demo_dir, cohorts=["all", "mash"], notebooks=["01_survey"], jobs=1, out=out, run_id="after",
                     progress=False) == 0
    first, after = published(out / "first" / "mash"), published(out / "after" / "mash")
    assert any(k.startswith("tables/") for k in first) and any(k.startswith("figures/") for k in first)
    assert first == after
    fresh = fresh_kernel_run(notebook, tmp_path / "fresh", study=demo_dir, cohort="mash", monkeypatch=monkeypatch)
    assert published(fresh) == first
    # The report keeps nbconvert's accessibility edits: every image described, outputs focusable.
    html = (out / "first" / "mash" / "01_survey.html").read_text(encoding="utf-8")
    images = re.findall(r"<img[^>]*>", html)
    assert images and all(" alt=" in img for img in images)
    assert 'tabindex="0"' in html


def test_parameters_are_injected_as_papermill_injects_them():
    import nbformat
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    from cpdresearch.runner.execute import inject_parameters

    parameters = {"study_dir": '/data/a "quoted" study\\ é', "cohort": "asye", "output_dir": "/runs/r1/asye",
                  "min_cell": 5, "run_id": "20261123-031700"}
    for name in ("10_report", "20_fail"):
        ours = inject_parameters(nbformat.read(FIXTURE_NOTEBOOKS / f"{name}.ipynb", as_version=4), parameters)
        theirs = parameterize_notebook(load_notebook_node(str(FIXTURE_NOTEBOOKS / f"{name}.ipynb")), parameters,
                                       kernel_name="python3", language="python")
        assert [(c.cell_type, c.source, c.metadata.get("tags") or []) for c in ours.cells] == \
               [(c.cell_type, c.source, c.metadata.get("tags") or []) for c in theirs.cells]
        assert ours.metadata.papermill["parameters"] == theirs.metadata.papermill["parameters"]
        again = inject_parameters(ours, {**parameters, "cohort": "mash"})  # replaces, does not add
        assert len(again.cells) == len(theirs.cells) and 'cohort = "mash"' in again.cells[2].source
