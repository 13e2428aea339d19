"""Loading and validating the survey vs a plain ``pandas.read_csv`` of the same file.

Targets: ``load_study`` on a survey-only study (study.yml, instrument, workforce, survey)
at most ~3x ``pd.read_csv`` of the survey file; 100,000 respondents at most ~12x the time
of 10,000 (validation is vectorised, so cost grows with rows, not worse).
Both are timed side by side in one run, repeated, medians compared.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from cpdresearch.io import load_study

from ._common import median_time, survey_study





def _measure(tmp: Path, respondents: int, repeats: int) -> tuple[float, float]:
    study_dir = survey_study(tmp, respondents)
    csv = study_dir / "raw/survey/responses.csv"
    load_study(study_dir)  # warm imports and caches before timing
    t_pandas = median_time(lambda: pd.read_csv(csv), repeats)
    t_load = median_time(lambda: load_study(study_dir), repeats)
    return t_pandas, t_load


def main(quick: bool = False) -> None:
    big, small = (20_000, 2_000) if quick else (100_000, 10_000)
    repeats = 3 if quick else 5
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pandas_big, load_big = _measure(tmp, big, repeats)
        pandas_small, load_small = _measure(tmp, small, repeats)
    print(f"{big:,} respondents: pandas.read_csv {pandas_big:.3f}s, load_study {load_big:.3f}s, "
          f"ratio {load_big / pandas_big:.2f}x (aim <= 3x)")
    print(f"{small:,} respondents: pandas.read_csv {pandas_small:.3f}s, load_study {load_small:.3f}s, "
          f"ratio {load_small / pandas_small:.2f}x")
    print(f"load_study {big:,} vs {small:,} respondents: {load_big / load_small:.2f}x "
          f"(aim <= {12 * big // small // 10}x)")


if __name__ == "__main__":
    main()
