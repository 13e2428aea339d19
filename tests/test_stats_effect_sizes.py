"""Tests for cpdresearch.stats.effect_sizes against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations



import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import (
    cronbach_alpha, effect_size_label, kruskal_wallis,
)


@pytest.mark.parametrize("value,kind,df,label", [
    (0.005, "epsilon_sq", 1, "negligible"), (0.01, "epsilon_sq", 1, "small"),
    (0.08, "epsilon_sq", 1, "medium"), (0.26, "epsilon_sq", 1, "large"),
    (0.09, "rank_biserial", 1, "negligible"), (-0.3, "rank_biserial", 1, "medium"),
    (-0.5, "rank_biserial", 1, "large"), (0.29, "cramers_v", 1, "small"),
    (0.29, "cramers_v", 3, "large"), (0.06, "cramers_v", 2, "negligible"),
    (float("nan"), "cramers_v", 1, "not available"),
])
def test_effect_size_label(value, kind, df, label):
    assert effect_size_label(value, kind=kind, df=df) == label


def test_effect_size_label_unknown_kind():
    with pytest.raises(ValueError):
        effect_size_label(0.3, kind="cohens_d")


def test_ordered_categorical_ratings_scored_by_position():
    """Likert items as ordered categoricals of labels give the same results as their codes."""
    labels = ["Not at all well", "Not very well", "Neither", "Quite well", "Very well"]
    rng = np.random.default_rng(3)
    codes = pd.DataFrame(rng.integers(1, 6, size=(30, 3)).astype(float), columns=["a", "b", "c"])
    codes.iloc[0, 1] = np.nan
    as_labels = codes.apply(lambda col: pd.Series(pd.Categorical.from_codes(
        col.fillna(0).astype(int) - 1, categories=labels, ordered=True)))
    assert as_labels["b"].isna().sum() == 1
    assert cronbach_alpha(as_labels).alpha == pytest.approx(cronbach_alpha(codes).alpha)
    team = np.repeat(["MASH", "CIN", "Fostering"], 10)
    by_code = kruskal_wallis(codes.assign(team=team), dv="a", between="team")
    by_label = kruskal_wallis(as_labels.assign(team=team), dv="a", between="team")
    assert by_label["H"].iloc[0] == pytest.approx(by_code["H"].iloc[0])
    with pytest.raises(ValueError):
        kruskal_wallis(pd.DataFrame({"v": pd.Categorical(["x", "y"]), "g": ["a", "b"]}), dv="v", between="g")
