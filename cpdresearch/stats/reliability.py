"""Internal consistency of a multi-item scale: Cronbach's alpha with item statistics.

Follows R's ``psych::alpha`` for the item table (``r.drop``, ``raw_alpha`` if an item is
dropped) and pingouin's ``cronbach_alpha`` for the estimate and its Feldt interval.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ._scores import as_scores

__all__ = ["AlphaResult", "cronbach_alpha", "alpha_estimates", "mean_inter_item_r"]


@dataclass(frozen=True)
class AlphaResult:
    """Cronbach's alpha for one scale.

    Attributes
    ----------
    alpha : float
        Cronbach's alpha (raw, from the covariance matrix).
    ci_low, ci_high : float
        Feldt confidence interval.
    n : int
        Respondents used (all respondents with any answer for ``"pairwise"``, complete
        cases for ``"listwise"``).
    k : int
        Number of items.
    items : pandas.DataFrame
        One row per item: ``item, n, mean, sd, r_drop, alpha_if_dropped``.
    mean_r : float
        Mean inter-item correlation (off-diagonal mean of the item correlation matrix,
        ``psych::alpha``'s ``average_r``), from the same rows as ``alpha``.
    nan_policy : str
        ``"pairwise"`` or ``"listwise"``: which rows ``alpha``, its interval and
        ``mean_r`` rest on.

    Examples
    --------
    >>> res = cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4]}))
    >>> res.k, res.n
    (2, 4)
    """

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    k: int
    items: pd.DataFrame
    mean_r: float = float("nan")
    nan_policy: str = "pairwise"

    def to_frame(self) -> pd.DataFrame:
        """One tidy row: ``nan_policy, alpha, ci_low, ci_high, n, k, mean_r``.

        Examples
        --------
        >>> import pandas as pd
        >>> res = cronbach_alpha(pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 3, 4]}))
        >>> list(res.to_frame().columns)
        ['nan_policy', 'alpha', 'ci_low', 'ci_high', 'n', 'k', 'mean_r']
        """
        return pd.DataFrame([{"nan_policy": self.nan_policy, "alpha": self.alpha, "ci_low": self.ci_low,
                              "ci_high": self.ci_high, "n": self.n, "k": self.k, "mean_r": self.mean_r}])


def _alpha_from_cov(cov: np.ndarray) -> float:
    k = cov.shape[0]
    total = cov.sum()
    if k < 2 or not np.isfinite(total) or total <= 0:
        return float("nan")
    return float(k / (k - 1) * (1 - np.trace(cov) / total))


def mean_inter_item_r(data: pd.DataFrame) -> float:
    """Mean inter-item correlation: the mean of the off-diagonal Pearson correlations.

    Correlations are pairwise-complete (``pandas.DataFrame.corr``); pass complete cases
    for the listwise value. Alpha grows with the number of items even when the items
    barely correlate (``alpha = k r / (1 + (k - 1) r)`` for standardised items), so
    ``mean_r`` says whether the items measure one thing: Clark & Watson (1995) suggest
    0.15-0.50 for a broad construct, above 0.40 for a narrow one.

    Examples
    --------
    >>> import pandas as pd
    >>> round(mean_inter_item_r(pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 3, 2, 4], "c": [4, 3, 2, 1]})), 3)
    -0.333
    """
    wide = data.apply(as_scores)
    k = wide.shape[1]
    if k < 2:
        return float("nan")
    corr = wide.corr().to_numpy()
    off = corr[~np.eye(k, dtype=bool)]
    return float(np.nanmean(off)) if np.isfinite(off).any() else float("nan")


def cronbach_alpha(data: pd.DataFrame, *, nan_policy: str = "pairwise", level: float = 0.95) -> AlphaResult:
    """Cronbach's alpha of a scale, its Feldt confidence interval and item statistics.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide table, one row per respondent and one column per item: numeric codes, or
        ordered categoricals scored by their position (1, 2, ...); NaN is a missing
        answer. Rows with no answer at all are ignored.
    nan_policy : {"pairwise", "listwise"}
        ``"pairwise"`` builds the item covariance matrix from pairwise-complete
        observations (pingouin, ``psych::alpha(use="pairwise")``); ``"listwise"`` first
        drops every respondent with a missing item (``use="complete.obs"``).
    level : float
        Confidence level of the interval.

    Returns
    -------
    AlphaResult
        ``alpha = k/(k-1) * (1 - trace(C) / sum(C))`` for the item covariance matrix ``C``;
        the interval is Feldt's: ``1 - (1 - alpha) * F_{q}(n-1, (n-1)(k-1))`` at
        ``q = (1 -/+ level)/2`` upper quantiles. ``items`` holds, per item, the number of
        answers, mean, SD, ``r_drop`` (item-rest correlation: the item against the sum of
        the other items, from ``C``) and ``alpha_if_dropped`` (alpha of the other k-1
        items), as ``psych::alpha`` reports ``r.drop`` and ``raw_alpha``.

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"q1": [2, 3, 4, 4, 5, 1], "q2": [2, 4, 4, 5, 5, 2],
    ...                       "q3": [1, 3, 5, 4, 4, 2]})
    >>> res = cronbach_alpha(scale)
    >>> round(res.alpha, 3), res.n, res.k
    (0.946, 6, 3)
    >>> res.items[["item", "r_drop", "alpha_if_dropped"]].round(3)
      item  r_drop  alpha_if_dropped
    0   q1   0.909             0.905
    1   q2   0.922             0.898
    2   q3   0.837             0.961
    """
    if nan_policy not in ("pairwise", "listwise"):
        raise ValueError(f"nan_policy must be 'pairwise' or 'listwise', not {nan_policy!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    wide = data.apply(as_scores)
    wide = wide.dropna(how="all")
    if nan_policy == "listwise":
        wide = wide.dropna(how="any")
    n, k = wide.shape
    cov = wide.cov().to_numpy()  # pandas' cov is pairwise-complete
    alpha = _alpha_from_cov(cov) if n >= 2 else float("nan")

    ci_low = ci_high = float("nan")
    if np.isfinite(alpha) and k >= 2:
        df1, df2 = n - 1, (n - 1) * (k - 1)
        tail = (1 - level) / 2
        ci_low = float(1 - (1 - alpha) * stats.f.isf(tail, df1, df2))
        ci_high = float(1 - (1 - alpha) * stats.f.isf(1 - tail, df1, df2))

    rows = []
    for i, item in enumerate(wide.columns):
        rest = [j for j in range(k) if j != i]
        sub = cov[np.ix_(rest, rest)]
        # item-rest correlation: cov(item, rest-sum) / sqrt(var(item) * var(rest-sum));
        # undefined (NaN, not a warning) when an item or the rest has no variance
        with np.errstate(invalid="ignore", divide="ignore"):
            r_drop = cov[i, rest].sum() / np.sqrt(cov[i, i] * sub.sum()) if k >= 2 else np.nan
        rows.append({
            "item": item,
            "n": int(wide[item].notna().sum()),
            "mean": wide[item].mean(),
            "sd": wide[item].std(),
            "r_drop": float(r_drop),
            # alpha of one item is undefined
            "alpha_if_dropped": _alpha_from_cov(sub) if k >= 3 else float("nan"),
        })
    items = pd.DataFrame(rows, columns=["item", "n", "mean", "sd", "r_drop", "alpha_if_dropped"])
    return AlphaResult(alpha=alpha, ci_low=ci_low, ci_high=ci_high, n=int(n), k=int(k), items=items,
                       mean_r=mean_inter_item_r(wide) if n >= 2 else float("nan"), nan_policy=nan_policy)


def alpha_estimates(data: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """Pairwise and complete-case alpha side by side, each with its own n and interval.

    With missing answers the two can differ a lot (0.77 pairwise, 0.68 on the 98 of 250
    respondents who answered every item, in the demo's first review), and only the
    complete-case estimate has a clean sample size for Feldt's interval. Report both.

    Parameters
    ----------
    data : pandas.DataFrame
        Wide table, one row per respondent, one column per item (as
        :func:`cronbach_alpha`).
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        Two rows, ``nan_policy`` ``"pairwise"`` then ``"listwise"`` (complete cases):
        ``nan_policy, alpha, ci_low, ci_high, n, k, mean_r`` (:meth:`AlphaResult.to_frame`).
        Each Feldt interval uses its own row's ``n``.

    Examples
    --------
    >>> import pandas as pd
    >>> scale = pd.DataFrame({"q1": [2, 3, 4, 4, 5, 1, 3], "q2": [2, 4, 4, 5, 5, 2, None],
    ...                       "q3": [1, 3, 5, 4, 4, 2, 2]})
    >>> alpha_estimates(scale)[["nan_policy", "n", "alpha"]].round(3)
      nan_policy  n  alpha
    0   pairwise  7  0.959
    1   listwise  6  0.946
    """
    return pd.concat([cronbach_alpha(data, nan_policy=policy, level=level).to_frame()
                      for policy in ("pairwise", "listwise")], ignore_index=True)
