"""Helpers shared by the benchmarks: a survey-only synthetic study, median timings."""
from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from cpdresearch.synth import write_study

#: What a survey-only study needs: settings, instrument, denominators, responses
#: (``raw/known_names.csv`` when present, for the pseudonymised free text).
SURVEY_FILES = ("study.yml", "instruments/cpd_survey.yml", "raw/workforce.csv", "raw/survey/responses.csv",
                "raw/known_names.csv")


def survey_study(tmp: Path, respondents: int, *, seed: int = 1) -> Path:
    """A synthetic study folder holding only the survey section, with ``respondents`` rows."""
    full = write_study(tmp / f"full_{respondents}", respondents=respondents, seed=seed)
    target = tmp / f"survey_{respondents}"
    for rel in SURVEY_FILES:
        if (full / rel).exists():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(full / rel, target / rel)
    return target


def median_time(func, repeats: int) -> float:
    """Median wall time of ``repeats`` calls (the machine is noisy: medians, not means)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
