"""Tests for cpdresearch.stats.proportions against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations



import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import (
    wilson_ci,
)


@pytest.mark.parametrize("count,n,low,high", [
    (19, 38, 0.3485, 0.6515),
    # Newcombe (1998) Stat Med 17:857, Table I, method 3 (Wilson score)
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_ci_published(count, n, low, high):
    lo, hi = wilson_ci(count, n)
    assert isinstance(lo, float) and isinstance(hi, float)
    assert (round(lo, 4), round(hi, 4)) == (low, high)


def test_wilson_ci_vectorised_and_empty():
    lo, hi = wilson_ci(np.array([19, 81, 0]), np.array([38, 263, 0]))
    assert isinstance(lo, np.ndarray) and lo.shape == (3,)
    assert np.round(lo[:2], 4).tolist() == [0.3485, 0.2553]
    assert np.isnan(lo[2]) and np.isnan(hi[2])
    assert np.isnan(wilson_ci(0, 0)[0])
    wider = wilson_ci(19, 38, level=0.99)
    assert wider[0] < 0.3485 and wider[1] > 0.6515
    with pytest.raises(ValueError):
        wilson_ci(5, 3)
    # nullable integer columns with missing values
    lo, hi = wilson_ci(pd.array([19, pd.NA], dtype="Int64"), np.array([38, 10]))
    assert round(lo[0], 4) == 0.3485 and np.isnan(lo[1]) and np.isnan(hi[1])


def test_top_box_share_small_groups_near_the_ceiling():
    """Issue 15, finding 7: shares of the upper levels with Wilson intervals.
    References: Newcombe (1998) Table I, method 3 (Wilson): 0/20 -> 0-0.1611 and
    1/29 -> 0.0061-0.1718; 5/5 and 2/5 by statsmodels' proportion_confint (Wilson)."""
    from statsmodels.stats.proportion import proportion_confint

    from cpdresearch.stats import top_box_share
    df = pd.DataFrame({"rating": [5, 5, 4, 5, 5, 3, 4, 2, 5, 1, np.nan],
                       "team": ["MASH"] * 5 + ["CIN"] * 6})
    res = top_box_share(df, dv="rating", top=[4, 5], between="team").set_index("team")
    assert res.loc["CIN", "n"] == 5 and res.loc["CIN", "count"] == 2  # missing not counted
    assert res.loc["MASH", "ci_high"] == pytest.approx(1.0) and res.loc["MASH", "share"] == 1.0
    assert (res.loc["MASH", "ci_low"], res.loc["MASH", "ci_high"]) == pytest.approx(
        proportion_confint(5, 5, method="wilson"))
    none = pd.DataFrame({"rating": [1] * 20 + [5] + [2] * 28, "g": ["a"] * 20 + ["b"] * 29})
    tab = top_box_share(none, dv="rating", top=[5], between="g").round(4)
    assert tab[["ci_low", "ci_high"]].values.tolist() == [[0.0, 0.1611], [0.0061, 0.1718]]
    labels = ["Not well", "Quite well", "Very well"]
    cat = pd.DataFrame({"r": pd.Categorical(["Very well", "Not well", "Quite well"], categories=labels,
                                            ordered=True)})
    overall = top_box_share(cat, dv="r", top=["Quite well", "Very well"])
    assert overall[["n", "count"]].values.tolist() == [[3, 2]]
    with pytest.raises(ValueError):
        top_box_share(cat, dv="r", top=["Excellent"])
