"""The 70:20:10 mix against published reference values."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps

from cpdresearch.cpd_model import cohens_w, mix_70_20_10, mix_test


def test_goodness_of_fit_matches_mendels_peas():
    # Mendel's dihybrid cross: 315, 108, 101, 32 against 9:3:3:1; chi-square 0.470, df 3, p 0.925
    # (Agresti, Categorical Data Analysis, 3rd ed., section 1.5.4).
    t = mix_test({"a": 315, "b": 108, "c": 101, "d": 32},
                 reference={"a": 9 / 16, "b": 3 / 16, "c": 3 / 16, "d": 1 / 16})
    assert t["statistic"].iloc[0] == pytest.approx(0.470, abs=5e-4)
    assert t["p"].iloc[0] == pytest.approx(0.925, abs=5e-4)
    assert t["df"].iloc[0] == 3
    assert t["cohens_w"].iloc[0] == pytest.approx(np.sqrt(0.470 / 556), abs=1e-3)
    assert t["magnitude"].iloc[0] == "negligible"


def test_goodman_intervals_follow_the_published_formula():
    # Goodman (1965): p_i +- with A = chi2_{1, 1 - alpha/k}: (A + 2n_i -+ sqrt(A (A + 4 n_i (N - n_i) / N))) / (2 (N + A))
    counts = {"experiential": 56, "social": 24, "formal": 20}
    t = mix_test(counts).set_index("category")
    a = sps.chi2.ppf(1 - 0.05 / 3, 1)
    n = 100
    for category, k in counts.items():
        half = np.sqrt(a * (a + 4 * k * (n - k) / n))
        assert t.loc[category, "ci_low"] == pytest.approx((a + 2 * k - half) / (2 * (n + a)), abs=1e-9)
        assert t.loc[category, "ci_high"] == pytest.approx((a + 2 * k + half) / (2 * (n + a)), abs=1e-9)


def test_gap_and_reference():
    t = mix_test({"experiential": 50, "social": 30, "formal": 20}).set_index("category")
    assert t["gap"].round(2).tolist() == [-0.2, 0.1, 0.1]
    assert t["reference"].tolist() == [0.7, 0.2, 0.1]


def test_small_samples_use_a_monte_carlo_p_value():
    t = mix_test({"experiential": 2, "social": 4, "formal": 4})
    assert t["method"].iloc[0] == "Monte Carlo" and 0 < t["p"].iloc[0] < 0.05


def test_courses_on_offer_are_described_not_tested_and_tests_are_holm_adjusted():
    t = mix_70_20_10({"preferred": {"experiential": 60, "social": 25, "formal": 15},
                      "working": {"experiential": 20, "social": 60, "formal": 20},
                      "offered": {"formal": 4}})
    offered = t[t["source"] == "offered"]
    assert offered["p"].isna().all() and offered["ci_low"].isna().all()
    assert offered.set_index("category")["share"].to_dict() == {"experiential": 0, "social": 0, "formal": 1}
    firsts = t.drop_duplicates("source").set_index("source")
    p = sorted(firsts.loc[["preferred", "working"], "p"])
    assert sorted(firsts.loc[["preferred", "working"], "p_adjusted"]) == pytest.approx([2 * p[0], max(2 * p[0], p[1])])


def test_cohens_w():
    assert cohens_w(25.0, 100) == 0.5
