"""Focus-group figures for analysts; each returns its matplotlib Axes.

Figures take published tables, so a hidden count (``"c"``) is drawn as an empty,
hatched cell labelled "c": a chart cannot show what its table hides.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"code": ["a", "a", "b", "b"], "label": ["Trust", "Trust", "Plans", "Plans"],
...                   "group": ["x", "y", "x", "y"], "group_label": ["X", "Y", "X", "Y"],
...                   "participant_share": [0.5, "c", 0.2, 0.7]})
>>> ax = theme_heatmap(f)
>>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.get_xticklabels()]
(['Trust', 'Plans'], ['X', 'Y'])
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..report.plots import numeric

__all__ = ["theme_heatmap", "cooccurrence_heatmap", "keyness_bars"]


def _grid(ax, values: np.ndarray, hidden: np.ndarray, *, rows, columns, fmt, cmap: str, vmax: float):
    shown = np.ma.masked_invalid(values)
    image = ax.imshow(shown, cmap=cmap, vmin=0, vmax=vmax, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if hidden[i, j]:
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="#bbbbbb",
                                           linewidth=0))
                ax.text(j, i, "c", ha="center", va="center", color="#555555")
            elif not np.isnan(values[i, j]):
                ax.text(j, i, fmt(values[i, j]), ha="center", va="center",
                        color="white" if values[i, j] > 0.6 * vmax else "black")
    ax.set_xticks(range(len(columns)), [textwrap.fill(str(c), 14) for c in columns])
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    return image


def theme_heatmap(frequencies: pd.DataFrame, *, title: str | None = None, ax=None):
    """Share of each group's participants who raised each theme (codes x groups).

    Parameters
    ----------
    frequencies : pandas.DataFrame
        Published ``code_frequencies`` (the all-groups rows are left out).
    """
    data = frequencies[frequencies["group"] != "all"]
    rows = list(dict.fromkeys(data["label"]))
    columns = list(dict.fromkeys(data["group_label"]))
    wide = data.pivot_table(index="label", columns="group_label", values="participant_share",
                            aggfunc="first").reindex(index=rows, columns=columns)
    raw = data.pivot(index="label", columns="group_label", values="participant_share").reindex(index=rows,
                                                                                                 columns=columns)
    hidden = raw.astype(str).eq("c").to_numpy()
    values = np.vstack([numeric(wide.iloc[i]) for i in range(len(rows))]) if rows else np.zeros((0, 0))
    if ax is None:
        _, ax = plt.subplots(figsize=(2.2 + 1.6 * len(columns), 0.9 + 0.45 * len(rows)))
    image = _grid(ax, values, hidden, rows=rows, columns=columns, fmt=lambda v: f"{v:.0%}", cmap="Blues", vmax=1)
    ax.figure.colorbar(image, ax=ax, fraction=0.04, label="Share of participants")
    ax.set_title(title or "Share of each group's participants who raised each theme")
    ax.figure.tight_layout()
    return ax


def cooccurrence_heatmap(pairs: pd.DataFrame, *, codes: dict, title: str | None = None, ax=None):
    """Jaccard index of every pair of themes (published ``cooccurrence``), lower triangle."""
    labels = list(codes.values())
    index = {code: k for k, code in enumerate(codes)}
    n = len(labels)
    values = np.full((n, n), np.nan)
    hidden = np.zeros((n, n), dtype=bool)
    for row in pairs.itertuples():
        i, j = sorted((index[row.code_a], index[row.code_b]), reverse=True)
        if str(row.jaccard) == "c":
            hidden[i, j] = True
        else:
            values[i, j] = float(row.jaccard)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.5 + 0.7 * n, 1.5 + 0.5 * n))
    vmax = max(float(np.nanmax(values)) if np.isfinite(values).any() else 0.0, 0.05)
    image = _grid(ax, values, hidden, rows=labels, columns=labels, fmt=lambda v: f"{v:.2f}", cmap="Purples",
                  vmax=vmax)
    ax.set_xticks(range(n), [textwrap.fill(str(label), 18) for label in labels], rotation=45, ha="right")
    ax.figure.colorbar(image, ax=ax, fraction=0.04, label="Jaccard index")
    ax.set_title(title or "Themes raised in the same turn")
    ax.figure.tight_layout()
    return ax


def keyness_bars(keywords: pd.DataFrame, *, top: int = 8, title: str | None = None):
    """For each group, its most distinctive words by log-likelihood (one panel per group).

    The dashed line is G2 = 3.84 (p = 0.05).
    """
    groups = list(dict.fromkeys(keywords["group_label"]))
    fig, axes = plt.subplots(1, len(groups), figsize=(3.4 * len(groups), 0.8 + 0.35 * top), squeeze=False)
    for ax, group in zip(axes[0], groups):
        part = keywords[keywords["group_label"] == group].head(top).iloc[::-1]
        ax.barh(range(len(part)), numeric(part["g2"]), color="#4c72b0", height=0.7)
        ax.set_yticks(range(len(part)), part["term"])
        ax.set_ylim(-0.5, max(top, len(part)) - 0.5)  # bars as thick in every panel and cohort
        ax.axvline(3.84, color="#999999", linestyle="--", linewidth=1)
        ax.set_title(group)
        ax.set_xlabel("Log-likelihood (G²)")
    fig.suptitle(title or "Words each group used more than the others")
    fig.tight_layout()
    return axes[0][0]
