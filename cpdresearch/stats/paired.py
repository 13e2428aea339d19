"""Paired (before/after) comparisons: the Wilcoxon signed-rank test with its effect size.

A delegate rates the same objective before and after a course: the two ratings are a
pair, and the question is whether ratings after tend to be higher. The Wilcoxon
signed-rank test (``scipy.stats.wilcoxon``) ranks the absolute differences; the
matched-pairs rank-biserial correlation (Kerby 2014) is its effect size.

Examples
--------
>>> d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]
>>> res = paired_wilcoxon([0] * 15, d)
>>> res.statistic, round(res.p_value, 4), res.rank_biserial, res.method
(24.0, 0.0413, 0.6, 'exact')
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ._scores import as_scores

__all__ = ["PairedWilcoxon", "paired_wilcoxon", "WILCOXON_METHODS"]

#: The ways :func:`paired_wilcoxon` computes its p-value, in words for reports.
WILCOXON_METHODS = {
    "exact": "exact null distribution (no ties, no zero differences)",
    "exact_permutation": "exact, by enumerating every sign permutation (ties or zero differences, 13 pairs or fewer)",
    "normal": "normal approximation with tie and zero corrections",
    "not_tested": "not tested: no pair changed",
}


@dataclass(frozen=True)
class PairedWilcoxon:
    """Result of :func:`paired_wilcoxon`.

    Attributes
    ----------
    n_pairs : int
        Pairs with both values present.
    n_zero : int
        Pairs whose difference is zero (dropped from the ranking: Wilcoxon's method).
    n : int
        Pairs used in the test: ``n_pairs - n_zero``.
    statistic : float
        ``min(R+, R-)``, the smaller sum of signed ranks, as scipy reports it for a
        two-sided test (NaN when not tested).
    r_plus, r_minus : float
        Rank sums of the pairs where ``post`` is higher (``R+``) and lower (``R-``).
    p_value : float
        Two-sided p-value (NaN when not tested).
    method : str
        A key of :data:`WILCOXON_METHODS`: how the p-value was computed.
    rank_biserial : float
        Matched-pairs rank-biserial correlation ``(R+ - R-) / (R+ + R-)`` (Kerby 2014),
        from -1 to 1, positive when ``post`` tends to be higher.

    Examples
    --------
    >>> res = paired_wilcoxon([1, 2, 2, 3, 1, 2], [3, 3, 4, 4, 2, 4])
    >>> res.n, res.r_minus, res.rank_biserial
    (6, 0.0, 1.0)
    """

    n_pairs: int
    n_zero: int
    n: int
    statistic: float
    r_plus: float
    r_minus: float
    p_value: float
    method: str
    rank_biserial: float

    def as_dict(self) -> dict:
        """The result as a plain dict (one row of a tidy table)."""
        return asdict(self)


def _scipy_method(n_pairs: int, has_ties: bool, n_zero: int):
    """The method scipy's ``method="auto"`` picks (scipy 1.17), named and made explicit.

    More than 50 pairs: normal approximation. Otherwise exact without ties or zeros;
    with them, an exact permutation distribution up to 13 pairs (2**13 sign flips, fewer
    than scipy's 9999 resamples, so the enumeration is complete and deterministic), else
    the normal approximation.
    """
    if n_pairs > 50:
        return "normal", "asymptotic"
    if not has_ties and n_zero == 0:
        return "exact", "exact"
    if n_pairs <= 13:
        return "exact_permutation", "permutation"
    return "normal", "asymptotic"


def paired_wilcoxon(pre, post, *, alternative: str = "two-sided") -> PairedWilcoxon:
    """Wilcoxon signed-rank test of ``post - pre``, with the matched-pairs rank-biserial.

    Parameters
    ----------
    pre, post : array-like
        Paired values (numbers, or ordered categoricals scored 1, 2, ... by their
        position). Pairs with either value missing are dropped.
    alternative : {"two-sided", "greater", "less"}
        ``"greater"`` tests whether ``post`` tends to be higher.

    Returns
    -------
    PairedWilcoxon
        ``n_pairs, n_zero, n, statistic, r_plus, r_minus, p_value, method,
        rank_biserial``.

    Notes
    -----
    ``scipy.stats.wilcoxon`` with ``zero_method="wilcox"`` (zero differences dropped
    before ranking, as Wilcoxon proposed; ``n_zero`` says how many) and no continuity
    correction, its defaults. The method is chosen as scipy's ``method="auto"`` does and
    passed explicitly, so the one stated is the one used: exact for up to 50 pairs
    without ties or zeros, an exact sign-permutation distribution for up to 13 pairs
    with ties or zeros, the normal approximation (with scipy's tie and zero
    corrections) otherwise. With no non-zero difference nothing is tested: statistic
    and p-value are NaN and the rank-biserial is 0.

    The matched-pairs rank-biserial (Kerby 2014, *Comprehensive Psychology* 3:11.IT.3.1)
    is the share of the rank sum favouring ``post`` minus the share favouring ``pre``.

    References: scipy's documented example (Cheng's differences, two-sided exact
    p = 0.04126, statistic 24) gives a rank-biserial of (96 - 24) / 120 = 0.6.

    Examples
    --------
    >>> res = paired_wilcoxon([1, 2, 2, 3, 1, 2], [3, 3, 2, 4, 2, 4])
    >>> res.n_pairs, res.n_zero, res.n, res.method, res.rank_biserial
    (6, 1, 5, 'exact_permutation', 1.0)
    >>> round(res.p_value, 4)
    0.0625
    """
    pre_s, post_s = as_scores(pd.Series(pre)), as_scores(pd.Series(post))
    if len(pre_s) != len(post_s):
        raise ValueError(f"pre and post must have the same length, not {len(pre_s)} and {len(post_s)}")
    x = pre_s.to_numpy(dtype=float, na_value=np.nan)
    y = post_s.to_numpy(dtype=float, na_value=np.nan)
    keep = ~(np.isnan(x) | np.isnan(y))
    d = y[keep] - x[keep]
    n_pairs = int(d.size)
    nonzero = d[d != 0]
    n_zero = n_pairs - int(nonzero.size)
    if nonzero.size == 0:
        return PairedWilcoxon(n_pairs, n_zero, 0, math.nan, 0.0, 0.0, math.nan, "not_tested", 0.0)
    ranks = stats.rankdata(np.abs(nonzero))
    r_plus, r_minus = float(ranks[nonzero > 0].sum()), float(ranks[nonzero < 0].sum())
    has_ties = bool(np.unique(np.abs(nonzero)).size < nonzero.size)
    name, method = _scipy_method(n_pairs, has_ties, n_zero)
    if method == "permutation":
        # What scipy's method="auto" does here (a permutation test of R+ over every sign
        # flip), with the statistic vectorised: the ranks of |d| do not change when signs flip.
        all_ranks = np.zeros(n_pairs)
        all_ranks[d != 0] = ranks
        res = stats.permutation_test((d,), lambda s, axis: np.sum(all_ranks * (s > 0), axis=axis),
                                     permutation_type="samples", vectorized=True, n_resamples=np.inf,
                                     alternative=alternative)
        statistic = min(r_plus, r_minus) if alternative == "two-sided" else r_plus
        res = (statistic, res.pvalue)
    else:
        res = stats.wilcoxon(d, zero_method="wilcox", correction=False, alternative=alternative, method=method)
        res = (res.statistic, res.pvalue)
    return PairedWilcoxon(n_pairs=n_pairs, n_zero=n_zero, n=int(nonzero.size), statistic=float(res[0]),
                          r_plus=r_plus, r_minus=r_minus, p_value=float(res[1]), method=name,
                          rank_biserial=(r_plus - r_minus) / (r_plus + r_minus))
