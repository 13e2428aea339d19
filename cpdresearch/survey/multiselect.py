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

from ..stats import adjust_p, contingency_test, effect_size_label, pairwise_association, wilson_ci
from ._common import as_list, check_columns, group_keys, nested_attributes, resolve_question

__all__ = ["multiselect_summary", "multiselect_differences", "co_occurrence"]

_SUMMARY_COLUMNS = ["option", "label", "count", "n", "share", "ci_low", "ci_high"]


def _ticks(data: pd.DataFrame, select) -> pd.DataFrame:
    """Boolean matrix (respondents x options) named by option id; missing = not ticked."""
    check_columns(data, select.columns, f"multi-select '{select.id}'")
    ticks = data[select.columns].fillna(False).astype(bool).reset_index(drop=True)
    ticks.columns = [o.id for o in select.options]
    return ticks


def multiselect_summary(data: pd.DataFrame, *, select, instrument=None, by=None, level: float = 0.95) -> pd.DataFrame:
    """Count, share of respondents and Wilson CI of each option, overall or by group.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent with the boolean columns of ``select``.
    select : cpdresearch.instrument.MultiSelect or str
        The question, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
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
    select = resolve_question(data, select, instrument=instrument, kind="multi_selects")

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
    select, instrument=None,
    by=("team", "role", "career_stage"),
    padjust: str = "holm",
    n_resamples="auto",
    random_state: int = 0,
    alpha: float = 0.05,
    nested: str = "finer",
) -> pd.DataFrame:
    """Test, for each option, whether the share ticking it differs between groups.

    Each option gives a groups x (ticked, not ticked) table tested with
    :func:`cpdresearch.stats.contingency_test`: the asymptotic chi-squared p where
    Cochran's rule holds, Fisher's exact p for a 2 x 2 table where it does not, else a
    Monte Carlo p from tables with the same margins, with enough resamples for the family
    (``B >= 20 m / alpha``, ``m`` the number of tests in this table) that its floor
    ``1/(B + 1)`` cannot decide a finding. The p-values (column ``p``) are adjusted
    across every option and attribute tested; Cramer's V is labelled with the adjusted p.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    select : cpdresearch.instrument.MultiSelect or str
        The question, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    by : str or sequence of str
        Respondent attributes.
    padjust : str, default "holm"
        Multiple-comparison method (:func:`cpdresearch.stats.adjust_p`).
    n_resamples : "auto" or int, default "auto"
        Monte Carlo resamples, drawn only where the Monte Carlo p is the one used;
        ``"auto"`` sizes them to the family (see above). An integer forces that many.
    random_state : int
        Seed (results are reproducible).
    alpha : float, default 0.05
        Family-wise level (resamples and labels).
    nested : {"finer", "all"}, default "finer"
        As in :func:`cpdresearch.survey.group_differences`: an attribute another one
        nests exactly is not tested (``attrs["nested"]``).

    Returns
    -------
    pandas.DataFrame
        ``option, label, between, k`` (groups with respondents), ``n, chi2, dof, p,
        p_method`` (``asymptotic``, ``fisher_exact`` or ``monte_carlo``), ``n_resamples,
        mc_se`` (Monte Carlo standard error of p), ``p_adjusted, p_asymptotic,
        cramers_v, magnitude, min_expected, cochran_ok``. An option nobody (or
        everybody) ticked, or an attribute with one group, has no test (NaN).

    Examples
    --------
    >>> from cpdresearch.instrument import MultiSelect, Option
    >>> sel = MultiSelect("b", "B", [Option("w", "Workload")])
    >>> data = pd.DataFrame({"b_w": [True] * 8 + [False] * 2 + [True] * 2 + [False] * 8,
    ...                      "team": ["A"] * 10 + ["B"] * 10})
    >>> res = multiselect_differences(data, select=sel, by="team")
    >>> res[["chi2", "dof", "cramers_v", "p_method"]].round(3)
       chi2  dof  cramers_v    p_method
    0   7.2    1        0.6  asymptotic
    """
    select = resolve_question(data, select, instrument=instrument, kind="multi_selects")

    if nested not in ("finer", "all"):
        raise ValueError(f"nested must be 'finer' or 'all', not {nested!r}")
    ticks = _ticks(data, select)
    labels = {o.id: o.label for o in select.options}
    attributes = as_list(by)
    skipped = nested_attributes(data, attributes) if nested == "finer" else {}
    planned = []
    for attribute in [a for a in attributes if a not in skipped]:
        keys = group_keys(data, attribute)
        counts = ticks.groupby(keys, observed=True, sort=True).sum()
        sizes = ticks.groupby(keys, observed=True, sort=True).size()
        for option in ticks.columns:
            chosen = counts[option].to_numpy()
            table = np.column_stack([chosen, sizes.to_numpy() - chosen])
            row = {"option": option, "label": labels[option], "between": attribute, "k": len(sizes),
                   "n": int(sizes.sum())}
            testable = len(sizes) >= 2 and (table.sum(axis=0) > 0).all()
            planned.append((row, table if testable else None))
    family = max(1, sum(t is not None for _, t in planned))
    rows = []
    for row, table in planned:
        if table is not None:
            res = contingency_test(table, n_resamples=n_resamples, random_state=random_state,
                                   family_size=family, alpha=alpha).iloc[0]
            row.update({c: res[c] for c in ("chi2", "dof", "p", "p_method", "n_resamples", "mc_se",
                                            "p_asymptotic", "cramers_v", "min_expected", "cochran_ok")})
        rows.append(row)
    columns = ["option", "label", "between", "k", "n", "chi2", "dof", "p", "p_method", "n_resamples", "mc_se",
               "p_adjusted", "p_asymptotic", "cramers_v", "magnitude", "min_expected", "cochran_ok"]
    result = pd.DataFrame(rows).reindex(columns=columns)
    tested = result["p"].notna().to_numpy()
    adjusted = np.full(len(result), np.nan)
    if tested.any():
        adjusted[tested] = adjust_p(result.loc[tested, "p"].to_numpy(dtype=float), method=padjust)
    result["p_adjusted"] = adjusted
    result["magnitude"] = [effect_size_label(float(v), kind="cramers_v", df=1, p=float(q), alpha=alpha)
                           if t else None for v, q, t in zip(result["cramers_v"], adjusted, tested)]
    result.attrs["nested"] = skipped
    result.attrs["family_size"] = int(tested.sum())
    return result


def co_occurrence(data: pd.DataFrame, *, select, instrument=None, level: float = 0.95,
                  padjust: str = "holm") -> pd.DataFrame:
    """Which options go together: every pair, the most strongly associated first.

    Counting how often two options are ticked together ranks popular options first: two
    options most people tick co-occur often by chance. Each pair is compared with the
    count independence predicts (:func:`cpdresearch.stats.pairwise_association`): phi,
    lift and the log odds ratio with its interval, and Fisher's exact p, Holm-adjusted
    across the pairs. Pairs are ranked by phi (then by Fisher's p); the counts are kept.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent.
    select : cpdresearch.instrument.MultiSelect or str
        The question, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    level : float, default 0.95
        Confidence level of the log odds ratio's interval.
    padjust : str, default "holm"
        Adjustment of Fisher's p across the pairs.

    Returns
    -------
    pandas.DataFrame
        ``option_a, label_a, option_b, label_b, count`` (respondents ticking both),
        ``count_a, count_b`` (ticking each), ``n``, ``expected`` (``count_a count_b /
        n``, the count chance predicts), ``share`` (of all respondents), ``jaccard``
        (both / either), ``lift`` (``count / expected``), ``phi`` (positive: together
        more than chance), ``odds_ratio, log_odds_ratio, ci_low, ci_high`` (interval of
        the log odds ratio; Haldane's 0.5 added to every cell when one is empty),
        ``p_fisher, p_adjusted``.

    Examples
    --------
    >>> from cpdresearch.instrument import MultiSelect, Option
    >>> sel = MultiSelect("b", "B", [Option("w", "Workload"), Option("c", "Cover"), Option("t", "Travel")])
    >>> data = pd.DataFrame({"b_w": [1, 1, 1, 0], "b_c": [1, 1, 0, 0], "b_t": [0, 0, 1, 1]}).astype(bool)
    >>> co_occurrence(data, select=sel)[["option_a", "option_b", "count", "expected", "phi"]].round(3)
      option_a option_b  count  expected    phi
    0        w        c      2       1.5  0.577
    1        w        t      1       1.5 -0.577
    2        c        t      0       1.0 -1.000
    """
    select = resolve_question(data, select, instrument=instrument, kind="multi_selects")
    ticks = _ticks(data, select)
    ids = list(ticks.columns)
    labels = {o.id: o.label for o in select.options}
    assoc = pairwise_association(ticks, columns=ids, level=level, padjust=padjust)
    x = ticks.to_numpy(dtype=float)
    singles = dict(zip(ids, x.sum(axis=0)))
    n = len(x)
    count = assoc["n_both"].to_numpy(dtype=float)
    count_a = assoc["x"].map(singles).to_numpy(dtype=float)
    count_b = assoc["y"].map(singles).to_numpy(dtype=float)
    either = count_a + count_b - count
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(either > 0, count / either, np.nan)
    table = pd.DataFrame({
        "option_a": assoc["x"], "label_a": assoc["x"].map(labels), "option_b": assoc["y"],
        "label_b": assoc["y"].map(labels), "count": count.astype("int64"), "count_a": count_a.astype("int64"),
        "count_b": count_b.astype("int64"), "n": n, "expected": assoc["expected_both"],
        "share": count / n if n else np.nan, "jaccard": jaccard, "lift": assoc["lift"], "phi": assoc["phi"],
        "odds_ratio": assoc["odds_ratio"], "log_odds_ratio": assoc["log_odds_ratio"], "ci_low": assoc["ci_low"],
        "ci_high": assoc["ci_high"], "p_fisher": assoc["p_fisher"], "p_adjusted": assoc["p_adj"],
    })
    order = np.lexsort((table["p_fisher"].fillna(1).to_numpy(), -table["phi"].fillna(-np.inf).to_numpy()))
    return table.iloc[order].reset_index(drop=True)
