"""Adjusting p-values for multiple comparisons."""
from __future__ import annotations

import gc

import numpy as np
from statsmodels.stats.multitest import multipletests

__all__ = ["adjust_p", "P_ADJUST_METHODS"]

#: Methods accepted by :func:`adjust_p` (names as in ``statsmodels.stats.multitest``).
P_ADJUST_METHODS = ("holm", "fdr_bh", "bonferroni")


def adjust_p(pvalues, *, method: str = "holm") -> np.ndarray:
    """Adjust a family of p-values for multiple comparisons.

    Parameters
    ----------
    pvalues : array-like of float
        The family. NaN p-values stay NaN and are not counted in the family.
    method : {"holm", "fdr_bh", "bonferroni"}
        Holm's step-down (controls the family-wise error rate), Benjamini-Hochberg
        (controls the false discovery rate) or Bonferroni.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1 (``statsmodels``
        ``multipletests``, equal to R's ``p.adjust``).

    Examples
    --------
    >>> adjust_p([0.01, 0.04, 0.03, 0.005])
    array([0.03, 0.06, 0.06, 0.02])
    >>> adjust_p([0.01, float("nan"), 0.04], method="bonferroni").tolist()
    [0.02, nan, 0.08]
    """
    if method not in P_ADJUST_METHODS:
        raise ValueError(f"method must be one of {', '.join(P_ADJUST_METHODS)}, not {method!r}")
    p = np.asarray(pvalues, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p-values must lie between 0 and 1")
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        # Always name the method: multipletests defaults to Holm-Sidak. Its Holm branch
        # calls gc.collect(), which costs ~0.5 s in a notebook full of objects; freezing
        # the current heap first makes that collection trivial without changing results.
        gc.freeze()
        try:
            out[ok] = multipletests(p[ok], method=method)[1]
        finally:
            gc.unfreeze()
    return out
