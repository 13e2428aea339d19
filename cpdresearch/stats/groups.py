"""Comparing ratings between independent groups (teams, roles, career stages).

Rank-based tests for ordinal outcomes: Kruskal-Wallis across all groups, Mann-Whitney
for two groups, and Holm-adjusted pairwise Mann-Whitney tests as the post-hoc step.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from ._scores import as_scores
from .effect_sizes import epsilon_sq_adjusted
from .multiple import adjust_p

__all__ = ["kruskal_wallis", "mann_whitney", "pairwise_mann_whitney", "rank_biserial_ci"]


def _groups(data: pd.DataFrame, dv: str, between: str) -> dict:
    """Non-missing ``dv`` values per level of ``between``, in level order, empty levels left out."""
    for col in (dv, between):
        if col not in data.columns:
            raise KeyError(f"column {col!r} not in data")
    values = as_scores(data[dv])
    keep = values.notna() & data[between].notna()
    values, labels = values[keep], data[between][keep]
    if isinstance(labels.dtype, pd.CategoricalDtype):
        order = [c for c in labels.cat.categories if (labels == c).any()]
    else:
        order = sorted(labels.unique(), key=str)
    return {level: values[labels == level].to_numpy() for level in order}


def kruskal_wallis(data: pd.DataFrame, *, dv: str, between: str) -> pd.DataFrame:
    """Kruskal-Wallis H test of whether ``dv`` differs between the groups of ``between``.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table, one row per respondent.
    dv : str
        Numeric (e.g. Likert code) or ordered categorical column (ranked by its
        category order). Missing values are dropped.
    between : str
        Grouping column. Groups with no observations are ignored.

    Returns
    -------
    pandas.DataFrame
        One row: ``dv, between, n, k, H, df, p, epsilon_sq, epsilon_sq_adj``. ``H`` and
        ``p`` from ``scipy.stats.kruskal`` (corrected for ties, chi-squared with
        ``k - 1`` df); ``epsilon_sq = H / ((n**2 - 1) / (n + 1))`` (Tomczak & Tomczak
        2014), which averages ``(k - 1)/(n - 1)`` when the groups do not differ;
        ``epsilon_sq_adj = max(0, (H - k + 1) / (n - k))`` removes that bias
        (:func:`~cpdresearch.stats.epsilon_sq_adjusted`) and is the one to label (with
        the test's p, :func:`~cpdresearch.stats.effect_size_label`). With fewer than two
        groups, or all values tied, the statistics are NaN.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"rating": [1, 2, 2, 3, 3, 4, 4, 5, 5],
    ...                    "team": ["A"] * 3 + ["B"] * 3 + ["C"] * 3})
    >>> kruskal_wallis(df, dv="rating", between="team").round(3)
           dv between  n  k      H  df      p  epsilon_sq  epsilon_sq_adj
    0  rating    team  9  3  7.057   2  0.029       0.882           0.843
    """
    groups = _groups(data, dv, between)
    n = int(sum(len(g) for g in groups.values()))
    k = len(groups)
    H = p = eps = eps_adj = np.nan
    all_values = np.concatenate(list(groups.values())) if groups else np.array([])
    if k >= 2 and np.unique(all_values).size > 1:
        H, p = stats.kruskal(*groups.values())
        H, p = float(H), float(p)
        eps = H / ((n**2 - 1) / (n + 1))
        eps_adj = epsilon_sq_adjusted(H, n=n, k=k)
    return pd.DataFrame([{"dv": dv, "between": between, "n": n, "k": k, "H": H,
                          "df": k - 1 if k >= 2 else np.nan, "p": p, "epsilon_sq": eps,
                          "epsilon_sq_adj": eps_adj}])


def _mwu(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """U for ``x``, two-sided p, and rank-biserial r (positive when ``x`` tends to be larger)."""
    if len(x) == 0 or len(y) == 0:
        return np.nan, np.nan, np.nan
    u, p = stats.mannwhitneyu(x, y, alternative="two-sided")
    rbc = 2 * u / (len(x) * len(y)) - 1
    return float(u), float(p), float(rbc)


def rank_biserial_ci(r, n_a, n_b, *, level: float = 0.95):
    """Confidence interval for a rank-biserial correlation (Fisher z).

    ``r = 2U/(n_A n_B) - 1`` has variance ``(n_A + n_B + 1) / (3 n_A n_B)`` when the
    groups do not differ (from ``Var(U) = n_A n_B (n_A + n_B + 1) / 12``); the interval is
    ``tanh(atanh(r) -/+ z SE)`` with that SE, as R's ``effectsize::rank_biserial``.
    At ``|r| = 1`` the transform is infinite: the near end uses ``r`` shrunk by half a
    step of U, ``1/(n_A n_B)``, and the far end is the bound +/-1.

    Returns
    -------
    (low, high) : tuple of float or numpy.ndarray

    Examples
    --------
    >>> low, high = rank_biserial_ci(0.4, 10, 5)
    >>> round(low, 3), round(high, 3)
    (-0.213, 0.787)
    """
    scalar = all(np.ndim(v) == 0 for v in (r, n_a, n_b))
    r, n_a, n_b = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (r, n_a, n_b)))
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt((n_a + n_b + 1) / (3 * n_a * n_b))
        z = np.arctanh(np.clip(r, -1, 1))
        q = stats.norm.ppf((1 + level) / 2)
        low, high = np.tanh(z - q * se), np.tanh(z + q * se)
    # |r| = 1: atanh is infinite; the estimate is shrunk by half a step of U, 1/(n_A n_B),
    # for the near end, and the far end is the bound itself
    edge = np.abs(r) >= 1
    if edge.any():
        with np.errstate(invalid="ignore", divide="ignore"):
            shrunk = np.sign(r) * (1 - 1 / (n_a * n_b))
            z_edge = np.arctanh(shrunk)
        low = np.where(edge & (r > 0), np.tanh(z_edge - q * se), np.where(edge, -1.0, low))
        high = np.where(edge & (r < 0), np.tanh(z_edge + q * se), np.where(edge, 1.0, high))
    if scalar:
        return float(low), float(high)
    return low, high


def mann_whitney(data: pd.DataFrame, *, dv: str, between: str, groups=None, level: float = 0.95) -> pd.DataFrame:
    """Mann-Whitney U test of ``dv`` between two groups.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table, one row per respondent.
    dv : str
        Numeric column; missing values are dropped.
    between : str
        Grouping column.
    groups : tuple of two levels, optional
        The groups to compare, as ``(A, B)``. Needed when ``between`` has more than two
        levels with data; by default the two levels present, in level order.
    level : float
        Confidence level of the rank-biserial interval.

    Returns
    -------
    pandas.DataFrame
        One row: ``dv, A, B, n_A, n_B, U, p, rank_biserial, rb_ci_low, rb_ci_high``.
        ``U`` is the statistic for
        group A and ``p`` two-sided, from ``scipy.stats.mannwhitneyu`` (default method:
        exact for small samples without ties, otherwise the normal approximation with
        tie and continuity corrections). ``rank_biserial = 2 U / (n_A n_B) - 1`` lies in
        [-1, 1] and is positive when A's values tend to be higher than B's (the
        convention of ``pingouin.mwu``); ``rb_ci_low, rb_ci_high`` its interval
        (:func:`rank_biserial_ci`), for :func:`~cpdresearch.stats.effect_size_label`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"rating": [4, 5, 5, 4, 2, 3, 1, 2],
    ...                    "team": ["MASH"] * 4 + ["Early Help"] * 4})
    >>> res = mann_whitney(df, dv="rating", between="team", groups=("MASH", "Early Help"))
    >>> res[["A", "B", "n_A", "n_B", "U", "p", "rank_biserial"]].round(3)
          A           B  n_A  n_B     U      p  rank_biserial
    0  MASH  Early Help    4    4  16.0  0.027            1.0
    >>> res[["rb_ci_low", "rb_ci_high"]].round(3)
       rb_ci_low  rb_ci_high
    0      0.701         1.0
    """
    present = _groups(data, dv, between)
    if groups is None:
        if len(present) != 2:
            raise ValueError(f"{between!r} has {len(present)} groups with data; name two with groups=(A, B)")
        a, b = present
    else:
        a, b = groups
    x = present.get(a, np.array([]))
    y = present.get(b, np.array([]))
    u, p, rbc = _mwu(x, y)
    low, high = rank_biserial_ci(rbc, len(x), len(y), level=level)
    return pd.DataFrame([{"dv": dv, "A": a, "B": b, "n_A": len(x), "n_B": len(y),
                          "U": u, "p": p, "rank_biserial": rbc, "rb_ci_low": low, "rb_ci_high": high}])


def pairwise_mann_whitney(data: pd.DataFrame, *, dv: str, between: str, padjust: str = "holm",
                          level: float = 0.95) -> pd.DataFrame:
    """Mann-Whitney tests for every pair of groups, p-values adjusted across the pairs.

    The usual post-hoc step after :func:`kruskal_wallis`.

    Parameters
    ----------
    data : pandas.DataFrame
        Long table, one row per respondent.
    dv : str
        Numeric column; missing values are dropped.
    between : str
        Grouping column; levels without data are left out.
    padjust : {"holm", "fdr_bh", "bonferroni"}
        Adjustment across the pairs (see :func:`adjust_p`).
    level : float
        Confidence level of the rank-biserial intervals.

    Returns
    -------
    pandas.DataFrame
        One row per pair (levels in their order): ``A, B, n_A, n_B, U, p, p_adj,
        rank_biserial, rb_ci_low, rb_ci_high``, each as in :func:`mann_whitney`. Name a
        group highest or lowest only where its pairs' ``p_adj`` support it.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"rating": [1, 2, 2, 3, 3, 4, 4, 5, 5],
    ...                    "team": ["A"] * 3 + ["B"] * 3 + ["C"] * 3})
    >>> pairwise_mann_whitney(df, dv="rating", between="team")[["A", "B", "U", "p_adj"]].round(3)
       A  B    U  p_adj
    0  A  B  0.0  0.217
    1  A  C  0.0  0.217
    2  B  C  0.5  0.217
    """
    present = _groups(data, dv, between)
    rows = []
    for a, b in combinations(present, 2):
        x, y = present[a], present[b]
        u, p, rbc = _mwu(x, y)
        low, high = rank_biserial_ci(rbc, len(x), len(y), level=level)
        rows.append({"A": a, "B": b, "n_A": len(x), "n_B": len(y), "U": u, "p": p, "rank_biserial": rbc,
                     "rb_ci_low": low, "rb_ci_high": high})
    out = pd.DataFrame(rows, columns=["A", "B", "n_A", "n_B", "U", "p", "p_adj", "rank_biserial",
                                      "rb_ci_low", "rb_ci_high"])
    out["p_adj"] = adjust_p(out["p"].to_numpy(dtype=float), method=padjust) if len(out) else []
    return out
