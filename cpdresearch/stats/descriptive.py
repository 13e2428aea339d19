"""Means and medians of rating scales that respect the scale.

A t-interval for the mean of five answers near the top of a 1-5 scale can run past 5;
a median of an even number of answers can fall between two categories (3.5 on a scale
that has no 3.5). These helpers keep summaries on the scale; for small groups near the
ceiling prefer the share of the upper levels with a Wilson interval
(:func:`cpdresearch.stats.top_box_share`).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ._scores import as_scores

__all__ = ["t_interval", "ordinal_median", "MEDIAN_RULES"]

#: Accepted ``rule`` values of :func:`ordinal_median`.
MEDIAN_RULES = ("lower", "upper")


def t_interval(mean, sd, n, *, level: float = 0.95, bounds=None):
    """Student-t confidence interval for a mean, optionally clipped to the scale's range.

    Parameters
    ----------
    mean, sd, n : float or array-like
        Sample mean, standard deviation (ddof 1) and size; broadcast together.
    level : float
        Confidence level.
    bounds : (float, float), optional
        The scale's lowest and highest values (e.g. ``(1, 5)``): the interval is clipped
        to them, since the mean of a rating cannot leave the scale.

    Returns
    -------
    (low, high) : tuple of float or of numpy.ndarray
        ``mean -/+ t_{(1 + level)/2, n - 1} sd / sqrt(n)`` (``scipy.stats.t``); NaN for
        ``n < 2``. Floats for scalar input. An SD of 0 gives a zero-width interval: the
        t-interval says nothing there, which is why small groups near the ceiling are
        better summarised by :func:`~cpdresearch.stats.top_box_share`.

    Examples
    --------
    >>> low, high = t_interval(0.75, 1.789010, 10)  # R: t.test(sleep$extra[1:10])
    >>> round(low, 4), round(high, 4)
    (-0.5298, 2.0298)
    >>> t_interval(4.8, 0.447214, 5, bounds=(1, 5))[1]
    5.0
    """
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    scalar = all(np.ndim(v) == 0 for v in (mean, sd, n))
    mean_a, sd_a, n_a = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (mean, sd, n)))
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf((1 + level) / 2, n_a - 1) * sd_a / np.sqrt(n_a)
    half = np.where(n_a >= 2, half, np.nan)
    low, high = mean_a - half, mean_a + half
    if bounds is not None:
        lo_b, hi_b = bounds
        if lo_b > hi_b:
            raise ValueError("bounds must be (lowest, highest)")
        low = np.where(np.isnan(low), low, np.clip(low, lo_b, hi_b))
        high = np.where(np.isnan(high), high, np.clip(high, lo_b, hi_b))
    if scalar:
        return float(low), float(high)
    return low, high


def ordinal_median(values, *, rule: str = "lower"):
    """Median of ratings reported as a point of the scale, never between two points.

    With an even number of answers whose two middle values differ, the usual median
    averages them (3.5). ``rule="lower"`` reports the lower of the two (the inverse of
    the empirical distribution function at 0.5, R's ``quantile(type = 1)``),
    ``"upper"`` the higher one (numpy's ``quantile(method="lower" / "higher")``).
    Use one rule throughout a report; the package's default is ``"lower"``, the
    cautious reading of a satisfaction scale.

    Parameters
    ----------
    values : pandas.Series or array-like
        Numeric codes or an ordered categorical; missing values are dropped.
    rule : {"lower", "upper"}
        Which middle value to take when n is even.

    Returns
    -------
    scalar
        A value of the scale: a code (as float) for numeric input, a category for an
        ordered categorical; NaN when nothing was answered.

    Examples
    --------
    >>> ordinal_median([3, 3, 4, 4])
    3.0
    >>> ordinal_median([3, 3, 4, 4], rule="upper")
    4.0
    >>> import pandas as pd
    >>> s = pd.Series(pd.Categorical(["Fair", "Good", "Good", "Poor"],
    ...               categories=["Poor", "Fair", "Good"], ordered=True))
    >>> ordinal_median(s)
    'Fair'
    """
    if rule not in MEDIAN_RULES:
        raise ValueError(f"rule must be one of {', '.join(MEDIAN_RULES)}, not {rule!r}")
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    scores = as_scores(series).dropna().to_numpy()
    if scores.size == 0:
        return float("nan")
    point = float(np.quantile(scores, 0.5, method="lower" if rule == "lower" else "higher"))
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.categories[int(point) - 1]
    return point
