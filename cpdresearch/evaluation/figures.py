"""Evaluation figures for analysts (matplotlib); each returns its Axes.

Figures take published tables: a suppressed value (``"c"``) is drawn as nothing, so a
figure cannot show what its table hides.

Examples
--------
>>> import pandas as pd
>>> oc = pd.DataFrame({"title": ["Course A"], "objective_no": [1], "objective": ["Use a chronology"],
...                    "pre_mean": [1.7], "post_mean": [2.8]})
>>> ax = before_after_dots(oc, labels=["Not sure", "Some knowledge", "Knowledgeable", "Confident"])
>>> len(ax.get_yticklabels())
1
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..report.plots import numeric

__all__ = ["before_after_dots", "rating_distribution_bars", "followup_lines"]

_BEFORE, _AFTER, _FOLLOWUP = "#bdbdbd", "#2166ac", "#b2182b"


def _short(text: str, width: int = 60) -> str:
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _row_label(row) -> str:
    objective = row["objective"] if "objective" in row and isinstance(row["objective"], str) else \
        f"objective {row['objective_no']}"
    return f"{_short(row['title'], 32)}: {_short(objective, 48)}"


def _scale_axis(ax, labels: list[str], axis: str = "x") -> None:
    ticks = np.arange(1, len(labels) + 1)
    if axis == "x":
        ax.set_xticks(ticks, [f"{i} {l}" for i, l in zip(ticks, labels)], fontsize=8)
        ax.set_xlim(0.8, len(labels) + 0.2)
    else:
        ax.set_yticks(ticks, [f"{i} {l}" for i, l in zip(ticks, labels)], fontsize=8)
        ax.set_ylim(0.8, len(labels) + 0.2)


def before_after_dots(objective_change: pd.DataFrame, *, labels: list[str], title: str | None = None, ax=None):
    """Dot-and-line chart: mean confidence before (grey) and after (blue) per objective.

    Parameters
    ----------
    objective_change : pandas.DataFrame
        Published ``objective_change`` (``title, objective_no, objective, pre_mean,
        post_mean``); rows with hidden means are left out.
    labels : list of str
        The rating scale's labels, lowest first.
    title : str, optional
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    pre, post = numeric(objective_change["pre_mean"]), numeric(objective_change["post_mean"])
    keep = ~(np.isnan(pre) | np.isnan(post))
    table, pre, post = objective_change[keep], pre[keep], post[keep]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.28 * len(table) + 1.4))
    rows = np.arange(len(table))
    ax.hlines(rows, pre, post, color="#969696", linewidth=1.2)
    ax.scatter(pre, rows, color=_BEFORE, edgecolor="#636363", zorder=3, label="Before the course")
    ax.scatter(post, rows, color=_AFTER, zorder=3, label="After the course")
    ax.set_yticks(rows, [_row_label(r) for _, r in table.iterrows()], fontsize=7)
    ax.invert_yaxis()
    _scale_axis(ax, labels)
    ax.set_xlabel("Mean confidence rating")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def rating_distribution_bars(distribution: pd.DataFrame, *, labels: list[str], title: str | None = None, ax=None):
    """Stacked bars: the share of ratings at each level, before and after the course.

    Every level of the scale is drawn and listed in the legend, also one nobody chose.

    Parameters
    ----------
    distribution : pandas.DataFrame
        Published ``rating_distribution`` (``when, code, percent``).
    labels : list of str

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> d = pd.DataFrame({"when": ["before"] * 2 + ["after"] * 2, "code": [1, 2, 1, 2],
    ...                   "percent": [60.0, 40.0, 20.0, 80.0]})
    >>> ax = rating_distribution_bars(d, labels=["Low", "High"])
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Low', 'High']
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 2.4))
    colours = plt.get_cmap("Blues")(np.linspace(0.25, 0.9, len(labels)))
    whens = ["before", "after"]
    for i, when in enumerate(whens):
        part = distribution[distribution["when"] == when].set_index("code")
        left = 0.0
        for code, label in enumerate(labels, start=1):
            value = numeric([part["percent"].get(code, np.nan)])[0]
            width = 0.0 if np.isnan(value) else value
            ax.barh(i, width, left=left, color=colours[code - 1], edgecolor="white",
                    label=label if i == 0 else None)
            if width >= 6:
                ax.text(left + width / 2, i, f"{width:.0f}%", ha="center", va="center", fontsize=8,
                        color="white" if code > len(labels) / 2 else "black")
            left += width
    ax.set_yticks(range(len(whens)), ["Before the course", "After the course"])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of ratings (all objectives)")
    ax.legend(ncol=len(labels), loc="upper center", bbox_to_anchor=(0.5, -0.35), fontsize=8, frameon=False)
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def followup_lines(followup: pd.DataFrame, objective_change: pd.DataFrame, *, labels: list[str],
                   title: str | None = None, ax=None):
    """Trajectories per objective: mean rating before, just after, and at follow-up.

    Parameters
    ----------
    followup : pandas.DataFrame
        Published ``followup`` (``course_id, objective_no, post_mean, fu_mean, verdict``).
    objective_change : pandas.DataFrame
        Published ``objective_change`` (for the mean before the course).
    labels : list of str

    Returns
    -------
    matplotlib.axes.Axes
    """
    pre = objective_change.set_index(["course_id", "objective_no"])["pre_mean"] if not objective_change.empty \
        else pd.Series(dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    drawn = 0
    for _, row in followup.iterrows():
        post, fu = numeric([row["post_mean"]])[0], numeric([row["fu_mean"]])[0]
        if np.isnan(post) or np.isnan(fu):
            continue
        before = numeric([pre.get((row["course_id"], row["objective_no"]), np.nan)])[0]
        faded = str(row["verdict"]) == "faded"
        ax.plot([0, 1, 2], [before, post, fu], marker="o", linewidth=1.6 if faded else 0.8, alpha=0.9 if faded else 0.5,
                color=_FOLLOWUP if faded else _AFTER)
        drawn += 1
    ax.set_xticks([0, 1, 2], ["Before the course", "Just after", "At follow-up"])
    _scale_axis(ax, labels, axis="y")
    ax.set_ylabel("Mean confidence rating")
    ax.plot([], [], color=_AFTER, label="Gain retained")
    ax.plot([], [], color=_FOLLOWUP, label="Gain faded")
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    if title:
        ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
