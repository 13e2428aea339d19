"""Rule 8 of docs/disclosure.md for the survey: a cohort that is one group of the whole
study hides its counts as its row of the whole study's table by that attribute, and the
groups' hidden counts of a cell are never one alone (nor adding up to less than
``min_cell``) against the whole study's published count."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch import load_study, paths
from cpdresearch.survey import analyse_survey, published_tables
from cpdresearch.survey.partition import item_splits, levels_grid, ticks_grid

MIN_CELL = 5


@pytest.fixture(scope="module")
def demo():
    study = load_study(paths.DEMO_STUDY)
    whole = published_tables(analyse_survey(study), min_cell=MIN_CELL, study=study)
    members = {}
    for cohort in study.cohorts:
        part = study.cohort(cohort.name)
        if part.partition is not None:
            members[cohort.name] = (part.partition, published_tables(analyse_survey(part), min_cell=MIN_CELL,
                                                                     study=part))
    return study, whole, members


def _hidden(value) -> bool:
    return str(value) == "c"


def test_a_cohort_hides_its_levels_as_its_row_of_the_whole(demo):
    _, whole, members = demo
    by_group = whole["survey_items_by_group"]
    checked = 0
    for _, ((attribute, group), tables) in members.items():
        own = tables["survey_items"].set_index("item")
        theirs = by_group[(by_group["by"] == attribute) & (by_group["group"] == group)].set_index("item")
        for column in ("n", "mean", "median", "count_below", "count_neutral", "count_above"):
            if column in own.columns:
                assert (own[column].map(_hidden) == theirs.loc[own.index, column].map(_hidden)).all(), \
                    (attribute, group, column)
                checked += 1
    assert checked >= 3 * len(members) > 0


def test_no_group_count_is_the_whole_minus_the_others(demo):
    """The reader's arithmetic: whole count minus the other teams' shown counts."""
    study, whole, members = demo
    by_attribute: dict = {}
    for name, ((attribute, group), tables) in members.items():
        by_attribute.setdefault(attribute, {})[group] = tables
    tables_checked = 0
    for attribute, groups in by_attribute.items():
        every = set(study.survey[attribute].astype(str))
        if set(groups) != every:
            continue  # a group without a report of its own is hidden by construction
        for name, keys, columns in (("survey_levels", ["item", "code"], ["count"]),
                                    ("survey_items", ["item"], ["count_below", "count_neutral", "count_above"]),
                                    *((t, ["option"], ["count"]) for t in whole if t.startswith("ticks_")
                                      and not t.endswith(("_by_group", "_differences", "_pairs")))):
            total = whole[name].set_index(keys)
            rows = {g: t[name].set_index(keys) for g, t in groups.items()}
            for key in total.index:
                for column in columns:
                    if column not in total.columns or _hidden(total.at[key, column]):
                        continue
                    hidden = [g for g, t in rows.items() if _hidden(t.at[key, column])]
                    assert len(hidden) != 1, (name, key, column, hidden)
            tables_checked += 1
    assert tables_checked >= 3


def test_levels_grid_protects_splits_across_groups():
    """A split hidden in one group only would be the whole's split minus the others'."""
    codes = [1, 2, 3, 4, 5]
    rng = np.random.default_rng(7)
    for _ in range(200):
        counts = rng.integers(0, 12, size=(4, 5))
        dist = pd.DataFrame([{"group": f"g{g}", "item": "q", "code": c, "count": int(counts[g, j])}
                             for g in range(4) for j, c in enumerate(codes)])
        grid = levels_grid(dist, {"q": set()}, min_cell=MIN_CELL)
        hidden = np.array([[c in grid[(f"g{g}", "q")] for c in codes] for g in range(4)])
        for line in [*hidden, *hidden.T]:  # rows and columns: none or at least two
            assert line.sum() != 1
        for split in (s for s in item_splits(codes).values() if len(s) >= 2):
            partial = [bool(set(split) & set(grid[(f"g{g}", "q")]))
                       and not set(grid[(f"g{g}", "q")]) <= set(split) for g in range(4)]
            movable = [g for g in range(4) if not partial[g] and counts[g, [c - 1 for c in split]].sum() > 0]
            assert sum(partial) != 1 or not movable


def test_ticks_grid_keeps_a_column_with_a_hidden_total_alone():
    """A hidden cohort total is no equation: its groups are not hidden for it."""
    t = pd.DataFrame({"group": ["a", "b"], "option": "x", "count": [3, 9]})
    assert ticks_grid(t, {"x": True}, min_cell=MIN_CELL) == {("a", "x"): True, ("b", "x"): False}
    assert ticks_grid(t, {"x": False}, min_cell=MIN_CELL) == {("a", "x"): True, ("b", "x"): True}


def _rows_by_population(study, whole, members, name):
    """``{(population, key): [(cohort, value row)]}`` of a table with by / group columns."""
    out: dict = {}
    published = {"": ({}, whole), **{c: (dict([p]), t) for c, (p, t) in members.items()}}
    for cohort, (filter, tables) in published.items():
        table = tables.get(name)
        if table is None or table.empty:
            continue
        keys = [k for k in ("item", "option", "block", "code") if k in table.columns]
        for _, row in table.iterrows():
            population = dict(filter)
            if row["by"] != "all":
                if row["by"] in population and population[row["by"]] != row["group"]:
                    continue
                population[row["by"]] = row["group"]
            out.setdefault((frozenset(population.items()), tuple(row[k] for k in keys)), []).append((cohort, row))
    return out


@pytest.mark.parametrize("name, columns", [
    ("survey_items_by_group", ["n", "count_below", "count_neutral", "count_above", "mean"]),
    ("ticks_barriers_by_group", ["count", "n"]),
    ("ticks_wish_by_group", ["count", "n"]),
    ("response_rates", ["respondents", "headcount"]),
])
def test_the_same_people_show_the_same_count_in_every_cohort(demo, name, columns):
    """A team's managers in the team's by-role table and in the managers' by-team table."""
    study, whole, members = demo
    if name not in whole:
        pytest.skip(f"the demo publishes no {name}")
    shared = 0
    for (population, _), places in _rows_by_population(study, whole, members, name).items():
        if len(places) < 2:
            continue
        shared += 1
        for column in columns:
            if column in places[0][1].index:
                states = {_hidden(row[column]) for _, row in places}
                assert len(states) == 1, (name, sorted(population), column, [c for c, _ in places])
    assert shared > 0


def test_a_partition_of_groups_never_leaves_one_hidden(demo):
    """The teams' managers add up to the whole's managers: never one team hidden alone."""
    study, whole, members = demo
    teams = {}
    for cohort, ((attribute, group), tables) in members.items():
        teams.setdefault(attribute, {})[group] = tables
    checked = 0
    for attribute, groups in teams.items():
        if set(groups) != set(study.survey[attribute].astype(str)):
            continue
        for name, keys, columns in (("survey_items_by_group", ["item"], ["n", "count_below", "count_above"]),
                                    ("ticks_wish_by_group", ["option"], ["count", "n"]),
                                    ("response_rates", [], ["respondents"])):
            parent = whole[name]
            for _, row in parent[(parent["by"] != attribute) & (parent["by"] != "all")].iterrows():
                cells = []
                for tables in groups.values():
                    t = tables.get(name)
                    if t is None:
                        break
                    hit = t[(t["by"] == row["by"]) & (t["group"] == row["group"])]
                    for k in keys:
                        hit = hit[hit[k] == row[k]]
                    if len(hit) != 1:
                        break
                    cells.append(hit.iloc[0])
                else:
                    for column in columns:
                        if not _hidden(row[column]):
                            assert sum(_hidden(c[column]) for c in cells) != 1, (name, row["by"], row["group"], column)
                    checked += 1
    assert checked > 20
