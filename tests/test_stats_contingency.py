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
    res = contingency_test(table, method="monte_carlo", n_resamples=9999).iloc[0]
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
    assert contingency_test(table, n_resamples=9999).iloc[0]["p_monte_carlo"] == res["p_monte_carlo"]
    assert res["mc_se"] == pytest.approx(np.sqrt(res["p"] * (1 - res["p"]) / 9999))


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
    res = contingency_test([[3, 1], [1, 3]], n_resamples=9999).iloc[0]
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


def test_cochran_rule_by_hand():
    """Cochran (1954): no expected count below 1, at most 20% below 5."""
    from cpdresearch.stats import cochran_rule
    assert cochran_rule([[12, 12, 16], [18, 18, 24]])
    assert not cochran_rule([[0.9, 6, 6, 6, 6], [6, 6, 6, 6, 6]])      # one below 1
    assert cochran_rule([[4, 4, 6, 6, 6], [6, 6, 6, 6, 6]])            # 2 of 10 below 5 is 20%: holds
    assert not cochran_rule([[4, 4, 4, 6, 6], [6, 6, 6, 6, 6]])        # 3 of 10 below 5


def test_auto_method_uses_the_asymptotic_p_where_cochran_holds():
    """scipy docs table (expected counts 12 to 24): the asymptotic p 0.2494 is reported
    as ``p`` and no resamples are drawn."""
    res = contingency_test([[10, 10, 20], [20, 20, 20]]).iloc[0]
    assert res["cochran_ok"] and res["p_method"] == "asymptotic"
    assert res["p"] == pytest.approx(0.249352, abs=1e-6)
    assert res["n_resamples"] == 0 and np.isnan(res["p_monte_carlo"]) and np.isnan(res["mc_se"])


def test_auto_method_fisher_for_sparse_two_by_two():
    """Published: tea tasting, expected counts 2, so Cochran fails: p = Fisher's 0.4857."""
    res = contingency_test([[3, 1], [1, 3]]).iloc[0]
    assert not res["cochran_ok"] and res["p_method"] == "fisher_exact"
    assert res["p"] == pytest.approx(0.4857, abs=5e-5)


def test_strong_association_reaches_small_adjusted_p_in_a_family_of_45():
    """Issue 15, finding 2: coaching by role (asymptotic p ~1e-9, smallest expected count
    above 5) in a family of 45 tests. The old rule (Monte Carlo with 1999 resamples for
    every test) floors the Holm-adjusted p at 45/2000 = 0.0225; with the asymptotic p
    where Cochran's rule holds the adjusted p falls below 0.001."""
    from cpdresearch.stats import adjust_p
    table = [[30, 10], [12, 28], [9, 31], [25, 8]]
    others = np.linspace(0.05, 0.95, 44)  # the rest of the family, null-ish
    old = contingency_test(table, n_resamples=1999, method="monte_carlo").iloc[0]
    assert old["p"] == pytest.approx(1 / 2000)
    assert adjust_p(np.r_[old["p"], others])[0] == pytest.approx(45 / 2000)
    new = contingency_test(table, family_size=45).iloc[0]
    assert new["p_method"] == "asymptotic" and new["min_expected"] > 5
    assert new["p"] == pytest.approx(sps.chi2_contingency(table, correction=False).pvalue)
    assert adjust_p(np.r_[new["p"], others])[0] < 0.001


def test_monte_carlo_resamples_scale_with_the_family():
    """Where Cochran fails in a larger table, B >= 20 m / alpha (18000 for m = 45), so the
    smallest Holm-adjusted p, m / (B + 1), is at most alpha / 20; the Monte Carlo SE is
    sqrt(p (1 - p) / B) (binomial, by hand)."""
    from cpdresearch.stats import monte_carlo_resamples
    table = [[6, 0, 0], [0, 6, 0], [0, 0, 6]]  # expected 2 everywhere: Cochran fails
    res = contingency_test(table, family_size=45, alpha=0.05).iloc[0]
    assert res["p_method"] == "monte_carlo" and res["n_resamples"] == 18000
    assert 45 / (res["n_resamples"] + 1) <= 0.05 / 20
    assert res["p"] == res["p_monte_carlo"] == pytest.approx(1 / 18001)  # nothing as extreme
    assert res["mc_se"] == pytest.approx(np.sqrt(res["p"] * (1 - res["p"]) / 18000))
    assert monte_carlo_resamples(family_size=100, alpha=0.05) == 40000
    assert contingency_test(table, family_size=45).iloc[0]["p"] == res["p"]  # seeded
    with pytest.raises(ValueError):
        contingency_test(table, method="exact")
