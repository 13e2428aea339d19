"""Tests for cpdresearch.stats.association against published or hand-computed values."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import association_2x2, binary_association, pairwise_association


def test_agresti_aspirin_odds_ratio():
    """Published: Agresti (2002, Categorical Data Analysis, sec. 3.1.1), Physicians' Health
    Study, MI by placebo/aspirin [[189, 10845], [104, 10933]]: OR 1.832, log OR 0.605,
    ASE 0.123, 95% CI for log OR (0.365, 0.846), for OR (1.44, 2.33)."""
    res = association_2x2([[189, 10845], [104, 10933]]).iloc[0]
    assert res["odds_ratio"] == pytest.approx(1.832, abs=5e-4)
    assert res["log_odds_ratio"] == pytest.approx(0.605, abs=5e-4)
    assert (round(res["ci_low"], 3), round(res["ci_high"], 3)) == (0.365, 0.846)
    assert (round(np.exp(res["ci_low"]), 2), round(np.exp(res["ci_high"]), 2)) == (1.44, 2.33)
    assert not res["haldane"]
    # by hand: phi = (ad - bc) / sqrt(r1 r2 c1 c2); lift = a n / (r1 c1)
    a, b, c, d = 189, 10845, 104, 10933
    n = a + b + c + d
    assert res["phi"] == pytest.approx((a * d - b * c) / np.sqrt((a + b) * (c + d) * (a + c) * (b + d)))
    assert res["lift"] == pytest.approx(a * n / ((a + b) * (a + c)))


def test_fisher_r_documentation():
    """Published: R `?fisher.test`: TeaTasting [[3, 1], [1, 3]] two-sided p = 0.4857;
    Convictions [[2, 15], [10, 3]] (Fleiss 1981), alternative "less": p = 0.0004652."""
    assert association_2x2([[3, 1], [1, 3]]).iloc[0]["p_fisher"] == pytest.approx(0.4857, abs=5e-5)
    less = association_2x2([[2, 15], [10, 3]], alternative="less").iloc[0]
    assert less["p_fisher"] == pytest.approx(0.0004652, abs=5e-8)


def test_haldane_anscombe_for_zero_cells():
    """By hand: [[0, 5], [5, 5]] + 0.5 -> OR = 0.5 * 5.5 / 5.5^2 = 1/11,
    SE = sqrt(1/0.5 + 3/5.5)."""
    res = association_2x2([[0, 5], [5, 5]]).iloc[0]
    assert res["haldane"]
    assert res["odds_ratio"] == pytest.approx(1 / 11)
    se = np.sqrt(2 + 3 / 5.5)
    assert res["ci_high"] - res["log_odds_ratio"] == pytest.approx(1.959964 * se, rel=1e-6)
    assert res["n_both"] == 0 and res["lift"] == 0


def test_chance_co_occurrence_is_not_flagged():
    """Issue 15, finding 9: the top pair by raw count (workload + time, 83 ticked both)
    is what independence predicts (81.3 expected): phi ~0.03, Fisher p ~0.69, an interval
    for the log odds ratio that includes 0."""
    res = association_2x2([[83, 48], [66, 43]]).iloc[0]
    assert res["expected_both"] == pytest.approx(81.3, abs=0.05)
    assert res["phi"] == pytest.approx(0.03, abs=0.005)
    assert res["p_fisher"] == pytest.approx(0.69, abs=0.01)
    assert res["ci_low"] < 0 < res["ci_high"]
    assert res["lift"] == pytest.approx(83 / 81.329, abs=1e-3)


def test_binary_and_pairwise_from_columns():
    df = pd.DataFrame({"a": [True, True, False, False, None], "b": [1, 1, 0, 0, 1], "c": [1, 0, 1, 0, 1]})
    one = binary_association(df, x="a", y="b").iloc[0]
    assert one["n"] == 4 and one["n_both"] == 2 and one["phi"] == pytest.approx(1.0)
    pairs = pairwise_association(df, columns=["a", "b", "c"])
    assert pairs[["x", "y"]].values.tolist() == [["a", "b"], ["a", "c"], ["b", "c"]]
    assert (pairs["p_adj"] >= pairs["p_fisher"]).all()
    assert pairs.loc[0, "haldane"]  # a-b has empty off-diagonal cells
