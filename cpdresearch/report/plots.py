"""Charts every topic shares (matplotlib); each returns its Axes.

Topic packages draw their own figures on these; a suppressed value (``"c"``) in a
published table is read as missing, so a chart cannot show what its table hides.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"label": ["Workload", "Cover"], "share": [0.6, 0.3],
...                       "ci_low": [0.5, 0.2], "ci_high": [0.7, 0.4]})
>>> ax = share_bars(table, title="Barriers")
>>> [t.get_text() for t in ax.get_yticklabels()]
['Workload', 'Cover']
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

__all__ = ["numeric", "diverging_offsets", "share_bars", "HIDDEN_TEXT"]

#: What a chart writes where its table shows "c".
HIDDEN_TEXT = "not shown (small numbers)"


def numeric(values) -> np.ndarray:
    """Numbers from a column that may hold ``"c"`` (suppressed): those become NaN."""
    return pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(dtype=float)


def diverging_offsets(percent: np.ndarray, *, neutral_index: int | None) -> np.ndarray:
    """Left edge of each level's bar segment, centred on the neutral level.

    Parameters
    ----------
    percent : numpy.ndarray
        Rows (bars) x levels in scale order; NaN is drawn as 0.
    neutral_index : int or None
        Position of the neutral level; it straddles 0. ``None`` (even scale): the lower
        half of the levels lies left of 0, the upper half right.

    Returns
    -------
    numpy.ndarray
        Same shape as ``percent``.

    Examples
    --------
    >>> diverging_offsets(np.array([[10., 20., 40., 20., 10.]]), neutral_index=2).tolist()
    [[-50.0, -40.0, -20.0, 20.0, 40.0]]
    >>> diverging_offsets(np.array([[25., 25., 30., 20.]]), neutral_index=None).tolist()
    [[-50.0, -25.0, 0.0, 30.0]]
    """
    p = np.nan_to_num(np.asarray(percent, dtype=float))
    k = p.shape[1]
    left = np.zeros_like(p)
    if neutral_index is None:
        split, half = k // 2, np.zeros(len(p))
    else:
        split, half = neutral_index, p[:, neutral_index] / 2
        left[:, neutral_index] = -half
    for j in range(split):  # below: stacked outwards from the centre
        left[:, j] = -half - p[:, j:split].sum(axis=1)
    start = split + (neutral_index is not None)
    for j in range(start, k):
        left[:, j] = half + p[:, start:j].sum(axis=1)
    return left


def share_bars(table: pd.DataFrame, *, title: str | None = None, sort: bool = True, ax=None):
    """Horizontal bars of the share of respondents ticking each option, with Wilson CIs.

    Parameters
    ----------
    table : pandas.DataFrame
        A table of shares (e.g. a multi-select summary): ``label, share`` and
        optionally ``ci_low, ci_high``; suppressed shares (``"c"``) are not drawn.
    title : str, optional
    sort : bool, default True
        Largest share on top.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """

    share = numeric(table["share"]) * 100
    order = np.argsort(-np.nan_to_num(share, nan=-1), kind="stable") if sort else np.arange(len(table))
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.35 * len(table) + 1.2))
    rows = np.arange(len(order))
    xerr = None
    if {"ci_low", "ci_high"} <= set(table.columns):
        lo, hi = numeric(table["ci_low"]) * 100, numeric(table["ci_high"]) * 100
        # Rounding can put a bound a hair past the share; whiskers cannot be negative.
        xerr = np.clip(np.nan_to_num(np.vstack([share - lo, hi - share])[:, order]), 0, None)
    ax.barh(rows, np.nan_to_num(share[order]), xerr=xerr, color="#4393c3",
            error_kw={"ecolor": "#333333", "elinewidth": 1, "capsize": 2})
    hidden = np.isnan(share[order])
    for row in rows[hidden]:
        # A hidden share is marked where its bar would be, never left as a silent gap.
        ax.text(0.5, row, HIDDEN_TEXT, va="center", ha="left", fontsize="small", style="italic", color="#636363")
    ax.set_yticks(rows, [str(v) for v in table["label"].to_numpy()[order]])
    ax.invert_yaxis()
    ax.set_xlabel("% of respondents (with 95% confidence interval)")
    ax.set_xlim(0, min(100, max(10.0, float(np.nanmax(np.r_[share, 0] if xerr is None else share + np.nanmax(xerr))) * 1.1)))
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
