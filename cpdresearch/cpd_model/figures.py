"""The CPD model's charts, drawn from the published tables (a hidden ``"c"`` is not drawn).

Examples
--------
>>> import pandas as pd
>>> table = pd.DataFrame({"career_stage": ["A", "A"], "pcf_domain": [1, 2], "share": [0.2, "c"]})
>>> ax = pathway_heatmap(table, stages=["A"])
>>> ax.get_ylabel()
''
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..frameworks import LEARNING_CATEGORIES, PCF_DOMAINS
from ..report.plots import numeric

__all__ = ["pathway_heatmap", "mix_bars", "evidence_heatmap", "plan_bars"]

_SOURCE_WORDS = {"working": "Activities rated as working", "wished": "Activities staff want more of",
                 "preferred": "Methods preferred in learning plans", "offered": "Courses on offer"}
_CATEGORY_COLOURS = {"experiential": "#2166ac", "social": "#67a9cf", "formal": "#ef8a62"}


def _domain_label(d) -> str:
    return f"{int(d)}. {PCF_DOMAINS[int(d)]}"


def pathway_heatmap(table: pd.DataFrame, *, stages: list, title: str | None = None, ax=None):
    """Career stage x PCF domain: the share of staff at the stage with a need in the domain.

    Hidden shares are left blank (grey hatching).
    """
    domains = list(PCF_DOMAINS)
    grid = np.full((len(stages), len(domains)), np.nan)
    for _, row in table.iterrows():
        if row["career_stage"] in stages:
            grid[stages.index(row["career_stage"]), domains.index(int(row["pcf_domain"]))] = numeric([row["share"]])[0]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 0.55 * len(stages) + 2.8))
    ax.set_facecolor("#eeeeee")
    image = ax.imshow(np.ma.masked_invalid(grid * 100), cmap="Blues", vmin=0, aspect="auto")
    for i in range(len(stages)):
        for j in range(len(domains)):
            if not np.isnan(grid[i, j]):
                ax.text(j, i, f"{grid[i, j] * 100:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if grid[i, j] > np.nanmax(grid) * 0.6 else "black")
    ax.set_xticks(range(len(domains)), [_domain_label(d) for d in domains], rotation=40, ha="right", fontsize=8)
    ax.set_yticks(range(len(stages)), [str(s) for s in stages])
    ax.figure.colorbar(image, ax=ax, label="% of staff at the stage with a need in the domain", shrink=0.8)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def mix_bars(table: pd.DataFrame, *, title: str | None = None, ax=None):
    """The 70:20:10 mix of each source as stacked bars beside the reference bar."""
    sources = [s for s in dict.fromkeys(table["source"])]
    categories = list(LEARNING_CATEGORIES)
    rows = [("70:20:10 reference", [LEARNING_CATEGORIES[c] * 100 for c in categories])]
    for source in sources:
        part = table[table["source"] == source].set_index("category")
        shares = numeric(part["share"].reindex(categories)) * 100
        rows.append((_SOURCE_WORDS.get(source, source), list(shares)))
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.6 * len(rows) + 1.6))
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for j, category in enumerate(categories):
        values = np.array([r[1][j] for r in rows], dtype=float)
        ax.barh(y, np.nan_to_num(values), left=left, color=_CATEGORY_COLOURS[category], label=category.capitalize(),
                edgecolor="white")
        for i, v in enumerate(values):
            if not np.isnan(v) and v >= 6:
                ax.text(left[i] + v / 2, i, f"{v:.0f}%", ha="center", va="center", fontsize=8, color="white")
        left += np.nan_to_num(values)
    ax.set_yticks(y, [r[0] for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of learning")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def evidence_heatmap(matrix: pd.DataFrame, *, columns: dict, title: str | None = None, ax=None):
    """PCF domains x sources of evidence (shares 0-1), with the priority score; blank where a
    source is missing or hidden. ``columns`` maps matrix columns to the reader's words."""
    names = [c for c in columns if c in matrix.columns]
    grid = np.column_stack([numeric(matrix[c]) for c in names]) if names else np.zeros((len(matrix), 0))
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * len(names) + 4, 0.45 * len(matrix) + 2.2))
    ax.set_facecolor("#eeeeee")
    ax.imshow(np.ma.masked_invalid(grid * 100), cmap="Oranges", vmin=0, vmax=100, aspect="auto")
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            if not np.isnan(grid[i, j]):
                ax.text(j, i, f"{grid[i, j] * 100:.0f}", ha="center", va="center", fontsize=8,
                        color="white" if grid[i, j] > 0.6 else "black")
    ax.set_xticks(range(len(names)), [columns[c] for c in names], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(matrix)), [_domain_label(d) for d in matrix["pcf_domain"]], fontsize=8)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax


def plan_bars(plan: pd.DataFrame, *, top: int = 15, title: str | None = None, ax=None):
    """The organisation plan's most needed topics: staff by priority (stacked); a topic whose
    staff count is hidden is left out, one whose priorities are hidden is drawn whole in grey."""
    part = plan[pd.notna(numeric(plan["staff"]))].head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.38 * len(part) + 1.5))
    y = np.arange(len(part))
    left = np.zeros(len(part))
    colours = {"high": "#b2182b", "medium": "#ef8a62", "low": "#fddbc7"}
    levels = np.column_stack([numeric(part[level]) for level in colours])
    split = ~np.isnan(levels).any(axis=1)  # a row with a hidden priority count is drawn whole, in grey
    for j, (level, colour) in enumerate(colours.items()):
        values = np.where(split, np.nan_to_num(levels[:, j]), 0)
        ax.barh(y, values, left=left, color=colour, label=f"{level.capitalize()} priority" if split.any() else None)
        left += values
    whole = np.where(split, 0, np.nan_to_num(numeric(part["staff"])))
    if whole.any():
        ax.barh(y, whole, color="#bbbbbb", label="Priority not shown (small numbers)")
    ax.set_yticks(y, [str(t) for t in part["topic"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("Staff who need the topic")
    ax.legend(frameon=False, fontsize=8, loc="lower right")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title)
    ax.figure.tight_layout()
    return ax
