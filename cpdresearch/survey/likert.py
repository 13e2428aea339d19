"""Likert item summaries: overall and by respondent group.

Means and SDs are of the scale's integer codes (e.g. 1 = Not at all well ... 5 = Very
well); percentages are of respondents who gave a rating (blanks and declared
non-substantive answers such as "don't know" are counted apart, never in the base).
Intervals for means are clipped to the scale, medians are a point of the scale (the lower
middle answer when two differ, :func:`cpdresearch.stats.ordinal_median`), and each row
carries the share answering in the upper levels of the scale with a Wilson interval
(:func:`cpdresearch.stats.top_box_share`), which keeps its coverage in small groups near
the ceiling where the t-interval does not.

Examples
--------
>>> from cpdresearch.instrument import parse_instrument
>>> spec = {"scales": {"s": {"levels": [{"code": c, "label": l} for c, l in
...         [(1, "Poor"), (2, "Fair"), (3, "Good")]], "neutral": 2}},
...         "blocks": {"b": {"scale": "s", "items": [{"id": "q1", "label": "Supervision"}]}}}
>>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
>>> data = pd.DataFrame({"q1": pd.Categorical(["Poor", "Good", "Good", None],
...                                            categories=["Poor", "Fair", "Good"], ordered=True)})
>>> likert_summary(data, block=block)[["item", "n", "n_missing", "mean", "pct_below", "pct_above"]]
  item  n  n_missing      mean  pct_below  pct_above
0   q1  3          1  2.333333  33.333333  66.666667
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..stats import ordinal_median, t_interval, top_box_share
from ._common import (as_list, group_keys, item_codes, non_response_columns, non_substantive_answers,
                      resolve_question)

__all__ = ["likert_summary", "likert_distribution", "upper_levels"]

_SUMMARY_COLUMNS = ["item", "label", "n", "n_missing", "mean", "sd", "median", "median_label", "ci_low", "ci_high",
                    "top_count", "top_share", "top_ci_low", "top_ci_high"]


def upper_levels(scale) -> list[int]:
    """Codes of the upper levels of a scale: above the neutral level, else the upper half.

    Examples
    --------
    >>> from cpdresearch.instrument import Scale
    >>> upper_levels(Scale("s", [1, 2, 3, 4, 5], list("abcde"), neutral=3))
    [4, 5]
    >>> upper_levels(Scale("s", [1, 2, 3, 4], list("abcd")))
    [3, 4]
    """
    codes = list(scale.codes_)
    if scale.neutral is not None:
        return [c for c in codes if c > scale.neutral]
    return codes[len(codes) - len(codes) // 2:]


def _summarise(codes: pd.DataFrame, keys: pd.Series, block, level: float, answers: pd.DataFrame) -> pd.DataFrame:
    """One row per (group, item): the statistics, computed column-wise per group."""
    scale = block.scale
    g = codes.groupby(keys, observed=True, sort=True)
    missing = g.size().to_frame().to_numpy() - g.count()
    apart = {}
    for column, label in list(non_response_columns(scale).items())[1:]:
        apart[column] = (answers == label).groupby(keys, observed=True, sort=True).sum().reindex(
            columns=codes.columns)
    blank = missing - sum(apart.values()) if apart else missing
    parts = {
        "n": g.count(),
        "n_missing": missing,
        "n_blank": blank,
        **apart,
        "mean": g.mean(),
        "sd": g.std(ddof=1),
        "median": g.agg(ordinal_median),
    }
    for code in scale.codes_:
        parts[f"pct_{code}"] = (codes == code).groupby(keys, observed=True, sort=True).sum()
    if scale.neutral is not None:
        parts["pct_below"] = (codes < scale.neutral).groupby(keys, observed=True, sort=True).sum()
        parts["pct_neutral"] = (codes == scale.neutral).groupby(keys, observed=True, sort=True).sum()
        parts["pct_above"] = (codes > scale.neutral).groupby(keys, observed=True, sort=True).sum()
    else:
        # No middle answer: the lower and the upper half of the levels, as the chart splits them.
        lower = scale.codes_[: len(scale.codes_) // 2]
        parts["pct_below"] = codes.isin(lower).groupby(keys, observed=True, sort=True).sum()
        parts["pct_above"] = (codes.notna() & ~codes.isin(lower)).groupby(keys, observed=True, sort=True).sum()
    long = pd.concat({k: v.stack(future_stack=True) for k, v in parts.items()}, axis=1)
    long.index = long.index.set_names(["group", "item"])
    long = long.reset_index()
    n = long["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        for col in [c for c in long.columns if c.startswith("pct_")]:
            long[col] = np.where(n > 0, long[col].to_numpy(dtype=float) / n * 100, np.nan)
    long["ci_low"], long["ci_high"] = t_interval(long["mean"].to_numpy(dtype=float), long["sd"].to_numpy(dtype=float),
                                                 n, level=level, bounds=(min(scale.codes_), max(scale.codes_)))
    long["median_label"] = long["median"].map(lambda c: scale.label_of(int(c)) if pd.notna(c) else None)
    top = upper_levels(scale)
    frame = pd.DataFrame({"group": keys.to_numpy()}) if keys is not None else None
    parts = []
    for item in codes.columns:
        frame["_dv"] = codes[item].to_numpy()
        share = top_box_share(frame, dv="_dv", top=top, between="group", level=level)
        share.insert(1, "item", item)
        parts.append(share)
    shares = pd.concat(parts, ignore_index=True).rename(columns={
        "count": "top_count", "share": "top_share", "ci_low": "top_ci_low", "ci_high": "top_ci_high"})
    long = long.merge(shares.drop(columns="n"), on=["group", "item"], how="left", sort=False)
    for column in ["n", "n_missing", *non_response_columns(scale)]:
        long[column] = long[column].astype("int64")
    return long


def likert_summary(data: pd.DataFrame, *, block, instrument=None, by=None, level: float = 0.95) -> pd.DataFrame:
    """Summarise each Likert item of a block, overall or by respondent group.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent; items as ordered categoricals of the scale's labels (as
        ``study.survey`` holds them) or as numeric codes.
    block : cpdresearch.instrument.Block or str
        The block, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    by : str or list of str, optional
        Respondent attribute(s), e.g. ``"team"`` or ``["team", "role", "career_stage"]``.
        With ``by``, the table gains columns ``by`` (the attribute) and ``group`` (its
        value), one set of rows per attribute; groups nobody belongs to are left out.
    level : float, default 0.95
        Confidence level of the t-interval for the mean.

    Returns
    -------
    pandas.DataFrame
        ``[by, group,] item, label, n`` (gave a rating), ``n_missing`` (did not), split
        into ``n_blank`` (left it blank) and one ``n_<slug>`` per non-substantive label
        of the scale (``n_dont_know``, ``n_not_applicable``, ...: declared labels, then
        the defaults the package always reads, see
        :attr:`cpdresearch.instrument.Scale.missing_labels`),
        ``mean, sd, median`` (a code of the scale, :func:`cpdresearch.stats.ordinal_median`),
        ``median_label`` (its level), ``ci_low, ci_high`` (t-interval for the mean
        clipped to the scale), ``top_count, top_share, top_ci_low, top_ci_high`` (answers
        in :func:`upper_levels`, share of ``n``, Wilson interval), ``pct_<code>`` for
        each level of the scale, ``pct_below, pct_above`` (below and above the neutral
        level; for a scale without one, its lower and upper half) and, with a neutral level,
        ``pct_neutral``. Percentages are of ``n``. SD and CI need two answers;
        with fewer they are NaN.

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": 1, "label": "No"}, {"code": 2, "label": "Yes"}]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q", "label": "Q"}]}}}
    >>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
    >>> data = pd.DataFrame({"q": [1, 2, 2, 2], "team": ["A", "A", "B", "B"]})
    >>> likert_summary(data, block=block, by="team")[["by", "group", "n", "mean", "pct_2"]]
         by group  n  mean  pct_2
    0  team     A  2   1.5   50.0
    1  team     B  2   2.0  100.0
    """
    block = resolve_question(data, block, instrument=instrument, kind="blocks")
    codes = item_codes(data, block)
    answers = non_substantive_answers(data, block)
    labels = {i.id: i.label for i in block.items}
    attributes = as_list(by)
    frames = []
    if not attributes:
        keys = pd.Series(pd.Categorical(np.zeros(len(codes), dtype=int), categories=[0]))
        frames.append(_summarise(codes, keys, block, level, answers).drop(columns="group"))
    for attribute in attributes:
        keys = group_keys(data, attribute)
        part = _summarise(codes, keys, block, level, answers)
        part.insert(0, "by", attribute)
        part["group"] = part["group"].astype(str)
        frames.append(part)
    if not frames or codes.shape[1] == 0:
        head = (["by", "group"] if attributes else []) + _SUMMARY_COLUMNS
        return pd.DataFrame(columns=head)
    # Stacking keeps group order, then item order as in the instrument.
    table = pd.concat(frames, ignore_index=True)
    table.insert(table.columns.get_loc("item") + 1, "label", table["item"].map(labels))
    return table


def likert_distribution(data: pd.DataFrame, *, block, instrument=None, by: str | None = None) -> pd.DataFrame:
    """Count and percentage of answers at every level of the scale, per item.

    Every level appears, also one that nobody chose (count 0), in scale order: the
    input the diverging bar charts need.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per respondent, items as labels or codes.
    block : cpdresearch.instrument.Block or str
        The block, or its id (looked up in ``instrument``, or in the instrument
        ``load_study`` attaches to ``study.survey``).
    instrument : cpdresearch.instrument.Instrument, optional
    by : str, optional
        A respondent attribute; adds a ``group`` column.

    Returns
    -------
    pandas.DataFrame
        ``[group,] item, label, code, level, count, n, percent`` (percent of those who
        answered the item in that group).

    Examples
    --------
    >>> from cpdresearch.instrument import parse_instrument
    >>> spec = {"scales": {"s": {"levels": [{"code": 1, "label": "No"}, {"code": 2, "label": "Yes"}]}},
    ...         "blocks": {"b": {"scale": "s", "items": [{"id": "q", "label": "Q"}]}}}
    >>> block = parse_instrument(spec, "x.yml")[0].blocks["b"]
    >>> likert_distribution(pd.DataFrame({"q": ["Yes", "Yes", None]}), block=block)
      item label  code level  count  n  percent
    0    q     Q     1    No      0  2      0.0
    1    q     Q     2   Yes      2  2    100.0
    """
    block = resolve_question(data, block, instrument=instrument, kind="blocks")
    codes = item_codes(data, block)
    scale = block.scale
    labels = {i.id: i.label for i in block.items}
    if by is None:
        keys = pd.Series(pd.Categorical(np.zeros(len(codes), dtype=int), categories=[0]))
    else:
        keys = group_keys(data, by)
    g_n = codes.notna().groupby(keys, observed=True, sort=True).sum()
    per_level = {code: (codes == code).groupby(keys, observed=True, sort=True).sum() for code in scale.codes_}
    long = pd.concat({c: v.stack(future_stack=True) for c, v in per_level.items()}, names=["code", "group", "item"])
    long = long.rename("count").reset_index()
    long["n"] = g_n.stack(future_stack=True).reindex(pd.MultiIndex.from_frame(long[["group", "item"]])).to_numpy()
    order = {item: k for k, item in enumerate(codes.columns)}
    long = long.assign(_item=long["item"].map(order)).sort_values(["group", "_item", "code"], kind="stable")
    long = long.drop(columns="_item").reset_index(drop=True)
    long["level"] = long["code"].map(dict(zip(scale.codes_, scale.labels)))
    long["label"] = long["item"].map(labels)
    n = long["n"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        long["percent"] = np.where(n > 0, long["count"].to_numpy(dtype=float) / n * 100, np.nan)
    long["count"] = long["count"].astype("int64")
    long["n"] = long["n"].astype("int64")
    columns = ["item", "label", "code", "level", "count", "n", "percent"]
    if by is None:
        return long[columns]
    long["group"] = long["group"].astype(str)
    return long[["group", *columns]]
