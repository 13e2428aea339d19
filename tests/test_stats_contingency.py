"""Tests for cpdresearch.stats.contingency against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations


from itertools import product
from math import comb

import numpy as np
import pytest
from scipy import stats as sps

from cpdresearch.stats import (
    contingency_test,
)


def test_contingency_scipy_docs_and_exact_conditional_p():
    """Published: scipy.stats.chi2_contingency docs, [[10, 10, 20], [20, 20, 20]]:
    chi2 = 2.7778, dof 2, p = 0.2494. The Monte Carlo p is checked against the exact
    conditional p (enumerating every table with these margins), 0.2770."""
    table = np.array([[10, 10, 20], [20, 20, 20]])
    res = contingency_test(table).iloc[0]
    assert res["chi2"] == pytest.approx(2.777778, abs=1e-6) and res["dof"] == 2
    assert res["p_asymptotic"] == pytest.approx(0.249352, abs=1e-6)
    assert res["cramers_v"] == pytest.approx(np.sqrt(2.777778 / 100), abs=1e-6)
    assert res["min_expected"] == 12 and res["n"] == 100 and np.isnan(res["p_fisher"])

    expected = sps.contingency.expected_freq(table)
    exact = 0
    for a, b in product(range(31), range(31)):
        c = 40 - a - b
        if 0 <= c <= 40:
            t = np.array([[a, b, c], [30 - a, 30 - b, 40 - c]])
            if ((t - expected) ** 2 / expected).sum() >= res["chi2"] * (1 - 1e-9):
                exact += comb(30, a) * comb(30, b) * comb(40, c)
    exact /= comb(100, 40)
    assert exact == pytest.approx(0.2770, abs=5e-5)
    se = np.sqrt(exact * (1 - exact) / 9999)
    assert abs(res["p_monte_carlo"] - exact) < 4 * se
    # reproducible with the same seed
    assert contingency_test(table).iloc[0]["p_monte_carlo"] == res["p_monte_carlo"]


def test_contingency_agresti_party_identification():
    """Published: R's `?chisq.test` example (Agresti 2007, p. 39), party identification by
    gender: X-squared = 30.07, df = 2, p-value = 2.954e-07."""
    res = contingency_test([[762, 327, 468], [484, 239, 477]], n_resamples=999).iloc[0]
    assert res["chi2"] == pytest.approx(30.07, abs=5e-3) and res["dof"] == 2
    assert res["p_asymptotic"] == pytest.approx(2.954e-07, rel=1e-3)
    assert res["p_monte_carlo"] == pytest.approx(1 / 1000)  # no simulated table as extreme


def test_contingency_fisher_tea_tasting():
    """Published: Fisher's lady tasting tea, [[3, 1], [1, 3]]: two-sided exact p = 0.4857
    (= 34/70). The chi-squared Monte Carlo p estimates the same 34/70 here; Cramer's V
    by hand: chi2 = 4 * (1^2 / 2) = 2, V = sqrt(2 / 8) = 0.5."""
    res = contingency_test([[3, 1], [1, 3]]).iloc[0]
    assert res["p_fisher"] == pytest.approx(0.4857, abs=5e-5)
    assert res["chi2"] == pytest.approx(2.0) and res["cramers_v"] == pytest.approx(0.5)
    assert abs(res["p_monte_carlo"] - 34 / 70) < 4 * np.sqrt(0.25 / 9999)
    assert res["min_expected"] == 2


def test_contingency_zero_margins_and_degenerate():
    with_empty = contingency_test([[10, 0, 20], [20, 0, 20]], n_resamples=0).iloc[0]
    assert with_empty["dof"] == 1 and np.isnan(with_empty["p_monte_carlo"])
    one_row = contingency_test([[5, 6, 7], [0, 0, 0]]).iloc[0]
    assert np.isnan(one_row["chi2"]) and one_row["n"] == 18
    with pytest.raises(ValueError):
        contingency_test([[1.5, 2], [3, 4]])
