"""Survey figures for analysts (seaborn / matplotlib); each returns its Axes or Figure.

Generic charts every topic shares (share bars with intervals, diverging offsets) live in
:mod:`cpdresearch.report.plots`; this module holds the survey's own.

Figures take the tables the analysis returns (or their published, suppressed versions:
a ``"c"`` is drawn as nothing), never raw responses, so a figure cannot show what a
table hides.

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"label": ["Workload", "Cover"], "share": [0.6, 0.3],
...                       "ci_low": [0.5, 0.2], "ci_high": [0.7, 0.4]})
>>> ax = multiselect_bars(table, title="Barriers")
>>> [t.get_text() for t in ax.get_yticklabels()]
['Workload', 'Cover']
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ..report.plots import diverging_offsets, numeric as _numeric, share_bars

__all__ = ["likert_bars", "likert_bars_by_group", "working_vs_wished_plot", "multiselect_bars"]

_NEUTRAL_COLOUR = "#d9d9d9"


def _level_colours(scale) -> list:
    """Diverging colours in scale order: reds below the centre (darkest furthest out),
    grey for the neutral level, blues above."""

    k = len(scale.labels)
    m = scale.codes_.index(scale.neutral) if scale.neutral is not None else k // 2
    below = list(sns.color_palette("Reds", m + 1))[1:][::-1]
    n_above = k - m - (scale.neutral is not None)
    above = list(sns.color_palette("Blues", n_above + 1))[1:]
    return below + ([_NEUTRAL_COLOUR] if scale.neutral is not None else []) + above


#: How a chart draws what its table hides ("c"): grey, hatched, with a legend entry.
HIDDEN_STYLE = {"color": "#f0f0f0", "hatch": "////", "edgecolor": "#969696", "linewidth": 0.5}
HIDDEN_LABEL = "Not shown (small numbers)"


def likert_bars(distribution: pd.DataFrame, *, scale, y: str = "label", sort: bool = True, order=None,
                title: str | None = None, legend: bool = True, ax=None):
    """Diverging stacked bars of a Likert block, centred on the neutral level.

    Every level of the scale is drawn and listed in the legend in scale order, also a
    level nobody chose (its segment has zero width), so charts of different cohorts
    read the same way. Levels the published table hides (``"c"``) are drawn together
    as one hatched "not shown" segment, never silently dropped: at the left end when
    they all lie below the middle, else at the right end; its width is what the
    table's total already implies.

    Parameters
    ----------
    distribution : pandas.DataFrame
        From :func:`cpdresearch.survey.likert_distribution` (or its published version):
        ``code``, ``percent`` and the column named by ``y``.
    scale : cpdresearch.instrument.Scale
        Gives level order, labels and the neutral level.
    y : str, default "label"
        Column naming each bar (``"group"`` for one item across groups).
    sort : bool, default True
        Order bars by the share above the neutral level minus the share below it,
        most positive at the top; otherwise keep the table's order.
    order : list, optional
        Bar labels top to bottom (e.g. the order of the table the chart stands beside);
        overrides ``sort``.
    title : str, optional
    legend : bool, default True
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from cpdresearch.instrument import Scale
    >>> scale = Scale("s", [1, 2, 3], ["Poor", "Fair", "Good"], neutral=2)
    >>> dist = pd.DataFrame({"label": ["Q"] * 3, "code": [1, 2, 3], "percent": [0.0, 40.0, 60.0]})
    >>> ax = likert_bars(dist, scale=scale)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Poor', 'Fair', 'Good']
    """

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.45 * distribution[y].nunique() + 1.6))
    wide = (distribution.assign(percent=_numeric(distribution["percent"]))
            .pivot_table(index=y, columns="code", values="percent", sort=False, dropna=False, aggfunc="first")
            .reindex(columns=scale.codes_))
    neutral_index = scale.codes_.index(scale.neutral) if scale.neutral is not None else None
    p = wide.to_numpy(dtype=float)
    if order is not None:
        position = {str(v): i for i, v in enumerate(wide.index)}
        rows_in = [position[str(v)] for v in order if str(v) in position]
        rows_in += [i for i in range(len(wide)) if i not in rows_in]
        wide, p = wide.iloc[rows_in], p[rows_in]
    elif sort:
        m = neutral_index if neutral_index is not None else len(scale.codes_) // 2
        top = m + 1 if neutral_index is not None else m
        net = np.nansum(p[:, top:], axis=1) - np.nansum(p[:, :m], axis=1)
        order = np.argsort(-net, kind="stable")
        wide, p = wide.iloc[order], p[order]
    left = diverging_offsets(p, neutral_index=neutral_index)
    rows = np.arange(len(wide))
    for j, (label, colour) in enumerate(zip(scale.labels, _level_colours(scale))):
        ax.barh(rows, np.nan_to_num(p[:, j]), left=left[:, j], color=colour, label=label,
                edgecolor="white", linewidth=0.5, height=0.7)
    hidden = np.where(np.isnan(p).any(axis=1), np.clip(100.0 - np.nansum(p, axis=1), 0, 100), 0.0)
    ends = (left + np.nan_to_num(p)).max(axis=1) if p.size else np.zeros(0)
    starts = left.min(axis=1) if p.size else np.zeros(0)
    if (hidden > 0).any():
        # The hidden part sits on the side its levels belong to (all below the middle: left;
        # otherwise right), so the chart reads like the table's below/above split.
        lower = neutral_index if neutral_index is not None else len(scale.codes_) // 2
        missing = np.isnan(p)
        below_only = missing[:, :lower].any(axis=1) & ~missing[:, lower:].any(axis=1)
        start = np.where(missing.all(axis=1), -50.0, np.where(below_only, starts - hidden, ends))
        ax.barh(rows, hidden, left=start, label=HIDDEN_LABEL, height=0.7, **HIDDEN_STYLE)
        ends = np.maximum(ends, start + hidden)
        starts = np.minimum(starts, start)
    ax.set_yticks(rows, [str(v) for v in wide.index])
    ax.invert_yaxis()  # first bar on top
    ax.axvline(0, color="black", linewidth=0.8)
    reach = max(50.0, float(np.nanmax(np.abs(np.c_[left, left + np.nan_to_num(p), ends, starts]))) if len(p) else 50.0)
    reach = min(100.0, np.ceil(reach / 10) * 10)
    ax.set_xlim(-reach, reach)
    steps = np.arange(0, reach + 1, 25 if reach > 60 else 10)
    ticks = np.unique(np.r_[-steps, steps])
    ax.set_xticks(ticks, [f"{abs(t):.0f}%" for t in ticks])
    ax.set_xlabel("% of those who answered")
    ax.set_ylabel("")
    entries = len(scale.labels) + bool((hidden > 0).any())
    ncols = min(entries, 5)
    legend_rows = -(-entries // ncols)
    if legend:
        # Above the bars, where it does not depend on how many bars there are.
        ax.legend(ncols=ncols, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False,
                  fontsize="small", handlelength=1.2, columnspacing=1.0)
    if title:
        # Above the legend, whatever its number of rows.
        ax.set_title(title, pad=6 + 18 * legend_rows if legend else 6)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def likert_bars_by_group(distribution: pd.DataFrame, *, scale, items=None, ncols: int = 3,
                         title: str | None = None):
    """Diverging bars per group, one panel per item (small multiples).

    Parameters
    ----------
    distribution : pandas.DataFrame
        From ``likert_distribution(..., by=attribute)``: ``group, item, label, code,
        percent``.
    scale : cpdresearch.instrument.Scale
    items : list of str, optional
        Item ids to show; default all, in the table's order.
    ncols : int, default 3
        Panels per row.
    title : str, optional
        Title of the whole figure.

    Returns
    -------
    matplotlib.figure.Figure
        One shared legend listing every level in scale order.

    Examples
    --------
    >>> from cpdresearch.instrument import Scale
    >>> scale = Scale("s", [1, 2], ["No", "Yes"])
    >>> dist = pd.DataFrame({"group": ["A", "A", "B", "B"], "item": "q", "label": "Q",
    ...                      "code": [1, 2, 1, 2], "percent": [50.0, 50.0, 100.0, 0.0]})
    >>> fig = likert_bars_by_group(dist, scale=scale)
    >>> len(fig.axes), [t.get_text() for t in fig.legends[0].get_texts()]
    (1, ['No', 'Yes'])
    """

    items = list(items) if items is not None else list(dict.fromkeys(distribution["item"]))
    ncols = max(1, min(ncols, len(items)))
    nrows = int(np.ceil(len(items) / ncols)) if items else 1
    n_groups = max(distribution["group"].nunique(), 1)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.2 * ncols, (0.32 * n_groups + 1.0) * nrows + 0.8),
                             squeeze=False)
    for ax, item in zip(axes.flat, items):
        part = distribution[distribution["item"] == item]
        likert_bars(part, scale=scale, y="group", sort=False, legend=False, ax=ax,
                    title=str(part["label"].iloc[0]) if len(part) else item)
        ax.title.set_fontsize("small")
        ax.tick_params(labelsize="x-small")
        ax.set_xlabel("")
        reach = ax.get_xlim()[1]
        ticks = np.unique(np.r_[-np.arange(0, reach + 1, 50), np.arange(0, reach + 1, 50)])
        ax.set_xticks(ticks, [f"{abs(t):.0f}%" for t in ticks])
    for ax in list(axes.flat)[len(items):]:
        ax.set_visible(False)
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(handles, labels, ncols=len(labels), loc="lower center", frameon=False, fontsize="small")
    if title:
        fig.suptitle(title)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def working_vs_wished_plot(table: pd.DataFrame, *, working_threshold: float | None = None,
                           wish_threshold: float | None = None, title: str | None = None, ax=None):
    """Scatter of each activity's effectiveness mean against its wish share, with quadrants.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`cpdresearch.survey.working_vs_wished`: ``label, mean, wish_share``
        and optionally ``ci_low, ci_high, wish_ci_low, wish_ci_high`` (drawn as
        whiskers).
    working_threshold, wish_threshold : float, optional
        Where the quadrant lines go; default ``table.attrs`` (as the analysis set them),
        else the medians.
    title : str, optional
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["Mentoring", "Coaching"], "mean": [3.9, 3.1],
    ...                       "wish_share": [0.4, 0.2]})
    >>> ax = working_vs_wished_plot(table, working_threshold=3.5, wish_threshold=0.3)
    >>> sorted(t.get_text() for t in ax.texts if t.get_text() in {"Mentoring", "Coaching"})
    ['Coaching', 'Mentoring']
    """

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    mean = _numeric(table["mean"])
    share = _numeric(table["wish_share"]) * 100
    wt = working_threshold if working_threshold is not None else table.attrs.get("working_threshold",
                                                                                 np.nanmedian(mean))
    st = wish_threshold if wish_threshold is not None else table.attrs.get("wish_threshold", np.nanmedian(share) / 100)
    xerr = yerr = None
    if {"wish_ci_low", "wish_ci_high"} <= set(table.columns):
        lo, hi = _numeric(table["wish_ci_low"]) * 100, _numeric(table["wish_ci_high"]) * 100
        xerr = np.clip(np.nan_to_num(np.vstack([share - lo, hi - share])), 0, None)
    if {"ci_low", "ci_high"} <= set(table.columns):
        lo, hi = _numeric(table["ci_low"]), _numeric(table["ci_high"])
        yerr = np.clip(np.nan_to_num(np.vstack([mean - lo, hi - mean])), 0, None)
    ax.errorbar(share, mean, xerr=xerr, yerr=yerr, fmt="none", ecolor="#9ecae1", elinewidth=1, capsize=2)
    borderline = (table["borderline"].astype(str) == "True").to_numpy() if "borderline" in table.columns \
        else np.zeros(len(table), dtype=bool)
    ax.plot(share[~borderline], mean[~borderline], "o", color="#2166ac", markersize=6, label="Placed in its group")
    if borderline.any():
        # Hollow: the interval crosses a dividing line, so the group is undecided.
        ax.plot(share[borderline], mean[borderline], "o", markerfacecolor="white", markeredgecolor="#2166ac",
                markersize=6, label="Borderline (interval crosses a line)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False, fontsize="small")
    for x, y, label in zip(share, mean, table["label"]):
        if np.isfinite(x) and np.isfinite(y):
            ax.annotate(str(label), (x, y), xytext=(4, 4), textcoords="offset points", fontsize="small")
    ax.axvline(st * 100, color="grey", linestyle="--", linewidth=1)
    ax.axhline(wt, color="grey", linestyle="--", linewidth=1)
    corners = {"expand": (0.98, 0.98, "right", "top"), "maintain": (0.02, 0.98, "left", "top"),
               "redesign or pilot": (0.98, 0.02, "right", "bottom"), "deprioritise": (0.02, 0.02, "left", "bottom")}
    for name, (x, y, ha, va) in corners.items():
        ax.text(x, y, name.capitalize(), transform=ax.transAxes, ha=ha, va=va, fontsize="small",
                color="dimgrey", style="italic")
    ax.set_xlabel("% of staff who want more of it")
    ax.set_ylabel("Mean rating: how well it works for CPD")
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def multiselect_bars(table: pd.DataFrame, *, title: str | None = None, sort: bool = True, ax=None):
    """Share of respondents ticking each option of a multi-select, with Wilson CIs.

    A multi-select's chart is :func:`cpdresearch.report.plots.share_bars` of
    :func:`cpdresearch.survey.multiselect_summary`'s table.

    Examples
    --------
    >>> table = pd.DataFrame({"label": ["Workload"], "share": [0.6], "ci_low": [0.5], "ci_high": [0.7]})
    >>> multiselect_bars(table).get_xlabel()
    '% of respondents (with 95% confidence interval)'
    """
    return share_bars(table, title=title, sort=sort, ax=ax)
