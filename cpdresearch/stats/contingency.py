"""Association between two categorical answers: chi-squared test of an r x c table."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["contingency_test"]


def contingency_test(table, *, n_resamples: int = 9999, random_state=0, correction: bool = False) -> pd.DataFrame:
    """Chi-squared test of independence with a Monte Carlo p-value and Cramer's V.

    Parameters
    ----------
    table : array-like or pandas.DataFrame
        r x c table of counts (e.g. ``pd.crosstab(team, answer)``). Rows and columns
        whose total is zero are dropped first (they carry no information).
    n_resamples : int
        Random tables for the Monte Carlo p-value; 0 skips it.
    random_state : int or numpy.random.Generator
        Seed, so a report gives the same p-value each run.
    correction : bool
        Yates' continuity correction for 2 x 2 tables (off by default, as in the Monte
        Carlo reference distribution).

    Returns
    -------
    pandas.DataFrame
        One row: ``chi2, dof, p_asymptotic, p_monte_carlo, p_fisher, cramers_v,
        min_expected, n``. ``chi2``, ``dof`` and ``p_asymptotic`` from
        ``scipy.stats.chi2_contingency``. ``p_monte_carlo = (1 + #{X2* >= X2}) / (B + 1)``
        over ``B`` tables drawn from ``scipy.stats.random_table`` with the observed
        margins: the exact-conditional test of R's ``chisq.test(simulate.p.value =
        TRUE)``, valid when expected counts are small (see ``min_expected``).
        ``p_fisher`` is Fisher's exact two-sided p for 2 x 2 tables, NaN otherwise.
        ``cramers_v = sqrt(chi2 / (n (min(r, c) - 1)))``.

    Examples
    --------
    >>> res = contingency_test([[10, 10, 20], [20, 20, 20]])
    >>> res[["chi2", "dof", "p_asymptotic", "cramers_v", "min_expected", "n"]].round(4)
         chi2  dof  p_asymptotic  cramers_v  min_expected    n
    0  2.7778    2        0.2494     0.1667          12.0  100
    >>> round(float(res.loc[0, "p_monte_carlo"]), 2)  # exact conditional p is 0.2770
    0.28
    """
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2:
        raise ValueError("table must be two-dimensional")
    if np.any(counts < 0) or np.any(np.isnan(counts)) or np.any(counts != np.round(counts)):
        raise ValueError("table must hold non-negative whole counts")
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    n = int(counts.sum())
    row = {"chi2": np.nan, "dof": np.nan, "p_asymptotic": np.nan, "p_monte_carlo": np.nan,
           "p_fisher": np.nan, "cramers_v": np.nan, "min_expected": np.nan, "n": n}
    if min(counts.shape) < 2:
        return pd.DataFrame([row])  # one row or column with data: nothing to associate

    res = stats.chi2_contingency(counts, correction=correction)
    chi2, expected = float(res.statistic), res.expected_freq
    row.update(chi2=chi2, dof=int(res.dof), p_asymptotic=float(res.pvalue),
               cramers_v=float(np.sqrt(chi2 / (n * (min(counts.shape) - 1)))),
               min_expected=float(expected.min()))
    if n_resamples > 0:
        tables = stats.random_table(counts.sum(axis=1), counts.sum(axis=0), seed=random_state).rvs(n_resamples)
        simulated = ((tables - expected) ** 2 / expected).sum(axis=(1, 2))
        # R's tolerance, so floating-point ties with the observed statistic count as >=
        row["p_monte_carlo"] = float((1 + np.sum(simulated >= chi2 * (1 - 64 * np.finfo(float).eps)))
                                     / (n_resamples + 1))
    if counts.shape == (2, 2):
        row["p_fisher"] = float(stats.fisher_exact(counts.astype(int)).pvalue)
    return pd.DataFrame([row])
