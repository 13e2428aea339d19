"""Response rates against the workforce headcount.

The survey is a census: every member of staff was invited, so respondents and headcount
are counts of the whole population and the response rate is a fact about it, not an
estimate. It is reported without a confidence interval (issue 15), overall, by each
attribute, and by every cell of two attributes (e.g. team x role) so that a reader sees
who is missing where.

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
from ._common import as_list, check_columns

__all__ = ["response_rates", "response_cells", "finite_population_correction"]

_COLUMNS = ["by", "group", "respondents", "headcount", "response_rate", "fpc", "note"]


def finite_population_correction(n, N):
    """The finite-population correction of a standard error, ``sqrt((N - n) / (N - 1))``.

    The package's intervals for estimates from respondents are not corrected (see
    docs/survey.md, "What the intervals mean"); a researcher who wants the finite-population
    estimand (this year's staff) and is willing to assume non-respondents answer like
    respondents multiplies a half-width by this factor (Cochran 1977, sec. 2.6).

    Examples
    --------
    >>> round(finite_population_correction(35, 54), 3)
    0.599
    """
    n, N = np.asarray(n, dtype=float), np.asarray(N, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where((N > 1) & (n <= N), np.sqrt(np.clip(N - n, 0, None) / (N - 1)), np.nan)
    return float(out) if out.ndim == 0 else out


def response_rates(data: pd.DataFrame, *, workforce: pd.DataFrame, by=("team", "role"),
                   level: float = 0.95) -> pd.DataFrame:
    """Respondents, headcount and response rate, overall and by group (a census: no interval).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    workforce : pandas.DataFrame
        ``team, role, headcount`` (``raw/workforce.csv``): the denominators.
    by : str or sequence of str, default ("team", "role")
        Attributes present in both tables.
    level : float, default 0.95
        Unused; kept so callers passing it still work. The response rate of a census is
        a count over a count, with no sampling error, so it has no interval (it used to
        carry a Wilson interval, which treated respondents as a sample of the headcount).

    Returns
    -------
    pandas.DataFrame
        ``by, group, respondents, headcount, response_rate, fpc, note``: ``fpc`` is
        :func:`finite_population_correction` of the group (for researchers; reports do not
        apply it). First
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
    rate[ok] = resp[ok] / heads[ok]
    note = np.full(len(table), None, dtype=object)
    note[no_heads] = "no headcount for this group"
    note[over] = [f"more respondents than headcount ({int(r)} > {int(h)})" for r, h in zip(resp[over], heads[over])]
    table["response_rate"], table["note"] = rate, note
    table["fpc"] = np.where(ok, finite_population_correction(resp, np.where(ok, heads, np.nan)), np.nan)
    table["headcount"] = pd.array(np.where(np.isnan(heads), None, heads), dtype="Int64")
    return table[_COLUMNS]


def response_cells(data: pd.DataFrame, *, workforce: pd.DataFrame, rows: str = "team",
                   columns: str = "role") -> pd.DataFrame:
    """Respondents against headcount in every cell of two attributes (e.g. team x role).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    workforce : pandas.DataFrame
        ``headcount`` and both attribute columns.
    rows, columns : str
        The two attributes, present in both tables.

    Returns
    -------
    pandas.DataFrame
        One row per combination found in either table: ``<rows>, <columns>,
        respondents, headcount, response_rate, note`` (rate NaN with a note when there is
        no headcount or more respondents than headcount). No interval: a census.

    Examples
    --------
    >>> survey = pd.DataFrame({"team": ["A", "A", "B"], "role": ["M", "W", "W"]})
    >>> workforce = pd.DataFrame({"team": ["A", "A", "B"], "role": ["M", "W", "W"], "headcount": [2, 4, 2]})
    >>> response_cells(survey, workforce=workforce)[["team", "role", "respondents", "headcount", "response_rate"]]
      team role  respondents  headcount  response_rate
    0    A    M            1          2           0.50
    1    A    W            1          4           0.25
    2    B    W            1          2           0.50
    """
    check_columns(data, [rows, columns], "grouping")
    missing = [c for c in ["headcount", rows, columns] if c not in workforce.columns]
    if missing:
        raise DataError([Problem("raw/workforce.csv", None, c, "the column is missing", "team, role, headcount")
                         for c in missing])
    keys = [rows, columns]
    responded = data[keys].astype(object).value_counts().rename("respondents")
    heads = pd.to_numeric(workforce["headcount"], errors="coerce").groupby(
        [workforce[k].astype(object) for k in keys]).sum().rename("headcount")
    table = pd.concat([responded, heads], axis=1).reset_index()
    table.columns = [rows, columns, "respondents", "headcount"]
    table = table.sort_values(keys, key=lambda s: s.astype(str), kind="stable").reset_index(drop=True)
    resp = table["respondents"].fillna(0).to_numpy(dtype=float)
    hc = table["headcount"].to_numpy(dtype=float)
    no_heads = np.isnan(hc) | (hc <= 0)
    over = ~no_heads & (resp > hc)
    ok = ~no_heads & ~over
    rate = np.full(len(table), np.nan)
    rate[ok] = resp[ok] / hc[ok]
    note = np.full(len(table), None, dtype=object)
    note[no_heads] = "no headcount for this group"
    note[over] = [f"more respondents than headcount ({int(r)} > {int(h)})" for r, h in zip(resp[over], hc[over])]
    table["respondents"] = resp.astype("int64")
    table["headcount"] = pd.array(np.where(np.isnan(hc), None, hc), dtype="Int64")
    table["response_rate"], table["note"] = rate, note
    return table
