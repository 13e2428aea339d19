"""The training-evaluation analysis (everything notebook 03 computes, not the plotting).

For 5,000 and 50,000 synthetic forms with 7 objectives each, across 50 and 500 courses
(100 forms a course), with bookings: the time of
:func:`cpdresearch.evaluation.build_evaluation_report` (pairs, objective change and
Wilcoxon tests, not-met rule, course summaries, mixed model, follow-up, take-up, charges,
disclosure control, findings) relative to loading the study with
:func:`cpdresearch.load_study`, and the ratio of 50,000 to 5,000 forms (aim: at most 12x;
nothing loops over forms in Python: the loops are per course and objective).

Usage: ``python -m benchmarks evaluation`` (``--quick``: 1,000 and 10,000 forms).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from cpdresearch.evaluation import build_evaluation_report
from cpdresearch.io import load_study

from ._common import median_time

LABELS = np.array(["Not sure", "Some knowledge", "Knowledgeable", "Confident"], dtype=object)
K = 7
STUDY_YML = """name: Evaluation benchmark
synthetic: true
charging:
  late_cancellation_working_days: 10
  tiers:
    council: {full_day: 0, half_day: 0, late_charge: 70}
    partner: {full_day: 70, half_day: 35}
"""


def evaluation_study(tmp: Path, forms: int, *, per_course: int = 100, seed: int = 1) -> Path:
    """A study folder with ``forms`` before/after forms, 7 objectives a course, bookings and follow-ups."""
    rng = np.random.default_rng(seed)
    root = tmp / f"evaluation_{forms}"
    raw = root / "raw" / "evaluations"
    raw.mkdir(parents=True)
    (root / "study.yml").write_text(STUDY_YML, encoding="utf-8")
    n_courses = forms // per_course
    ids = np.array([f"C{i:04d}" for i in range(n_courses)], dtype=object)
    dates = np.datetime64("2025-01-06") + rng.integers(0, 600, n_courses).astype("timedelta64[D]")
    pd.DataFrame({"course_id": ids, "title": [f"Course {i}" for i in range(n_courses)], "date": dates.astype(str),
                  "delivered_by": "in_house", "format": rng.choice(["classroom", "virtual", "e_learning"], n_courses),
                  "length": rng.choice(["full_day", "half_day"], n_courses)}).to_csv(raw / "courses.csv", index=False)
    pd.DataFrame({"course_id": np.repeat(ids, K), "objective_no": np.tile(np.arange(1, K + 1), n_courses),
                  "text": "An objective", "pcf_domain": rng.integers(1, 10, n_courses * K)}
                 ).to_csv(raw / "objectives.csv", index=False)
    course = np.repeat(ids, per_course)
    pre = np.clip(np.rint(rng.normal(1.9, 0.7, (forms, K))), 1, 4).astype(int)
    post = np.clip(pre + rng.choice([0, 1, 1, 2], (forms, K)), 1, 4)
    responses = {"response_id": [f"E{i:06d}" for i in range(forms)], "course_id": course}
    for k in range(K):
        responses[f"pre_{k + 1}"] = pre[:, k]
        responses[f"post_{k + 1}"] = LABELS[post[:, k] - 1]
    responses["gain_most"] = rng.choice(["Time to reflect on my cases.", "Practical tools.", ""], forms)
    responses["recommend"] = rng.choice(["yes", "no"], forms, p=[0.9, 0.1])
    pd.DataFrame(responses).to_csv(raw / "responses.csv", index=False)
    who = rng.choice(forms, forms // 4, replace=False)
    followup = {"followup_id": [f"F{i:06d}" for i in range(who.size)], "response_id": np.array(responses["response_id"])[who],
                "course_id": course[who], "months_after": 3}
    for k in range(K):
        followup[f"fu_{k + 1}"] = np.clip(post[who, k] + rng.choice([-1, 0, 0, 0], who.size), 1, 4)
    pd.DataFrame(followup).to_csv(raw / "followup.csv", index=False)
    n_book = int(forms * 1.2)
    status = rng.choice(["attended", "cancelled", "late_cancelled", "no_show"], n_book, p=[0.85, 0.08, 0.04, 0.03])
    booked_course = rng.choice(n_courses, n_book)
    cancelled = np.where(np.isin(status, ["cancelled", "late_cancelled"]),
                         (dates[booked_course] - rng.integers(1, 30, n_book).astype("timedelta64[D]")).astype(str), "")
    pd.DataFrame({"booking_id": [f"B{i:07d}" for i in range(n_book)], "course_id": ids[booked_course],
                  "organisation_tier": rng.choice(["council", "partner"], n_book, p=[0.8, 0.2]), "status": status,
                  "booked_date": (dates[booked_course] - np.timedelta64(60, "D")).astype(str),
                  "cancelled_date": cancelled}).to_csv(raw / "bookings.csv", index=False)
    return root


def _measure(tmp: Path, forms: int, repeats: int) -> tuple[float, float]:
    study_dir = evaluation_study(tmp, forms)
    study = load_study(study_dir)
    build_evaluation_report(study, figures=False)  # warm imports before timing
    t_load = median_time(lambda: load_study(study_dir), repeats)
    t_analysis = median_time(lambda: build_evaluation_report(study, figures=False), repeats)
    return t_load, t_analysis


def main(quick: bool = False) -> None:
    small, big = (1_000, 10_000) if quick else (5_000, 50_000)
    repeats = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        load_small, analysis_small = _measure(tmp, small, repeats)
        load_big, analysis_big = _measure(tmp, big, repeats)
    for n, load, analysis in ((small, load_small, analysis_small), (big, load_big, analysis_big)):
        print(f"{n:,} forms ({n // 100} courses): load_study {load:.2f}s, evaluation analysis {analysis:.2f}s "
              f"({analysis / load:.1f}x loading)")
    print(f"{big:,} vs {small:,} forms: evaluation analysis {analysis_big / analysis_small:.1f}x "
          f"(aim <= 12x), loading {load_big / load_small:.1f}x")
