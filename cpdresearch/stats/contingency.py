"""Association between two categorical answers: chi-squared test of an r x c table.

The p-value used (column ``p``) is the asymptotic chi-squared p where Cochran's (1954)
rule says the approximation holds, and an exact-conditional one where it fails:
Fisher's exact test for a 2 x 2 table, a Monte Carlo p otherwise, with enough resamples
that the smallest reachable p is well below the family's adjusted threshold.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

__all__ = ["contingency_test", "cochran_rule", "monte_carlo_resamples", "CONTINGENCY_METHODS"]

#: Accepted values of ``method`` in :func:`contingency_test`.
CONTINGENCY_METHODS = ("auto", "asymptotic", "monte_carlo")

_CHUNK = 10_000  # random tables drawn at a time (bounds memory for large B)


def cochran_rule(expected) -> bool:
    """Whether Cochran's (1954) rule holds for a table of expected counts.

    The chi-squared approximation is adequate when no expected count is below 1 and at
    most 20% of the cells have an expected count below 5.

    Examples
    --------
    >>> cochran_rule([[12, 12, 16], [18, 18, 24]])
    True
    >>> cochran_rule([[0.8, 6], [6, 6]])
    False
    >>> cochran_rule([[4, 6, 6, 6], [6, 6, 6, 6]])  # 1 cell of 8 below 5
    True
    """
    e = np.asarray(expected, dtype=float)
    return bool(e.min() >= 1 and np.mean(e < 5) <= 0.2)


def monte_carlo_resamples(*, family_size: int = 1, alpha: float = 0.05, minimum: int = 9999) -> int:
    """Resamples B for a Monte Carlo p-value that a family of tests can use.

    The smallest Monte Carlo p is ``1 / (B + 1)``; after Holm or Bonferroni across ``m``
    tests the smallest adjusted p is ``m / (B + 1)``. Asking ``B >= 20 m / alpha`` keeps
    that floor at or below ``alpha / 20`` (0.0025 at alpha 0.05), so the floor never
    decides a finding. With 1999 resamples and 45 tests the floor was 0.0225.

    Parameters
    ----------
    family_size : int
        Number of tests ``m`` adjusted together.
    alpha : float
        Family-wise significance level.
    minimum : int
        Never fewer resamples than this.

    Examples
    --------
    >>> monte_carlo_resamples(family_size=45, alpha=0.05)
    18000
    >>> monte_carlo_resamples()
    9999
    """
    if family_size < 1 or not 0 < alpha < 1:
        raise ValueError("family_size must be at least 1 and alpha between 0 and 1")
    return int(max(minimum, math.ceil(20 * family_size / alpha)))


def contingency_test(table, *, n_resamples="auto", random_state=0, correction: bool = False,
                     method: str = "auto", family_size: int = 1, alpha: float = 0.05) -> pd.DataFrame:
    """Chi-squared test of independence: asymptotic p where valid, else exact-conditional.

    Parameters
    ----------
    table : array-like or pandas.DataFrame
        r x c table of counts (e.g. ``pd.crosstab(team, answer)``). Rows and columns
        whose total is zero are dropped first (they carry no information).
    n_resamples : int or "auto"
        Random tables for the Monte Carlo p-value. ``"auto"`` (default) draws
        :func:`monte_carlo_resamples` ``(family_size=, alpha=)`` tables, and only when
        ``method`` needs them. An integer always computes ``p_monte_carlo`` with that
        many (0 skips it), as before.
    random_state : int or numpy.random.Generator
        Seed, so a report gives the same p-value each run.
    correction : bool
        Yates' continuity correction for 2 x 2 tables (off by default, as in the Monte
        Carlo reference distribution).
    method : {"auto", "asymptotic", "monte_carlo"}
        Which p-value is reported as ``p``. ``"auto"``: the asymptotic p when Cochran's
        rule holds (:func:`cochran_rule`), else Fisher's exact p for a 2 x 2 table and
        the Monte Carlo p for larger tables. ``"monte_carlo"``: always Monte Carlo (the
        old behaviour of this module).
    family_size : int
        Number of tests that will be adjusted together with this one (``m``), for
        ``n_resamples="auto"``.
    alpha : float
        Family-wise significance level, for ``n_resamples="auto"``.

    Returns
    -------
    pandas.DataFrame
        One row: ``chi2, dof, p_asymptotic, p_monte_carlo, p_fisher, cramers_v,
        min_expected, n, cochran_ok, p, p_method, n_resamples, mc_se``.
        ``chi2``, ``dof`` and ``p_asymptotic`` from ``scipy.stats.chi2_contingency``.
        ``p_monte_carlo = (1 + #{X2* >= X2}) / (B + 1)`` over ``B`` tables drawn from
        ``scipy.stats.random_table`` with the observed margins (R's ``chisq.test(
        simulate.p.value = TRUE)``); NaN when not computed. ``mc_se =
        sqrt(p_mc (1 - p_mc) / B)``, its Monte Carlo standard error. ``p_fisher`` is
        Fisher's exact two-sided p for 2 x 2 tables, NaN otherwise. ``cramers_v =
        sqrt(chi2 / (n (min(r, c) - 1)))``. ``p`` is the p-value to adjust and report;
        ``p_method`` says which it is (``asymptotic``, ``fisher_exact``,
        ``monte_carlo``).

    Examples
    --------
    >>> res = contingency_test([[10, 10, 20], [20, 20, 20]])
    >>> res[["chi2", "dof", "p_asymptotic", "cramers_v", "min_expected", "n"]].round(4)
         chi2  dof  p_asymptotic  cramers_v  min_expected    n
    0  2.7778    2        0.2494     0.1667          12.0  100
    >>> res.loc[0, "p_method"], bool(res.loc[0, "cochran_ok"])
    ('asymptotic', True)
    >>> sparse = contingency_test([[3, 0, 1], [0, 4, 1], [1, 0, 3]], family_size=45)
    >>> sparse.loc[0, "p_method"], int(sparse.loc[0, "n_resamples"])
    ('monte_carlo', 18000)
    """
    if method not in CONTINGENCY_METHODS:
        raise ValueError(f"method must be one of {', '.join(CONTINGENCY_METHODS)}, not {method!r}")
    if not (n_resamples == "auto" or (isinstance(n_resamples, (int, np.integer)) and n_resamples >= 0)):
        raise ValueError(f"n_resamples must be 'auto' or a whole number >= 0, not {n_resamples!r}")
    counts = np.asarray(table, dtype=float)
    if counts.ndim != 2:
        raise ValueError("table must be two-dimensional")
    if np.any(counts < 0) or np.any(np.isnan(counts)) or np.any(counts != np.round(counts)):
        raise ValueError("table must hold non-negative whole counts")
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    n = int(counts.sum())
    row = {"chi2": np.nan, "dof": np.nan, "p_asymptotic": np.nan, "p_monte_carlo": np.nan,
           "p_fisher": np.nan, "cramers_v": np.nan, "min_expected": np.nan, "n": n,
           "cochran_ok": False, "p": np.nan, "p_method": None, "n_resamples": 0, "mc_se": np.nan}
    if min(counts.shape) < 2:
        return pd.DataFrame([row])  # one row or column with data: nothing to associate

    res = stats.chi2_contingency(counts, correction=correction)
    chi2, expected = float(res.statistic), res.expected_freq
    row.update(chi2=chi2, dof=int(res.dof), p_asymptotic=float(res.pvalue),
               cramers_v=float(np.sqrt(chi2 / (n * (min(counts.shape) - 1)))),
               min_expected=float(expected.min()), cochran_ok=cochran_rule(expected))
    if counts.shape == (2, 2):
        row["p_fisher"] = float(stats.fisher_exact(counts.astype(int)).pvalue)

    if method == "asymptotic" or (method == "auto" and row["cochran_ok"]):
        row.update(p=row["p_asymptotic"], p_method="asymptotic")
    elif method == "auto" and counts.shape == (2, 2):
        row.update(p=row["p_fisher"], p_method="fisher_exact")
    else:
        row["p_method"] = "monte_carlo"

    if n_resamples == "auto":
        B = monte_carlo_resamples(family_size=family_size, alpha=alpha) if row["p_method"] == "monte_carlo" else 0
    else:
        B = int(n_resamples)
        if row["p_method"] == "monte_carlo" and B == 0:
            raise ValueError("the Monte Carlo p-value needs n_resamples > 0")
    if B > 0:
        dist = stats.random_table(counts.sum(axis=1), counts.sum(axis=0), seed=random_state)
        # R's tolerance, so floating-point ties with the observed statistic count as >=
        threshold = chi2 * (1 - 64 * np.finfo(float).eps)
        hits, left = 0, B
        while left > 0:
            size = min(left, _CHUNK)
            tables = dist.rvs(size)
            hits += int(np.sum(((tables - expected) ** 2 / expected).sum(axis=(1, 2)) >= threshold))
            left -= size
        p_mc = (1 + hits) / (B + 1)
        row.update(p_monte_carlo=float(p_mc), n_resamples=B, mc_se=float(np.sqrt(p_mc * (1 - p_mc) / B)))
        if row["p_method"] == "monte_carlo":
            row["p"] = row["p_monte_carlo"]
    return pd.DataFrame([row])
