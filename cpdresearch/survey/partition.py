"""Hiding a group's counts the same way wherever a run publishes them (rule 8 of
docs/disclosure.md).

A group's answers are published twice: as its row in a by-group table of the cohort it
belongs to (the teams in the whole workforce's report) and, when it has its own cohort, as
that cohort's report. The groups' counts of one cell add up to the cohort's count of it,
also published. So the counts are protected as one groups x cells table in two
dimensions (:func:`cpdresearch.report.protect_grid`): a hidden count is never the only
hidden one of its group's line nor of the column its cohort total closes, and a cohort
that is one group of the whole study publishes exactly its row of the whole study's
table. Every cohort computes that table from the same data, so they all hide the same
cells.

Examples
--------
>>> import pandas as pd
>>> dist = pd.DataFrame({"group": ["a"] * 3 + ["b"] * 3 + ["c"] * 3, "item": "q", "code": [1, 2, 3] * 3,
...                      "count": [2, 9, 7, 6, 8, 9, 7, 5, 6]})
>>> hidden = levels_grid(dist, {"q": set()}, min_cell=5)
>>> sorted(hidden[("a", "q")]), sorted(hidden[("b", "q")]), sorted(hidden[("c", "q")])
([1, 3], [1, 3], [])
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..report import protect_grid

__all__ = ["GroupPatterns", "item_splits", "levels_grid", "ticks_grid"]


def item_splits(codes) -> dict[str, list]:
    """The below / neutral / above parts of a scale's codes (no neutral on an even scale).

    Examples
    --------
    >>> item_splits([1, 2, 3, 4, 5])
    {'below': [1, 2], 'neutral': [3], 'above': [4, 5]}
    >>> item_splits([1, 2, 3, 4])
    {'below': [1, 2], 'neutral': [], 'above': [3, 4]}
    """
    codes = sorted(codes)
    k, mid = len(codes), len(codes) // 2
    return {"below": codes[:mid], "neutral": codes[mid:mid + 1] if k % 2 else [], "above": codes[mid + k % 2:]}


def _partial(hidden: set, part: list) -> bool:
    """A split holding some of a line's hidden levels but not all is hidden (rule 3)."""
    inside = hidden & set(part)
    return bool(inside) and inside != hidden


def _protect_item(counts: np.ndarray, own: set, codes: list, min_cell: int) -> np.ndarray:
    """Groups x levels of one question, each split (below, above) a line of its own too.

    A split of a group is published unless it holds some of the group's hidden levels
    but not all; the groups' splits add up to the cohort's, so a split hidden in one
    group only (or hidden splits adding up to less than ``min_cell``) would come back
    as the cohort's split minus the others'. Such a split gets a second group hidden:
    a level inside it and one outside it, then the grid is protected again. Hidden
    cells only grow, so this ends.
    """
    shown_total = np.array([c not in own for c in codes])
    splits = [s for s in item_splits(codes).values() if len(s) >= 2 and not _partial(own, s)]
    hidden = protect_grid(counts, min_cell=min_cell, column_totals_shown=shown_total)
    for _ in range(4 * counts.size):
        changed = False
        for split in splits:
            cols = [codes.index(c) for c in split]
            rest = [j for j in range(len(codes)) if j not in cols]
            part = [_partial({codes[j] for j in np.flatnonzero(hidden[g])}, split) for g in range(len(counts))]
            total = counts[part][:, cols].sum()
            if not any(part) or (sum(part) >= 2 and total >= min_cell):
                continue
            candidates = [g for g in range(len(counts)) if not part[g] and counts[g, cols].sum() > 0]
            if not candidates:
                continue
            g = min(candidates, key=lambda r: (counts[r, cols].sum(), r))
            for where in (cols, rest):  # a hidden level inside the split and one outside it
                if hidden[g, where].any():
                    continue
                shown = [j for j in where if not hidden[g, j] and counts[g, j] > 0]
                if shown:
                    hidden[g, min(shown, key=lambda j: (counts[g, j], j))] = True
            hidden = protect_grid(counts, hidden, min_cell=min_cell, column_totals_shown=shown_total)
            changed = True
        if not changed:
            break
    return hidden


def levels_grid(distribution: pd.DataFrame, own_hidden: dict, *, min_cell: int) -> dict:
    """Hidden levels of every (group, question) line of a by-group level table.

    Parameters
    ----------
    distribution : pandas.DataFrame
        Unsuppressed counts: ``group, item, code, count`` (one row per group, question
        and level).
    own_hidden : dict
        ``{item: set of codes}`` hidden in the cohort's own line of each question (the
        column totals): a hidden total is no line a reader can use.
    min_cell : int

    Returns
    -------
    dict
        ``{(group, item): frozenset of hidden codes}``.
    """
    out: dict = {}
    if distribution is None or distribution.empty:
        return out
    for item, part in distribution.groupby("item", sort=False):
        wide = part.pivot_table(index="group", columns="code", values="count", aggfunc="sum", fill_value=0,
                                observed=True, sort=False)
        codes = [int(c) for c in wide.columns]
        hidden = _protect_item(wide.to_numpy(dtype=float), set(own_hidden.get(str(item), set())), codes, min_cell)
        for g, row in zip(wide.index, hidden):
            out[(str(g), str(item))] = frozenset(c for c, h in zip(codes, row) if h)
    return out


def ticks_grid(ticks: pd.DataFrame, own_hidden: dict, *, min_cell: int) -> dict:
    """Hidden counts of every (group, option) of a by-group multi-select table.

    Each option is its own yes / no, so only the columns are lines: the groups' counts
    of an option add up to the cohort's (``own_hidden[option]`` says whether that total
    is hidden).

    Returns
    -------
    dict
        ``{(group, option): bool}``.

    Examples
    --------
    >>> t = pd.DataFrame({"group": ["a", "b", "c"], "option": "x", "count": [3, 9, 8]})
    >>> ticks_grid(t, {"x": False}, min_cell=5)
    {('a', 'x'): True, ('b', 'x'): False, ('c', 'x'): True}
    """
    out: dict = {}
    if ticks is None or ticks.empty:
        return out
    wide = ticks.pivot_table(index="group", columns="option", values="count", aggfunc="sum", fill_value=0,
                             observed=True, sort=False)
    shown = np.array([not own_hidden.get(str(o), False) for o in wide.columns])
    hidden = protect_grid(wide.to_numpy(dtype=float), min_cell=min_cell, row_lines=False, column_totals_shown=shown)
    for g, row in zip(wide.index, hidden):
        for o, h in zip(wide.columns, row):
            out[(str(g), str(o))] = bool(h)
    return out


@dataclass
class GroupPatterns:
    """What a cohort hides, decided with its siblings: its own lines and its by-group lines.

    ``own_levels`` ``{item: frozenset of codes}`` and ``own_ticks`` ``{(select, option):
    bool}`` are the cohort's own lines (its row of the whole study's table when the
    cohort is one group of it); ``levels`` ``{attribute: {(group, item): codes}}`` and
    ``ticks`` ``{attribute: {(select, group, option): bool}}`` its by-group tables;
    ``public`` ``{attribute: groups}`` the groups that have a cohort of their own (their
    sizes are in that cohort's report, so hiding one beside a small group protects
    nothing).
    """

    own_levels: dict = field(default_factory=dict)
    own_ticks: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)
    ticks: dict = field(default_factory=dict)
    public: dict = field(default_factory=dict)
