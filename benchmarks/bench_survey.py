"""The survey analysis (everything the survey notebook computes, not the plotting).

For synthetic surveys of 10,000 and 100,000 respondents, broken down by team, role and
career stage: the time of :func:`cpdresearch.survey.build_survey_report` (analysis,
group tests, disclosure control, findings, key figures) relative to loading the survey
with :func:`cpdresearch.load_study`, and the ratio of 100,000 to 10,000 respondents
(aim: at most 12x; nothing loops over respondents in Python). Timed side by side in
one run, medians of repeats: this machine is shared, absolute times drift.

Usage: ``python -m benchmarks survey`` (``--quick``: 2,000 and 20,000 respondents).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from cpdresearch.io import load_study
from cpdresearch.survey import build_survey_report

from ._common import median_time, survey_study





def _measure(tmp: Path, respondents: int, repeats: int) -> tuple[float, float]:
    study_dir = survey_study(tmp, respondents)
    study = load_study(study_dir)
    build_survey_report(study, figures=False)  # warm imports before timing
    t_load = median_time(lambda: load_study(study_dir), repeats)
    t_analysis = median_time(lambda: build_survey_report(study, figures=False), repeats)
    return t_load, t_analysis


def main(quick: bool = False) -> None:
    small, big = (2_000, 20_000) if quick else (10_000, 100_000)
    repeats = 2 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        load_small, analysis_small = _measure(tmp, small, repeats)
        load_big, analysis_big = _measure(tmp, big, repeats)
    for n, load, analysis in ((small, load_small, analysis_small), (big, load_big, analysis_big)):
        print(f"{n:,} respondents: load_study {load:.2f}s, survey analysis {analysis:.2f}s "
              f"({analysis / load:.1f}x loading)")
    print(f"{big:,} vs {small:,} respondents: survey analysis {analysis_big / analysis_small:.1f}x "
          f"(aim <= 12x), loading {load_big / load_small:.1f}x")
