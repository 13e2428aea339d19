"""Objective change and the not-met rule, on data worked by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cpdresearch import DataError
from cpdresearch.evaluation import NotMetRule, courses_to_review, objective_change, objective_pairs
from cpdresearch.evaluation.objectives import can_reach_significance

LABELS = ["Not sure", "Some knowledge", "Knowledgeable", "Confident"]


def _pairs():
    # Course C1, 14 delegates, three objectives.
    # 1: everyone up one level from 2 to 3: met (median after 3, 100% improved, p tiny).
    # 2: 6 up (1->2), 8 unchanged at 2: median after 2 < Knowledgeable; 43% improved (< 50%).
    # 3: 8 up (2->3), 6 unchanged at 3: met on median and share; p significant.
    rows = []
    for i in range(14):
        rows.append(("C1", 1, 2, 3))
        rows.append(("C1", 2, 1 if i < 6 else 2, 2))
        rows.append(("C1", 3, 2 if i < 8 else 3, 3))
    return pd.DataFrame(rows, columns=["course_id", "objective_no", "pre", "post"])


def test_counts_medians_means_by_hand():
    oc = objective_change(_pairs(), labels=LABELS).set_index("objective_no")
    assert oc["n"].tolist() == [14, 14, 14]
    assert oc.loc[2, ["n_improved", "n_unchanged", "n_worse"]].tolist() == [6, 8, 0]
    assert oc.loc[2, "pct_improved"] == pytest.approx(6 / 14)
    assert oc.loc[2, "pre_median"] == 2 and oc.loc[2, "post_median"] == 2
    assert oc.loc[2, "pre_mean"] == pytest.approx((6 * 1 + 8 * 2) / 14)
    assert oc.loc[3, "mean_change"] == pytest.approx(8 / 14)
    # Mean change of all +1: SD 0, so the interval collapses on 1.
    assert oc.loc[1, ["mean_change", "ci_low", "ci_high"]].tolist() == pytest.approx([1, 1, 1])


def test_wilcoxon_and_holm_within_course():
    oc = objective_change(_pairs(), labels=LABELS).set_index("objective_no")
    # Objective 1: 14 ties at |d| = 1, all positive -> normal approximation, R- = 0.
    # z = (0 - 14*15/4) / sqrt(14*15*29/24 - (14**3 - 14)/48) = -52.5 / sqrt(253.75 - 57.1875)
    z = -52.5 / np.sqrt(14 * 15 * 29 / 24 - (14 ** 3 - 14) / 48)
    from math import erfc, sqrt
    p1 = erfc(abs(z) / sqrt(2))
    assert oc.loc[1, "p_value"] == pytest.approx(p1)
    assert oc.loc[1, "rank_biserial"] == 1 and oc.loc[1, "method"] == "normal"
    # Holm over three p-values: the smallest times 3, then times 2, then times 1, made monotone.
    p = oc["p_value"].to_numpy()
    order = np.argsort(p)
    holm = np.maximum.accumulate(np.minimum(1, p[order] * np.array([3, 2, 1])))
    assert oc["p_holm"].to_numpy()[order] == pytest.approx(holm)


def test_not_met_rule_and_reasons():
    oc = objective_change(_pairs(), labels=LABELS).set_index("objective_no")
    assert oc["not_met"].tolist() == [False, True, False]
    assert oc.loc[2, "reason"] == ("median after the course is Some knowledge, below Knowledgeable; "
                                   "fewer than 50% of delegates improved")
    assert oc.loc[1, "reason"] == ""


def test_thresholds_come_from_study_yml():
    strict = NotMetRule.from_settings({"evaluation": {"not_met": {"post_median_below": "confident",
                                                                   "min_share_improved": 0.6}}})
    oc = objective_change(_pairs(), labels=LABELS, rule=strict).set_index("objective_no")
    assert oc["not_met"].tolist() == [True, True, True]
    assert "below Confident" in oc.loc[3, "reason"] and "fewer than 60%" in oc.loc[3, "reason"]
    with pytest.raises(DataError, match="evaluation.not_met.post_median_below"):
        objective_change(_pairs(), labels=LABELS, rule=NotMetRule(post_median_below="Expert"))


def test_no_significant_improvement_counts_only_when_testable():
    # Two objectives with 5 pairs each, all improved: 2 * 2 / 2**5 = 0.125 >= 0.05, no test could pass.
    assert can_reach_significance([5, 6, 7], [2, 2, 2]).tolist() == [False, False, True]  # 4/64 = 0.0625
    pairs = pd.DataFrame({"course_id": "C2", "objective_no": [1] * 5 + [2] * 5, "pre": [2] * 10, "post": [3] * 10})
    oc = objective_change(pairs, labels=LABELS)
    assert not oc["testable"].any() and not oc["not_met"].any()
    pairs = pd.DataFrame({"course_id": "C2", "objective_no": [1] * 7 + [2] * 7,
                          "pre": [2] * 14, "post": [3, 3, 3, 3, 2, 2, 3] * 2})
    oc = objective_change(pairs, labels=LABELS)   # 5 of 7 improved, exact p = 0.0625 per objective
    assert oc["testable"].all() and oc["not_met"].all()
    assert oc["reason"].iloc[0].startswith("no significant improvement (Holm-adjusted p = ")


def test_courses_to_review_lists_objectives_and_reasons():
    oc = objective_change(_pairs(), labels=LABELS)
    review = courses_to_review(oc, courses=pd.DataFrame({"course_id": ["C1"], "title": ["Course one"]}))
    assert review.to_dict("records") == [{"course_id": "C1", "title": "Course one", "objectives": 3,
                                          "objectives_not_met": 1, "not_met": "2",
                                          "reasons": "2: " + oc.loc[1, "reason"]}]


def test_pairs_from_the_demo_forms(demo_dir):
    import cpdresearch as cpd

    demo_study = cpd.load_study(demo_dir)
    pairs = objective_pairs(demo_study.evaluations)
    assert {"response_id", "course_id", "objective_no", "pre", "post"} <= set(pairs.columns)
    assert pairs[["pre", "post"]].notna().all().all()
    assert pairs["pre"].between(1, 4).all()
    # An objective a course does not have is never paired.
    counts = demo_study.objectives.groupby("course_id")["objective_no"].max()
    assert (pairs["objective_no"] <= pairs["course_id"].map(counts)).all()


def test_study_yml_rule_is_validated_with_line_and_key():
    from cpdresearch.io.checks import Collector
    from cpdresearch.io.settings import check_settings, parse_yaml

    found = Collector()
    text = ("name: X\nsynthetic: false\nevaluation:\n  not_met:\n    min_share_improved: 1.5\n"
            "    post_median_below: Knowledgeable\n    colour: red\n")
    check_settings(parse_yaml(text, file="study.yml", found=found), found=found)
    assert [str(p) for p in found.problems] == [
        "study.yml:5:evaluation.not_met.min_share_improved: 1.5 is not a proportion; expected a number above 0 "
        "and at most 1",
        "study.yml:7:evaluation.not_met.colour: unknown key 'colour'; expected post_median_below, "
        "min_share_improved or alpha"]
