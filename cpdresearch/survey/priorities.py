"""What is working beside what staff wish for, per CPD activity.

The source study set each activity's effectiveness rating ("how well is this working for
your CPD?") beside how many staff asked for more of it. Each activity falls in a
quadrant of the CPD model:

==========================  =================  ====================
                            wished for         not wished for
==========================  =================  ====================
rated working               expand             maintain
not rated working           redesign or pilot  deprioritise
==========================  =================  ====================

Examples
--------
>>> QUADRANTS
('expand', 'maintain', 'redesign or pilot', 'deprioritise')
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..frameworks import ACTIVITIES
from .likert import likert_summary
from .multiselect import multiselect_summary

__all__ = ["QUADRANTS", "assign_quadrant", "working_vs_wished"]

#: Quadrant names, in the order of the table above (row by row).
QUADRANTS: tuple[str, ...] = ("expand", "maintain", "redesign or pilot", "deprioritise")

_COLUMNS = ["activity", "label", "item", "option", "n", "mean", "ci_low", "ci_high", "wish_count", "wish_n",
            "wish_share", "wish_ci_low", "wish_ci_high", "quadrant", "borderline"]


def assign_quadrant(mean, wish_share, *, working_threshold: float, wish_threshold: float) -> np.ndarray:
    """Quadrant of each activity; a value equal to a threshold counts as high.

    Examples
    --------
    >>> assign_quadrant([4.0, 4.0, 2.0, 2.0, np.nan], [0.5, 0.1, 0.5, 0.1, 0.5],
    ...                 working_threshold=3.0, wish_threshold=0.3).tolist()
    ['expand', 'maintain', 'redesign or pilot', 'deprioritise', None]
    """
    mean = np.asarray(mean, dtype=float)
    share = np.asarray(wish_share, dtype=float)
    working = mean >= working_threshold
    wanted = share >= wish_threshold
    quadrant = np.select([working & wanted, working & ~wanted, ~working & wanted], QUADRANTS[:3], QUADRANTS[3])
    out = quadrant.astype(object)
    out[np.isnan(mean) | np.isnan(share)] = None
    return out


def working_vs_wished(
    data: pd.DataFrame,
    *,
    instrument,
    working_block: str = "working",
    wish_select: str = "wish",
    working_threshold: float | None = None,
    wish_threshold: float | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Each activity's effectiveness mean (CI) beside its wish share (CI), with its quadrant.

    Activities are matched through the ``activity:`` links of the block's items and the
    multi-select's options; an activity present in only one of them is left out.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    instrument : cpdresearch.instrument.Instrument
        The survey instrument.
    working_block : str, default "working"
        Block of "how well is this working" items.
    wish_select : str, default "wish"
        Multi-select of "what would you like more of".
    working_threshold : float, optional
        Mean rating at or above which an activity counts as working; default the median
        of the activities' means.
    wish_threshold : float, optional
        Wish share (0-1) at or above which an activity counts as wanted; default the
        median of the activities' shares.
    level : float, default 0.95
        Confidence level (t-interval for the mean, Wilson for the share).

    Returns
    -------
    pandas.DataFrame
        ``activity, label, item, option, n, mean, ci_low, ci_high, wish_count, wish_n,
        wish_share, wish_ci_low, wish_ci_high, quadrant, borderline``, sorted by mean
        (highest first). ``borderline`` is True where an interval crosses a threshold:
        the activity could as well sit in a neighbouring quadrant. The thresholds used are in ``.attrs["working_threshold"]`` and
        ``.attrs["wish_threshold"]``.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in (1, 2, 3)]}},
    ...         "blocks": {"working": {"scale": "s", "items": [
    ...             {"id": "w_a", "activity": "mentoring"}, {"id": "w_b", "activity": "coaching"}]}},
    ...         "multi_selects": {"wish": {"options": [
    ...             {"id": "a", "activity": "mentoring"}, {"id": "b", "activity": "coaching"}]}}}
    >>> inst = parse_instrument(spec, "x.yml")[0]
    >>> data = pd.DataFrame({"w_a": [3, 3, 2, 3], "w_b": [1, 2, 1, 1],
    ...                      "wish_a": [False, False, True, False], "wish_b": [True, True, True, False]})
    >>> working_vs_wished(data, instrument=inst, working_threshold=2, wish_threshold=0.5)[
    ...     ["activity", "mean", "wish_share", "quadrant"]]
        activity  mean  wish_share           quadrant
    0  mentoring  2.75        0.25           maintain
    1   coaching  1.25        0.75  redesign or pilot
    """

    block = instrument.blocks[working_block]
    select = instrument.multi_selects[wish_select]
    item_of = {i.activity: i.id for i in block.items if i.activity and i.id in data.columns}
    option_of = {o.activity: o.id for o in select.options if o.activity}
    activities = [a for a in item_of if a in option_of]
    if not activities:
        return pd.DataFrame(columns=_COLUMNS)
    items = likert_summary(data, block=block, level=level).set_index("item")
    wishes = multiselect_summary(data, select=select, level=level).set_index("option")
    table = pd.DataFrame({"activity": activities,
                          "item": [item_of[a] for a in activities],
                          "option": [option_of[a] for a in activities]})
    table.insert(1, "label", _activity_labels(activities, items, table["item"]))
    for col in ("n", "mean", "ci_low", "ci_high"):
        table[col] = items.loc[table["item"], col].to_numpy()
    for col, src in (("wish_count", "count"), ("wish_n", "n"), ("wish_share", "share"),
                     ("wish_ci_low", "ci_low"), ("wish_ci_high", "ci_high")):
        table[col] = wishes.loc[table["option"], src].to_numpy()
    if working_threshold is None:
        working_threshold = float(table["mean"].median())
    if wish_threshold is None:
        wish_threshold = float(table["wish_share"].median())
    table["quadrant"] = assign_quadrant(table["mean"], table["wish_share"], working_threshold=working_threshold,
                                        wish_threshold=wish_threshold)
    # The cut-offs are medians of estimates: an interval that straddles one leaves the
    # quadrant undecided, and the report says so rather than sorting on noise.
    table["borderline"] = (((table["ci_low"] < working_threshold) & (table["ci_high"] > working_threshold))
                           | ((table["wish_ci_low"] < wish_threshold) & (table["wish_ci_high"] > wish_threshold)))
    table = table.sort_values("mean", ascending=False, kind="stable").reset_index(drop=True)[_COLUMNS]
    table.attrs.update(working_threshold=working_threshold, wish_threshold=wish_threshold)
    return table


def _activity_labels(activities, items: pd.DataFrame, item_ids) -> list[str]:
    """Catalogue label of each activity, the item's label for one not in the catalogue."""

    return [ACTIVITIES[a].label if a in ACTIVITIES else items.loc[i, "label"]
            for a, i in zip(activities, item_ids)]
