"""Tests for cpdresearch.stats.reliability against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin, skipped visibly
where it is not installed), or a value computed by hand in the test itself.
"""
from __future__ import annotations



import numpy as np
import pandas as pd
import pytest

from cpdresearch.stats import (
    cronbach_alpha,
)


def test_cronbach_alpha_pingouin_dataset(pg):
    """Published: pingouin's bundled questionnaire (real-statistics.com) gives 0.5917, CI [0.195, 0.840]."""
    long = pg.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    res = cronbach_alpha(wide)
    assert res.alpha == pytest.approx(0.5917, abs=5e-5)
    assert round(res.ci_low, 3) == 0.195
    assert round(res.ci_high, 3) == 0.840
    assert (res.n, res.k) == wide.shape
    row = res.to_frame()
    assert list(row.columns) == ["alpha", "ci_low", "ci_high", "n", "k"] and len(row) == 1


def test_cronbach_alpha_missing_pairwise_and_listwise(pg):
    """Published (pingouin docs, matching psych::alpha use="pairwise" / "complete.obs")."""
    data = pg.read_dataset("cronbach_wide_missing")
    pairwise = cronbach_alpha(data)
    assert pairwise.alpha == pytest.approx(0.732660835, abs=1e-8)
    assert (round(pairwise.ci_low, 3), round(pairwise.ci_high, 3)) == (0.435, 0.909)
    listwise = cronbach_alpha(data, nan_policy="listwise")
    assert listwise.alpha == pytest.approx(0.801694915, abs=1e-8)
    # the Feldt interval uses the complete cases actually analysed
    assert listwise.n == len(data.dropna())
    assert listwise.n < pairwise.n


def test_cronbach_item_statistics_by_hand():
    """Hand-computed: alpha on the k-1 remaining items and item-rest Pearson correlations."""
    rng = np.random.default_rng(7)
    trait = rng.normal(size=40)
    wide = pd.DataFrame({f"q{i}": np.clip(np.round(3 + trait + rng.normal(scale=s, size=40)), 1, 5)
                         for i, s in enumerate([0.6, 0.8, 1.0, 1.5], start=1)})

    def alpha_by_formula(frame):
        k = frame.shape[1]
        return k / (k - 1) * (1 - frame.var(ddof=1).sum() / frame.sum(axis=1).var(ddof=1))

    res = cronbach_alpha(wide)
    assert res.alpha == pytest.approx(alpha_by_formula(wide), rel=1e-12)
    items = res.items.set_index("item")
    for col in wide:
        rest = wide.drop(columns=col)
        assert items.loc[col, "alpha_if_dropped"] == pytest.approx(alpha_by_formula(rest), rel=1e-12)
        r = np.corrcoef(wide[col], rest.sum(axis=1))[0, 1]
        assert items.loc[col, "r_drop"] == pytest.approx(r, rel=1e-12)
        assert items.loc[col, "mean"] == pytest.approx(wide[col].mean())
        assert items.loc[col, "sd"] == pytest.approx(wide[col].std(ddof=1))
        assert items.loc[col, "n"] == 40
    # the noisiest item correlates least with the rest
    assert items["r_drop"].idxmin() == "q4"


def test_cronbach_alpha_edge_cases():
    """Two items give no alpha-if-dropped; all-missing rows are ignored; bad policy refused."""
    two = pd.DataFrame({"a": [1, 2, 3, 4, np.nan], "b": [2, 2, 3, 5, np.nan]})
    res = cronbach_alpha(two)
    assert res.n == 4 and res.items["alpha_if_dropped"].isna().all()
    with pytest.raises(ValueError):
        cronbach_alpha(two, nan_policy="mean")
