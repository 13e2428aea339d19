"""Differences between respondent groups on each Likert item.

Likert answers are ordinal, so groups are compared on ranks: Kruskal-Wallis with
epsilon-squared for three or more groups, Mann-Whitney U with the rank-biserial
correlation for two. With 15 items and 3 attributes there are 45 tests, so p-values are
adjusted across all of them (Holm by default) before anyone reads "significant".

Examples
--------
>>> from cpdresearch.instrument import parse_instrument
>>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
...         "blocks": {"b": {"scale": "s", "items": [{"id": "q", "label": "Supervision"}]}}}
>>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
>>> data = pd.DataFrame({"q": [1, 2, 2, 3, 3, 4, 4, 5, 5], "team": ["A"] * 3 + ["B"] * 3 + ["C"] * 3})
>>> group_differences(data, block=block, by="team")[["item", "test", "statistic", "p", "effect_size"]].round(3)
  item            test  statistic      p  effect_size
0    q  kruskal_wallis      7.057  0.029        0.882
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import adjust_p, effect_size_label, kruskal_wallis, mann_whitney
from ._common import as_list, group_keys, item_codes

__all__ = ["group_differences"]

_COLUMNS = ["item", "label", "between", "test", "k", "n", "groups_excluded", "statistic", "df", "p", "p_adjusted",
            "effect_size", "effect_size_kind", "magnitude", "higher_group", "lower_group"]


def group_differences(
    data: pd.DataFrame,
    *,
    block,
    by=("team", "role", "career_stage"),
    padjust: str = "holm",
    min_group_size: int = 1,
) -> pd.DataFrame:
    """Test every item of a block for differences between the groups of each attribute.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    block : cpdresearch.instrument.Block
        The block of items.
    by : str or sequence of str, default ("team", "role", "career_stage")
        Respondent attributes to compare across.
    padjust : str, default "holm"
        Adjustment across all tests in the table (:func:`cpdresearch.stats.adjust_p`).
    min_group_size : int, default 1
        Groups with fewer respondents answering the item are left out of its test
        (disclosure: pass ``study.min_group``); they are counted in ``groups_excluded``.

    Returns
    -------
    pandas.DataFrame
        One row per item and attribute: ``item, label, between, test``
        (``kruskal_wallis`` or ``mann_whitney``), ``k`` (groups tested), ``n``,
        ``groups_excluded, statistic`` (H or U), ``df, p, p_adjusted, effect_size,
        effect_size_kind`` (``epsilon_sq``, or ``rank_biserial``: positive when the first
        group in category order tends to answer higher), ``magnitude``
        (negligible ... large), ``higher_group`` and ``lower_group`` (the groups with
        the highest and lowest mean rank, to say which way a difference goes). Fewer
        than two groups: no test, statistics NaN.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q"}]}}}
    >>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
    >>> data = pd.DataFrame({"q": [1, 2, 2, 4, 5, 5], "role": ["SW"] * 3 + ["Manager"] * 3})
    >>> group_differences(data, block=block, by="role")[["test", "statistic", "effect_size", "higher_group"]]
               test  statistic  effect_size higher_group
    0  mann_whitney        9.0          1.0      Manager
    """

    codes = item_codes(data, block)
    labels = {i.id: i.label for i in block.items}
    rows = []
    for attribute in as_list(by):
        keys = group_keys(data, attribute)
        answered = codes.notna().groupby(keys, observed=True, sort=True).sum()
        for item in codes.columns:
            sizes = answered[item]
            keep = sizes[sizes >= max(min_group_size, 1)].index
            excluded = int((sizes > 0).sum() - len(keep))
            frame = pd.DataFrame({"dv": codes[item], "group": keys})
            frame = frame[frame["group"].isin(keep)]
            frame["group"] = frame["group"].cat.remove_unused_categories()
            row = {"item": item, "label": labels[item], "between": attribute, "k": len(keep),
                   "n": int(sizes[keep].sum()), "groups_excluded": excluded}
            if len(keep) >= 3:
                res = kruskal_wallis(frame, dv="dv", between="group").iloc[0]
                row.update(test="kruskal_wallis", statistic=res["H"], df=res["df"], p=res["p"],
                           effect_size=res["epsilon_sq"], effect_size_kind="epsilon_sq")
            elif len(keep) == 2:
                res = mann_whitney(frame, dv="dv", between="group").iloc[0]
                row.update(test="mann_whitney", statistic=res["U"], df=np.nan, p=res["p"],
                           effect_size=res["rank_biserial"], effect_size_kind="rank_biserial")
            if len(keep) >= 2:
                # Direction: mean rank within the tested groups (rank tests compare ranks).
                ranks = frame["dv"].rank().groupby(frame["group"], observed=True).mean()
                row.update(higher_group=str(ranks.idxmax()), lower_group=str(ranks.idxmin()))
            rows.append(row)
    table = pd.DataFrame(rows).reindex(columns=_COLUMNS)
    tested = table["p"].notna().to_numpy()
    adjusted = np.full(len(table), np.nan)
    if tested.any():
        adjusted[tested] = adjust_p(table.loc[tested, "p"].to_numpy(dtype=float), method=padjust)
    table["p_adjusted"] = adjusted
    table["magnitude"] = [effect_size_label(float(v), kind=k) if isinstance(k, str) else None
                          for v, k in zip(table["effect_size"], table["effect_size_kind"])]
    return table
