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
from itertools import combinations

import numpy as np
import pandas as pd

from ..report import protect_grid, protect_lines

__all__ = ["GroupPatterns", "StudyPatterns", "item_splits", "levels_grid", "study_patterns", "ticks_grid"]


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
                    changed = True
            if changed:
                hidden = protect_grid(counts, hidden, min_cell=min_cell, column_totals_shown=shown_total)
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
    #: ``{attribute: {(group, item): hidden}}``: group sizes decided with the whole study
    sizes: dict = field(default_factory=dict)
    #: ``{attribute: {(select, group): hidden}}``: respondents of a multi-select by group
    tick_sizes: dict = field(default_factory=dict)
    #: ``{attribute: {(group, block): codes}}``: pooled answers by group
    pooled: dict = field(default_factory=dict)
    #: the cohort's population and the whole study's decisions, when it is among them
    population: tuple | None = None
    system: object | None = None


# --- every population of the study at once ---------------------------------------------
#
# A run publishes a question's counts for the whole study, for each group of each
# attribute (the whole's by-group tables, and a group's own report) and for each pair of
# groups of two attributes (a group's report broken down by another attribute). A
# population is a tuple of (attribute, group) pairs, sorted: () the whole, (("team",
# "X"),) one team, (("role", "Y"), ("team", "X")) the team's members in one role. A
# parent's count is the sum of its children's by each further attribute, so every such
# sum is a line, and the lines of all populations are protected together: every cohort
# computes the same answer from the whole study and publishes its own populations' part.

_SEP = "\x1f"


def _population_columns(data: pd.DataFrame, attributes) -> list:
    """``(attributes, key column or None)`` for the whole, each attribute and each pair."""
    out: list = [((), None)]
    for a in attributes:
        out.append(((a,), data[a].astype(object).where(data[a].notna()).astype("string")))
    for a, b in combinations(sorted(attributes), 2):
        both = data[a].notna() & data[b].notna()
        key = data[a].astype(str) + _SEP + data[b].astype(str)
        out.append(((a, b), key.where(both).astype("string")))
    return out


def _population_masks(data: pd.DataFrame, columns: list):
    """``(population, respondents mask)`` of every population."""
    for attrs, key in columns:
        if not attrs:
            yield (), pd.Series(True, index=data.index)
            continue
        for group in key.dropna().unique():
            yield _population(attrs, group), key == group


def _population(attributes: tuple, group) -> tuple:
    if not attributes:
        return ()
    values = str(group).split(_SEP) if len(attributes) > 1 else [str(group)]
    return tuple(sorted(zip(attributes, values)))


def _relations(populations) -> list:
    """``(parent, [children])`` for every parent and every further attribute."""
    present = set(populations)
    attributes = sorted({a for p in populations for a, _ in p})
    children: dict = {}
    for p in populations:
        for k in range(len(p)):
            parent = p[:k] + p[k + 1:]
            if parent in present:
                children.setdefault((parent, p[k][0]), []).append(p)
    return [(parent, kids) for (parent, _), kids in sorted(children.items(), key=lambda kv: (len(kv[0][0]), str(kv[0])))
            if attributes]


@dataclass
class StudyPatterns:
    """What every population hides, decided together (see the section comment above).

    ``levels`` ``{(population, item): frozenset of codes}``, ``sizes`` ``{(population,
    item): hidden}`` (a question's answers in the population), ``ticks`` ``{(population,
    select, option): hidden}``, ``tick_sizes`` and ``pooled`` as below.
    """

    levels: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    ticks: dict = field(default_factory=dict)
    #: ``{(population, select): hidden}``: respondents counted for a multi-select
    tick_sizes: dict = field(default_factory=dict)
    #: ``{(population, block): frozenset of codes}``: answers pooled over a block's items
    pooled: dict = field(default_factory=dict)
    #: ``{population: hidden}``: respondents, and staff in post (the workforce figures)
    respondents: dict = field(default_factory=dict)
    headcount: dict = field(default_factory=dict)


def _solve(cells: list, values: list, lines: list, *, hidden, public, min_cell: int) -> dict:
    mask = protect_lines(values, lines, hidden=hidden, public=public, min_cell=min_cell)
    return dict(zip(cells, mask))


def _protect_levels(table: pd.DataFrame, relations: list, whole_hidden: dict, size_hidden: dict,
                    min_cell: int, splits: bool = True, unpublished: set = frozenset()) -> dict:
    """Levels of one question in every population: rows, parent = sum of children, splits."""
    out: dict = {}
    for item, part in table.groupby("item", sort=False):
        codes = sorted(int(c) for c in part["code"].unique())
        counts = {(p, int(c)): int(v) for p, c, v in zip(part["population"], part["code"], part["count"])}
        pops = list(dict.fromkeys(part["population"]))
        cells = [(p, c) for p in pops for c in codes]
        index = {cell: k for k, cell in enumerate(cells)}
        values = [counts.get(cell, 0) for cell in cells]
        own = set(whole_hidden.get(str(item), set()))
        hidden = [(p == () and c in own) or (size_hidden.get((p, str(item)), False) and counts.get((p, c), 0) > 0)
                  for p, c in cells]
        public = [p == () for p, _ in cells]  # the whole's own rule decided its cells
        lines = [[index[(p, c)] for c in codes] for p in pops]
        rels = [(parent, [k for k in kids if k in set(pops)]) for parent, kids in relations if parent in set(pops)]
        for parent, kids in rels:
            for c in codes:
                lines.append([index[(parent, c)]] + [index[(k, c)] for k in kids])
        free = [p in unpublished for p, _ in cells]
        mask = protect_lines(values, lines, hidden=hidden, public=public, min_cell=min_cell, unpublished=free)
        parts = [s for s in item_splits(codes).values() if len(s) >= 2] if splits else []
        for _ in range(4 * len(cells)):  # a split hidden in one child only: hide a second
            changed = False
            for parent, kids in rels:
                mine = {p: {c for c in codes if mask[index[(p, c)]]} for p in [parent, *kids]}
                for split in parts:
                    if _partial(mine[parent], split):
                        continue  # the parent's split is hidden: no line
                    part_kids = [k for k in kids if _partial(mine[k], split)]
                    total = sum(counts.get((k, c), 0) for k in part_kids for c in split)
                    if not part_kids or (len(part_kids) >= 2 and total >= min_cell):
                        continue
                    candidates = [k for k in kids if k not in part_kids
                                  and sum(counts.get((k, c), 0) for c in split) > 0]
                    if not candidates:
                        continue
                    k = min(candidates, key=lambda q: (sum(counts.get((q, c), 0) for c in split), str(q)))
                    for where in (split, [c for c in codes if c not in split]):
                        if any(mask[index[(k, c)]] for c in where):
                            continue
                        shown = [c for c in where if counts.get((k, c), 0) > 0]
                        if shown:
                            mask[index[(k, min(shown, key=lambda c: (counts[(k, c)], c)))]] = True
                            changed = True
            if not changed:
                break
            mask = protect_lines(values, lines, hidden=mask, public=public, min_cell=min_cell, unpublished=free)
        for p in pops:
            out[(p, str(item))] = frozenset(c for c in codes if mask[index[(p, c)]])
    return out


def _protect_counts(table: pd.DataFrame, key: str, relations: list, *, hidden: dict, public_pops: set,
                    min_cell: int) -> dict:
    """One count per population and ``key`` value (a question's answers, an option's
    ticks): parent = sum of children."""
    out: dict = {}
    for value, part in table.groupby(key, sort=False):
        pops = list(dict.fromkeys(part["population"]))
        index = {p: k for k, p in enumerate(pops)}
        values = [int(v) for v in part.drop_duplicates("population")["count"]]
        lines = [[index[parent]] + [index[k] for k in kids if k in index]
                 for parent, kids in relations if parent in index]
        pre = [bool(hidden.get((p, str(value)), False)) for p in pops]
        mask = protect_lines(values, lines, hidden=pre, public=[p in public_pops for p in pops], min_cell=min_cell)
        out.update({(p, str(value)): bool(h) for p, h in zip(pops, mask)})
    return out


def _people(counts: dict, public_pops: set, min_cell: int) -> dict:
    """``{population: hidden}`` for one count per population (respondents, headcount)."""
    pops = list(counts)
    if not pops:
        return {}
    table = pd.DataFrame({"population": pops, "count": [int(counts[p]) for p in pops], "q": "people"})
    relations = _relations(pops)
    hidden = _protect_counts(table, "q", relations, hidden={}, public_pops=public_pops, min_cell=min_cell)
    return {p: h for (p, _), h in hidden.items()}


def _headcounts(workforce: pd.DataFrame | None, attributes) -> dict:
    """Staff in post per population, for the attributes the workforce figures have."""
    if workforce is None or "headcount" not in workforce.columns:
        return {}
    heads = pd.to_numeric(workforce["headcount"], errors="coerce").fillna(0)
    usable = [a for a in attributes if a in workforce.columns]
    out = {(): int(heads.sum())}
    for attrs, key in _population_columns(workforce, usable)[1:]:
        for group, total in heads.groupby(key.to_numpy(), dropna=True).sum().items():
            out[_population(attrs, group)] = int(total)
    return out


def study_patterns(data: pd.DataFrame, instrument, attributes, *, whole_levels: dict, whole_ticks: dict,
                   public_pops: set, min_cell: int, min_group: int = 10,
                   workforce: pd.DataFrame | None = None) -> StudyPatterns:
    """Hidden cells of every population of a study's survey, decided together.

    Parameters
    ----------
    data : pandas.DataFrame
        The whole study's survey.
    instrument : cpdresearch.instrument.Instrument
    attributes : sequence of str
        The attributes the reports break results down by.
    whole_levels, whole_ticks : dict
        The whole study's own hidden cells (``{item: codes}``, ``{(select, option):
        hidden}``) by its own rule: its report decides them, and they are never hidden
        here to protect a group.
    public_pops : set
        Populations whose sizes a report shows anyway (the whole, each cohort's own).
    min_cell : int
    min_group : int, default 10
        Groups smaller than this have no pooled answers published.
    workforce : pandas.DataFrame, optional
        Staff in post (``headcount`` by attribute): the response rates' denominators.

    Returns
    -------
    StudyPatterns
    """
    from .likert import likert_distribution
    from .multiselect import multiselect_summary

    out = StudyPatterns()
    attributes = [a for a in attributes if a in data.columns]
    columns = _population_columns(data, attributes)
    people = {p: int(m.sum()) for p, m in _population_masks(data, columns)}
    out.respondents = _people(people, public_pops, min_cell)
    out.headcount = _people(_headcounts(workforce, attributes), set(), min_cell)
    for block in instrument.blocks.values():
        if not any(i in data.columns for i in block.item_ids):
            continue
        frames = []
        for attrs, key in columns:
            d = likert_distribution(data.assign(_population=key) if attrs else data, block=block,
                                    by="_population" if attrs else None)
            d = d.assign(population=[_population(attrs, g) for g in d["group"]] if attrs else [()] * len(d))
            frames.append(d[["population", "item", "code", "count", "n"]])
        table = pd.concat(frames, ignore_index=True)
        relations = _relations(list(dict.fromkeys(table["population"])))
        sizes = table.drop_duplicates(["population", "item"])[["population", "item", "n"]].rename(
            columns={"n": "count"})
        size_hidden = _protect_counts(sizes, "item", relations, hidden={}, public_pops=public_pops,
                                      min_cell=min_cell)
        out.sizes.update(size_hidden)
        out.levels.update(_protect_levels(table, relations, whole_levels, size_hidden, min_cell))
        # Answers pooled over the block's items, published for groups of at least
        # min_group respondents: a smaller group's row is not published (hidden here).
        pooled = table.groupby(["population", "code"], sort=False, as_index=False)["count"].sum()
        pooled["item"] = block.id
        unpublished = {p for p in pooled["population"] if p and people.get(p, 0) < max(min_group, min_cell)}
        for key, codes in _protect_levels(pooled, relations, {}, {}, min_cell, splits=False,
                                          unpublished=unpublished).items():
            out.pooled[key] = codes
    for select_id, select in instrument.multi_selects.items():
        if not any(c in data.columns for c in select.columns):
            continue
        frames = []
        for attrs, key in columns:
            d = multiselect_summary(data.assign(_population=key) if attrs else data, select=select,
                                    by=["_population"] if attrs else None)
            d = d.assign(population=[_population(attrs, g) for g in d["group"]] if attrs else [()] * len(d))
            frames.append(d[["population", "option", "count", "n"]])
        table = pd.concat(frames, ignore_index=True)
        relations = _relations(list(dict.fromkeys(table["population"])))
        n = table.drop_duplicates("population")[["population", "n"]].rename(columns={"n": "count"}).assign(q="n")
        n_hidden = _protect_counts(n, "q", relations, hidden={}, public_pops=public_pops, min_cell=min_cell)
        out.tick_sizes.update({(p, select_id): h for (p, _), h in n_hidden.items()})
        pre = {(p, str(o)): (p == () and whole_ticks.get((select_id, str(o)), False))
               or (n_hidden.get((p, "n"), False) and c > 0)
               for p, o, c in zip(table["population"], table["option"], table["count"])}
        counts = _protect_counts(table, "option", relations, hidden=pre, public_pops={()}, min_cell=min_cell)
        out.ticks.update({(p, select_id, o): h for (p, o), h in counts.items()})
    return out
