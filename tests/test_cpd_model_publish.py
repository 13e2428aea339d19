"""Disclosure control of the CPD model: no hidden count can be recovered from what is published."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch import load_study, paths
from cpdresearch.cpd_model import COORDINATED, analyse_cpd_model, cpd_model_key_figures, published_tables, suppress_plans

MIN_CELL = 5


def _num(values) -> np.ndarray:
    return pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce").to_numpy(dtype=float)


@pytest.fixture(scope="module")
def demo():
    return load_study(paths.DEMO_STUDY)


@pytest.fixture(scope="module", params=["all", "adoption", "asye", "managers"])
def tables(request, demo):
    results = analyse_cpd_model(demo.cohort(request.param))
    return results, published_tables(results, min_cell=MIN_CELL)


def _no_small_counts(values):
    x = _num(values)
    assert not ((x >= 1) & (x < MIN_CELL)).any()


def test_no_published_count_is_small(tables):
    _, t = tables
    for name, columns in {"team_plan": ["staff", "high", "medium", "low"],
                          "organisation_plan": ["staff", "high", "medium", "low"],
                          "preferred_methods": ["staff", "experiential", "social", "formal"],
                          "plan_coverage": ["staff_with_plans", "headcount"], "domain_coverage": ["staff"],
                          "adaptive_needs": ["practice_review", "audit", "complaint", "staff"],
                          "career_pathway": ["staff", "stage_staff"], "stage_activities": ["n", "wish_count"],
                          "evidence_matrix": ["demand_staff", "high_staff"], "priority_areas": ["forms"]}.items():
        for column in columns:
            _no_small_counts(t[name][column])


def _line_safe(cells, total):
    """A line whose cells add up to ``total`` never has exactly one hidden cell (when the total is shown)."""
    hidden = [isinstance(v, str) and v == "c" for v in cells]
    total_hidden = isinstance(total, str) and total == "c"
    assert sum(hidden) + total_hidden != 1


def test_priorities_add_up_to_staff_without_revealing_a_hidden_one(tables):
    _, t = tables
    for name in ("team_plan", "organisation_plan"):
        for _, row in t[name].iterrows():
            _line_safe([row["high"], row["medium"], row["low"]], row["staff"])


def test_team_counts_add_up_to_the_organisation_without_revealing_one(tables):
    _, t = tables
    org = t["organisation_plan"].set_index("topic")
    for column in ("staff", "high", "medium", "low"):
        for topic, part in t["team_plan"].groupby("topic"):
            _line_safe(list(part[column]), org.at[topic, column])


def test_methods_add_up_per_topic_and_over_topics(tables):
    results, t = tables
    methods = t["preferred_methods"]
    for _, row in methods.iterrows():
        _line_safe([row["experiential"], row["social"], row["formal"]], row["staff"])
    mix = t["mix_70_20_10"]
    preferred = mix[mix["source"] == "preferred"].set_index("category")["count"]
    for m in ("experiential", "social", "formal"):
        _line_safe(list(methods[m]), preferred[m])
    assert (methods["staff"].astype(str).values == t["organisation_plan"].set_index("topic")
            .loc[methods["topic"], "staff"].astype(str).values).all()


def test_pathway_stages_add_up_to_the_domain_without_revealing_one(tables):
    _, t = tables
    path, dom = t["career_pathway"], t["domain_coverage"].set_index("pcf_domain")
    for domain, part in path.groupby("pcf_domain"):
        _line_safe(list(part["staff"]), dom.at[domain, "staff"])


def test_hidden_counts_hide_their_scores_and_shares(tables):
    _, t = tables
    for name in ("team_plan", "organisation_plan"):
        table = t[name]
        hidden = table[["high", "medium", "low"]].isin(["c"]).any(axis=1)
        assert table.loc[hidden, "score"].eq("c").all() and table.loc[hidden, "rank"].eq("c").all()
    path = t["career_pathway"]
    assert path.loc[path["staff"].eq("c"), "share"].eq("c").all()


def test_the_published_score_uses_only_published_components(tables):
    _, t = tables
    m = t["evidence_matrix"]
    hidden = m["demand_share"].eq("c")
    assert (pd.to_numeric(m.loc[hidden, "components"]) <= 3).all()


def test_suppress_plans_hides_a_team_count_the_total_would_give_back():
    team = pd.DataFrame({"team": ["A", "B"], "topic": "T", "pcf_domain": 5, "staff": [3, 9], "high": [3, 4],
                         "medium": [0, 5], "low": [0, 0]})
    org = pd.DataFrame({"topic": ["T"], "pcf_domain": [5], "staff": [12], "high": [7], "medium": [5], "low": [0]})
    methods = pd.DataFrame({"topic": ["T"], "pcf_domain": [5], "experiential": [12], "social": [0], "formal": [0],
                            "staff": [12]})
    t, o, m, totals = suppress_plans(team, org, methods, min_cell=MIN_CELL)
    assert t["staff"].tolist() == ["c", "c"] and o["staff"].tolist() == [12]
    assert m["staff"].tolist() == [12] and totals["experiential"] == 12


def test_key_figures(demo):
    results = analyse_cpd_model(demo)
    figures = cpd_model_key_figures(results, published_tables(results))
    assert set(figures) >= {"n_staff_with_plans", "top_priority_topic", "top_priority_domain",
                            "formal_share_offered"}
    assert figures["n_staff_with_plans"] == demo.learning_needs["staff_id"].nunique()
    assert figures["top_priority_topic"] == results.organisation_plan["topic"].iloc[0]
    assert figures["formal_share_offered"] == 1


def test_staff_ids_are_never_published(tables):
    results, t = tables
    ids = set(load_study(paths.DEMO_STUDY).learning_needs["staff_id"])
    text = " ".join(table.astype(str).to_csv() for table in t.values())
    assert not [i for i in list(ids)[:50] if i in text]


# Coordinated suppression across cohorts (docs/cpd_model.md, "Disclosure"; rule 7) -------------------------

def _team_cohorts(demo):
    """The demo's cohorts that are one team each (read from its cohorts.yml, not written here)."""
    return [c.name for c in demo.cohorts if len(c.filter) == 1 and "team" in c.filter]


@pytest.fixture(scope="module")
def coordinated(demo):
    """Published tables of the whole study and of every team (a cohort or not), as the notebook builds them."""
    from cpdresearch.cpd_model import build_cpd_model_report
    from cpdresearch.cpd_model.coordination import attribute_values

    whole = build_cpd_model_report(demo, figures=False).tables
    teams = {team: build_cpd_model_report(demo.subset({"team": team}), figures=False).tables
             for team in attribute_values(demo, "team")}
    return whole, teams


def test_a_team_cohort_hides_what_the_whole_workforce_hides_in_its_team_rows(demo, coordinated):
    whole, teams = coordinated
    assert _team_cohorts(demo), "the demo has team cohorts"
    for name in ("team_plan", "plan_coverage"):
        keys, columns = COORDINATED[name]
        by_team = whole[name]
        for team, tables in teams.items():
            mine = tables[name][tables[name]["team"] == team].set_index(list(keys))
            theirs = by_team[by_team["team"] == team].set_index(list(keys))
            assert len(mine) == len(theirs)
            for column in columns:
                a = mine[column].astype(str).eq("c")
                b = theirs[column].astype(str).eq("c").reindex(a.index)
                assert (a == b).all(), f"{team}: {name}.{column} hidden differently"


def test_no_cpd_model_count_is_the_whole_minus_the_other_teams(coordinated):
    """The attacker's (d): for every coordinated cell, the teams' published counts and the whole
    workforce's never leave exactly one team's count hidden, nor the whole's count alone hidden."""
    whole, teams = coordinated
    checked = 0
    for name, (keys, columns) in COORDINATED.items():
        total = whole[name]
        if total.empty:
            continue
        rows = {team: t[name].set_index(list(keys)) for team, t in teams.items() if not t[name].empty}
        for key, row in total.set_index(list(keys)).iterrows():
            for column in (c for c in columns if c in total.columns):
                cells = [r.at[key, column] for r in rows.values() if key in r.index]
                if not cells or _num([row[column]])[0] != np.nansum(_num(cells)) and "c" not in map(str, cells):
                    continue  # not a line (the teams do not add up to the whole)
                hidden = sum(str(v) == "c" for v in cells) + (str(row[column]) == "c")
                checked += 1
                assert hidden != 1, f"{name} {key} {column}: one hidden cell in {cells} = {row[column]}"
    assert checked > 100


def test_the_light_count_model_hides_as_the_full_one(demo):
    """The family is computed from the counts only (``counts_only``): it must hide what the full model
    hides, or a cohort would publish another pattern than its siblings computed for it."""
    from cpdresearch.cpd_model.coordination import forced_cells, hidden_cells
    from cpdresearch.cpd_model.publish import _tables

    for name in _team_cohorts(demo)[:3]:
        study = demo.cohort(name)
        forced = forced_cells(study)
        full = hidden_cells(published_tables(analyse_cpd_model(study), forced=forced))
        light = hidden_cells(_tables(analyse_cpd_model(study, counts_only=True), min_cell=MIN_CELL,
                                     forced=forced, derived=False))
        assert full == light


def test_hidden_cells_only_grow_and_cohorts_outside_a_partition_keep_their_own_lines(demo):
    from cpdresearch.cpd_model.coordination import forced_cells

    own = published_tables(analyse_cpd_model(demo), min_cell=MIN_CELL)
    shared = published_tables(analyse_cpd_model(demo), min_cell=MIN_CELL, forced=forced_cells(demo))
    for name in COORDINATED:
        for column in COORDINATED[name][1]:
            if column in own[name].columns:
                before = own[name][column].astype(str).eq("c").to_numpy()
                after = shared[name][column].astype(str).eq("c").to_numpy()
                assert not (before & ~after).any(), f"{name}.{column}: coordination un-hid a cell"
    two = demo.subset({"team": str(demo.learning_needs["team"].iloc[0]),
                       "role": str(demo.learning_needs["role"].iloc[0])})
    assert forced_cells(two) is None
