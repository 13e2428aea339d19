"""Tests for cpdresearch.runner.plan: the notebook parameters are declared once."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from cpdresearch import paths
from cpdresearch.runner.plan import NOTEBOOK_PARAMETERS, notebook_imports

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
FIXTURES = sorted((REPO / "tests" / "fixtures" / "notebooks").glob("*.ipynb"))


def parameters_cell_names(path: Path) -> list[str]:
    """Names assigned in the notebook's cell tagged ``parameters`` (fails if there is none)."""
    cells = [c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"{path.name}: needs exactly one cell tagged 'parameters', has {len(cells)}"
    source = "".join(cells[0]["source"]) if isinstance(cells[0]["source"], list) else cells[0]["source"]
    return [t.id for node in ast.parse(source).body if isinstance(node, (ast.Assign, ast.AnnAssign))
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)]


@pytest.mark.parametrize("path", NOTEBOOKS + FIXTURES, ids=lambda p: p.name)
def test_every_notebook_declares_exactly_the_runner_parameters(path):
    names = parameters_cell_names(path)
    assert sorted(names) == sorted(NOTEBOOK_PARAMETERS), f"{path.name} declares {names}"
    assert len(names) == len(set(names))


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/ is empty"


def test_the_runner_passes_exactly_those_parameters(tmp_path):
    from cpdresearch.io import load_study
    from cpdresearch.runner.plan import plan_runs

    from test_runner import FIXTURE_NOTEBOOKS, make_study

    study = load_study(make_study(tmp_path / "study", cohorts=("all",)))
    plan = plan_runs(study, notebooks_dir=FIXTURE_NOTEBOOKS, run_dir=tmp_path / "runs" / "r1", run_id="r1",
                     notebooks=["10_report"])
    (spec,) = plan.to_run
    assert tuple(spec.parameters) == NOTEBOOK_PARAMETERS
    # The cohort's folder comes from paths, the one place it is computed.
    assert spec.parameters["output_dir"] == str(paths.cohort_output_dir("r1", "all", runs_dir=(tmp_path / "runs").resolve()))


def test_imports_are_scanned_from_every_notebook():
    assert "cpdresearch.survey" in notebook_imports(REPO / "notebooks" / "01_survey.ipynb")
