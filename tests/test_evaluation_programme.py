"""Across courses: course effects (MixedLM), PCF domains, take-up by format, course summaries."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.evaluation import course_effects, course_summary, domain_change, format_difference, take_up


def test_course_effects_match_statsmodels_directly():
    import statsmodels.formula.api as smf

    rng = np.random.default_rng(3)
    pre = rng.integers(1, 5, 200).astype(float)
    course = np.repeat(["A", "B", "C", "D"], 50)
    post = np.clip(pre + 0.8 + np.repeat([0.4, 0.0, 0.0, -0.4], 50) + rng.normal(0, 0.5, 200), 1, 4)
    data = pd.DataFrame({"course_id": course, "pre": pre, "post": post})
    effects, terms = course_effects(data)
    fit = smf.mixedlm("post ~ pre", data, groups=data["course_id"]).fit(reml=True)
    blup = {k: float(v.iloc[0]) for k, v in fit.random_effects.items()}
    assert effects.set_index("course_id")["effect"].to_dict() == pytest.approx(blup)
    assert effects.iloc[0]["course_id"] == "A" and effects.iloc[-1]["course_id"] == "D"
    assert terms.set_index("term").loc["pre-course rating", "estimate"] == pytest.approx(fit.fe_params["pre"])
    assert set(effects["compared_with_expected"]) <= {"above", "below", "as expected"}


def test_course_effects_need_three_courses():
    data = pd.DataFrame({"course_id": ["A"] * 5 + ["B"] * 5, "pre": [1.0] * 10, "post": [2.0] * 10})
    effects, terms = course_effects(data)
    assert effects.empty and terms.empty


def test_domain_change_averages_per_delegate_within_domain():
    pairs = pd.DataFrame({"response_id": ["E1", "E1", "E2", "E2"], "course_id": "C1", "objective_no": [1, 2, 1, 2],
                          "pre": [1, 1, 2, 2], "post": [3, 2, 2, 2]})
    objectives = pd.DataFrame({"course_id": "C1", "objective_no": [1, 2], "pcf_domain": [6, 6]})
    out = domain_change(pairs, objectives=objectives)
    # E1: mean change (2 + 1) / 2 = 1.5; E2: 0. Domain mean 0.75; half improved.
    assert out[["pcf_domain", "domain", "n", "mean_change", "pct_improved"]].to_dict("records") == [
        {"pcf_domain": 6, "domain": "Critical reflection and analysis", "n": 2, "mean_change": 0.75,
         "pct_improved": 0.5}]


def test_course_summary_recommend_wilson_and_forms_returned():
    forms = pd.DataFrame({"response_id": [f"E{i}" for i in range(38)], "course_id": "C1",
                          "recommend": pd.array([True] * 19 + [False] * 19, dtype="boolean")})
    pairs = pd.DataFrame({"response_id": ["E0"], "course_id": "C1", "objective_no": [1], "pre": [1], "post": [2]})
    attendance = pd.DataFrame({"course_id": ["C1"], "attended": [40]})
    row = course_summary(forms, pairs=pairs, attendance=attendance).iloc[0]
    assert row["forms_returned_share"] == pytest.approx(38 / 40)
    # Wilson 19/38 (Newcombe 1998): 0.3485 to 0.6515.
    assert (row["recommend_ci_low"], row["recommend_ci_high"]) == pytest.approx((0.3485, 0.6515), abs=1e-4)


def test_take_up_and_format_difference():
    courses = pd.DataFrame({"course_id": ["C1", "C2"], "format": ["classroom", "e_learning"]})
    attendance = pd.DataFrame({"course_id": ["C1", "C2"], "places": [12, 10], "attended": [10, 8]})
    per_form = pd.DataFrame({"course_id": ["C1"] * 6 + ["C2"] * 6, "change": [1.0] * 6 + [0.0, 0.5] * 3})
    out = take_up(courses, attendance=attendance, form_change=per_form).set_index("format")
    assert out.loc["classroom", ["places", "attended", "forms"]].tolist() == [12, 10, 6]
    assert out.loc["e_learning", "completion"] == pytest.approx(6 / 8)
    test = format_difference(per_form, courses=courses, min_group=5)
    assert test["n"].iloc[0] == 12 and test["p"].iloc[0] < 0.01
