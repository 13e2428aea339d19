"""Learning plans from individual needs to team and organisation, against hand-counted cases."""
from __future__ import annotations

import pandas as pd
import pytest

from cpdresearch.cpd_model import (adaptive_needs, commissioning_list, domain_coverage, organisation_plan,
                                   plan_coverage, preferred_methods, staff_needs, team_plan)

# Hand-counted case: three teams, five staff, two topics.
#   North: S1 court (high, then low again: counts once, high), S1 write (medium), S2 court (low)
#   South: S3 court (medium), S4 write (high), S4 write (medium again: once, high)
#   East:  S5 court (high)
NEEDS = pd.DataFrame({
    "staff_id": ["S1", "S1", "S1", "S2", "S3", "S4", "S4", "S5"],
    "team": pd.Categorical(["North", "North", "North", "North", "South", "South", "South", "East"],
                           categories=["South", "North", "East"]),
    "career_stage": ["New", "New", "New", "Lead", "New", "Lead", "Lead", "Lead"],
    "topic": ["Court", "Court", "Writing", "Court", "Court", "Writing", "Writing", "Court"],
    "pcf_domain": [8, 8, 6, 8, 8, 6, 6, 8],
    "priority": ["high", "low", "medium", "low", "medium", "high", "medium", "high"],
    "preferred_method": ["formal", "social", "experiential", "formal", "social", "social", "formal", "formal"],
    "source": ["appraisal", "audit", "supervision", "complaint", "supervision", "practice_review", "audit",
               "appraisal"],
})


def test_a_staff_member_counts_once_per_topic_at_their_highest_priority():
    units = staff_needs(NEEDS)
    assert len(units) == 6
    s1 = units[(units["staff_id"] == "S1") & (units["topic"] == "Court")].iloc[0]
    assert (s1["priority"], s1["preferred_method"]) == ("high", "formal")
    s4 = units[(units["staff_id"] == "S4")].iloc[0]
    assert (s4["priority"], s4["preferred_method"]) == ("high", "social")


def test_team_plan_matches_the_hand_count():
    plan = team_plan(NEEDS).set_index(["team", "topic"])
    assert list(dict.fromkeys(plan.index.get_level_values(0))) == ["South", "North", "East"]  # the study's order
    north = plan.loc["North"]
    assert north.loc["Court", ["staff", "high", "medium", "low", "score", "rank"]].tolist() == [2, 1, 0, 1, 4.0, 1]
    assert north.loc["Writing", ["staff", "high", "medium", "low", "score", "rank"]].tolist() == [1, 0, 1, 0, 2.0, 2]
    south = plan.loc["South"]
    assert south.loc["Writing", ["staff", "high", "score", "rank"]].tolist() == [1, 1, 3.0, 1]
    assert south.loc["Court", ["staff", "medium", "score", "rank"]].tolist() == [1, 1, 2.0, 2]
    assert (plan[["high", "medium", "low"]].sum(axis=1) == plan["staff"]).all()


def test_organisation_plan_adds_up_the_teams():
    org = organisation_plan(NEEDS).set_index("topic")
    assert org.loc["Court", ["staff", "teams", "high", "medium", "low", "score", "rank"]].tolist() == \
        [4, 3, 2, 1, 1, 9.0, 1]
    assert org.loc["Writing", ["staff", "teams", "high", "medium", "low", "score", "rank"]].tolist() == \
        [2, 2, 1, 1, 0, 5.0, 2]
    teams = team_plan(NEEDS).groupby("topic")[["staff", "high", "medium", "low"]].sum()
    assert (teams == org[["staff", "high", "medium", "low"]].loc[teams.index]).all().all()


def test_custom_points_change_the_score_and_ties_share_the_better_rank():
    org = organisation_plan(NEEDS, points={"high": 1, "medium": 1, "low": 1}).set_index("topic")
    assert org.loc["Court", "score"] == 4 and org.loc["Writing", "score"] == 2
    tie = NEEDS[NEEDS["staff_id"].isin(["S2", "S3"])].assign(topic=["A", "B"], priority=["low", "low"])
    assert organisation_plan(tie)["rank"].tolist() == [1, 1]


def test_staff_in_two_teams_count_once_in_the_organisation_plan():
    moved = pd.concat([NEEDS, NEEDS.iloc[[0]].assign(team="South")], ignore_index=True)
    org = organisation_plan(moved).set_index("topic")
    assert org.loc["Court", "staff"] == 4 and org.loc["Court", "teams"] == 3


def test_coverage_against_the_workforce_and_by_domain():
    wf = pd.DataFrame({"team": ["South", "North", "East"], "headcount": [10, 4, 0]})
    cov = plan_coverage(NEEDS, wf).set_index("team")
    assert cov.loc["North", ["staff_with_plans", "headcount"]].tolist() == [2, 4]
    assert cov.loc["North", "share"] == 0.5 and pd.isna(cov.loc["East", "share"])
    dom = domain_coverage(NEEDS, headcount=14).set_index("pcf_domain")
    assert dom.loc[8, "staff"] == 4 and dom.loc[8, "share_of_planned"] == pytest.approx(4 / 5)
    assert dom.loc[8, "share_of_workforce"] == pytest.approx(4 / 14) and dom.loc[1, "staff"] == 0
    assert len(dom) == 9


def test_preferred_methods_and_commissioning_threshold():
    methods = preferred_methods(NEEDS).set_index("topic")
    assert methods.loc["Court", ["staff", "experiential", "social", "formal", "top_method"]].tolist() == \
        [4, 0, 1, 3, "formal"]
    org = organisation_plan(NEEDS)
    listed = commissioning_list(org, methods=preferred_methods(NEEDS), min_staff=3)
    assert listed["topic"].tolist() == ["Court"] and listed["top_method"].item() == "formal"
    assert commissioning_list(org, methods=preferred_methods(NEEDS), min_staff=2, min_teams=3)["topic"].tolist() \
        == ["Court"]
    assert commissioning_list(org, methods=preferred_methods(NEEDS), min_staff=5).empty


def test_needs_from_reviews_audits_and_complaints_are_apart():
    table = adaptive_needs(NEEDS).set_index("topic")
    assert table.loc["Court", ["audit", "complaint", "staff"]].tolist() == [1, 1, 2]
    assert table.loc["Writing", ["practice_review", "audit", "staff"]].tolist() == [1, 1, 1]


def test_empty_needs_give_empty_tables_with_columns():
    empty = NEEDS.iloc[:0]
    assert list(team_plan(empty).columns)[:2] == ["team", "topic"]
    assert organisation_plan(None).empty and adaptive_needs(empty).empty
