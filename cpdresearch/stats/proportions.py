"""Confidence intervals for proportions (shares of respondents)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from ._scores import as_scores

__all__ = ["wilson_ci", "proportion_table", "top_box_share"]


def _as_float(values) -> np.ndarray:
    """Float array with NaN for missing, also from nullable pandas integers (pd.NA)."""
    try:
        return np.asarray(values, dtype=float)
    except TypeError:
        flat = pd.Series(np.ravel(np.asarray(values, dtype=object))).astype("Float64")
        return flat.to_numpy(dtype=float, na_value=np.nan).reshape(np.shape(values))


def wilson_ci(count, n, *, level: float = 0.95):
    """Wilson score interval for a proportion ``count / n``.

    Parameters
    ----------
    count, n : int or array-like
        Number of "yes" answers and number answering; broadcast against each other.
    level : float
        Confidence level.

    Returns
    -------
    (low, high) : tuple of float or of numpy.ndarray
        Floats for scalar input, arrays otherwise. ``n == 0`` or a missing count or n
        (NaN, ``pd.NA``) gives NaN (no answers, no interval). Computed by ``statsmodels.stats.proportion.proportion_confint``
        with ``method="wilson"``.

    Examples
    --------
    >>> low, high = wilson_ci(19, 38)
    >>> round(low, 4), round(high, 4)
    (0.3485, 0.6515)
    >>> wilson_ci([0, 0], [10, 0])[1].round(4).tolist()
    [0.2775, nan]
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    scalar = np.ndim(count) == 0 and np.ndim(n) == 0
    count_arr, n_arr = np.broadcast_arrays(_as_float(count), _as_float(n))
    known = ~np.isnan(count_arr) & ~np.isnan(n_arr)
    if np.any(count_arr[known] < 0) or np.any(count_arr[known] > n_arr[known]):
        raise ValueError("count must be between 0 and n (is a denominator smaller than its count?)")
    low = np.full(count_arr.shape, np.nan)
    high = np.full(count_arr.shape, np.nan)
    ok = known & (n_arr > 0)
    if ok.any():
        lo, hi = proportion_confint(count_arr[ok], n_arr[ok], alpha=1 - level, method="wilson")
        low[ok], high[ok] = lo, hi
    if scalar:
        return float(low), float(high)
    return low, high


def proportion_table(count, n, *, level: float = 0.95) -> pd.DataFrame:
    """Shares with Wilson intervals as a tidy table: ``count, n, share, ci_low, ci_high``.

    The tidy form of :func:`wilson_ci`, which returns ``(low, high)`` as statsmodels'
    ``proportion_confint`` does, for vectorised use inside other functions.

    Examples
    --------
    >>> proportion_table([19, 7], [38, 38]).round(4).to_dict("list")["ci_low"]
    [0.3485, 0.0922]
    """
    count_arr, n_arr = np.broadcast_arrays(_as_float(count), _as_float(n))
    low, high = wilson_ci(count_arr, n_arr, level=level)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(n_arr > 0, count_arr / n_arr, np.nan)
    return pd.DataFrame({"count": count_arr, "n": n_arr, "share": share, "ci_low": low, "ci_high": high})


def top_box_share(data: pd.DataFrame, *, dv: str, top, between: str | None = None,
                  level: float = 0.95) -> pd.DataFrame:
    """Share answering in the upper levels of a scale ("quite" or "very well"), Wilson CI.

    For small groups near the ceiling a mean with a t-interval misbehaves (intervals past
    the scale's end, zero width when everyone gave the same answer, coverage well below
    the nominal level); the share of the upper levels with a Wilson interval keeps its
    coverage and stays within 0-1 (Newcombe 1998).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    dv : str
        Rating column: numeric codes or an ordered categorical.
    top : sequence
        The values counted as the upper levels: codes (``[4, 5]``) for numeric columns,
        categories (``["Quite well", "Very well"]``) for categoricals.
    between : str, optional
        Grouping column; one row per group (category order, else sorted), or one row
        overall when omitted.
    level : float
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        ``[between,] n, count, share, ci_low, ci_high``: ``n`` answered (missing
        excluded), ``count`` in the upper levels, Wilson interval (:func:`wilson_ci`).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"rating": [5, 5, 4, 5, 5, 3, 4, 2, 5, 1],
    ...                    "team": ["MASH"] * 5 + ["CIN"] * 5})
    >>> top_box_share(df, dv="rating", top=[4, 5], between="team").round(3)
       team  n  count  share  ci_low  ci_high
    0   CIN  5      2    0.4   0.118    0.769
    1  MASH  5      5    1.0   0.566    1.000
    """
    for col in [dv] + ([between] if between is not None else []):
        if col not in data.columns:
            raise KeyError(f"column {col!r} not in data")
    values = data[dv]
    as_scores(values)  # refuses unordered categoricals and non-numeric text
    top = list(top)
    if isinstance(values.dtype, pd.CategoricalDtype):
        unknown = [t for t in top if t not in values.cat.categories]
        if unknown:
            raise ValueError(f"top values not in the scale of {dv!r}: {unknown}")
    answered = values.notna()
    hit = values.isin(top) & answered
    frame = pd.DataFrame({"n": answered.astype(int), "count": hit.astype(int)})
    if between is None:
        sums = frame.sum().to_frame().T
    else:
        sums = frame.groupby(data[between], observed=True, sort=True).sum().reset_index()
    table = proportion_table(sums["count"].to_numpy(), sums["n"].to_numpy(), level=level)
    out = pd.concat([sums.drop(columns=["n", "count"]).reset_index(drop=True),
                     table.astype({"count": int, "n": int})[["n", "count", "share", "ci_low", "ci_high"]]], axis=1)
    return out
