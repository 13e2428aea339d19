"""Coordinated suppression across the cohorts that split a study, for any topic.

Each cohort's notebook sees only its own data, so a cohort that is one value of one
attribute (a team) would hide its counts by its own lines only, and the same cell across
the cohorts of that attribute could leave one of them hidden: the whole study's count
minus the others' would give it back. A topic that publishes counts adding up across
such cohorts coordinates them here. Every cohort computes the same thing from the same
whole study: the topic's count cells for the whole study and for every *sibling*, one
per value of each coordinated attribute (values that have no cohort included). One cell
(same table, row and column) across the siblings of one attribute adds up to the whole
study's cell: that is a line, protected like any other
(:func:`cpdresearch.report.protect_line`: no single hidden cell, hidden cells adding up
to at least ``min_cell``; a sibling's cell is hidden first, the whole study's only when
nothing else can protect the line). The cells hidden this way are handed to each
member's own disclosure rules as ``forced``, which re-protect the member's own lines,
and the two steps repeat until nothing changes (hidden cells only grow, so it ends).

The topic supplies two functions: the unsuppressed counts of a member, and the cells a
member's published tables hide given its forced cells. See docs/disclosure.md, rule 8.

Examples
--------
>>> from cpdresearch import load_study, paths
>>> study = load_study(paths.DEMO_STUDY)
>>> "team" in coordinated_attributes(study)
True
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .disclosure import SUPPRESSED, protect_line

__all__ = ["BY_GROUP_ATTRIBUTES", "coordinated_attributes", "attribute_values", "family", "family_member",
           "coordinate", "table_cells", "coordinated_family", "forced_for", "line_is_safe", "row_keys"]

#: Attributes always coordinated when some dataset has them, whether or not a cohort is
#: cut by them: reports break tables down by them (a team plan by team, a career pathway
#: by career stage), so every topic coordinates over the same family of siblings and
#: reaches the same decision for a count two topics both publish.
BY_GROUP_ATTRIBUTES: tuple[str, ...] = ("team", "career_stage")


def _columns(study) -> set[str]:
    return {c for data in study.datasets().values() for c in data.columns}


def coordinated_attributes(whole, extra=()) -> tuple[str, ...]:
    """The attributes whose values split the study into coordinated siblings: those of the
    study's single-attribute cohorts, :data:`BY_GROUP_ATTRIBUTES`, and ``extra``, as far as
    some dataset has the column.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> attributes = coordinated_attributes(load_study(paths.DEMO_STUDY))
    >>> "team" in attributes and attributes == tuple(sorted(attributes))
    True
    """
    names = set(BY_GROUP_ATTRIBUTES) | set(extra)
    for cohort in whole.cohorts:
        if len(cohort.filter) == 1:
            (attribute, value), = cohort.filter.items()
            if not isinstance(value, (list, tuple)) or len(value) == 1:
                names.add(str(attribute))
    return tuple(sorted(names & _columns(whole)))


def attribute_values(whole, attribute: str) -> list[str]:
    """Every value ``attribute`` takes in any dataset of the whole study, as text, sorted.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> set(attribute_values(study, "team")) >= set(study.learning_needs["team"].astype(str))
    True
    """
    values: set[str] = set()
    for data in whole.datasets().values():
        if attribute in data.columns:
            values |= {str(v) for v in data[attribute].dropna().astype(object).unique()}
    return sorted(values)


def family(whole, attributes: Sequence[str]) -> dict:
    """The members of the whole study's coordinated family: ``{None: whole, (attribute,
    value): the study cut to that value}``.

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> members = family(study, ["team"])
    >>> members[None] is study, len(members) == 1 + len(attribute_values(study, "team"))
    (True, True)
    """
    members: dict = {None: whole}
    for attribute in attributes:
        for value in attribute_values(whole, attribute):
            members[(attribute, value)] = whole.subset({attribute: value})
    return members


def family_member(study):
    """Where ``study`` sits in its whole study's family: ``(whole, member, extra
    attributes)``, the member being ``None`` for the whole study (or a cohort with an empty
    filter) and ``(attribute, value)`` for a cohort that is one value of one attribute;
    ``None`` for any other cohort (it hides by its own lines only).

    Examples
    --------
    >>> from cpdresearch import load_study, paths
    >>> study = load_study(paths.DEMO_STUDY)
    >>> team = attribute_values(study, "team")[0]
    >>> family_member(study.subset({"team": team}))[1:] == (("team", team), ("team",))
    True
    """
    whole = study.whole if study.whole is not None else study
    if not study.filter:
        return whole, None, ()
    if study.partition is not None:
        return whole, study.partition, (study.partition[0],)
    return None


def row_keys(table: pd.DataFrame, keys) -> list[tuple]:
    """The key of every row of ``table`` (its values in ``keys``, as text), to match rows
    across cohorts.

    Examples
    --------
    >>> row_keys(pd.DataFrame({"topic": ["T"], "pcf_domain": [5]}), ["topic", "pcf_domain"])
    [('T', '5')]
    """
    if table.empty:
        return []
    return list(zip(*(table[k].astype(object).map(_key_text) for k in keys)))


def _key_text(value) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    return str(value)


def _float(value) -> float:
    if value is None or isinstance(value, str):
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def _hidden(values) -> np.ndarray:
    return np.array([isinstance(v, str) and v == SUPPRESSED for v in np.asarray(values, dtype=object)], dtype=bool)


def line_is_safe(counts, hidden=None, *, min_cell: int = 5) -> bool:
    """Whether a line (counts adding up to a published total, "c" for a count hidden
    before) needs no further suppression: no count from 1 to ``min_cell - 1`` and nothing
    hidden, or at least two hidden cells that add up to ``min_cell`` or more (or include
    one hidden before, which was judged when it was hidden). A fast check before
    :func:`cpdresearch.report.protect_line`, which decides the same.

    Examples
    --------
    >>> line_is_safe([7, 0, 12]), line_is_safe([7, 2, 12]), line_is_safe(["c", 2, 12]), line_is_safe([2, 1, 9])
    (True, False, True, False)
    """
    values = np.array([_float(v) for v in counts], dtype=float)
    shut = _hidden(counts) if hidden is None else (np.asarray(hidden, dtype=bool) | _hidden(counts))
    shut = shut | ((values >= 1) & (values < min_cell))
    if not shut.any():
        return True
    if shut.sum() < 2:
        return False
    known = values[shut]
    return bool(np.isnan(known).any() or known.sum() >= min_cell)


def coordinate(members: dict, raw: dict, hidden_of: Callable[[object, dict], dict], *,
               attributes: Sequence[str], tables: Sequence[str], min_cell: int, max_rounds: int = 50) -> dict:
    """The cells each member of a family hides before its own rules run.

    Parameters
    ----------
    members : dict
        :func:`family`: ``{None: whole, (attribute, value): study}``.
    raw : dict
        ``{member: {table: {cell: count}}}``: every member's unsuppressed counts (NaN
        where a table has no number); a cell is any hashable (a row key and a column).
    hidden_of : callable
        ``hidden_of(member, forced)``: ``{table: set of cells}`` the member's published
        tables show as hidden when ``forced`` (``{table: set of cells}``) is hidden first.
    attributes : sequence of str
        The attributes of the family, in the order their lines are protected.
    tables : sequence of str
        The coordinated tables, in the order their lines are protected.
    min_cell : int
    max_rounds : int
        Safety bound on the rounds (each round only adds hidden cells).

    Returns
    -------
    dict
        ``{member: {table: set of cells}}``.

    Examples
    --------
    The whole (15) and two siblings (3 and 12): the small 3 is hidden by its own rule, so
    the other sibling's 12 is hidden with it.

    >>> members = {None: "whole", ("team", "a"): "a", ("team", "b"): "b"}
    >>> raw = {None: {"t": {"x": 15.0}}, ("team", "a"): {"t": {"x": 3.0}}, ("team", "b"): {"t": {"x": 12.0}}}
    >>> def hidden_of(member, forced):
    ...     small = {c for c, v in raw[member]["t"].items() if 1 <= v < 5}
    ...     return {"t": small | set(forced.get("t", ()))}
    >>> out = coordinate(members, raw, hidden_of, attributes=["team"], tables=["t"], min_cell=5)
    >>> {m: sorted(f.get("t", ())) for m, f in out.items()}
    {None: [], ('team', 'a'): [], ('team', 'b'): ['x']}
    """
    forced: dict = {m: defaultdict(set) for m in members}
    hidden: dict = {}
    dirty = set(members)
    for _ in range(max_rounds):
        for m in dirty:
            hidden[m] = hidden_of(m, forced[m])
        dirty = set()
        for attribute in attributes:
            siblings = [m for m in members if m is not None and m[0] == attribute]
            for name in tables:
                cells = set(raw[None].get(name, {})).union(*(raw[s].get(name, {}) for s in siblings))
                for cell in sorted(cells):
                    dirty |= _protect(cell, name, siblings, raw, hidden, forced, min_cell)
        if not dirty:
            break
    return {m: {name: set(cells) for name, cells in f.items()} for m, f in forced.items()}


def _protect(cell, name, siblings, raw, hidden, forced, min_cell) -> set:
    """Protect one line (a cell across the siblings, the whole study's as its total); the
    members that get a new hidden cell."""
    total = raw[None].get(name, {}).get(cell, 0.0)
    if np.isnan(total):
        return set()
    values = np.nan_to_num(np.array([raw[s].get(name, {}).get(cell, 0.0) for s in siblings], dtype=float))
    if abs(values.sum() - total) > 1e-9:
        return set()  # not a line: the siblings do not add up to the whole (a group unrecorded)
    line = [*siblings, None]
    shut = np.array([cell in hidden[m].get(name, ()) for m in line], dtype=bool)
    counts = np.append(values, total)
    small = (counts >= 1) & (counts < min_cell)
    if line_is_safe(counts, shut, min_cell=min_cell):
        return set()
    hide = protect_line(counts, shut, min_cell=min_cell)
    new = set()
    for m, now, before in zip(line, hide, shut | small):
        if now and not before and cell not in forced[m][name]:
            forced[m][name].add(cell)
            new.add(m)
    return new


def table_cells(tables: dict, spec: dict, *, hidden: bool = False) -> dict:
    """The coordinated cells of a set of tables: ``{table: {(row key, column): count}}``
    (NaN where a table has no number), or with ``hidden`` the cells shown as "c":
    ``{table: {(row key, column)}}``.

    ``spec`` is a topic's ``{table: (key columns, count columns)}``.

    Examples
    --------
    >>> t = {"domains": pd.DataFrame({"pcf_domain": [1, 2], "n": ["c", 7]})}
    >>> spec = {"domains": (["pcf_domain"], ["n"])}
    >>> table_cells(t, spec, hidden=True)["domains"], float(table_cells(t, spec)["domains"][(("2",), "n")])
    ({(('1',), 'n')}, 7.0)
    """
    out: dict = {}
    for name, (keys, columns) in spec.items():
        table = tables.get(name)
        cells: dict | set = set() if hidden else {}
        if table is not None and not table.empty and all(k in table.columns for k in keys):
            at = row_keys(table, keys)
            for column in (c for c in columns if c in table.columns):
                if hidden:
                    cells |= {(k, column) for k, h in zip(at, _hidden(table[column])) if h}
                else:
                    values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)
                    cells.update({(k, column): v for k, v in zip(at, values)})
        out[name] = cells
    return out


def coordinated_family(whole, *, spec: dict, analyse: Callable, raw_tables: Callable, count_tables: Callable,
                       cache: dict, min_cell: int | None = None, extra_attributes=(), max_rounds: int = 50) -> dict:
    """A topic's coordinated cells for every member of the whole study's family, cached.

    The shared shape of each topic's ``coordinated_cells``: analyse every member
    (``analyse(study)``, counts only), read its unsuppressed counts
    (``raw_tables(results)``) and the cells its published tables hide with some cells
    forced (``count_tables(results, min_cell, forced)``), and :func:`coordinate`. The
    answer is cached in ``cache`` by :meth:`~cpdresearch.study.Study.fingerprint`,
    threshold and attributes (one study at a time).

    Returns
    -------
    dict
        ``{member: {table: {(row key, column)}}}``, a member ``None`` (the whole) or
        ``(attribute, value)``.
    """
    min_cell = int(min_cell if min_cell is not None else whole.min_cell)
    attributes = coordinated_attributes(whole, extra_attributes)
    key = (whole.fingerprint(), min_cell, attributes)
    if key in cache:
        return cache[key]
    members = family(whole, attributes)
    results = {m: analyse(s) for m, s in members.items()}
    raw = {m: table_cells(raw_tables(r), spec) for m, r in results.items()}

    def hidden_of(member, forced):
        return table_cells(count_tables(results[member], min_cell, forced), spec, hidden=True)

    out = coordinate(members, raw, hidden_of, attributes=attributes, tables=list(spec), min_cell=min_cell,
                     max_rounds=max_rounds)
    cache.clear()  # one study at a time: the cache serves the cohorts of one run
    cache[key] = out
    return out


def forced_for(study, coordinated_cells: Callable, *, min_cell: int | None = None) -> dict | None:
    """What ``study`` hides before its own rules run, from its place in the whole study's
    family (:func:`family_member`): ``None`` (its own lines only) for a cohort outside it."""
    place = family_member(study)
    if place is None:
        return None
    whole, member, extra = place
    return coordinated_cells(whole, min_cell=min_cell, extra_attributes=extra).get(member, {})
