"""Running a report notebook under papermill in a test, and reading what it displayed."""
from __future__ import annotations

import json
from pathlib import Path

from cpdresearch.paths import NOTEBOOKS


def run_notebook(name: str, study_dir, cohort: str, out: Path) -> dict:
    """Execute ``notebooks/<name>.ipynb`` for one cohort into ``out``; the executed notebook."""
    import papermill as pm

    out.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(NOTEBOOKS / f"{name}.ipynb"), str(out / f"{name}.ipynb"), cwd=str(NOTEBOOKS),
                        progress_bar=False, parameters={"study_dir": str(study_dir), "cohort": cohort,
                                                        "output_dir": str(out), "run_id": "test"})
    return json.loads((out / f"{name}.ipynb").read_text(encoding="utf-8"))


def outputs_text(nb: dict) -> str:
    """Every Markdown, HTML and text output of an executed notebook, joined."""
    parts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append(str(data.get("text/markdown", "")) + str(data.get("text/html", ""))
                         + str(data.get("text/plain", "")) + str(output.get("text", "")))
    return "\n".join(parts)
