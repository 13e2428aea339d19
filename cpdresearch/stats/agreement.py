"""Agreement between coders or raters: Cohen's kappa, Fleiss' kappa, Krippendorff's alpha.

- :func:`cohen_kappa`: two raters, unweighted or weighted, with the large-sample 95% CI
  of Fleiss, Cohen and Everitt (1969), as ``statsmodels.stats.inter_rater.cohens_kappa``
  computes it (the same SE as R's ``vcd::Kappa``).
- :func:`fleiss_kappa`: many raters, a subjects x categories table of counts
  (``statsmodels.stats.inter_rater.fleiss_kappa``, Fleiss 1971).
- :func:`krippendorff_alpha`: any number of coders, missing values allowed, nominal,
  ordinal, interval or ratio data (Krippendorff 2011). Computed with NLTK's
  ``AnnotationTask.alpha``, which handles missing values and unpairable units as
  Krippendorff does; NLTK ships nominal and interval distances, so the ratio distance
  and the ordinal one (which depends on the frequencies of the values, Krippendorff
  2011 p. 6) are written here and passed to it.

References: Cohen (1960); Fleiss (1971) Psychological Bulletin 76, 378-382; Krippendorff
(2011) "Computing Krippendorff's Alpha-Reliability"; Landis and Koch (1977) for the words.

Examples
--------
>>> round(cohen_kappa(["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15,
...                   ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15)["kappa"], 3)
0.4
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["cohen_kappa", "fleiss_kappa", "krippendorff_alpha", "kappa_label", "KRIPPENDORFF_LEVELS"]

#: Levels of measurement :func:`krippendorff_alpha` knows.
KRIPPENDORFF_LEVELS = ("nominal", "ordinal", "interval", "ratio")

#: Landis and Koch (1977) benchmarks: lower bound and words.
_KAPPA_LABELS = ((0.81, "almost perfect"), (0.61, "substantial"), (0.41, "moderate"), (0.21, "fair"),
                 (0.0, "slight"), (-np.inf, "poor"))


def kappa_label(kappa: float) -> str:
    """Landis and Koch's (1977) words for a kappa or alpha.

    Examples
    --------
    >>> kappa_label(0.43), kappa_label(0.85)
    ('moderate', 'almost perfect')
    """
    if kappa is None or np.isnan(kappa):
        return ""
    return next(label for bound, label in _KAPPA_LABELS if kappa >= bound)


def cohen_kappa(rater_a, rater_b, *, weights: str | None = None, categories=None, level: float = 0.95) -> dict:
    """Cohen's kappa of two raters' labels for the same subjects, with a confidence interval.

    Parameters
    ----------
    rater_a, rater_b : array-like
        Labels of the same subjects in the same order; pairs with a missing label are
        dropped.
    weights : {None, "linear", "quadratic"}
        Weighted kappa for ordered categories (``categories`` gives the order).
    categories : sequence, optional
        All categories in order; default the sorted labels seen.
    level : float, default 0.95

    Returns
    -------
    dict
        ``kappa, se, ci_low, ci_high, n, observed_agreement, expected_agreement``; the
        interval is ``kappa +/- z * se`` clipped to [-1, 1].

    Examples
    --------
    The husband x wife ratings of ``vcd``'s SexualFun data (Agresti): R ``vcd::Kappa``
    gives 0.1293 unweighted and 0.2374 with linear ("equal-spacing") weights.

    >>> t = [[7, 7, 2, 3], [2, 8, 3, 7], [1, 5, 4, 9], [2, 8, 9, 14]]
    >>> a = [i for i in range(4) for j in range(4) for _ in range(t[i][j])]
    >>> b = [j for i in range(4) for j in range(4) for _ in range(t[i][j])]
    >>> round(cohen_kappa(a, b)["kappa"], 4), round(cohen_kappa(a, b, weights="linear")["kappa"], 4)
    (0.1293, 0.2374)
    """
    from scipy.stats import norm
    from statsmodels.stats.inter_rater import cohens_kappa

    if weights not in (None, "linear", "quadratic"):
        raise ValueError(f"weights must be None, 'linear' or 'quadratic', not {weights!r}")
    a, b = pd.Series(list(rater_a), dtype=object), pd.Series(list(rater_b), dtype=object)
    if len(a) != len(b):
        raise ValueError("the two raters must label the same subjects")
    keep = a.notna() & b.notna()
    a, b = a[keep], b[keep]
    cats = list(categories) if categories is not None else sorted(set(a) | set(b), key=str)
    table = pd.crosstab(pd.Categorical(a, categories=cats), pd.Categorical(b, categories=cats),
                        dropna=False).reindex(index=cats, columns=cats, fill_value=0).to_numpy(dtype=float)
    n = int(table.sum())
    out = {"kappa": np.nan, "se": np.nan, "ci_low": np.nan, "ci_high": np.nan, "n": n,
           "observed_agreement": np.nan, "expected_agreement": np.nan}
    if n == 0:
        return out
    p = table / n
    out["observed_agreement"] = float(np.trace(p))
    out["expected_agreement"] = float(p.sum(axis=1) @ p.sum(axis=0))
    if len(cats) < 2 or out["expected_agreement"] >= 1:
        return out  # one category only: kappa is undefined
    with np.errstate(invalid="ignore", divide="ignore"):
        # a rater who used one category only: kappa 0 and a variance of 0 (z undefined)
        res = cohens_kappa(table, wt=weights) if weights else cohens_kappa(table)
    z = norm.ppf(0.5 + level / 2)
    kappa, se = float(res.kappa), float(res.std_kappa)
    # kappa cannot leave [-1, 1]: the normal interval is clipped to it
    out.update(kappa=kappa, se=se, ci_low=max(-1.0, kappa - z * se), ci_high=min(1.0, kappa + z * se))
    return out


def fleiss_kappa(counts) -> float:
    """Fleiss' kappa of a subjects x categories table of counts (each row sums to the raters).

    Examples
    --------
    Three subjects, six raters: mean observed agreement 0.8, chance agreement 0.5. The
    tests check Fleiss' (1971) 30 patients x 6 psychiatrists, kappa = 0.430.

    >>> round(fleiss_kappa([[6, 0], [0, 6], [3, 3]]), 3)
    0.6
    """
    from statsmodels.stats.inter_rater import fleiss_kappa as _fleiss

    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or np.any(table < 0):
        raise ValueError("counts must be a subjects x categories table of non-negative counts")
    totals = table.sum(axis=1)
    if len(np.unique(totals)) != 1:
        raise ValueError("every subject must be rated by the same number of raters")
    return float(_fleiss(table, method="fleiss"))


def _ordinal_distance(values: np.ndarray):
    """Krippendorff's ordinal metric: squared sum of the frequencies between two ranks."""
    levels, freq = np.unique(values, return_counts=True)
    rank = {v: i for i, v in enumerate(levels)}
    cum = np.concatenate([[0], np.cumsum(freq)])

    def distance(x, y):
        i, j = sorted((rank[x], rank[y]))
        if i == j:
            return 0.0
        return float((cum[j + 1] - cum[i] - (freq[i] + freq[j]) / 2) ** 2)

    return distance


def _ratio_distance(x, y) -> float:
    return 0.0 if x == y else float(((x - y) / (x + y)) ** 2)


def krippendorff_alpha(data, *, level: str = "nominal") -> float:
    """Krippendorff's alpha of a coders x units array, NaN for a missing value.

    Parameters
    ----------
    data : array-like
        Coders in rows, units in columns; numbers (for nominal data, any codes as
        numbers). Units with fewer than two values are not pairable and are left out.
    level : {"nominal", "ordinal", "interval", "ratio"}

    Returns
    -------
    float

    Examples
    --------
    Krippendorff (2011), 4 observers x 12 units with missing values:

    >>> nan = float("nan")
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> [round(krippendorff_alpha(data, level=lv), 3) for lv in KRIPPENDORFF_LEVELS]
    [0.743, 0.815, 0.849, 0.797]
    """
    from nltk.metrics.agreement import AnnotationTask
    from nltk.metrics.distance import binary_distance, interval_distance

    if level not in KRIPPENDORFF_LEVELS:
        raise ValueError(f"level must be one of {', '.join(KRIPPENDORFF_LEVELS)}, not {level!r}")
    values = np.asarray(data, dtype=float)
    if values.ndim != 2:
        raise ValueError("data must be a coders x units array")
    pairable = (~np.isnan(values)).sum(axis=0) >= 2
    values = values[:, pairable]
    triples = [(str(c), str(u), float(values[c, u])) for c in range(values.shape[0])
               for u in range(values.shape[1]) if not np.isnan(values[c, u])]
    if not triples or len({t[2] for t in triples}) < 2:
        return np.nan  # no pairable values, or no variation: alpha is undefined
    distance = {"nominal": binary_distance, "interval": interval_distance, "ratio": _ratio_distance,
                "ordinal": None}[level]
    if level == "ordinal":
        distance = _ordinal_distance(np.array([t[2] for t in triples]))
    return float(AnnotationTask(triples, distance=distance).alpha())
