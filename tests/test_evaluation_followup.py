"""Lasting impact: follow-up pairs, verdicts and fading courses."""
from __future__ import annotations

import pandas as pd
import pytest

from cpdresearch.evaluation import fading_courses, followup_change, followup_pairs

SCALE = pd.CategoricalDtype(["Not sure", "Some knowledge", "Knowledgeable", "Confident"], ordered=True)


def test_pairs_link_follow_up_to_the_delegates_own_form():
    forms = pd.DataFrame({"response_id": ["E1", "E2"], "course_id": "C1",
                          "post_1": pd.Categorical(["Confident", "Knowledgeable"], dtype=SCALE)})
    followup = pd.DataFrame({"followup_id": ["F1", "F2", "F3"], "response_id": ["E1", "E9", None],
                             "course_id": "C1", "months_after": 3,
                             "fu_1": pd.Categorical(["Knowledgeable", "Confident", "Confident"], dtype=SCALE)})
    pairs = followup_pairs(followup, forms=forms)
    # Only E1 is this cohort's delegate; an unlinked follow-up cannot be paired.
    assert pairs[["response_id", "post", "fu"]].to_dict("records") == [{"response_id": "E1", "post": 4.0, "fu": 3.0}]


def test_a_significant_fall_is_faded():
    # 12 delegates, one objective: everyone falls one level -> exact? no: ties -> normal, p < 0.001.
    pairs = pd.DataFrame({"course_id": "C1", "objective_no": 1, "months_after": 6, "post": [4] * 12, "fu": [3] * 12})
    keep = pd.DataFrame({"course_id": "C1", "objective_no": 2, "months_after": 6, "post": [3] * 12, "fu": [3] * 12})
    change = followup_change(pd.concat([pairs, keep], ignore_index=True)).set_index("objective_no")
    assert change.loc[1, "verdict"] == "faded" and change.loc[1, "rank_biserial"] == -1
    assert change.loc[1, "mean_change"] == pytest.approx(-1) and change.loc[1, "pct_kept"] == 0
    assert change.loc[2, "verdict"] == "retained" and change.loc[2, "method"] == "not_tested"
    fading = fading_courses(change.reset_index(), courses=pd.DataFrame({"course_id": ["C1"], "title": ["T"]}))
    assert fading.to_dict("records") == [{"course_id": "C1", "title": "T", "objectives_followed_up": 2,
                                          "objectives_faded": 1, "faded": "1"}]


def test_too_few_pairs_to_test():
    pairs = pd.DataFrame({"course_id": "C1", "objective_no": 1, "months_after": 3, "post": [4] * 4, "fu": [3] * 4})
    assert followup_change(pairs)["verdict"].tolist() == ["too few to test"]
