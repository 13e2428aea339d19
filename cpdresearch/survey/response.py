"""Response rates against the workforce headcount.

Examples
--------
>>> survey = pd.DataFrame({"team": ["MASH"] * 19 + ["Adoption"] * 3})
>>> workforce = pd.DataFrame({"team": ["MASH", "Adoption"], "role": ["Manager", "Manager"], "headcount": [38, 6]})
>>> response_rates(survey, workforce=workforce, by="team")[["by", "group", "respondents", "headcount", "response_rate"]]
     by     group  respondents  headcount  response_rate
0   all       All           22         44            0.5
1  team  Adoption            3          6            0.5
2  team      MASH           19         38            0.5
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataError, Problem
from ..stats import wilson_ci
from ._common import as_list, check_columns

__all__ = ["response_rates"]

_COLUMNS = ["by", "group", "respondents", "headcount", "response_rate", "ci_low", "ci_high", "note"]


def response_rates(data: pd.DataFrame, *, workforce: pd.DataFrame, by=("team", "role"),
                   level: float = 0.95) -> pd.DataFrame:
    """Respondents, headcount and response rate with its Wilson CI, overall and by group.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    workforce : pandas.DataFrame
        ``team, role, headcount`` (``raw/workforce.csv``): the denominators.
    by : str or sequence of str, default ("team", "role")
        Attributes present in both tables.
    level : float, default 0.95
        Confidence level of the Wilson interval (:func:`cpdresearch.stats.wilson_ci`),
        which treats the respondents as a random sample of the headcount.

    Returns
    -------
    pandas.DataFrame
        ``by, group, respondents, headcount, response_rate, ci_low, ci_high, note``: first
        the overall row (``by == "all"``), then one row per group of each attribute, in
        the union of groups in either table. ``note`` explains a rate that cannot be
        computed: no headcount for the group, or more respondents than headcount (the
        workforce figures are out of date); the rate is then NaN.

    Examples
    --------
    >>> survey = pd.DataFrame({"role": ["Manager", "Manager", "Social worker"]})
    >>> workforce = pd.DataFrame({"team": ["A"], "role": ["Manager"], "headcount": [1]})
    >>> response_rates(survey, workforce=workforce, by="role")[["group", "response_rate", "note"]]
               group  response_rate                                     note
    0            All            NaN  more respondents than headcount (3 > 1)
    1        Manager            NaN  more respondents than headcount (2 > 1)
    2  Social worker            NaN              no headcount for this group
    """

    attributes = as_list(by)
    check_columns(data, attributes, "grouping")
    missing = [c for c in ["headcount", *attributes] if c not in workforce.columns]
    if missing:
        raise DataError([Problem("raw/workforce.csv", None, c, "the column is missing", "team, role, headcount")
                         for c in missing])
    headcount = pd.to_numeric(workforce["headcount"], errors="coerce")
    rows = [{"by": "all", "group": "All", "respondents": len(data), "headcount": headcount.sum()}]
    for attribute in attributes:
        responded = data[attribute].astype(object).value_counts()
        heads = headcount.groupby(workforce[attribute].astype(object)).sum()
        groups = sorted(set(responded.index) | set(heads.index), key=str)
        rows += [{"by": attribute, "group": str(g), "respondents": int(responded.get(g, 0)),
                  "headcount": heads.get(g, np.nan)} for g in groups]
    table = pd.DataFrame(rows)
    resp = table["respondents"].to_numpy(dtype=float)
    heads = table["headcount"].to_numpy(dtype=float)
    no_heads = np.isnan(heads) | (heads <= 0)
    over = ~no_heads & (resp > heads)
    ok = ~no_heads & ~over
    rate = np.full(len(table), np.nan)
    low = np.full(len(table), np.nan)
    high = np.full(len(table), np.nan)
    rate[ok] = resp[ok] / heads[ok]
    if ok.any():
        low[ok], high[ok] = wilson_ci(resp[ok], heads[ok], level=level)
    note = np.full(len(table), None, dtype=object)
    note[no_heads] = "no headcount for this group"
    note[over] = [f"more respondents than headcount ({int(r)} > {int(h)})" for r, h in zip(resp[over], heads[over])]
    table["response_rate"], table["ci_low"], table["ci_high"], table["note"] = rate, low, high, note
    table["headcount"] = pd.array(np.where(np.isnan(heads), None, heads), dtype="Int64")
    return table[_COLUMNS]
