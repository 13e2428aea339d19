"""Disclosure control of the survey tables, and the survey's key figures.

Every count of respondents goes through :func:`cpdresearch.report.suppress_small_cells`
(counts 1 to ``min_cell - 1`` show as ``"c"``, with secondary suppression where a total
would reveal them) and every share or interval derived from a suppressed count is
suppressed with it; means, SDs and medians of groups with fewer than ``min_cell``
answers are suppressed with :func:`cpdresearch.report.suppress_small_groups`.
"""
from __future__ import annotations

import pandas as pd

from ..report import protect_line, suppress_small_cells, suppress_small_groups
from .likert import likert_distribution
from .multiselect import multiselect_summary
from .analysis import survey_attributes
from .partition import GroupPatterns, StudyPatterns, levels_grid, study_patterns, ticks_grid

__all__ = ["published_tables", "survey_key_figures", "survey_patterns", "ticks_table", "hide_derived"]

_ITEM_STATS = ["mean", "sd", "median", "median_label", "ci_low", "ci_high"]
_TOP = ["top_share", "top_ci_low", "top_ci_high"]


def _items(table: pd.DataFrame, min_cell: int, distribution: pd.DataFrame | None = None,
           patterns: dict | None = None) -> pd.DataFrame:
    """Likert summary: group statistics, and below / neutral / above counts per row.

    Each row is one line (an item's answers, in the cohort or in one group): its level
    counts are suppressed as the levels table suppresses them (``distribution``, the
    row's unsuppressed level counts), and then, by the rule of docs/disclosure.md:

    - every statistic of the line (mean, SD, median, interval) is hidden when one of its
      level counts is: with ``n`` and the shown counts, each is one more equation in the
      hidden ones, and few integer combinations fit;
    - a below / neutral / above count (and the upper-levels count) is hidden when it
      holds some of the hidden levels but not all: it would single them out. Holding
      all of them, it is their total, which ``n`` minus the shown levels gives anyway
      (at least ``min_cell``), and holding none it is the sum of shown counts.

    The rule reads the line's own answers only, so a group's row in a by-group table and
    the same group's own cohort report hide the same cells.
    """

    if table.empty:
        return table
    levels = [c for c in table.columns if c.startswith("pct_") and c[4:].lstrip("-").isdigit()]
    # Published: the three-way split; per-level percentages are in the levels table.
    table = table.drop(columns=levels)
    sides = [s for s in ("below", "neutral", "above") if f"pct_{s}" in table.columns]
    for s in sides:
        table.insert(table.columns.get_loc(f"pct_{s}"), f"count_{s}",
                     (table[f"pct_{s}"] * table["n"] / 100).round().astype("Int64"))
    stats = [c for c in _ITEM_STATS + _TOP if c in table.columns] + [f"pct_{s}" for s in sides]
    # A group too small to show hides its splits too, zeros included.
    stats += [c for c in ("top_count", *(f"count_{s}" for s in sides)) if c in table.columns]
    out = suppress_small_groups(table, n_column="n", min_cell=min_cell, stat_columns=stats)
    if distribution is not None and not distribution.empty:
        out = _hide_by_levels(out, distribution, min_cell, sides, patterns)
    # A line whose level counts are not at hand here: a small split still hides the line.
    splits = [c for c in ("top_count", *(f"count_{s}" for s in sides)) if c in out.columns]
    if splits:
        values = out[splits].apply(pd.to_numeric, errors="coerce")
        out = hide_derived(out, ((values >= 1) & (values < min_cell)).any(axis=1))
    out = _non_response(out, min_cell)
    return out


def _hidden_levels(distribution: pd.DataFrame, min_cell: int, patterns: dict | None = None) -> dict:
    """``{(group, item): (hidden codes, codes)}`` of each line as the levels table hides it
    (or as ``patterns`` ``{(group, item): codes}``, decided with the line's siblings, say)."""
    keys = [c for c in ("group", "item") if c in distribution.columns]
    out = {}
    table = distribution if patterns is not None else _levels(distribution, min_cell)
    for key, part in table.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        key = (str(key[0]), str(key[1])) if len(keys) == 2 else (None, str(key[0]))
        codes = sorted(int(c) for c in part["code"])
        if patterns is not None and key in patterns:
            hidden = set(patterns[key])
        elif patterns is not None:
            hidden = {int(c) for c, v in zip(part["code"], _levels(part, min_cell)["count"]) if str(v) == "c"}
        else:
            hidden = {int(c) for c, v in zip(part["code"], part["count"]) if str(v) == "c"}
        out[key] = (hidden, codes)
    return out


def _hide_by_levels(out: pd.DataFrame, distribution: pd.DataFrame, min_cell: int, sides: list,
                    patterns: dict | None = None) -> pd.DataFrame:
    lines = _hidden_levels(distribution, min_cell, patterns)
    if "by" in out.columns:
        groups = out["by"].astype(str) + "\x1f" + out["group"].astype(str)
    else:
        groups = pd.Series([None] * len(out), index=out.index)
    derived = pd.Series(False, index=out.index)
    split_hidden = {s: pd.Series(False, index=out.index) for s in [*sides, "top"]}
    for i, g, item in zip(out.index, groups, out["item"].astype(str)):
        hidden, codes = lines.get((g, item), (set(), []))
        if not hidden:
            continue
        derived[i] = True
        k, mid = len(codes), len(codes) // 2
        parts = {"below": codes[:mid], "neutral": codes[mid:mid + 1] if k % 2 else [],
                 "above": codes[mid + k % 2:], "top": codes[mid + k % 2:]}
        for s in split_hidden:
            inside = hidden & set(parts.get(s, []))
            split_hidden[s][i] = bool(inside) and inside != hidden
    stat_columns = [c for c in _ITEM_STATS if c in out.columns]
    out = out.astype({c: object for c in out.columns if c in stat_columns or c.startswith(("pct_", "count_"))
                      or c in _TOP or c == "top_count"})
    out.loc[derived, stat_columns] = "c"
    for s, mask in split_hidden.items():
        columns = ["top_count", *_TOP] if s == "top" else [f"count_{s}", f"pct_{s}"]
        columns = [c for c in columns if c in out.columns]
        out.loc[mask, columns] = "c"
    if "top_share" in out.columns:
        # The share's interval is a statistic of the line too; the share is count / n.
        out.loc[derived, [c for c in ("top_ci_low", "top_ci_high") if c in out.columns]] = "c"
    return out


def _by_attribute(table: pd.DataFrame, distribution_by_group: dict) -> pd.DataFrame | None:
    """The level counts of every (group, item) line of a by-group table, groups keyed by
    ``"<attribute>\x1f<group>"`` so that groups of two attributes with one name differ."""
    parts = [d.assign(group=str(a) + "\x1f" + d["group"].astype(str))
             for a, d in (distribution_by_group or {}).items() if d is not None and not d.empty]
    return pd.concat(parts, ignore_index=True) if parts else None


def _by_group_lines(table: pd.DataFrame, min_cell: int, public: dict | None = None,
                    sizes: dict | None = None) -> pd.DataFrame:
    """Group sizes of one item add up to the item's ``n``: a hidden size gets a second
    one hidden beside it (with what would give it back: its splits, its statistics and
    its answers missing). Statistics follow the line rule of :func:`_items`.

    ``public`` ``{attribute: groups}``: groups with a report of their own, whose sizes
    that report shows; hiding one of them beside a small group would protect nothing, so
    another group is hidden."""
    if table.empty:
        return table
    out = table
    parts = []
    for (by, _), part in out.groupby(["by", "item"], sort=False):
        raw = pd.to_numeric(part["n"], errors="coerce")
        already = part["n"].astype(str).eq("c")
        decided = (sizes or {}).get(str(by))
        if decided is not None:  # decided with the whole study's populations
            gone = already.to_numpy() | [bool(decided.get((str(g), str(i)), False))
                                         for g, i in zip(part["group"], part["item"])]
        else:
            shown = (public or {}).get(str(by), set())
            gone = protect_line(raw, already, min_cell=min_cell,
                                public=part["group"].astype(str).isin(shown).to_numpy())
        newly = pd.Series(gone, index=part.index) & ~already
        part = part.copy()
        part["n"] = part["n"].astype(object).where(~pd.Series(gone, index=part.index), "c")
        if newly.any():
            part = hide_derived(part, newly)
            missing = [c for c in part.columns if c == "n_missing" or c.startswith("n_")]
            part = part.astype({c: object for c in missing})
            part.loc[newly, missing] = "c"
        parts.append(part)
    return pd.concat(parts).loc[out.index]


def _test_sizes(table: pd.DataFrame) -> pd.DataFrame:
    """A test's ``n`` is published only when no group was left out of it.

    With groups left out, the item's ``n`` minus the test's would give the size of the
    groups too small to test.
    """
    if table.empty or "groups_excluded" not in table.columns:
        return table
    excluded = pd.to_numeric(table["groups_excluded"], errors="coerce").fillna(0) > 0
    if not excluded.any():
        return table
    out = table.astype({"n": object})
    out.loc[excluded, "n"] = "c"
    return out


def hide_derived(items: pd.DataFrame, hidden) -> pd.DataFrame:
    """Hide, in the rows marked ``hidden``, every statistic derived from the row's answers.

    Examples
    --------
    >>> t = pd.DataFrame({"n": [9, 30], "mean": [3.2, 4.0], "count_below": ["c", 12]})
    >>> hide_derived(t, pd.Series([True, False]))["mean"].tolist()
    ['c', 4.0]
    """
    hidden = pd.Series(hidden, index=items.index).fillna(False).astype(bool)
    if not hidden.any():
        return items
    columns = [c for c in items.columns
               if c in _ITEM_STATS or c in _TOP or c == "top_count" or c == "median_label"
               or c.startswith(("pct_", "count_"))]
    out = items.astype({c: object for c in columns})
    out.loc[hidden, columns] = "c"
    return out


def _non_response(out: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Counts of those who gave no rating: blank and each declared non-substantive answer
    (``n_blank``, ``n_<slug>``) are a line whose total is ``n_missing``.

    ``n_missing`` itself is the respondents minus ``n``, both published (the report's
    header, ``response_rates``), so hiding it would hide nothing: it is shown wherever
    ``n`` is, whatever its size (docs/disclosure.md), and hidden with ``n``. Its split
    into reasons is suppressed as a line; when ``n_missing`` is small, the whole split is
    hidden, zeros included (a zero beside one hidden part would give that part back).
    """
    parts = [c for c in out.columns if c.startswith("n_") and c not in ("n_missing",)]
    missing = pd.to_numeric(out["n_missing"], errors="coerce")
    shown = out["n_missing"].astype(object).where(~out["n"].astype(str).eq("c"), "c")
    if parts:
        line = suppress_small_cells(out[[*parts, "n_missing"]], min_cell=min_cell, total_column="n_missing")
        for c in parts:
            out[c] = line[c]
        few = ((missing >= 1) & (missing < min_cell)).to_numpy() | shown.astype(str).eq("c").to_numpy()
        if few.any():
            out = out.astype({c: object for c in parts})
            out.loc[few, parts] = "c"
    out["n_missing"] = shown
    return out


def _levels(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Counts at each level: per item (and group), a line with known total n."""

    if table.empty:
        return table
    keys = [c for c in ("group", "item") if c in table.columns]
    parts = []
    for _, part in table.groupby(keys, sort=False):
        part = suppress_small_groups(part, n_column="n", min_cell=min_cell, stat_columns=[])
        part = suppress_small_cells(part, min_cell=min_cell, count_columns=["count"],
                                    percent_columns={"percent": "count"}, total_known=True)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _pooled_levels(table: pd.DataFrame, min_cell: int, min_group: int) -> pd.DataFrame:
    """Pooled answers per group: groups below the minimum group size are left out."""

    if table.empty:
        return table
    table = table[table["respondents"] >= max(min_group, min_cell)]
    keys = [k for k in ("block", "by", "group") if k in table.columns]
    parts = [suppress_small_cells(part, min_cell=min_cell, count_columns=["count"],
                                  percent_columns={"percent": "count"}, total_known=True)
             for _, part in table.groupby(keys, sort=False)]
    return pd.concat(parts, ignore_index=True) if parts else table.iloc[:0]


def _shares(table: pd.DataFrame, min_cell: int, *, count: str = "count", n: str = "n",
            derived=("share", "ci_low", "ci_high")) -> pd.DataFrame:
    """Multi-select shares: group size and count suppressed, and what derives from them."""

    if table.empty:
        return table
    derived = [d for d in derived if d in table.columns]
    out = suppress_small_groups(table, n_column=n, min_cell=min_cell, stat_columns=derived)
    return suppress_small_cells(out, min_cell=min_cell, count_columns=[count],
                                percent_columns={d: count for d in derived}, total_known=False)


#: Columns of the co-occurrence table that, with the options' published tick counts,
#: give the count of respondents ticking both (or one without the other) back.
_PAIR_DERIVED = ("expected", "share", "jaccard", "lift", "phi", "odds_ratio", "log_odds_ratio", "ci_low", "ci_high",
                 "p_fisher", "p_adjusted")


def _pairs(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Pairs of options: a pair is hidden when any cell of its 2 x 2 table is small.

    The options' tick counts and the respondents are published (``ticks_<id>``), so the
    count ticking both gives the counts ticking one without the other back, and phi,
    lift, the odds ratio or Fisher's p give the count ticking both back. A pair whose
    four cells (both, only a, only b, neither) or whose margins include a count from 1 to
    ``min_cell - 1`` shows ``c`` for its count and every statistic; the margins
    themselves are not repeated here (they are in the ticks table, suppressed there).
    """
    if table.empty:
        return table
    both, a, b, n = (pd.to_numeric(table[c]) for c in ("count", "count_a", "count_b", "n"))
    cells = [both, a - both, b - both, n - a - b + both, a, b]
    small = pd.concat([(c >= 1) & (c < min_cell) for c in cells], axis=1).any(axis=1)
    out = table.drop(columns=["count_a", "count_b"]).astype({c: object for c in ["count", *_PAIR_DERIVED]
                                                             if c in table.columns})
    out.loc[small, [c for c in ["count", *_PAIR_DERIVED] if c in out.columns]] = "c"
    # The rank of a hidden pair would say how strongly it is associated: shown pairs keep
    # their order (most strongly associated first), hidden ones follow in option order.
    return pd.concat([out[~small.to_numpy()], out[small.to_numpy()]], ignore_index=True)


def _reliability(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Both alpha estimates: each hidden with its own n when that n is small."""
    if table.empty:
        return table
    out = suppress_small_groups(table, n_column="n", min_cell=min_cell,
                                stat_columns=[c for c in ("alpha", "ci_low", "ci_high", "mean_r") if c in table])
    if "n_complete" in out.columns:
        out = suppress_small_groups(out, n_column="n_complete", min_cell=min_cell,
                                    stat_columns=["alpha_complete", "ci_low_complete", "ci_high_complete",
                                                  "mean_r_complete", "one_scale"])
    return out


def _response(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Respondents per group sum to the overall row: each attribute is a line with that total."""

    if table.empty:
        return table
    rates = tuple(c for c in ("response_rate", "fpc", "ci_low", "ci_high") if c in table.columns)

    def suppress(part: pd.DataFrame, total_row: int | None) -> pd.DataFrame:
        # Headcounts are counts of people too, and a rate with its headcount gives the
        # respondents back: suppress each count column, and the rates with either.
        for count in ("respondents", "headcount"):
            part = suppress_small_cells(part, min_cell=min_cell, count_columns=[count],
                                        percent_columns={d: count for d in rates}, total_row=total_row)
        return part

    overall = table[table["by"] == "all"]
    parts = []
    for attribute in [b for b in table["by"].unique() if b != "all"]:
        part = pd.concat([overall, table[table["by"] == attribute]], ignore_index=True)
        parts.append(suppress(part, total_row=0).iloc[1:])
    return pd.concat([suppress(overall, total_row=None), *parts], ignore_index=True)


def _response_cells(table: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """Respondents (and headcount) per cell of two attributes: each a cross-tab whose row
    and column totals are published in ``response_rates``; rates hidden with either count."""
    if table.empty:
        return table
    rows, columns = table.columns[:2]
    out = table.copy().astype({"respondents": object, "headcount": object, "response_rate": object})
    for count in ("respondents", "headcount"):
        wide = table.pivot_table(index=rows, columns=columns, values=count, aggfunc="sum", fill_value=0,
                                 observed=True)
        wide = wide.astype("int64")
        wide["Total"] = wide.sum(axis=1)
        wide.loc["Total"] = wide.sum(axis=0)
        hidden = suppress_small_cells(wide, min_cell=min_cell, count_columns=list(wide.columns),
                                      total_row="Total", total_column="Total")
        for i, (r, c) in enumerate(zip(table[rows], table[columns])):
            if str(hidden.loc[r, c]) == "c":
                out.loc[out.index[i], [count, "response_rate"]] = "c"
    return out


def _own_level_patterns(distribution: pd.DataFrame, min_cell: int) -> dict:
    """``{item: hidden codes}`` of a cohort's own lines by its own rule."""
    if distribution is None or distribution.empty:
        return {}
    return {item: frozenset(hidden) for (_, item), (hidden, _) in _hidden_levels(distribution, min_cell).items()}


def _own_tick_patterns(ticks: dict, min_cell: int) -> dict:
    """``{(select, option): hidden}`` of a cohort's own multi-select counts by its own rule."""
    out = {}
    for select, table in ticks.items():
        if table is None or table.empty:
            continue
        shown = _shares(table, min_cell)
        for option, value in zip(shown["option"].astype(str), shown["count"]):
            out[(select, option)] = str(value) == "c"
    return out


def _public_groups(study, attributes) -> dict:
    """``{attribute: groups}`` that a cohort of the study reports on by itself."""
    if study is None:
        return {}
    base = dict(getattr(study, "filter", {}) or {})
    out: dict = {}
    for cohort in getattr(study, "cohorts", []) or []:
        extra = {k: v for k, v in cohort.filter.items() if base.get(k) != v}
        if len(extra) == 1 and all(base.get(k) == v for k, v in cohort.filter.items() if k not in extra):
            (attribute, value), = extra.items()
            value = value[0] if isinstance(value, (list, tuple)) and len(value) == 1 else value
            if attribute in attributes and not isinstance(value, (list, tuple)):
                out.setdefault(attribute, set()).add(str(value))
    return out


_STUDY_CACHE: dict = {}


def _whole_patterns(whole, min_cell: int) -> StudyPatterns | None:
    """Every population's hidden cells for the whole study (computed once per process)."""
    data, inst = whole.survey, whole.instrument
    if data is None or inst is None or data.empty:
        return None
    attributes = tuple(a for a in survey_attributes(inst) if a in data.columns)
    key = (whole.fingerprint(), min_cell, attributes)
    if key not in _STUDY_CACHE:
        own_levels: dict = {}
        for block in inst.blocks.values():
            if any(i in data.columns for i in block.item_ids):
                own_levels.update(_own_level_patterns(likert_distribution(data, block=block), min_cell))
        own_ticks = _own_tick_patterns({s: multiselect_summary(data, select=m)
                                        for s, m in inst.multi_selects.items()
                                        if any(c in data.columns for c in m.columns)}, min_cell)
        public = {()} | {tuple(sorted(f.items())) for f in (_scalar_filter(c.filter) for c in whole.cohorts)
                         if f is not None}
        _STUDY_CACHE.clear()  # one study at a time: the cache is for the cohorts of one run
        _STUDY_CACHE[key] = study_patterns(data, inst, attributes, whole_levels=own_levels, whole_ticks=own_ticks,
                                           public_pops=public, min_cell=min_cell, min_group=whole.min_group,
                                           workforce=whole.workforce)
    return _STUDY_CACHE[key]


def prepare_disclosure(study) -> None:
    """Decide what every population of ``study`` hides, once, before notebooks run: the
    runner calls this in its preloaded process, so every notebook forked from it finds
    the answer computed (its cohorts all read the same whole study)."""
    _whole_patterns(study.whole if study.whole is not None else study, study.min_cell)


def _scalar_filter(filter: dict) -> dict | None:
    """A cohort filter as ``{attribute: value}``, or None when it picks several values."""
    out = {}
    for attribute, value in (filter or {}).items():
        if isinstance(value, (list, tuple)):
            if len(value) != 1:
                return None
            value = value[0]
        out[str(attribute)] = str(value)
    return out


def survey_patterns(results, study=None, *, min_cell: int = 5) -> GroupPatterns:
    """Which counts a cohort hides, decided with every cohort it shares cells with.

    With ``study``, the whole study's populations (the whole, each group of each
    attribute, each pair of groups of two attributes) are protected together
    (:func:`cpdresearch.survey.partition.study_patterns`) and the cohort publishes its
    own population's part and its children's (docs/disclosure.md, rule 8). A cohort
    whose population is not among them (a filter on three attributes, or on several
    values) and a call without ``study`` protect the cohort's own by-group tables in
    two dimensions within the cohort.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.survey import analyse_survey
    >>> study = load_study(paths.DEMO_STUDY)
    >>> part = study.cohort(study.cohorts[1].name)
    >>> attribute, group = part.partition
    >>> mine = survey_patterns(analyse_survey(part), part)
    >>> theirs = survey_patterns(analyse_survey(study), study)
    >>> all(mine.own_levels[item] == theirs.levels[attribute][(group, item)] for item in mine.own_levels)
    True
    """
    r = results
    patterns = GroupPatterns()
    whole = None if study is None else (study.whole if getattr(study, "whole", None) is not None else study)
    system = _whole_patterns(whole, min_cell) if whole is not None else None
    cut = _scalar_filter(getattr(study, "filter", {}) or {}) if study is not None else None
    me = tuple(sorted(cut.items())) if cut is not None else None
    items = set(r.distribution["item"].astype(str)) if r.distribution is not None and not r.distribution.empty \
        else set()
    if system is not None and me is not None and any((me, i) in system.levels for i in items):
        patterns.own_levels = {i: system.levels[(me, i)] for i in items if (me, i) in system.levels}
        patterns.own_ticks = {(sel, o): h for (p, sel, o), h in system.ticks.items() if p == me}
    else:
        system = None
        patterns.own_levels = _own_level_patterns(r.distribution, min_cell)
        patterns.own_ticks = _own_tick_patterns(r.ticks, min_cell)

    def child(attribute: str, group: str):
        if system is None:
            return None
        if attribute in dict(me):
            return me if dict(me)[attribute] == str(group) else None
        return tuple(sorted(me + ((attribute, str(group)),)))

    for attribute, table in (r.distribution_by_group or {}).items():
        groups = set(table["group"].astype(str))
        kids = {g: child(attribute, g) for g in groups}
        if all(k is not None and any((k, i) in system.levels for i in items) for k in kids.values()):
            patterns.levels[attribute] = {(g, i): system.levels.get((k, i), frozenset())
                                          for g, k in kids.items() for i in items}
            patterns.sizes[attribute] = {(g, i): system.sizes.get((k, i), False)
                                         for g, k in kids.items() for i in items}
            patterns.pooled[attribute] = {(g, b): codes for g, k in kids.items()
                                          for (p, b), codes in system.pooled.items() if p == k}
        else:
            patterns.levels[attribute] = levels_grid(table, patterns.own_levels, min_cell=min_cell)
    for select_id, table in (r.ticks_by_group or {}).items():
        if table is None or table.empty:
            continue
        own = {o: h for (s, o), h in patterns.own_ticks.items() if s == select_id}
        for attribute, part in table.groupby("by", sort=False):
            kids = {g: child(str(attribute), g) for g in set(part["group"].astype(str))}
            if all(k is not None for k in kids.values()):
                grid = {(g, str(o)): system.ticks.get((kids[g], select_id, str(o)), False)
                        for g, o in zip(part["group"].astype(str), part["option"])}
                patterns.tick_sizes.setdefault(str(attribute), {}).update(
                    {(select_id, g): system.tick_sizes.get((k, select_id), False) for g, k in kids.items()})
            else:
                grid = ticks_grid(part, own, min_cell=min_cell)
            patterns.ticks.setdefault(str(attribute), {}).update(
                {(select_id, g, o): h for (g, o), h in grid.items()})
    patterns.public = _public_groups(study, set(r.distribution_by_group or {}) | set(getattr(r, "by", ()) or ()))
    patterns.population, patterns.system = me, system
    return patterns


def _row_population(me: tuple, by: str, group: str):
    """The population of a row (``by``, ``group``) of a cohort whose population is ``me``."""
    if by == "all":
        return me
    mine = dict(me)
    if by in mine:
        return me if mine[by] == str(group) else None
    return tuple(sorted(me + ((str(by), str(group)),)))


def _apply_people(table: pd.DataFrame, raw: pd.DataFrame, pattern: GroupPatterns, rows) -> pd.DataFrame:
    """Respondents and staff in post hidden exactly as the study-wide decision says, with
    the rates read off them. ``rows(row)`` gives each row's population."""
    system = pattern.system
    if system is None or table.empty or len(raw) != len(table):
        return table
    rates = [c for c in ("response_rate", "fpc", "ci_low", "ci_high") if c in table.columns]
    out = table.astype({c: object for c in ["respondents", "headcount", *rates] if c in table.columns})
    for k in range(len(out)):
        pop = rows(raw.iloc[k])
        if pop is None or pop not in system.respondents:
            continue
        gone = False
        for column, decided in (("respondents", system.respondents), ("headcount", system.headcount)):
            if column not in out.columns:
                continue
            hide = bool(decided.get(pop, False))
            out.iloc[k, out.columns.get_loc(column)] = "c" if hide else raw[column].iloc[k]
            gone |= hide
        for c in rates:
            out.iloc[k, out.columns.get_loc(c)] = "c" if gone else raw[c].iloc[k]
    return out


def _apply_levels(table: pd.DataFrame, raw: pd.DataFrame, patterns: dict, min_cell: int) -> pd.DataFrame:
    """The level counts of each line hidden exactly as ``patterns`` ``{item: codes}`` says."""
    if table.empty or not patterns:
        return table
    if len(raw) != len(table) or list(raw["item"].astype(str)) != list(table["item"].astype(str)):
        raise ValueError("the level table and its unsuppressed counts must list the same lines in one order")
    out = table.astype({"count": object, "percent": object})
    for k, (item, code) in enumerate(zip(out["item"].astype(str), out["code"])):
        if item not in patterns:
            continue
        hide = int(code) in patterns[item]
        out.iloc[k, out.columns.get_loc("count")] = "c" if hide else raw["count"].iloc[k]
        out.iloc[k, out.columns.get_loc("percent")] = "c" if hide else raw["percent"].iloc[k]
    return out


def _apply_tick_sizes(table: pd.DataFrame, select: str, sizes: dict) -> pd.DataFrame:
    """Hide a group's respondents (and everything of its row) where the study-wide
    decision hides them: the groups' respondents add up to their parent's."""
    if table.empty or not sizes:
        return table
    mask = pd.Series([bool(sizes.get(str(b), {}).get((select, str(g)), False))
                      for b, g in zip(table["by"], table["group"])], index=table.index)
    if not mask.any():
        return table
    columns = [c for c in ("count", "n", "share", "ci_low", "ci_high") if c in table.columns]
    out = table.astype({c: object for c in columns})
    out.loc[mask, columns] = "c"
    return out


def _apply_pooled(table: pd.DataFrame, raw: pd.DataFrame, pooled: dict) -> pd.DataFrame:
    """Pooled answers by group hidden exactly as the study-wide decision says."""
    if table.empty or not pooled or raw is None or raw.empty:
        return table
    values = {(str(b), str(g), str(blk), int(c)): (v, p) for b, g, blk, c, v, p in
              zip(raw["by"], raw["group"], raw["block"], raw["code"], raw["count"], raw["percent"])}
    out = table.astype({"count": object, "percent": object})
    for i, (b, g, blk, c) in enumerate(zip(out["by"].astype(str), out["group"].astype(str),
                                           out["block"].astype(str), out["code"])):
        decided = pooled.get(b, {}).get((g, blk))
        if decided is None:
            continue
        count, percent = values[(b, g, blk, int(c))]
        hide = int(c) in decided
        out.iloc[i, out.columns.get_loc("count")] = "c" if hide else count
        out.iloc[i, out.columns.get_loc("percent")] = "c" if hide else percent
    return out


def _apply_ticks(table: pd.DataFrame, hidden) -> pd.DataFrame:
    """Hide the tick counts (and their shares) that ``hidden(row)`` marks."""
    if table.empty:
        return table
    mask = pd.Series([bool(hidden(row)) for _, row in table.iterrows()], index=table.index)
    if not mask.any():
        return table
    columns = [c for c in ("count", "share", "ci_low", "ci_high") if c in table.columns]
    out = table.astype({c: object for c in columns})
    out.loc[mask, columns] = "c"
    return out


def published_tables(results, *, min_cell: int = 5, study=None) -> dict[str, pd.DataFrame]:
    """The survey tables as published, small cells suppressed, keyed by file stem.

    Parameters
    ----------
    results : cpdresearch.survey.SurveyResults
        From :func:`cpdresearch.survey.analyse_survey`.
    min_cell : int, default 5
        Smallest count shown (``study.min_cell``).
    study : cpdresearch.study.Study, optional
        The cohort's study: with it, counts are hidden as the cohort's siblings hide
        them (:func:`survey_patterns`, docs/disclosure.md rule 8). Without it the
        cohort's own lines follow its own rule.

    Returns
    -------
    dict of str to pandas.DataFrame
        Every block: ``survey_items``, ``survey_items_by_group``, ``survey_levels``,
        ``survey_levels_by_group`` (answers pooled over each block's items, groups of at
        least ``results.min_group`` respondents), ``reliability``, ``item_reliability``,
        ``group_differences`` (a ``block`` column says which block a row is of). Every
        multi-select ``<id>``: ``ticks_<id>``, ``ticks_<id>_by_group``,
        ``ticks_<id>_differences``, ``ticks_<id>_pairs``. Then ``working_vs_wished``
        (when the instrument declares the two roles), ``response_rates``,
        ``comment_terms`` and ``comments`` (pseudonymised free-text answers, only when
        the cohort is large enough to analyse by group). Tables without rows are left
        out, except those every survey report has (``survey_items``,
        ``group_differences``, ``reliability``, ``response_rates``, and each
        multi-select's ``ticks_<id>``), which are written with their header.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.survey import analyse_survey
    >>> tables = published_tables(analyse_survey(load_study(paths.DEMO_STUDY)), min_cell=5)
    >>> "survey_items" in tables and "response_rates" in tables
    True
    """

    r = results
    pattern = survey_patterns(r, study, min_cell=min_cell)
    own = {(None, item): codes for item, codes in pattern.own_levels.items()}
    by_group = {(f"{a}\x1f{g}", item): codes for a, grid in pattern.levels.items() for (g, item), codes in grid.items()}
    tables: dict[str, pd.DataFrame] = {
        "survey_items": _items(r.items, min_cell, r.distribution, own),
        "survey_items_by_group": _items(r.items_by_group, min_cell, _by_attribute(r.items_by_group,
                                                                                 r.distribution_by_group), by_group),
        "survey_levels": _apply_levels(_levels(r.distribution, min_cell), r.distribution, pattern.own_levels,
                                       min_cell),
        "survey_levels_by_group": _apply_pooled(_pooled_levels(r.distribution_pooled_by_group, min_cell, r.min_group),
                                                r.distribution_pooled_by_group, pattern.pooled),
        "reliability": _reliability(r.reliability, min_cell),
        "item_reliability": (suppress_small_groups(r.item_reliability, n_column="n", min_cell=min_cell,
                                                   stat_columns=["mean", "sd", "r_drop", "alpha_if_dropped"])
                             if not r.item_reliability.empty else r.item_reliability),
        # Clearest differences first; untested rows (NaN) last.
        "group_differences": (r.group_differences.sort_values("p_adjusted", kind="stable", na_position="last")
                              .reset_index(drop=True) if not r.group_differences.empty else r.group_differences),
    }
    tables["survey_items_by_group"] = _by_group_lines(tables["survey_items_by_group"], min_cell, pattern.public,
                                                      pattern.sizes)
    tables["group_differences"] = _test_sizes(tables["group_differences"])
    levels = tables["survey_levels"]
    hidden_items: set = set()
    if not levels.empty and not tables["survey_items"].empty:
        # An item whose level table hides a count has its derived statistics hidden too.
        # (survey_items hides them itself, by the same line rule.)
        items = tables["survey_items"]
        hidden_items = set(items.loc[items["mean"].astype(str) == "c", "item"]) if "mean" in items else set()
    required = {"survey_items", "group_differences", "reliability", "response_rates"}
    for select in r.selects:
        name = ticks_table(select)
        required.add(name)
        ticks = _apply_ticks(_shares(r.ticks.get(select, pd.DataFrame()), min_cell),
                             lambda row: pattern.own_ticks.get((select, str(row["option"])), False))
        tables[name] = _with_columns(ticks, _CONTRACT["ticks"])
        raw = r.ticks_by_group.get(select, pd.DataFrame())
        by_group = _apply_ticks(_shares(raw, min_cell), lambda row: pattern.ticks.get(
            str(row["by"]), {}).get((select, str(row["group"]), str(row["option"])), False))
        tables[f"{name}_by_group"] = _apply_tick_sizes(by_group, select, pattern.tick_sizes)
        tables[f"{name}_differences"] = r.tick_differences.get(select, pd.DataFrame())
        tables[f"{name}_pairs"] = _pairs(r.tick_pairs.get(select, pd.DataFrame()), min_cell)
    tables["working_vs_wished"] = (_shares(suppress_small_groups(r.priorities, n_column="n", min_cell=min_cell,
                                                                 stat_columns=["mean", "ci_low", "ci_high"]),
                                           min_cell, count="wish_count", n="wish_n",
                                           derived=("wish_share", "wish_ci_low", "wish_ci_high"))
                                   if not r.priorities.empty else r.priorities)
    adjusted = getattr(r, "adjusted_differences", pd.DataFrame())
    tables["adjusted_differences"] = (suppress_small_groups(adjusted, n_column="n_group", min_cell=min_cell,
                                                            stat_columns=["odds_ratio", "ci_low", "ci_high", "p"])
                                      if not adjusted.empty else adjusted)
    me = pattern.population
    tables["response_rates"] = _apply_people(
        _response(r.response_rates, min_cell), r.response_rates, pattern,
        lambda row: _row_population(me, str(row["by"]), str(row["group"])))
    cells = getattr(r, "response_cells", pd.DataFrame())
    tables["response_cells"] = _apply_people(
        _response_cells(cells, min_cell), cells, pattern,
        lambda row: tuple(sorted(me + tuple((str(c), str(row[c])) for c in cells.columns[:2]))))
    # A term used by fewer than min_cell respondents could point to one of them.
    tables["comment_terms"] = (r.terms[r.terms["documents"] >= min_cell].reset_index(drop=True)
                               if not r.terms.empty else r.terms)
    if r.by_group and not r.answers.empty:
        # Pseudonymised answers, only for cohorts large enough that an answer is not
        # easily traced to its author; without respondent ids or attributes.
        tables["comments"] = r.answers.reset_index(drop=True)
    priorities = tables["working_vs_wished"]
    if not priorities.empty and hidden_items:
        # The comparison repeats each item's mean: hidden with it (and so is its quadrant).
        hide = priorities["item"].isin(hidden_items)
        if hide.any():
            priorities = priorities.astype({c: object for c in ("mean", "ci_low", "ci_high")})
            priorities.loc[hide, ["mean", "ci_low", "ci_high"]] = "c"
            tables["working_vs_wished"] = priorities
    wish = tables.get(ticks_table(r.wish_select)) if r.wish_select else None
    if not priorities.empty and wish is not None and "option" in priorities.columns:
        # The comparison repeats each wish count: hidden where the wish list hides it.
        gone = set(wish.loc[wish["count"].astype(str) == "c", "option"].astype(str))
        hide = priorities["option"].astype(str).isin(gone)
        if hide.any():
            columns = [c for c in ("wish_count", "wish_share", "wish_ci_low", "wish_ci_high") if c in priorities]
            priorities = priorities.astype({c: object for c in columns})
            priorities.loc[hide, columns] = "c"
            tables["working_vs_wished"] = priorities
    if not priorities.empty:
        # A quadrant is read off the mean and the share: hidden with either of them.
        hidden = (priorities["mean"].astype(str) == "c") | (priorities["wish_share"].astype(str) == "c")
        if hidden.any():
            priorities = priorities.astype({"quadrant": object, "borderline": object})
            priorities.loc[hidden, ["quadrant", "borderline"]] = "c"
            tables["working_vs_wished"] = priorities
    for name in ("survey_items", "group_differences", "reliability", "response_rates"):
        tables[name] = _with_columns(tables[name], _CONTRACT[name])
    return {k: v for k, v in tables.items() if k in required or not v.empty}


def ticks_table(select_id: str) -> str:
    """File stem of a multi-select's published table: ``ticks_<id>``.

    Examples
    --------
    >>> ticks_table("formats")
    'ticks_formats'
    """
    return f"ticks_{select_id}"


#: Columns the notebook contract names for each published table.
_CONTRACT: dict[str, list[str]] = {
    "survey_items": ["block", "item", "label", "n", "mean", "sd", "median", "ci_low", "ci_high"],
    "ticks": ["option", "label", "count", "share", "ci_low", "ci_high"],
    "working_vs_wished": ["activity", "mean", "wish_share", "quadrant"],
    "group_differences": ["block", "item", "label", "between", "test", "n", "statistic", "p", "p_adjusted",
                          "effect_size"],
    "reliability": ["block", "title", "k", "n", "alpha", "ci_low", "ci_high", "mean_r", "n_complete",
                    "alpha_complete", "ci_low_complete", "ci_high_complete", "mean_r_complete", "one_scale"],
    "response_rates": ["by", "group", "respondents", "headcount", "response_rate", "fpc", "note"],
}


def _with_columns(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """An empty table still gets the contract's header, so a reader sees what is missing."""
    if table.empty and not len(table.columns):
        return pd.DataFrame(columns=columns)
    return table


def _top(table: pd.DataFrame, column: str, *, label: str = "label"):
    """Label(s) of the rows with the highest numeric ``column`` (suppressed rows skipped).

    Ties are ties: every label sharing the top value is named, joined by "; ".
    """
    if table is None or table.empty or column not in table.columns:
        return None
    values = pd.to_numeric(table[column], errors="coerce")
    if values.notna().sum() == 0 or values.max() <= 0:
        return None  # nothing published, or only zeros beside hidden values: no "top"
    return "; ".join(str(v) for v in table.loc[values == values.max(), label])


def survey_key_figures(results, tables: dict[str, pd.DataFrame] | None = None, *, min_cell: int = 5) -> dict:
    """Headline numbers for ``key_figures.json`` under ``"survey"``.

    Read from the published (suppressed) tables, so a key figure never shows what a
    table hides.

    Returns
    -------
    dict
        ``n_respondents`` (None when below ``min_cell``), ``by_group``,
        ``response_rate``, ``alpha`` and ``alpha_complete`` (pairwise and complete-case,
        of the block the headline charts show),
        ``top_rated_item`` and ``top_rated_mean`` (of that block; tied items joined by
        "; "), ``most_ticked`` and ``most_ticked_share`` (per multi-select id),
        ``n_group_differences`` (adjusted p < 0.05).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> from cpdresearch.survey import analyse_survey
    >>> figures = survey_key_figures(analyse_survey(load_study(paths.DEMO_STUDY)))
    >>> figures["n_respondents"] > 0
    True
    """
    tables = tables if tables is not None else published_tables(results, min_cell=min_cell)
    n = results.n_respondents
    figures: dict = {"n_respondents": n if (n == 0 or n >= min_cell) else None, "by_group": results.by_group}
    rates = tables.get("response_rates")
    overall = rates[rates["by"] == "all"] if rates is not None and not rates.empty else None
    figures["response_rate"] = (_number(overall["response_rate"].iloc[0]) if overall is not None and len(overall)
                                else None)
    rel = tables.get("reliability")
    alpha = alpha_complete = None
    if rel is not None and not rel.empty:
        row = rel[rel["block"] == results.working_block]
        alpha = _number(row["alpha"].iloc[0]) if len(row) else None
        if len(row) and "alpha_complete" in row.columns:
            alpha_complete = _number(row["alpha_complete"].iloc[0])
    figures["alpha"] = alpha
    figures["alpha_complete"] = alpha_complete
    items = tables.get("survey_items")
    if items is not None and not items.empty and "block" in items.columns:
        items = items[items["block"] == results.working_block]
    figures["top_rated_item"] = _top(items, "mean")
    figures["top_rated_mean"] = _max(items, "mean")
    figures["most_ticked"] = {s: _top(tables.get(ticks_table(s)), "share") for s in results.selects}
    figures["most_ticked_share"] = {s: _max(tables.get(ticks_table(s)), "share") for s in results.selects}
    diffs = tables.get("group_differences")
    figures["n_group_differences"] = (int((pd.to_numeric(diffs["p_adjusted"], errors="coerce") < 0.05).sum())
                                      if diffs is not None and not diffs.empty else 0)
    return figures


def _number(value):
    value = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    return None if pd.isna(value) else float(value)


def _max(table, column):
    if table is None or table.empty or column not in table.columns:
        return None
    value = pd.to_numeric(table[column], errors="coerce").max()
    return None if pd.isna(value) or value <= 0 else float(value)
