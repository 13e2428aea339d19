"""The evidence matrix's score formula and the sensitivity check."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch.cpd_model import (evaluation_evidence, evidence_matrix, ldp_evidence, priority_scores,
                                   survey_evidence, voice_evidence, weight_sensitivity)
from cpdresearch.io.focus_groups import Code, Codebook


def test_score_is_the_weighted_mean_of_the_available_components():
    comp = pd.DataFrame({"demand": [0.5, 0.2, np.nan], "voice": [0.3, np.nan, np.nan],
                         "survey": [0.1, 0.1, np.nan], "evaluation": [np.nan, 1.0, np.nan]}, index=[1, 2, 3])
    w = {"demand": 0.4, "voice": 0.2, "survey": 0.2, "evaluation": 0.2}
    t = priority_scores(comp, weights=w)
    assert t.loc[1, "score"] == pytest.approx((0.4 * 0.5 + 0.2 * 0.3 + 0.2 * 0.1) / 0.8)
    assert t.loc[2, "score"] == pytest.approx((0.4 * 0.2 + 0.2 * 0.1 + 0.2 * 1.0) / 0.8)
    assert pd.isna(t.loc[3, "score"]) and pd.isna(t.loc[3, "rank"])
    assert t["components"].tolist() == [3, 3, 0]
    assert t.loc[2, "rank"] == 1 and t.loc[1, "rank"] == 2


def test_a_missing_source_is_not_scored_as_zero():
    comp = pd.DataFrame({"demand": [0.3, 0.3], "evaluation": [np.nan, 0.0]}, index=[1, 2])
    t = priority_scores(comp, weights={"demand": 0.5, "evaluation": 0.5})
    assert t.loc[1, "score"] == pytest.approx(0.3) and t.loc[2, "score"] == pytest.approx(0.15)


def test_a_zero_weight_leaves_its_component_out():
    comp = pd.DataFrame({"demand": [0.3, 0.6], "voice": [0.9, 0.0]}, index=[1, 2])
    t = priority_scores(comp, weights={"demand": 1, "voice": 0})
    assert t["score"].tolist() == [0.3, 0.6] and t["components"].tolist() == [1, 1]


def test_sensitivity_moves_each_weight_by_twenty_percent():
    comp = pd.DataFrame({"demand": [0.5, 0.4, 0.1], "voice": [0.2, 0.31, 0.0]}, index=[5, 7, 9])
    scenarios, ranks = weight_sensitivity(comp, weights={"demand": 0.5, "voice": 0.5})
    assert scenarios[["component", "factor"]].values.tolist() == [["demand", 0.8], ["demand", 1.2],
                                                                  ["voice", 0.8], ["voice", 1.2]]
    assert scenarios["weight"].tolist() == pytest.approx([0.4, 0.6, 0.4, 0.6])
    # 5 and 7 swap places when demand gains weight (0.6*0.5+0.5*0.2)/1.1 > (0.6*0.4+0.5*0.31)/1.1
    assert ranks.loc[5, ["rank", "rank_min", "rank_max"]].tolist() == [2, 1, 2]
    assert ranks.loc[9, "stable"] and not ranks.loc[5, "stable"]
    assert scenarios["kendall_tau"].between(-1, 1).all()
    assert scenarios.loc[0, "domains_moved"] == 0 and scenarios.loc[1, "domains_moved"] == 2


NEEDS = pd.DataFrame({"staff_id": ["S1", "S2", "S2", "S3"], "team": "A", "topic": ["T1", "T1", "T2", "T3"],
                      "pcf_domain": [5, 5, 7, 7], "priority": ["high", "low", "low", "high"],
                      "preferred_method": ["social", "social", "formal", "formal"]})


def test_ldp_evidence_counts_staff_per_domain():
    t = ldp_evidence(NEEDS)
    assert t.loc[5, ["demand_staff", "high_staff", "linked_method"]].tolist() == [2, 1, "social"]
    assert t.loc[7, "demand_share"] == pytest.approx(2 / 3) and t.loc[1, "demand_staff"] == 0
    assert pd.isna(t.loc[1, "linked_method"])


def test_voice_evidence_counts_each_participant_once_per_domain():
    seg = pd.DataFrame({"participant": ["a:P1", "a:P2", "b:P1", "b:FAC"], "group": ["staff", "staff", "young_people",
                                                                                   "young_people"],
                        "is_facilitator": [False, False, False, True]})
    coded = pd.DataFrame({"participant": ["a:P1", "a:P1", "b:P1"], "code": ["trust", "voice", "trust"],
                          "group": ["staff", "staff", "young_people"]})
    book = Codebook([Code("trust", "Trust", pcf=(7,)), Code("voice", "Voice", pcf=(7, 2))])
    t = voice_evidence(coded, seg, codebook=book).set_index(["pcf_domain", "group"])
    assert t.loc[(7, "staff"), ["participants", "group_participants"]].tolist() == [1, 2]
    assert t.loc[(7, "all"), "share"] == pytest.approx(2 / 3)
    assert t.loc[(2, "young_people"), "share"] == 0 and pd.isna(t.loc[(1, "all"), "share"])


def test_matrix_says_which_sources_are_missing():
    oc = pd.DataFrame({"course_id": ["C1", "C1"], "objective_no": [1, 2], "not_met": [True, False]})
    obj = pd.DataFrame({"course_id": ["C1", "C1"], "objective_no": [1, 2], "pcf_domain": [5, 5]})
    m = evidence_matrix(ldp=ldp_evidence(NEEDS),
                        survey_by_category=survey_evidence(None, instrument=None, working_block=None, wish_select=None),
                        voice=voice_evidence(None, None, codebook=None),
                        evaluation=evaluation_evidence(oc, domains=None, objectives=obj)).set_index("pcf_domain")
    assert m.loc[5, "not_met_share"] == 0.5 and m.loc[5, "courses"] == 1
    assert "no course" in m.loc[7, "missing"] and "no course" not in m.loc[5, "missing"]
    assert len(m) == 9
