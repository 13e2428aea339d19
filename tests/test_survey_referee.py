"""Issue 15 (a referee's reading of the survey): each finding reproduced, then fixed.

Every expected value is worked out here by hand or with scipy/numpy directly, never by
calling the function under test a second time.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cpdresearch.instrument import parse_instrument
from cpdresearch import survey
from cpdresearch.survey import findings as f

LEVELS = ["Poor", "Fair", "Middling", "Good", "Great"]


@pytest.fixture(scope="module")
def inst():
    spec = {
        "scales": {"five": {"levels": [{"code": i + 1, "label": lab} for i, lab in enumerate(LEVELS)],
                            "neutral": 3, "missing": ["No idea", "Does not apply"]}},
        "blocks": {"b": {"title": "Block", "scale": "five",
                         "items": [{"id": f"q{i}", "label": f"Item {i}"} for i in range(1, 5)]}},
        "multi_selects": {"hurdles": {"options": [{"id": o, "label": o.title()} for o in
                                                  ("alpha", "beta", "gamma", "delta")]}},
    }
    out, problems = parse_instrument(spec, "inst.yml")
    assert problems == []
    return out


# ------------------------------------------------- 1. noise labelled "small"

def test_noise_is_not_labelled_small(inst):
    """Seven groups that do not differ: the raw epsilon-squared is above 0.01 ("small"
    under the old threshold-only rule) though p is far from significant."""
    rng = np.random.default_rng(7)
    data = pd.DataFrame({"q1": rng.integers(1, 6, 245), "unit": np.repeat(list("ABCDEFG"), 35)})
    H, p = stats.kruskal(*[g["q1"] for _, g in data.groupby("unit")])
    assert p > 0.05 and H / 244 > 0.01  # the case: noise the old rule called small
    row = survey.group_differences(data, block=inst.blocks["b"], by="unit").iloc[0]
    assert row["effect_size"] == pytest.approx(max(0.0, (H - 6) / (245 - 7)))
    assert row["magnitude"] in ("negligible", "unclear")
    assert row["higher_group"] is None and row["lower_group"] is None


# ------------------------------------------- 3. claims beyond the pairwise tests

def _one_group_above():
    """Group Top answers 4-5; the other three answer alike with tiny shifts."""
    mid = [2, 3, 3, 3, 4] * 6
    return pd.DataFrame({"q1": [5, 4, 5, 5, 4] * 6 + mid + mid[1:] + [2] + mid[2:] + [2, 2],
                         "stage": ["Top"] * 30 + ["U"] * 30 + ["V"] * 30 + ["W"] * 30})


def test_highest_and_lowest_only_where_pairwise_tests_support_them(inst):
    data = _one_group_above()
    groups = {g: d["q1"].to_numpy() for g, d in data.groupby("stage")}
    # by hand: Top against every other group, Holm over the six pairs
    pairs = [(a, b) for i, a in enumerate(groups) for b in list(groups)[i + 1:]]
    raw = np.array([stats.mannwhitneyu(groups[a], groups[b]).pvalue for a, b in pairs])
    order = np.argsort(raw)
    holm = np.empty_like(raw)
    holm[order] = np.minimum(1, np.maximum.accumulate(raw[order] * (len(raw) - np.arange(len(raw)))))
    clear = {pair for pair, q in zip(pairs, holm) if q < 0.05}
    assert clear == {("Top", "U"), ("Top", "V"), ("Top", "W")}
    ranks = data["q1"].rank().groupby(data["stage"]).mean()
    assert ranks.idxmin() == "W"  # what the omnibus-only rule named "lowest"
    row = survey.group_differences(data, block=inst.blocks["b"], by="stage").iloc[0]
    assert row["p_adjusted"] < 0.05
    assert row["higher_group"] == "Top" and row["lower_group"] is None
    assert (row["n_pairs"], row["n_pairs_different"]) == (6, 3)
    text = " ".join(f.group_difference_findings(pd.DataFrame([row])))
    assert "highest among Top" in text and "lowest" not in text.split("(")[0]


def test_findings_with_unclear_size_and_no_named_group():
    diffs = pd.DataFrame({"label": ["Item"], "between": ["unit"], "test": ["mann_whitney"], "statistic": [40.0],
                          "p": [0.01], "p_adjusted": [0.04], "effect_size": [0.3],
                          "effect_size_kind": ["rank_biserial"], "magnitude": ["unclear"], "higher_group": [None],
                          "lower_group": [None]})
    text = f.group_difference_findings(diffs)[0]
    assert "unclear" in text and "highest among" not in text and "a unclear" not in text


def test_nested_attribute_is_not_tested_twice(inst):
    # grade nests band exactly: every grade lies in one band
    data = pd.DataFrame({"q1": [1, 2, 3, 4, 5] * 8, "grade": list("abcdefgh") * 5,
                         "band": ["X", "X", "X", "Y", "Y", "Y", "Z", "Z"] * 5, "site": ["N"] * 20 + ["S"] * 20})
    table = survey.group_differences(data, block=inst.blocks["b"], by=["site", "band", "grade"])
    assert set(table["between"]) == {"site", "grade"}
    assert table.attrs["nested"] == {"band": "grade"}
    both = survey.group_differences(data, block=inst.blocks["b"], by=["site", "band", "grade"], nested="all")
    assert set(both["between"]) == {"site", "band", "grade"}
    # one respondent outside the nesting: no longer nested, both tested
    broken = data.copy()
    broken.loc[0, "band"] = "Z"
    assert set(survey.group_differences(broken, block=inst.blocks["b"], by=["band", "grade"])["between"]) \
        == {"band", "grade"}
