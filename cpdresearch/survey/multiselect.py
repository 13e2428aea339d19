"""Multi-select ("tick all that apply") questions: wish list, barriers.

A respondent's answer is one boolean column per option (``<select>_<option>``, see
:class:`cpdresearch.instrument.MultiSelect`). Shares are of all respondents in the
group: a respondent who ticked nothing counts in the denominator.

Examples
--------
>>> from cpdresearch.instrument import MultiSelect, Option
>>> barriers = MultiSelect("barriers", "Barriers", [Option("workload", "Workload"), Option("cover", "No cover")])
>>> data = pd.DataFrame({"barriers_workload": [True, True, False, True], "barriers_cover": [True, False, False, True]})
>>> multiselect_summary(data, select=barriers)[["option", "count", "n", "share"]]
     option  count  n  share
0  workload      3  4   0.75
1     cover      2  4   0.50
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import adjust_p, contingency_test, wilson_ci
from ._common import as_list, check_columns, group_keys

__all__ = ["multiselect_summary", "multiselect_differences", "co_occurrence"]

_SUMMARY_COLUMNS = ["option", "label", "count", "n", "share", "ci_low", "ci_high"]


def _ticks(data: pd.DataFrame, select) -> pd.DataFrame:
    """Boolean matrix (respondents x options) named by option id; missing = not ticked."""
    check_columns(data, select.columns, f"multi-select '{select.id}'")
    ticks = data[select.columns].fillna(False).astype(bool).reset_index(drop=True)
    ticks.columns = [o.id for o in select.options]
    return ticks


def multiselect_summary(data: pd.DataFrame, *, select, by=None, level: float = 0.95) -> pd.DataFrame:
    """Count, share of respondents and Wilson CI of each option, overall or by group.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent with the boolean columns of ``select``.
    select : cpdresearch.instrument.MultiSelect
        The question.
    by : str or list of str, optional
        Respondent attribute(s); adds ``by`` and ``group`` columns, one set of rows per
        attribute.
    level : float, default 0.95
        Confidence level of the Wilson score interval
        (:func:`cpdresearch.stats.wilson_ci`).

    Returns
    -------
    pandas.DataFrame
        ``[by, group,] option, label, count, n, share, ci_low, ci_high``; ``share`` and
        the interval are proportions (0-1). Options in the instrument's order.

    Examples
    --------
    >>> from cpdresearch.instrument import MultiSelect, Option
    >>> wish = MultiSelect("wish", "Wish", [Option("mentoring", "Mentoring")])
    >>> data = pd.DataFrame({"wish_mentoring": [True] * 19 + [False] * 19})
    >>> multiselect_summary(data, select=wish)[["share", "ci_low", "ci_high"]].round(4)
       share  ci_low  ci_high
    0    0.5  0.3485   0.6515
    """

    ticks = _ticks(data, select)
    labels = {o.id: o.label for o in select.options}
    attributes = as_list(by)
    frames = []
    if not attributes:
        frames.append(pd.DataFrame({"option": ticks.columns, "count": ticks.sum().to_numpy(), "n": len(ticks)}))
    for attribute in attributes:
        keys = group_keys(data, attribute)
        g = ticks.groupby(keys, observed=True, sort=True)
        counts = g.sum()
        sizes = g.size()
        long = counts.stack(future_stack=True).rename("count").reset_index()
        long.columns = ["group", "option", "count"]
        long["n"] = long["group"].map(sizes).to_numpy()
        long.insert(0, "by", attribute)
        long["group"] = long["group"].astype(str)
        frames.append(long)
    table = pd.concat(frames, ignore_index=True)
    table["count"] = table["count"].astype("int64")
    table["n"] = table["n"].astype("int64")
    table.insert(table.columns.get_loc("option") + 1, "label", table["option"].map(labels))
    n = table["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = np.where(n > 0, table["count"] / n, np.nan)
    table["ci_low"], table["ci_high"] = wilson_ci(table["count"].to_numpy(), n, level=level)
    return table


def multiselect_differences(
    data: pd.DataFrame,
    *,
    select,
    by=("team", "role", "career_stage"),
    padjust: str = "holm",
    n_resamples: int = 9999,
    random_state: int = 0,
) -> pd.DataFrame:
    """Test, for each option, whether the share ticking it differs between groups.

    Each option gives a groups x (ticked, not ticked) table tested with
    :func:`cpdresearch.stats.contingency_test`: Pearson's chi-squared with a Monte Carlo
    p-value from tables with the same margins, which stays valid when expected counts
    are small (the asymptotic p-value is reported beside it), and Cramer's V. The Monte
    Carlo p-values are adjusted across every option and attribute tested.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    select : cpdresearch.instrument.MultiSelect
        The question.
    by : str or sequence of str
        Respondent attributes.
    padjust : str, default "holm"
        Multiple-comparison method (:func:`cpdresearch.stats.adjust_p`).
    n_resamples, random_state : int
        Monte Carlo resamples and seed (results are reproducible).

    Returns
    -------
    pandas.DataFrame
        ``option, label, between, k`` (groups with respondents), ``n, chi2, dof,
        p_asymptotic, p_monte_carlo, p_adjusted, cramers_v, min_expected``. An option
        nobody (or everybody) ticked, or an attribute with one group, has no test (NaN).

    Examples
    --------
    >>> from cpdresearch.instrument import MultiSelect, Option
    >>> sel = MultiSelect("b", "B", [Option("w", "Workload")])
    >>> data = pd.DataFrame({"b_w": [True] * 8 + [False] * 2 + [True] * 2 + [False] * 8,
    ...                      "team": ["A"] * 10 + ["B"] * 10})
    >>> res = multiselect_differences(data, select=sel, by="team", n_resamples=999)
    >>> res[["chi2", "dof", "cramers_v"]].round(3)
       chi2  dof  cramers_v
    0   7.2    1        0.6
    """

    ticks = _ticks(data, select)
    labels = {o.id: o.label for o in select.options}
    rows = []
    for attribute in as_list(by):
        keys = group_keys(data, attribute)
        counts = ticks.groupby(keys, observed=True, sort=True).sum()
        sizes = ticks.groupby(keys, observed=True, sort=True).size()
        for option in ticks.columns:
            chosen = counts[option].to_numpy()
            table = np.column_stack([chosen, sizes.to_numpy() - chosen])
            row = {"option": option, "label": labels[option], "between": attribute, "k": len(sizes),
                   "n": int(sizes.sum())}
            if len(sizes) >= 2 and (table.sum(axis=0) > 0).all():
                res = contingency_test(table, n_resamples=n_resamples, random_state=random_state).iloc[0]
                row.update({c: res[c] for c in ("chi2", "dof", "p_asymptotic", "p_monte_carlo", "cramers_v",
                                                "min_expected")})
            rows.append(row)
    columns = ["option", "label", "between", "k", "n", "chi2", "dof", "p_asymptotic", "p_monte_carlo",
               "p_adjusted", "cramers_v", "min_expected"]
    result = pd.DataFrame(rows).reindex(columns=columns)
    tested = result["p_monte_carlo"].notna().to_numpy()
    adjusted = np.full(len(result), np.nan)
    if tested.any():
        adjusted[tested] = adjust_p(result.loc[tested, "p_monte_carlo"].to_numpy(dtype=float), method=padjust)
    result["p_adjusted"] = adjusted
    return result


def co_occurrence(data: pd.DataFrame, *, select) -> pd.DataFrame:
    """Which options are ticked together: every pair, most frequent first.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    select : cpdresearch.instrument.MultiSelect
        The question (e.g. barriers).

    Returns
    -------
    pandas.DataFrame
        ``option_a, label_a, option_b, label_b, count`` (respondents ticking both),
        ``share`` (of all respondents), ``jaccard`` (both / either), ``phi`` (the
        correlation of the two ticks; positive means they go together more than chance).
        Computed for all pairs at once from the tick matrix, without a loop over
        respondents.

    Examples
    --------
    >>> from cpdresearch.instrument import MultiSelect, Option
    >>> sel = MultiSelect("b", "B", [Option("w", "Workload"), Option("c", "Cover"), Option("t", "Travel")])
    >>> data = pd.DataFrame({"b_w": [1, 1, 1, 0], "b_c": [1, 1, 0, 0], "b_t": [0, 0, 1, 1]}).astype(bool)
    >>> co_occurrence(data, select=sel)[["option_a", "option_b", "count", "jaccard"]].round(3)
      option_a option_b  count  jaccard
    0        w        c      2    0.667
    1        w        t      1    0.250
    2        c        t      0    0.000
    """
    ticks = _ticks(data, select)
    x = ticks.to_numpy(dtype=float)
    n = len(x)
    both = x.T @ x
    singles = np.diag(both)
    a, b = np.triu_indices(len(singles), k=1)
    count = both[a, b]
    either = singles[a] + singles[b] - count
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(either > 0, count / either, np.nan)
        # phi from the 2x2 table: (n11*n - n1.*n.1) / sqrt(n1. n0. n.1 n.0)
        denom = np.sqrt(singles[a] * (n - singles[a]) * singles[b] * (n - singles[b]))
        phi = np.where(denom > 0, (count * n - singles[a] * singles[b]) / denom, np.nan)
    ids = list(ticks.columns)
    labels = {o.id: o.label for o in select.options}
    table = pd.DataFrame({
        "option_a": [ids[i] for i in a], "label_a": [labels[ids[i]] for i in a],
        "option_b": [ids[i] for i in b], "label_b": [labels[ids[i]] for i in b],
        "count": count.astype("int64"), "share": count / n if n else np.nan,
        "jaccard": jaccard, "phi": phi,
    })
    return table.sort_values("count", ascending=False, kind="stable").reset_index(drop=True)
