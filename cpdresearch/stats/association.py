"""Association between two yes/no indicators (e.g. two options of a multi-select).

Counting how often two options are ticked together ranks options by popularity, not by
association: two popular options co-occur often by chance. These functions compare the
observed count with the count independence predicts, and give phi, lift and the log odds
ratio with a confidence interval, and Fisher's exact p.
"""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2

from .multiple import adjust_p

__all__ = ["association_2x2", "binary_association", "pairwise_association"]

_COLUMNS = ["n", "n_both", "expected_both", "lift", "phi", "odds_ratio", "log_odds_ratio",
            "ci_low", "ci_high", "haldane", "p_fisher"]


def association_2x2(table, *, level: float = 0.95, alternative: str = "two-sided") -> pd.DataFrame:
    """Association in a 2 x 2 table of counts: phi, lift, log odds ratio with CI, Fisher's p.

    Parameters
    ----------
    table : array-like, shape (2, 2)
        ``[[both, x only], [y only, neither]]``: rows are x yes/no, columns y yes/no.
    level : float
        Confidence level of the interval for the log odds ratio.
    alternative : {"two-sided", "less", "greater"}
        Alternative of Fisher's exact test (``scipy.stats.fisher_exact``).

    Returns
    -------
    pandas.DataFrame
        One row: ``n, n_both, expected_both, lift, phi, odds_ratio, log_odds_ratio,
        ci_low, ci_high, haldane, p_fisher``. ``expected_both = r1 c1 / n`` (the count
        independence predicts); ``lift = n_both / expected_both``; ``phi = (ad - bc) /
        sqrt(r1 r2 c1 c2)`` (signed; positive when the two go together);
        ``log_odds_ratio = log(ad / bc)`` with the Woolf interval ``+/- z SE``,
        ``SE = sqrt(1/a + 1/b + 1/c + 1/d)`` (``statsmodels`` ``Table2x2``); ``ci_low``,
        ``ci_high`` are for the log odds ratio. When a cell is zero, 0.5 is added to
        every cell first (Haldane 1956, Anscombe 1956; ``haldane`` is True).
        ``p_fisher`` is Fisher's exact p on the unmodified counts.

    Examples
    --------
    >>> res = association_2x2([[189, 10845], [104, 10933]])  # Agresti (2002), aspirin
    >>> res[["odds_ratio", "log_odds_ratio", "ci_low", "ci_high"]].round(3)
       odds_ratio  log_odds_ratio  ci_low  ci_high
    0       1.832           0.605   0.365    0.846
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    counts = np.asarray(table, dtype=float)
    if counts.shape != (2, 2):
        raise ValueError("table must be 2 x 2")
    if np.any(counts < 0) or np.any(np.isnan(counts)) or np.any(counts != np.round(counts)):
        raise ValueError("table must hold non-negative whole counts")
    n = counts.sum()
    (a, b), (c, d) = counts
    r1, r2, c1, c2 = a + b, c + d, a + c, b + d
    row = dict.fromkeys(_COLUMNS, np.nan)
    row.update(n=int(n), n_both=int(a), haldane=False)
    if n == 0:
        return pd.DataFrame([row], columns=_COLUMNS)
    row["expected_both"] = r1 * c1 / n
    with np.errstate(invalid="ignore", divide="ignore"):
        row["lift"] = a / row["expected_both"] if row["expected_both"] > 0 else np.nan
        denom = np.sqrt(r1 * r2 * c1 * c2)
        row["phi"] = float((a * d - b * c) / denom) if denom > 0 else np.nan
    row["p_fisher"] = float(stats.fisher_exact(counts.astype(int), alternative=alternative).pvalue)
    if min(r1, r2, c1, c2) > 0:  # an empty margin leaves the odds ratio undefined
        shifted = counts + 0.5 if (counts == 0).any() else counts
        row["haldane"] = bool((counts == 0).any())
        t = Table2x2(shifted, shift_zeros=False)
        low, high = t.log_oddsratio_confint(alpha=1 - level)
        row.update(odds_ratio=float(t.oddsratio), log_odds_ratio=float(t.log_oddsratio),
                   ci_low=float(low), ci_high=float(high))
    return pd.DataFrame([row], columns=_COLUMNS)


def _indicator(series: pd.Series) -> pd.Series:
    values = series.astype("boolean") if series.dtype != bool else series
    return values


def binary_association(data: pd.DataFrame, *, x: str, y: str, level: float = 0.95) -> pd.DataFrame:
    """Association of two yes/no columns (:func:`association_2x2` on their cross-table).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    x, y : str
        Indicator columns (bool, or 0/1); rows missing either are dropped.
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        One row: ``x, y`` and the columns of :func:`association_2x2`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"workload": [1, 1, 1, 0, 0, 0, 1, 0], "time": [1, 1, 0, 0, 0, 1, 1, 0]})
    >>> binary_association(df, x="workload", y="time")[["x", "y", "n_both", "expected_both", "lift"]]
              x     y  n_both  expected_both  lift
    0  workload  time       3            2.0   1.5
    """
    for col in (x, y):
        if col not in data.columns:
            raise KeyError(f"column {col!r} not in data")
    pair = data[[x, y]].dropna()
    xs, ys = _indicator(pair[x]).to_numpy(dtype=bool), _indicator(pair[y]).to_numpy(dtype=bool)
    table = [[np.sum(xs & ys), np.sum(xs & ~ys)], [np.sum(~xs & ys), np.sum(~xs & ~ys)]]
    out = association_2x2(table, level=level)
    out.insert(0, "y", y)
    out.insert(0, "x", x)
    return out


def pairwise_association(data: pd.DataFrame, *, columns=None, level: float = 0.95,
                         padjust: str = "holm") -> pd.DataFrame:
    """:func:`binary_association` for every pair of indicator columns, Fisher p adjusted.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    columns : list of str, optional
        Indicator columns; default every column of ``data``.
    level : float
        Confidence level.
    padjust : {"holm", "fdr_bh", "bonferroni"}
        Adjustment of ``p_fisher`` across the pairs (:func:`adjust_p`), in ``p_adj``.

    Returns
    -------
    pandas.DataFrame
        One row per pair (column order): ``x, y``, the columns of
        :func:`association_2x2`, and ``p_adj``. Rank by ``phi`` or ``log_odds_ratio``
        (with its interval), not by ``n_both``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 1, 0, 0], "b": [1, 1, 0, 0], "c": [1, 0, 1, 0]})
    >>> pairwise_association(df)[["x", "y", "phi"]]
       x  y  phi
    0  a  b  1.0
    1  a  c  0.0
    2  b  c  0.0
    """
    columns = list(data.columns) if columns is None else list(columns)
    frames = [binary_association(data, x=a, y=b, level=level) for a, b in combinations(columns, 2)]
    if not frames:
        return pd.DataFrame(columns=["x", "y", *_COLUMNS, "p_adj"])
    out = pd.concat(frames, ignore_index=True)
    out["p_adj"] = adjust_p(out["p_fisher"].to_numpy(dtype=float), method=padjust)
    return out
