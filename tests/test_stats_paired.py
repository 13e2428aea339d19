"""cpdresearch.stats.paired_wilcoxon against published and hand-worked reference values."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import WILCOXON_METHODS, paired_wilcoxon

# scipy.stats.wilcoxon's documented example (Cheng's differences in height of paired plants).
CHENG = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]


def test_scipy_documented_example():
    res = paired_wilcoxon(np.zeros(15), CHENG)
    assert res.statistic == 24
    assert res.p_value == pytest.approx(0.0413, abs=5e-5)  # scipy docs: 0.041259765625
    assert res.method == "exact"
    # Kerby (2014): (R+ - R-) / (R+ + R-) = (96 - 24) / 120
    assert (res.r_plus, res.r_minus) == (96, 24)
    assert res.rank_biserial == pytest.approx(0.6)
    assert (res.n_pairs, res.n_zero, res.n) == (15, 0, 15)


def test_sign_follows_post_minus_pre():
    res = paired_wilcoxon(CHENG, np.zeros(15))
    assert res.rank_biserial == pytest.approx(-0.6)
    assert res.p_value == pytest.approx(0.041259765625)


def test_r_wilcox_test_paired_example():
    # R ?wilcox.test, Hollander & Wolfe (1973) p. 29: depression scale before (y) and after (x).
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    res = paired_wilcoxon(y, x, alternative="greater")
    assert res.r_plus == 40  # R: V = 40
    assert res.p_value == pytest.approx(0.01953, abs=5e-6)  # R: p-value = 0.01953
    two = paired_wilcoxon(y, x)
    assert two.p_value == pytest.approx(2 * 0.01953125)
    assert two.rank_biserial == pytest.approx(35 / 45)


def _hand_normal_p(r_minus, n, tie_sizes):
    """Two-sided normal-approximation p by the textbook formula, no continuity correction."""
    mean = n * (n + 1) / 4
    var = n * (n + 1) * (2 * n + 1) / 24 - sum(t ** 3 - t for t in tie_sizes) / 48
    z = (r_minus - mean) / math.sqrt(var)
    return math.erfc(abs(z) / math.sqrt(2))


def test_ties_use_the_tie_corrected_normal_approximation():
    # |d| = 1 twelve times (average rank 6.5), |d| = 2 three times (rank 14): R- = 2 * 6.5 = 13.
    d = [1] * 10 + [-1] * 2 + [2] * 3
    res = paired_wilcoxon(np.zeros(len(d)), d)
    assert res.method == "normal"
    assert (res.r_plus, res.r_minus) == (107, 13)
    assert res.p_value == pytest.approx(_hand_normal_p(13, 15, [12, 3]), rel=1e-9)
    assert res.rank_biserial == pytest.approx((107 - 13) / 120)


def test_zero_differences_are_dropped_and_counted():
    d = [1] * 10 + [-1] * 2 + [2] * 3 + [0] * 3
    res = paired_wilcoxon(np.zeros(len(d)), d)
    assert (res.n_pairs, res.n_zero, res.n) == (18, 3, 15)
    assert res.p_value == pytest.approx(_hand_normal_p(13, 15, [12, 3]), rel=1e-9)


def test_small_samples_with_ties_enumerate_every_sign_flip():
    # 5 pairs, all improved, ties: every one of the 2**5 sign patterns is equally likely,
    # and only "all +" and "all -" are as extreme: p = 2 / 32.
    res = paired_wilcoxon([1, 1, 2, 2, 3], [2, 2, 3, 4, 4])
    assert res.method == "exact_permutation"
    assert res.p_value == pytest.approx(2 / 32)
    assert res.rank_biserial == 1.0


def test_missing_values_and_ordered_categoricals():
    levels = ["Not sure", "Some knowledge", "Knowledgeable", "Confident"]
    pre = pd.Categorical(["Not sure", None, "Some knowledge", "Knowledgeable"], categories=levels, ordered=True)
    post = pd.Categorical(["Knowledgeable", "Confident", None, "Confident"], categories=levels, ordered=True)
    res = paired_wilcoxon(pre, post)
    assert res.n_pairs == 2 and res.r_plus == 3 and res.r_minus == 0


def test_no_change_is_not_tested():
    res = paired_wilcoxon([2, 3, 3], [2, 3, 3])
    assert res.method == "not_tested" and math.isnan(res.p_value) and res.rank_biserial == 0
    assert set(WILCOXON_METHODS) >= {res.method, "exact", "normal", "exact_permutation"}


def test_lengths_must_match():
    with pytest.raises(ValueError, match="same length"):
        paired_wilcoxon([1, 2], [1])


def test_small_tied_samples_match_scipy_auto():
    # The permutation branch is scipy's own choice, vectorised: same p-values as scipy's auto.
    from scipy import stats

    rng = np.random.default_rng(7)
    for n in (4, 7, 10, 13):
        pre = rng.integers(1, 5, n)
        post = np.clip(pre + rng.integers(-1, 3, n), 1, 4)
        res = paired_wilcoxon(pre, post)
        if res.method == "not_tested":
            continue
        ref = stats.wilcoxon(post - pre)
        assert res.method == "exact_permutation"
        assert res.p_value == pytest.approx(ref.pvalue) and res.statistic == pytest.approx(ref.statistic)
