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
    assert list(row.columns) == ["nan_policy", "alpha", "ci_low", "ci_high", "n", "k", "mean_r"] and len(row) == 1


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


def _issue_case(seed=15):
    """Issue 15, finding 6: 250 respondents, 6 items rating distinct activities (weakly
    correlated), missing answers such that 98 answered every item."""
    rng = np.random.default_rng(seed)
    n, k = 250, 6
    trait = rng.normal(size=(n, 1))
    wide = pd.DataFrame(np.clip(np.round(3 + 0.5 * trait + rng.normal(size=(n, k))), 1, 5),
                        columns=[f"a{i}" for i in range(k)])
    complete = rng.permutation(n)[:98]
    holes = np.setdiff1d(np.arange(n), complete)
    cols = rng.integers(0, k, size=holes.size)
    for row, col in zip(holes, cols):
        wide.iloc[row, col] = np.nan
    return wide


def test_complete_case_alpha_uses_its_own_n_for_feldt():
    """Issue 15, finding 6: the complete-case estimate's Feldt CI must use the 98 complete
    cases, not all 250 respondents. Reference: Feldt (1965) by hand with scipy's F
    quantiles, 1 - (1 - alpha) F_{upper q}(n - 1, (n - 1)(k - 1))."""
    from scipy import stats as sps

    from cpdresearch.stats import alpha_estimates
    wide = _issue_case()
    table = alpha_estimates(wide).set_index("nan_policy")
    assert table.loc["pairwise", "n"] == 250 and table.loc["listwise", "n"] == 98
    complete = wide.dropna()
    k = 6
    alpha = k / (k - 1) * (1 - complete.var(ddof=1).sum() / complete.sum(axis=1).var(ddof=1))
    assert table.loc["listwise", "alpha"] == pytest.approx(alpha, rel=1e-12)

    def feldt(a, n):
        return (1 - (1 - a) * sps.f.isf(0.025, n - 1, (n - 1) * (k - 1)),
                1 - (1 - a) * sps.f.isf(0.975, n - 1, (n - 1) * (k - 1)))
    assert (table.loc["listwise", "ci_low"], table.loc["listwise", "ci_high"]) == pytest.approx(feldt(alpha, 98))
    wrong = feldt(alpha, 250)  # what using all respondents would give: too narrow
    assert table.loc["listwise", "ci_high"] - table.loc["listwise", "ci_low"] > wrong[1] - wrong[0]
    # the items rate distinct activities: mean inter-item r well below 0.3
    corr = complete.corr().to_numpy()
    assert table.loc["listwise", "mean_r"] == pytest.approx(corr[~np.eye(k, dtype=bool)].mean())
    assert table.loc["listwise", "mean_r"] < 0.3


def test_mean_inter_item_r_and_standardised_alpha(pg):
    """Reference: pingouin's questionnaire data. Mean off-diagonal Pearson correlation by
    numpy; the Spearman-Brown relation standardised alpha = k r / (1 + (k - 1) r) checked
    against pingouin.cronbach_alpha on z-scored items (psych's std.alpha)."""
    long = pg.read_dataset("cronbach_alpha")
    wide = long.pivot(index="Subj", columns="Items", values="Scores")
    res = cronbach_alpha(wide)
    k = wide.shape[1]
    corr = np.corrcoef(wide.to_numpy(dtype=float), rowvar=False)
    r = corr[~np.eye(k, dtype=bool)].mean()
    assert res.mean_r == pytest.approx(r, rel=1e-12)
    z = (wide - wide.mean()) / wide.std(ddof=1)
    assert k * r / (1 + (k - 1) * r) == pytest.approx(pg.cronbach_alpha(z)[0], rel=1e-9)
