"""``manifest.json`` and ``summary.csv`` of a run folder.

The manifest records what ran on which data: run id, times, package version and git
commit, sha256 of every input file and notebook, and the parameters, status, duration,
error and outputs of every cohort x notebook run. It is rewritten atomically after each
run finishes, so an interrupted batch leaves a manifest of what did complete.

Examples
--------
>>> flatten_key_figures({"respondents": 120, "agree": {"share": 0.4}})
{'respondents': 120, 'agree.share': 0.4}
"""
from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
from pathlib import Path

from .. import __version__, paths
from ..outputs import write_table, write_text

__all__ = [
    "MANIFEST", "SUMMARY", "MANIFEST_VERSION", "git_commit", "read_manifest", "new_manifest",
    "record_run", "write_manifest", "flatten_key_figures", "rounded_figure", "summary_table",
    "write_summary",
]

MANIFEST = "manifest.json"
SUMMARY = "summary.csv"
#: Manifest layout version, bumped on incompatible changes.
MANIFEST_VERSION = 1


def git_commit(repo: str | Path = paths.REPO_ROOT) -> str | None:
    """The checkout's commit (``+dirty`` when it has uncommitted changes), or ``None``."""
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")


def read_manifest(run_dir: str | Path) -> dict | None:
    """The manifest of ``run_dir``, or ``None`` when there is none yet."""
    path = Path(run_dir) / MANIFEST
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def new_manifest(*, run_id: str, study, inputs: dict[str, str], notebooks: dict[str, str],
                 previous: dict | None = None) -> dict:
    """A manifest for this attempt at ``run_id``; earlier attempts are listed, not lost."""
    root = Path(study.root).resolve()
    files = {}
    for name, path in sorted(study.files.items()):
        p = Path(path).resolve()
        files[name] = {"path": p.relative_to(root).as_posix() if p.is_relative_to(root) else str(p),
                       "sha256": inputs[name]}
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    attempts = list((previous or {}).get("attempts", []))
    attempts.append({"started": now, "package_version": __version__, "git_commit": git_commit()})
    return {
        "manifest_version": MANIFEST_VERSION,
        "run_id": run_id,
        "started": (previous or {}).get("started", now),
        "finished": None,
        "package_version": __version__,
        "git_commit": attempts[-1]["git_commit"],
        "python": platform.python_version(),
        "study": {"name": study.name, "path": str(root), "synthetic": study.synthetic,
                  "min_cell": study.min_cell},
        "inputs": files,
        "notebooks": dict(sorted(notebooks.items())),
        "attempts": attempts,
        "runs": list((previous or {}).get("runs", [])),
    }


def record_run(manifest: dict, record: dict) -> None:
    """Put ``record`` in the manifest, replacing an earlier record of the same run."""
    key = (record["cohort"], record["notebook"])
    runs = [r for r in manifest["runs"] if (r["cohort"], r["notebook"]) != key]
    runs.append(record)
    runs.sort(key=lambda r: (r["cohort"], r["notebook"]))
    manifest["runs"] = runs


def write_manifest(run_dir: str | Path, manifest: dict) -> Path:
    """Write ``manifest.json`` atomically."""
    return write_text(Path(run_dir) / MANIFEST, json.dumps(manifest, indent=2, sort_keys=False) + "\n")


def flatten_key_figures(figures: dict, prefix: str = "") -> dict:
    """Nested key figures as one level, keys joined with dots."""
    flat = {}
    for key, value in figures.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten_key_figures(value, prefix=f"{name}."))
        else:
            flat[name] = value
    return flat


def rounded_figure(figure: str, value):
    """A key figure rounded as the reports print it: shares and rates to whole percentages
    (two decimals of the fraction), other non-integer numbers to two decimals."""
    if isinstance(value, bool) or not isinstance(value, float):
        return value
    if value != value:  # NaN
        return value
    return round(value, 2)


def summary_table(manifest: dict):
    """Key figures of every successful run, long format: cohort, notebook, figure, value.

    Examples
    --------
    >>> m = {"runs": [{"cohort": "mash", "notebook": "01_survey", "status": "succeeded",
    ...                "key_figures": {"respondents": 41}},
    ...               {"cohort": "all", "notebook": "01_survey", "status": "failed", "key_figures": {}}]}
    >>> summary_table(m).to_dict("records")
    [{'cohort': 'mash', 'notebook': '01_survey', 'figure': 'respondents', 'value': 41}]
    >>> rounded_figure("response_rate", 0.5324675), rounded_figure("alpha", 0.85237), rounded_figure("n", 41)
    (0.53, 0.85, 41)

    Values are rounded as the reports print them (:func:`rounded_figure`).
    """
    import pandas as pd

    rows = [{"cohort": r["cohort"], "notebook": r["notebook"], "figure": figure, "value": rounded_figure(figure, value)}
            for r in manifest["runs"] if r.get("status") == "succeeded"
            for figure, value in flatten_key_figures(r.get("key_figures") or {}).items()]
    table = pd.DataFrame(rows, columns=["cohort", "notebook", "figure", "value"])
    return table.sort_values(["cohort", "notebook", "figure"], kind="stable").reset_index(drop=True)


def write_summary(run_dir: str | Path, manifest: dict) -> Path:
    """Write ``summary.csv`` atomically."""
    return write_table(summary_table(manifest), Path(run_dir) / SUMMARY)
