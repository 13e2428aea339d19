"""Differences between respondent groups on each Likert item.

Likert answers are ordinal, so groups are compared on ranks: Kruskal-Wallis with the
bias-adjusted epsilon-squared for three or more groups, Mann-Whitney U with the
rank-biserial correlation (and its interval) for two. p-values are adjusted across every
test of the table (Holm by default); the effect size gets a magnitude word only where
that adjusted p (and, for two groups, the interval) supports an effect
(:func:`cpdresearch.stats.effect_size_label`). A group is named highest (lowest) only
when post-hoc pairwise Mann-Whitney tests, Holm-adjusted within the item, place it above
(below) every other group tested.

One family per question: when one attribute nests another exactly in the data (every
group of the finer one lies inside one group of the coarser one), only the finer is
tested (:func:`nested_attributes`); its contrasts include the coarser one's.

Examples
--------
>>> from cpdresearch.instrument import parse_instrument
>>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
...         "blocks": {"b": {"scale": "s", "items": [{"id": "q", "label": "Supervision"}]}}}
>>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
>>> data = pd.DataFrame({"q": [1, 2, 2, 3, 3, 4, 4, 5, 5], "team": ["A"] * 3 + ["B"] * 3 + ["C"] * 3})
>>> group_differences(data, block=block, by="team")[["item", "test", "statistic", "p", "effect_size"]].round(3)
  item            test  statistic      p  effect_size
0    q  kruskal_wallis      7.057  0.029        0.843
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import (adjust_p, effect_size_label, kruskal_wallis, mann_whitney, ordinal_regression,
                     pairwise_mann_whitney, proportional_odds_test)
from ..errors import DataError
from ._common import as_list, group_keys, item_codes, nested_attributes, resolve_question

__all__ = ["group_differences", "label_differences", "nested_attributes", "adjusted_group_differences"]

_COLUMNS = ["item", "label", "between", "test", "k", "n", "groups_excluded", "statistic", "df", "p", "p_adjusted",
            "effect_size", "effect_size_kind", "effect_ci_low", "effect_ci_high", "epsilon_sq", "magnitude",
            "pairs_tested", "pairs_differing", "higher_group", "lower_group"]

#: effect_size_kind -> the kind :func:`cpdresearch.stats.effect_size_label` judges it as
_LABEL_KIND = {"epsilon_sq_adj": "epsilon_sq", "rank_biserial": "rank_biserial"}


def _pairwise_extremes(frame: pd.DataFrame, *, padjust: str, alpha: float, level: float):
    """Groups pairwise tests place above (below) every other group, Holm within the item.

    Returns ``(higher, lower, pairs_tested, n_different)``; ``higher``/``lower`` are None
    unless every pair involving that group differs (adjusted p < alpha) in that direction.
    """
    pairs = pairwise_mann_whitney(frame, dv="dv", between="group", padjust=padjust, level=level)
    clear = pairs["p_adj"].to_numpy(dtype=float) < alpha
    wins: dict = {}
    losses: dict = {}
    groups = set(pairs["A"]) | set(pairs["B"])
    for (a, b, r), c in zip(pairs[["A", "B", "rank_biserial"]].itertuples(index=False), clear):
        if c and r > 0:
            wins[a] = wins.get(a, 0) + 1
            losses[b] = losses.get(b, 0) + 1
        elif c and r < 0:
            wins[b] = wins.get(b, 0) + 1
            losses[a] = losses.get(a, 0) + 1
    others = len(groups) - 1
    higher = [g for g in groups if wins.get(g, 0) == others]
    lower = [g for g in groups if losses.get(g, 0) == others]
    return (str(higher[0]) if len(higher) == 1 and others > 0 else None,
            str(lower[0]) if len(lower) == 1 and others > 0 else None, len(pairs), int(clear.sum()))


def label_differences(table: pd.DataFrame, *, padjust: str = "holm", alpha: float = 0.05) -> pd.DataFrame:
    """Adjust the p-values of a table of group tests as one family and label each effect.

    ``p_adjusted`` is ``adjust_p`` of every tested row; ``magnitude`` is
    :func:`cpdresearch.stats.effect_size_label` of the effect size with that adjusted p
    (and, for rank-biserial, its interval): no magnitude word for an effect the test does
    not support ("unclear"), "negligible" below the smallest threshold. ``higher_group``
    and ``lower_group`` are blanked where the adjusted p is not below ``alpha``: with no
    clear difference there is no highest or lowest group. Adjusting a larger family only
    raises p-values, so calling this again on a concatenation of tables is safe.

    Examples
    --------
    >>> t = pd.DataFrame({"p": [0.001, 0.4], "effect_size": [0.05, 0.05],
    ...                   "effect_size_kind": ["epsilon_sq_adj"] * 2, "effect_ci_low": [np.nan] * 2,
    ...                   "effect_ci_high": [np.nan] * 2, "higher_group": ["A", "A"], "lower_group": [None, None]})
    >>> label_differences(t)[["p_adjusted", "magnitude", "higher_group"]]
       p_adjusted magnitude higher_group
    0       0.002     small            A
    1       0.400   unclear         None
    """
    if table.empty or "p" not in table.columns:
        return table
    table = table.copy()
    tested = table["p"].notna().to_numpy()
    adjusted = np.full(len(table), np.nan)
    if tested.any():
        adjusted[tested] = adjust_p(table.loc[tested, "p"].to_numpy(dtype=float), method=padjust)
    table["p_adjusted"] = adjusted
    labels = []
    for value, kind, p, low, high in zip(table["effect_size"], table["effect_size_kind"], adjusted,
                                         table["effect_ci_low"], table["effect_ci_high"]):
        if not isinstance(kind, str):
            labels.append(None)
            continue
        ci = (float(low), float(high)) if kind == "rank_biserial" else None
        labels.append(effect_size_label(float(value), kind=_LABEL_KIND.get(kind, kind), p=float(p), alpha=alpha,
                                        ci=ci))
    table["magnitude"] = labels
    unclear = ~(adjusted < alpha)
    for column in ("higher_group", "lower_group"):
        table[column] = table[column].astype(object).where(~unclear, None)
    return table


def group_differences(
    data: pd.DataFrame,
    *,
    block,
    instrument=None,
    by=("team", "role", "career_stage"),
    padjust: str = "holm",
    min_group_size: int = 1,
    alpha: float = 0.05,
    level: float = 0.95,
    nested: str = "finer",
) -> pd.DataFrame:
    """Test every item of a block for differences between the groups of each attribute.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    block : cpdresearch.instrument.Block or str
        The block, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    by : str or sequence of str, default ("team", "role", "career_stage")
        Respondent attributes to compare across.
    padjust : str, default "holm"
        Adjustment across all tests in the table (:func:`cpdresearch.stats.adjust_p`),
        and across the pairs of groups within an item (post-hoc tests).
    min_group_size : int, default 1
        Groups with fewer respondents answering the item are left out of its test
        (disclosure: pass ``study.min_group``); they are counted in ``groups_excluded``.
    alpha : float, default 0.05
        Significance level of the adjusted p-values (labels, highest and lowest group).
    level : float, default 0.95
        Confidence level of the rank-biserial interval.
    nested : {"finer", "all"}, default "finer"
        ``"finer"``: an attribute that another one of ``by`` nests exactly in the data
        (:func:`nested_attributes`) is not tested; ``table.attrs["nested"]`` maps it to
        the finer attribute tested in its place. ``"all"`` tests every attribute.

    Returns
    -------
    pandas.DataFrame
        One row per item and attribute tested: ``item, label, between, test``
        (``kruskal_wallis`` or ``mann_whitney``), ``k`` (groups tested), ``n``,
        ``groups_excluded, statistic`` (H or U), ``df, p, p_adjusted, effect_size,
        effect_size_kind`` (``epsilon_sq_adj``: the bias-adjusted epsilon-squared
        ``max(0, (H - k + 1)/(n - k))``; or ``rank_biserial``, positive when the first
        group in category order tends to answer higher), ``effect_ci_low,
        effect_ci_high`` (the rank-biserial's interval; NaN for epsilon-squared),
        ``epsilon_sq`` (unadjusted, for comparison), ``magnitude`` (see
        :func:`label_differences`), ``pairs_tested, pairs_differing`` (post-hoc pairs and
        those with Holm-adjusted p < ``alpha``), ``higher_group, lower_group`` (the group
        pairwise tests place above, or below, every other tested group, when the item's
        adjusted p < ``alpha``; otherwise blank). Fewer than two groups: no test,
        statistics NaN.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 6)]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q"}]}}}
    >>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
    >>> data = pd.DataFrame({"q": [1, 2, 2, 1, 1, 4, 5, 5, 4, 5], "role": ["SW"] * 5 + ["Manager"] * 5})
    >>> group_differences(data, block=block, by="role")[["test", "statistic", "magnitude", "higher_group"]]
               test  statistic magnitude higher_group
    0  mann_whitney       25.0     large      Manager
    """
    block = resolve_question(data, block, instrument=instrument, kind="blocks")
    if nested not in ("finer", "all"):
        raise ValueError(f"nested must be 'finer' or 'all', not {nested!r}")
    codes = item_codes(data, block)
    labels = {i.id: i.label for i in block.items}
    attributes = as_list(by)
    skipped = nested_attributes(data, attributes) if nested == "finer" else {}
    rows = []
    for attribute in [a for a in attributes if a not in skipped]:
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
                           effect_size=res["epsilon_sq_adj"], effect_size_kind="epsilon_sq_adj",
                           epsilon_sq=res["epsilon_sq"])
            elif len(keep) == 2:
                res = mann_whitney(frame, dv="dv", between="group", level=level).iloc[0]
                row.update(test="mann_whitney", statistic=res["U"], df=np.nan, p=res["p"],
                           effect_size=res["rank_biserial"], effect_size_kind="rank_biserial",
                           effect_ci_low=res["rb_ci_low"], effect_ci_high=res["rb_ci_high"])
            if len(keep) >= 2 and not np.isnan(row["p"]):
                higher, lower, pairs_tested, n_diff = _pairwise_extremes(frame, padjust=padjust, alpha=alpha, level=level)
                row.update(higher_group=higher, lower_group=lower, pairs_tested=pairs_tested, pairs_differing=n_diff)
            rows.append(row)
    table = pd.DataFrame(rows).reindex(columns=_COLUMNS)
    table = label_differences(table, padjust=padjust, alpha=alpha)
    table.attrs["nested"] = skipped
    return table


def adjusted_group_differences(
    data: pd.DataFrame,
    *,
    block,
    between: str,
    adjust_for,
    min_group_size: int = 1,
    alpha: float = 0.05,
    level: float = 0.95,
) -> pd.DataFrame:
    """Group differences on each item adjusted for other attributes (e.g. team for role mix).

    A proportional-odds model (:func:`cpdresearch.stats.ordinal_regression`) of each item
    on ``between`` and ``adjust_for``, with Brant's check of proportional odds
    (:func:`cpdresearch.stats.proportional_odds_test`) beside it. Where the check fails
    (p < ``alpha``) the single odds ratio averages cut-specific ones that may point in
    opposite directions: the cut-specific odds ratios of ``between``'s terms are given,
    one row per cut, and they are the ones to read.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    block : cpdresearch.instrument.Block or str
        The block, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    between : str
        The attribute whose groups are compared (e.g. team).
    adjust_for : str or sequence of str
        Attributes held constant (e.g. role).
    min_group_size : int, default 1
        Respondents in groups (of ``between`` or ``adjust_for``) smaller than this are
        left out.
    alpha : float, default 0.05
        Level of the proportional-odds check.
    level : float, default 0.95
        Confidence level of the cut-specific odds ratios (the model's are Wald 95%).

    Returns
    -------
    pandas.DataFrame
        ``item, label, between, adjust_for, n, term, group, n_group, cut, odds_ratio,
        ci_low, ci_high, p, po_p, po_violated``: for each item, one row per group of
        ``between`` (against its first group) with the model's odds ratio (``cut`` NaN),
        and, when ``po_violated``, one further row per cut with the cut-specific odds
        ratio of "rating above ``cut``". ``po_p`` is the Brant test of the term's
        group (df ``(J - 2)`` per dummy), or the omnibus test when ``between`` has
        several dummies.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": c, "label": str(c)} for c in range(1, 4)]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q"}]}}}
    >>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
    >>> data = pd.DataFrame({"q": [1, 2, 3, 2, 3, 3, 1, 1, 2, 2, 3, 1] * 10,
    ...                      "team": ["A", "B"] * 60, "role": ["SW"] * 60 + ["M"] * 60})
    >>> res = adjusted_group_differences(data, block=block, between="team", adjust_for="role")
    >>> res.loc[0, "group"], int(res.loc[0, "n_group"]), res.loc[0, "term"]
    ('B', 60, 'team[T.B]')
    """
    codes = item_codes(data, block)
    labels = {i.id: i.label for i in block.items}
    others = as_list(adjust_for)
    frame = pd.DataFrame({a: group_keys(data, a).astype(object) for a in [between, *others]})
    for a in [between, *others]:
        sizes = frame[a].value_counts()
        frame.loc[frame[a].isin(sizes[sizes < max(min_group_size, 1)].index), a] = None
    rows = []
    for item in codes.columns:
        part = frame.assign(_rating=codes[item].to_numpy()).dropna()
        part = part.assign(_rating=part["_rating"].astype(int))
        base = {"item": item, "label": labels[item], "between": between, "adjust_for": ", ".join(others),
                "n": len(part)}
        try:
            model = ordinal_regression(part, dv="_rating", predictors=[between, *others])
            check = proportional_odds_test(part, dv="_rating", predictors=[between, *others], level=level,
                                           alpha=alpha)
        except (DataError, ValueError, np.linalg.LinAlgError):  # too few levels or groups, or separation
            rows.append(base)
            continue
        prefix = f"{between}[T."
        terms = model[model["term"].str.startswith(prefix)]
        tests = check.tests.set_index("term")["p"]
        po_p = (float(tests.get(terms["term"].iloc[0], np.nan)) if len(terms) == 1
                else float(tests.get("omnibus", np.nan)))
        violated = bool(po_p < alpha)
        sizes = part[between].value_counts()
        for _, t in terms.iterrows():
            group = t["term"][len(prefix):-1]
            common = {**base, "term": t["term"], "group": group, "n_group": int(sizes.get(group, 0)),
                      "po_p": po_p, "po_violated": violated}
            rows.append({**common, "cut": np.nan, "odds_ratio": t["odds_ratio"], "ci_low": t["ci_low"],
                         "ci_high": t["ci_high"], "p": t["p"]})
            if violated:
                cuts = check.cut_odds_ratios[check.cut_odds_ratios["term"] == t["term"]]
                for _, c in cuts.iterrows():
                    rows.append({**common, "cut": c["above"], "odds_ratio": c["odds_ratio"], "ci_low": c["ci_low"],
                                 "ci_high": c["ci_high"], "p": c["p"]})
    columns = ["item", "label", "between", "adjust_for", "n", "term", "group", "n_group", "cut", "odds_ratio",
               "ci_low", "ci_high", "p", "po_p", "po_violated"]
    return pd.DataFrame(rows).reindex(columns=columns)
