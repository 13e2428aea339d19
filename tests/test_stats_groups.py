"""Tests for cpdresearch.stats.groups against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations



import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import (
    kruskal_wallis,
    mann_whitney, pairwise_mann_whitney,
)


# R datasets::airquality (public domain): Ozone by Month, NA as in the data.
AIRQUALITY_OZONE = {
    5: [41, 36, 12, 18, None, 28, 23, 19, 8, None, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32,
        None, None, None, 23, 45, 115, 37],
    6: [None, None, None, None, None, None, 29, None, 71, 39, None, None, 23, None, None, 21, 37, 20, 12,
        13, None, None, None, None, None, None, None, None, None, None],
    7: [135, 49, 32, None, 64, 40, 77, 97, 97, 85, None, 10, 27, None, 7, 48, 35, 61, 79, 63, 16, None,
        None, 80, 108, 20, 52, 82, 50, 64, 59],
    8: [39, 9, 16, 78, 35, 66, 122, 89, 110, None, None, 44, 28, 65, None, 22, 59, 23, 31, 44, 21, 9,
        None, 45, 168, 73, None, 76, 118, 84, 85],
    9: [96, 78, 73, 91, 47, 32, 20, 23, 21, 24, 44, 21, 28, 9, 13, 46, 18, 13, 24, 16, 13, 23, 36, 7, 14,
        30, None, 14, 18, 20],
}


def _long(groups: dict) -> pd.DataFrame:
    return pd.DataFrame([{"g": g, "v": np.nan if v is None else v} for g, vs in groups.items() for v in vs])


def test_kruskal_wallis_airquality_published():
    """Published: R `kruskal.test(Ozone ~ Month, data = airquality)`:
    Kruskal-Wallis chi-squared = 29.267, df = 4, p-value = 6.901e-06 (37 NA dropped)."""
    res = kruskal_wallis(_long(AIRQUALITY_OZONE), dv="v", between="g").iloc[0]
    assert res["n"] == 116 and res["k"] == 5 and res["df"] == 4
    assert res["H"] == pytest.approx(29.267, abs=5e-4)
    assert res["p"] == pytest.approx(6.901e-06, rel=1e-3)
    assert res["epsilon_sq"] == pytest.approx(res["H"] / ((116**2 - 1) / 117))
    assert res["epsilon_sq_adj"] == pytest.approx((29.267 - 4) / (116 - 5), abs=1e-5)  # by hand


def test_kruskal_wallis_hollander_wolfe():
    """Published: R `?kruskal.test` example (Hollander & Wolfe 1973, p. 116):
    chi-squared = 0.77143, df = 2, p-value = 0.68. epsilon-squared by hand:
    0.771429 / ((14^2 - 1) / 15) = 0.059341."""
    data = _long({"normal": [2.9, 3.0, 2.5, 2.6, 3.2], "obstructive": [3.8, 2.7, 4.0, 2.4],
                  "asbestosis": [2.8, 3.4, 3.7, 2.2, 2.0]})
    res = kruskal_wallis(data, dv="v", between="g").iloc[0]
    assert list(kruskal_wallis(data, dv="v", between="g").columns) == [
        "dv", "between", "n", "k", "H", "df", "p", "epsilon_sq", "epsilon_sq_adj"]
    assert res["epsilon_sq_adj"] == 0.0  # H = 0.77 is below its null expectation k - 1 = 2
    assert res["H"] == pytest.approx(0.77143, abs=5e-6)
    assert round(res["p"], 2) == 0.68
    assert res["epsilon_sq"] == pytest.approx(0.771429 / 13, abs=1e-6)


def test_kruskal_wallis_degenerate_groups():
    """Empty categorical levels are ignored; one group gives NaN statistics, not an error."""
    data = pd.DataFrame({"v": [1, 2, 3, np.nan], "g": pd.Categorical(["a", "a", "a", "b"], categories=["a", "b", "c"])})
    res = kruskal_wallis(data, dv="v", between="g").iloc[0]
    assert res["k"] == 1 and res["n"] == 3
    assert np.isnan(res["H"]) and np.isnan(res["p"]) and np.isnan(res["epsilon_sq"])


def test_mann_whitney_published(pg):
    """Published: R `?wilcox.test` example (Hollander & Wolfe 1973, p. 69): W = 35,
    one-sided p = 0.1272, so the exact two-sided p is 0.2544; rank-biserial by hand:
    2 * 35 / 50 - 1 = 0.4; cross-checked with pingouin.mwu."""
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    data = _long({"x": x, "y": y})
    res = mann_whitney(data, dv="v", between="g").iloc[0]
    assert (res["A"], res["B"], res["n_A"], res["n_B"]) == ("x", "y", 10, 5)
    assert res["U"] == 35
    assert res["p"] == pytest.approx(2 * 0.1272, abs=1e-4)
    assert res["rank_biserial"] == pytest.approx(0.4)
    ref = pg.mwu(x, y)
    assert res["p"] == pytest.approx(ref["p_val"].iloc[0])
    assert res["rank_biserial"] == pytest.approx(ref["RBC"].iloc[0])
    # naming the groups the other way round flips the sign
    flipped = mann_whitney(data, dv="v", between="g", groups=("y", "x")).iloc[0]
    assert flipped["rank_biserial"] == pytest.approx(-0.4) and flipped["U"] == 15


def test_mann_whitney_needs_two_groups():
    data = _long({"a": [1, 2], "b": [3, 4], "c": [5, 6]})
    with pytest.raises(ValueError):
        mann_whitney(data, dv="v", between="g")
    res = mann_whitney(data, dv="v", between="g", groups=("a", "z")).iloc[0]
    assert res["n_B"] == 0 and np.isnan(res["p"])


def test_pairwise_mann_whitney_matches_pingouin(pg):
    """Other implementation: pingouin.pairwise_tests(parametric=False, padjust="holm") on
    its bundled pain-threshold data (McClave & Dietrich 1991)."""
    data = pg.read_dataset("anova")
    ours = pairwise_mann_whitney(data, dv="Pain threshold", between="Hair color")
    ref = pg.pairwise_tests(data=data, dv="Pain threshold", between="Hair color",
                            parametric=False, padjust="holm")
    assert list(ours.columns) == ["A", "B", "n_A", "n_B", "U", "p", "p_adj", "rank_biserial",
                                  "rb_ci_low", "rb_ci_high"]
    merged = ours.merge(ref, on=["A", "B"])
    assert len(merged) == len(ours) == 6
    assert merged["U"].to_numpy() == pytest.approx(merged["U_val"].to_numpy())
    assert merged["p"].to_numpy() == pytest.approx(merged["p_unc"].to_numpy())
    assert merged["p_adj"].to_numpy() == pytest.approx(merged["p_corr"].to_numpy())
    for _, row in ours.iterrows():
        x = data.loc[data["Hair color"] == row["A"], "Pain threshold"]
        y = data.loc[data["Hair color"] == row["B"], "Pain threshold"]
        assert row["rank_biserial"] == pytest.approx(pg.mwu(x, y)["RBC"].iloc[0])


def test_rank_biserial_ci_by_hand():
    """By hand: r = 0.4 with n 10 and 5 (R's ?wilcox.test example): SE of r under H0 is
    sqrt((10 + 5 + 1) / (3 * 10 * 5)) = 0.326599 (from Var(U) = n1 n2 (n1 + n2 + 1) / 12);
    Fisher z interval tanh(atanh(0.4) -/+ 1.959964 * SE) = (-0.2132, 0.7871)."""
    from cpdresearch.stats import rank_biserial_ci
    se = np.sqrt(16 / 150)
    assert se == pytest.approx(0.326599, abs=1e-6)
    expected = (np.tanh(np.arctanh(0.4) - 1.959964 * se), np.tanh(np.arctanh(0.4) + 1.959964 * se))
    assert rank_biserial_ci(0.4, 10, 5) == pytest.approx(expected, abs=1e-6)
    assert (round(expected[0], 4), round(expected[1], 4)) == (-0.2132, 0.7871)
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    res = mann_whitney(_long({"x": x, "y": y}), dv="v", between="g").iloc[0]
    assert (res["rb_ci_low"], res["rb_ci_high"]) == pytest.approx(expected, abs=1e-6)
    low, high = rank_biserial_ci(1.0, 4, 4)  # near end from r = 1 - 1/16, by hand
    assert high == 1.0 and low == pytest.approx(np.tanh(np.arctanh(15 / 16) - 1.959964 * np.sqrt(9 / 48)), abs=1e-6)
    assert rank_biserial_ci(-1.0, 4, 4)[0] == -1.0
