"""Disclosure control of the CPD model: no hidden count can be recovered from what is published."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch import load_study, paths
from cpdresearch.cpd_model import analyse_cpd_model, cpd_model_key_figures, published_tables, suppress_plans

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
