"""The CPD model (everything notebook 04 computes, not the plotting).

For 10,000 and 100,000 synthetic learning needs (with the demo study's survey, focus
groups, courses and evaluations): the time of
:func:`cpdresearch.cpd_model.build_cpd_model_report` with ``figures=False`` (plans,
pathways, the 70:20:10 mix, the evidence matrix with its sensitivity check, disclosure
control, findings), and the ratio of 100,000 to 10,000 needs (aim: at most 12x).

Usage: ``python -m benchmarks cpd_model`` (``--quick``: 2,000 and 20,000 needs).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from cpdresearch import paths
from cpdresearch.cpd_model import build_cpd_model_report
from cpdresearch.io import load_study

from ._common import median_time


def needs_study(tmp: Path, needs: int, *, seed: int = 1) -> Path:
    """The demo study with ``needs`` learning needs drawn like the demo's (about 2.6 a member of staff)."""
    root = tmp / f"cpd_model_{needs}"
    shutil.copytree(paths.DEMO_STUDY, root)
    demo = pd.read_csv(root / "raw" / "ldp" / "learning_needs.csv")
    rng = np.random.default_rng(seed)
    rows = demo.iloc[rng.integers(0, len(demo), needs)].reset_index(drop=True)
    n_staff = max(1, int(needs / 2.6))
    staff = rng.integers(0, n_staff, needs)
    profile = demo.drop_duplicates("staff_id")[["team", "role", "career_stage"]].reset_index(drop=True)
    who = profile.iloc[rng.integers(0, len(profile), n_staff)].reset_index(drop=True)
    rows[["team", "role", "career_stage"]] = who.iloc[staff].to_numpy()
    rows["staff_id"] = [f"B{s:06d}" for s in staff]
    rows["need_id"] = [f"N{i:07d}" for i in range(needs)]
    rows.to_csv(root / "raw" / "ldp" / "learning_needs.csv", index=False)
    return root


def _measure(tmp: Path, needs: int, repeats: int) -> float:
    study = load_study(needs_study(tmp, needs))
    build_cpd_model_report(study, figures=False)  # warm imports before timing
    return median_time(lambda: build_cpd_model_report(study, figures=False), repeats)


def main(quick: bool = False) -> None:
    small, big = (2_000, 20_000) if quick else (10_000, 100_000)
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t_small = _measure(tmp, small, repeats)
        t_big = _measure(tmp, big, repeats)
    print(f"{small:,} needs: CPD model {t_small:.2f}s")
    print(f"{big:,} needs: CPD model {t_big:.2f}s")
    print(f"{big:,} vs {small:,} needs: {t_big / t_small:.1f}x (aim <= 12x)")
