"""Tests for cpdresearch.stats against published or independently computed values.

Each test says which kind of reference it uses: a published value (textbook, R
documentation, a paper), another library's implementation (pingouin), or a value
computed by hand / by exact enumeration in the test itself.
"""
from __future__ import annotations

from itertools import product
from math import comb
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from cpdresearch.errors import DataError
from cpdresearch.stats import (
    adjust_p, contingency_test, cronbach_alpha, effect_size_label, kruskal_wallis,
    mann_whitney, ordinal_regression, pairwise_mann_whitney, wilson_ci,
)

pg = pytest.importorskip("pingouin")


# ---------------------------------------------------------------- reliability

def test_cronbach_alpha_pingouin_dataset():
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


def test_cronbach_alpha_missing_pairwise_and_listwise():
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


# ---------------------------------------------------------------- proportions

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


# ---------------------------------------------------------------- multiple comparisons

def test_adjust_p_holm_hand_computed():
    """Hand-computed Holm: sorted p times (m, m-1, ...), then running maximum."""
    assert adjust_p([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert adjust_p([0.01, 0.04, 0.03, 0.005], method="bonferroni") == pytest.approx([0.04, 0.16, 0.12, 0.02])


def test_adjust_p_bh_published():
    """Published: Benjamini & Hochberg (1995, JRSS B 57:289) example of 15 p-values; at
    q = 0.05 the procedure rejects the four smallest. Adjusted values by hand: p * 15 / rank,
    then the running minimum from the largest rank."""
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
         0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000]
    adj = adjust_p(p, method="fdr_bh")
    assert (adj <= 0.05).sum() == 4
    assert adj[:5] == pytest.approx([0.0015, 0.003, 0.0095, 0.035625, 0.0603])


def test_adjust_p_nan_excluded_from_family():
    adj = adjust_p([0.01, np.nan, 0.04])
    assert np.isnan(adj[1])
    assert adj[[0, 2]] == pytest.approx([0.02, 0.04])  # a family of two, not three
    assert adjust_p([]).shape == (0,)
    with pytest.raises(ValueError):
        adjust_p([0.1], method="sidak")


# ---------------------------------------------------------------- group comparisons

# R datasets::airquality (public domain): Ozone by Month, NA as in the data.
AIRQUALITY_OZONE = {
    5: [41, 36, 12, 18, None, 28, 23, 19, 8, None, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4, 32,
        None, None, None, 23, 45, 115, 37],
    6: [None, None, None, None, None, None, 29, None, 71, 39, None, None, 23, None, None, 21, 37, 20, 12,
        13, None, None, None, None, None, None, None, None, None, None],
    7: [135, 49, 32, None, 64, 40, 77, 97, 97, 85, None, 10, 27, None, 7, 48, 35, 61, 79, 63, 16, None,
        None, 80, 108, 20, 52, 82, 50, 64, 59],
    8: [39, 9, 16, 78, 35, 66, 122, 89, 110, None, None, 44, 28, 65, None, 22, 59, 23, 31, 44, 21, 9,
        None, 45, 168, 73, None, 76, 118, 84, 85],
    9: [96, 78, 73, 91, 47, 32, 20, 23, 21, 24, 44, 21, 28, 9, 13, 46, 18, 13, 24, 16, 13, 23, 36, 7, 14,
        30, None, 14, 18, 20],
}


def _long(groups: dict) -> pd.DataFrame:
    return pd.DataFrame([{"g": g, "v": np.nan if v is None else v} for g, vs in groups.items() for v in vs])


def test_kruskal_wallis_airquality_published():
    """Published: R `kruskal.test(Ozone ~ Month, data = airquality)`:
    Kruskal-Wallis chi-squared = 29.267, df = 4, p-value = 6.901e-06 (37 NA dropped)."""
    res = kruskal_wallis(_long(AIRQUALITY_OZONE), dv="v", between="g").iloc[0]
    assert res["n"] == 116 and res["k"] == 5 and res["df"] == 4
    assert res["H"] == pytest.approx(29.267, abs=5e-4)
    assert res["p"] == pytest.approx(6.901e-06, rel=1e-3)
    assert res["epsilon_sq"] == pytest.approx(res["H"] / ((116**2 - 1) / 117))


def test_kruskal_wallis_hollander_wolfe():
    """Published: R `?kruskal.test` example (Hollander & Wolfe 1973, p. 116):
    chi-squared = 0.77143, df = 2, p-value = 0.68. epsilon-squared by hand:
    0.771429 / ((14^2 - 1) / 15) = 0.059341."""
    data = _long({"normal": [2.9, 3.0, 2.5, 2.6, 3.2], "obstructive": [3.8, 2.7, 4.0, 2.4],
                  "asbestosis": [2.8, 3.4, 3.7, 2.2, 2.0]})
    res = kruskal_wallis(data, dv="v", between="g").iloc[0]
    assert list(kruskal_wallis(data, dv="v", between="g").columns) == [
        "dv", "between", "n", "k", "H", "df", "p", "epsilon_sq"]
    assert res["H"] == pytest.approx(0.77143, abs=5e-6)
    assert round(res["p"], 2) == 0.68
    assert res["epsilon_sq"] == pytest.approx(0.771429 / 13, abs=1e-6)


def test_kruskal_wallis_degenerate_groups():
    """Empty categorical levels are ignored; one group gives NaN statistics, not an error."""
    data = pd.DataFrame({"v": [1, 2, 3, np.nan], "g": pd.Categorical(["a", "a", "a", "b"], categories=["a", "b", "c"])})
    res = kruskal_wallis(data, dv="v", between="g").iloc[0]
    assert res["k"] == 1 and res["n"] == 3
    assert np.isnan(res["H"]) and np.isnan(res["p"]) and np.isnan(res["epsilon_sq"])


def test_mann_whitney_published():
    """Published: R `?wilcox.test` example (Hollander & Wolfe 1973, p. 69): W = 35,
    one-sided p = 0.1272, so the exact two-sided p is 0.2544; rank-biserial by hand:
    2 * 35 / 50 - 1 = 0.4; cross-checked with pingouin.mwu."""
    x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46]
    y = [1.15, 0.88, 0.90, 0.74, 1.21]
    data = _long({"x": x, "y": y})
    res = mann_whitney(data, dv="v", between="g").iloc[0]
    assert (res["A"], res["B"], res["n_A"], res["n_B"]) == ("x", "y", 10, 5)
    assert res["U"] == 35
    assert res["p"] == pytest.approx(2 * 0.1272, abs=1e-4)
    assert res["rank_biserial"] == pytest.approx(0.4)
    ref = pg.mwu(x, y)
    assert res["p"] == pytest.approx(ref["p_val"].iloc[0])
    assert res["rank_biserial"] == pytest.approx(ref["RBC"].iloc[0])
    # naming the groups the other way round flips the sign
    flipped = mann_whitney(data, dv="v", between="g", groups=("y", "x")).iloc[0]
    assert flipped["rank_biserial"] == pytest.approx(-0.4) and flipped["U"] == 15


def test_mann_whitney_needs_two_groups():
    data = _long({"a": [1, 2], "b": [3, 4], "c": [5, 6]})
    with pytest.raises(ValueError):
        mann_whitney(data, dv="v", between="g")
    res = mann_whitney(data, dv="v", between="g", groups=("a", "z")).iloc[0]
    assert res["n_B"] == 0 and np.isnan(res["p"])


def test_pairwise_mann_whitney_matches_pingouin():
    """Other implementation: pingouin.pairwise_tests(parametric=False, padjust="holm") on
    its bundled pain-threshold data (McClave & Dietrich 1991)."""
    data = pg.read_dataset("anova")
    ours = pairwise_mann_whitney(data, dv="Pain threshold", between="Hair color")
    ref = pg.pairwise_tests(data=data, dv="Pain threshold", between="Hair color",
                            parametric=False, padjust="holm")
    assert list(ours.columns) == ["A", "B", "n_A", "n_B", "U", "p", "p_adj", "rank_biserial"]
    merged = ours.merge(ref, on=["A", "B"])
    assert len(merged) == len(ours) == 6
    assert merged["U"].to_numpy() == pytest.approx(merged["U_val"].to_numpy())
    assert merged["p"].to_numpy() == pytest.approx(merged["p_unc"].to_numpy())
    assert merged["p_adj"].to_numpy() == pytest.approx(merged["p_corr"].to_numpy())
    for _, row in ours.iterrows():
        x = data.loc[data["Hair color"] == row["A"], "Pain threshold"]
        y = data.loc[data["Hair color"] == row["B"], "Pain threshold"]
        assert row["rank_biserial"] == pytest.approx(pg.mwu(x, y)["RBC"].iloc[0])


# ---------------------------------------------------------------- ordinal regression

UCLA = Path(__import__("statsmodels").__file__).parent / "miscmodels/tests/results/ologit_ucla.csv"


@pytest.mark.skipif(not UCLA.exists(), reason="statsmodels' test data not installed")
def test_ordinal_regression_ucla_published():
    """Published: UCLA ologit example (400 students, ``ologit_ucla.csv`` shipped with
    statsmodels' tests) fitted by R MASS::polr: pared 1.04769, public -0.05879,
    gpa 0.61594; p 8.087e-05, 0.8435, 0.01812 (statsmodels' results_ordinal_model.py).
    R's optimiser stops within ~2e-4 of the optimum, hence the tolerance."""
    data = pd.read_csv(UCLA)
    data["apply"] = pd.Categorical(data["apply"], categories=["unlikely", "somewhat likely", "very likely"],
                                   ordered=True)
    res = ordinal_regression(data, dv="apply", predictors=["pared", "public", "gpa"])
    assert res["term"].tolist() == ["pared", "public", "gpa"]
    assert res["coef"].to_numpy() == pytest.approx([1.04769011, -0.05878572, 0.61594057], abs=3e-4)
    assert res["p"].to_numpy() == pytest.approx([8.087070e-05, 8.435464e-01, 1.811594e-02], rel=1e-2)
    assert res["odds_ratio"].to_numpy() == pytest.approx(np.exp(res["coef"].to_numpy()))
    assert (res["ci_low"] < res["odds_ratio"]).all() and (res["odds_ratio"] < res["ci_high"]).all()
    assert res.attrs["n"] == 400 and "same effect at every cut-point" in res.attrs["note"]
    probit = ordinal_regression(data, dv="apply", predictors=["pared", "public", "gpa"], distr="probit")
    assert probit["coef"].to_numpy() == pytest.approx([0.59811, 0.01016, 0.35815], abs=3e-4)
    assert probit["odds_ratio"].isna().all()


def test_ordinal_regression_exact_two_by_three():
    """Exact (derived by hand): when both cumulative odds ratios of a 2 x 3 table are
    equal, the proportional-odds MLE (as MASS::polr) reproduces the table, so the odds
    ratio is that common value. A = (40, 40, 20): odds(>1) 60/40, odds(>2) 20/80;
    B = (4, 10, 14): odds(>1) 24/4, odds(>2) 14/14; both ratios are 4."""
    data = pd.DataFrame({"team": ["A"] * 100 + ["B"] * 28,
                         "rating": [1] * 40 + [2] * 40 + [3] * 20 + [1] * 4 + [2] * 10 + [3] * 14})
    res = ordinal_regression(data, dv="rating", predictors=["team"])
    assert res["term"].tolist() == ["team[T.B]"]
    assert res.loc[0, "odds_ratio"] == pytest.approx(4.0, rel=1e-4)


def test_ordinal_regression_simulated_recovery():
    """Simulation (not a published value): data drawn from a known proportional-odds
    model (n = 4000, team MASH OR 2.0, years OR exp(-0.3)) with missing values; the 95%
    intervals contain the true odds ratios and the estimates are close."""
    rng = np.random.default_rng(2024)
    n = 4000
    team = rng.choice(["Early Help", "MASH"], n)
    years = rng.normal(5, 2, n)
    latent = np.log(2.0) * (team == "MASH") - 0.3 * years + rng.logistic(size=n)
    rating = pd.Categorical.from_codes(np.digitize(latent, [-3.5, -2, -0.5, 1]),
                                       categories=["1", "2", "3", "4", "5"], ordered=True)
    data = pd.DataFrame({"rating": rating, "team": team, "years": years})
    data.loc[:49, "years"] = np.nan
    res = ordinal_regression(data, dv="rating", predictors=["team", "years"]).set_index("term")
    assert res.attrs["n"] == n - 50
    for term, true_or in [("team[T.MASH]", 2.0), ("years", np.exp(-0.3))]:
        assert res.loc[term, "ci_low"] < true_or < res.loc[term, "ci_high"]
        assert res.loc[term, "odds_ratio"] == pytest.approx(true_or, rel=0.15)


def test_ordinal_regression_bad_input():
    data = pd.DataFrame({"rating": [1, 2, 3, 2], "team": ["A"] * 4, "x": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(DataError) as err:
        ordinal_regression(data, dv="rating", predictors=["team", "x"])
    assert [p.column for p in err.value.problems] == ["team"]
    with pytest.raises(KeyError):
        ordinal_regression(data, dv="rating", predictors=["nope"])


# ---------------------------------------------------------------- contingency tables

def test_contingency_scipy_docs_and_exact_conditional_p():
    """Published: scipy.stats.chi2_contingency docs, [[10, 10, 20], [20, 20, 20]]:
    chi2 = 2.7778, dof 2, p = 0.2494. The Monte Carlo p is checked against the exact
    conditional p (enumerating every table with these margins), 0.2770."""
    table = np.array([[10, 10, 20], [20, 20, 20]])
    res = contingency_test(table).iloc[0]
    assert res["chi2"] == pytest.approx(2.777778, abs=1e-6) and res["dof"] == 2
    assert res["p_asymptotic"] == pytest.approx(0.249352, abs=1e-6)
    assert res["cramers_v"] == pytest.approx(np.sqrt(2.777778 / 100), abs=1e-6)
    assert res["min_expected"] == 12 and res["n"] == 100 and np.isnan(res["p_fisher"])

    expected = sps.contingency.expected_freq(table)
    exact = 0
    for a, b in product(range(31), range(31)):
        c = 40 - a - b
        if 0 <= c <= 40:
            t = np.array([[a, b, c], [30 - a, 30 - b, 40 - c]])
            if ((t - expected) ** 2 / expected).sum() >= res["chi2"] * (1 - 1e-9):
                exact += comb(30, a) * comb(30, b) * comb(40, c)
    exact /= comb(100, 40)
    assert exact == pytest.approx(0.2770, abs=5e-5)
    se = np.sqrt(exact * (1 - exact) / 9999)
    assert abs(res["p_monte_carlo"] - exact) < 4 * se
    # reproducible with the same seed
    assert contingency_test(table).iloc[0]["p_monte_carlo"] == res["p_monte_carlo"]


def test_contingency_agresti_party_identification():
    """Published: R's `?chisq.test` example (Agresti 2007, p. 39), party identification by
    gender: X-squared = 30.07, df = 2, p-value = 2.954e-07."""
    res = contingency_test([[762, 327, 468], [484, 239, 477]], n_resamples=999).iloc[0]
    assert res["chi2"] == pytest.approx(30.07, abs=5e-3) and res["dof"] == 2
    assert res["p_asymptotic"] == pytest.approx(2.954e-07, rel=1e-3)
    assert res["p_monte_carlo"] == pytest.approx(1 / 1000)  # no simulated table as extreme


def test_contingency_fisher_tea_tasting():
    """Published: Fisher's lady tasting tea, [[3, 1], [1, 3]]: two-sided exact p = 0.4857
    (= 34/70). The chi-squared Monte Carlo p estimates the same 34/70 here; Cramer's V
    by hand: chi2 = 4 * (1^2 / 2) = 2, V = sqrt(2 / 8) = 0.5."""
    res = contingency_test([[3, 1], [1, 3]]).iloc[0]
    assert res["p_fisher"] == pytest.approx(0.4857, abs=5e-5)
    assert res["chi2"] == pytest.approx(2.0) and res["cramers_v"] == pytest.approx(0.5)
    assert abs(res["p_monte_carlo"] - 34 / 70) < 4 * np.sqrt(0.25 / 9999)
    assert res["min_expected"] == 2


def test_contingency_zero_margins_and_degenerate():
    with_empty = contingency_test([[10, 0, 20], [20, 0, 20]], n_resamples=0).iloc[0]
    assert with_empty["dof"] == 1 and np.isnan(with_empty["p_monte_carlo"])
    one_row = contingency_test([[5, 6, 7], [0, 0, 0]]).iloc[0]
    assert np.isnan(one_row["chi2"]) and one_row["n"] == 18
    with pytest.raises(ValueError):
        contingency_test([[1.5, 2], [3, 4]])


# ---------------------------------------------------------------- effect size labels

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
