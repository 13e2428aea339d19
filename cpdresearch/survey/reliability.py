"""Reliability of each block of Likert items: Cronbach's alpha with its Feldt CI.

Two estimates per block, each with its own n and interval
(:func:`cpdresearch.stats.alpha_estimates`): alpha from pairwise-complete covariances
(every answer used) and alpha on the respondents who answered every item (complete
cases), with the mean inter-item correlation beside each. A block is read as one scale
(``one_scale``) only when the complete-case alpha is at least ``ONE_SCALE_ALPHA`` (0.7)
and the complete-case mean inter-item correlation at least ``ONE_SCALE_MEAN_R`` (0.2):
alpha rises with the number of items even when items barely correlate, so a high alpha
over many weakly related items is a set of distinct activities, not one scale (Clark &
Watson 1995, mean r 0.15-0.50; Nunnally & Bernstein 1994, alpha 0.7).

Examples
--------
>>> from cpdresearch.instrument import parse_instrument
>>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
...         "blocks": {"b": {"title": "Block", "scale": "s",
...                          "items": [{"id": "q1"}, {"id": "q2"}, {"id": "q3"}]}}}
>>> inst = parse_instrument(spec, "x.yml")[0]
>>> data = pd.DataFrame({"q1": [2, 3, 4, 4, 5, 1], "q2": [2, 4, 4, 5, 5, 2], "q3": [1, 3, 5, 4, 4, 2]})
>>> block_reliability(data, instrument=inst)[["block", "k", "n", "alpha"]].round(3)
  block  k  n  alpha
0     b  3  6  0.946
"""
from __future__ import annotations

import pandas as pd

import warnings

import numpy as np

from ..stats import alpha_estimates, cronbach_alpha
from ._common import item_codes

__all__ = ["block_reliability", "item_reliability", "ONE_SCALE_ALPHA", "ONE_SCALE_MEAN_R"]

#: Complete-case alpha a block needs to be read as one scale.
ONE_SCALE_ALPHA = 0.7
#: Complete-case mean inter-item correlation a block needs to be read as one scale.
ONE_SCALE_MEAN_R = 0.2

_BLOCK_COLUMNS = ["block", "title", "k", "n", "alpha", "ci_low", "ci_high", "mean_r", "n_complete",
                  "alpha_complete", "ci_low_complete", "ci_high_complete", "mean_r_complete", "one_scale"]
_ITEM_COLUMNS = ["block", "item", "label", "n", "mean", "sd", "r_drop", "alpha_if_dropped"]


def _alphas(data: pd.DataFrame, instrument, blocks, level: float):

    for block_id in blocks or list(instrument.blocks):
        block = instrument.blocks[block_id]
        codes = item_codes(data, block)
        if codes.shape[1] < 2:
            continue  # alpha needs two items
        yield block, cronbach_alpha(codes, nan_policy="pairwise", level=level)


def block_reliability(data: pd.DataFrame, *, instrument, blocks=None, level: float = 0.95) -> pd.DataFrame:
    """Cronbach's alpha of each Likert block, pairwise and on complete cases, with Feldt CIs.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    instrument : cpdresearch.instrument.Instrument
        Gives the blocks and their scales.
    blocks : list of str, optional
        Block ids; default every block. Blocks with fewer than two items answered in
        ``data`` are left out (alpha needs two items).
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    pandas.DataFrame
        ``block, title, k, n, alpha, ci_low, ci_high, mean_r``: alpha from the pairwise
        item covariance matrix, ``n`` every respondent with an answer, Feldt's interval on
        that n, mean inter-item correlation; ``n_complete, alpha_complete,
        ci_low_complete, ci_high_complete, mean_r_complete``: the same on the respondents
        who answered every item (:func:`cpdresearch.stats.alpha_estimates`), NaN with
        fewer than two of them; ``one_scale``: complete-case alpha >= ``ONE_SCALE_ALPHA``
        and complete-case mean r >= ``ONE_SCALE_MEAN_R`` (False when not computable).

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": 1, "label": "1"}, {"code": 2, "label": "2"}]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "x"}, {"id": "y"}]}}}
    >>> inst = parse_instrument(spec, "x.yml")[0]
    >>> block_reliability(pd.DataFrame({"x": [1, 2, 2, 1], "y": [1, 2, 2, 2]}), instrument=inst)["alpha"].round(3).tolist()
    [0.727]
    """
    rows = []
    for block_id in blocks or list(instrument.blocks):
        block = instrument.blocks[block_id]
        codes = item_codes(data, block)
        if codes.shape[1] < 2:
            continue  # alpha needs two items
        with warnings.catch_warnings():  # one or no complete case: NaN, said in the table
            warnings.simplefilter("ignore", RuntimeWarning)
            both = alpha_estimates(codes, level=level).set_index("nan_policy")
        pw, cc = both.loc["pairwise"], both.loc["listwise"]
        complete = int(codes.notna().all(axis=1).sum())
        ok = complete >= 2
        row = {"block": block.id, "title": block.title, "k": int(pw["k"]), "n": int(pw["n"]), "alpha": pw["alpha"],
               "ci_low": pw["ci_low"], "ci_high": pw["ci_high"], "mean_r": pw["mean_r"], "n_complete": complete,
               "alpha_complete": cc["alpha"] if ok else np.nan,
               "ci_low_complete": cc["ci_low"] if ok else np.nan,
               "ci_high_complete": cc["ci_high"] if ok else np.nan,
               "mean_r_complete": cc["mean_r"] if ok else np.nan}
        row["one_scale"] = bool(ok and row["alpha_complete"] >= ONE_SCALE_ALPHA
                                and row["mean_r_complete"] >= ONE_SCALE_MEAN_R)
        rows.append(row)
    return pd.DataFrame(rows, columns=_BLOCK_COLUMNS)


def item_reliability(data: pd.DataFrame, *, instrument, blocks=None, level: float = 0.95) -> pd.DataFrame:
    """Item statistics of each block: item-rest correlation and alpha if the item is dropped.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    instrument : cpdresearch.instrument.Instrument
        Gives the blocks and their scales.
    blocks : list of str, optional
        Block ids; default every block.
    level : float, default 0.95
        Confidence level (passed on; the item table has no interval).

    Returns
    -------
    pandas.DataFrame
        ``block, item, label, n, mean, sd, r_drop, alpha_if_dropped`` (as R's
        ``psych::alpha`` reports ``r.drop`` and ``raw_alpha``).

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q1"}, {"id": "q2"}, {"id": "q3"}]}}}
    >>> inst = parse_instrument(spec, "x.yml")[0]
    >>> data = pd.DataFrame({"q1": [2, 3, 4, 4, 5, 1], "q2": [2, 4, 4, 5, 5, 2], "q3": [1, 3, 5, 4, 4, 2]})
    >>> item_reliability(data, instrument=inst)[["item", "alpha_if_dropped"]].round(3)
      item  alpha_if_dropped
    0   q1             0.905
    1   q2             0.898
    2   q3             0.961
    """
    frames = []
    for block, res in _alphas(data, instrument, blocks, level):
        items = res.items.copy()
        items.insert(0, "block", block.id)
        items.insert(2, "label", items["item"].map({i.id: i.label for i in block.items}))
        frames.append(items)
    if not frames:
        return pd.DataFrame(columns=_ITEM_COLUMNS)
    return pd.concat(frames, ignore_index=True)[_ITEM_COLUMNS]
