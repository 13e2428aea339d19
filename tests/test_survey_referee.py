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
    assert (row["pairs_tested"], row["pairs_differing"]) == (6, 3)
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


# ------------------------------------------------- 2. the Monte Carlo floor

def _study(inst, survey_frame, workforce=None):
    from pathlib import Path

    from cpdresearch.study import Study

    return Study(root=Path("."), settings={"name": "Test", "disclosure": {"min_cell": 5, "min_group": 10}},
                 instrument=inst, survey=survey_frame, workforce=workforce)


def _strong_association_survey(inst):
    """Option alpha ticked by 36 of 40 in unit P and 4 of 40 in unit Q (expected 20 each),
    the other options unrelated to anything; a second attribute makes the family larger."""
    n = 80
    unit = np.repeat(["P", "Q"], 40)
    rng = np.random.default_rng(3)
    data = {"unit": unit, "shift": np.tile(["early", "late", "night", "day"], 20),
            "hurdles_alpha": np.r_[np.arange(40) < 36, np.arange(40) < 4]}
    for o in ("beta", "gamma", "delta"):
        data[f"hurdles_{o}"] = rng.random(n) < 0.5
    for i in range(1, 5):
        data[f"q{i}"] = pd.Categorical.from_codes(rng.integers(0, 5, n), categories=LEVELS, ordered=True)
    return pd.DataFrame(data), inst


def test_strong_association_reaches_adjusted_p_below_0001_through_analyse_survey(inst):
    frame, _ = _strong_association_survey(inst)
    results = survey.analyse_survey(_study(inst, frame), by=["unit", "shift"])
    table = results.tick_differences["hurdles"].set_index(["between", "option"])
    row = table.loc[("unit", "alpha")]
    assert row["p_adjusted"] < 0.001  # 1999 resamples floored it at m / 2000 = 0.004
    chi2 = 80 * (36 * 36 - 4 * 4) ** 2 / (40 * 40 * 40 * 40)  # Pearson, 2 x 2 by hand: 51.2
    assert row["chi2"] == pytest.approx(chi2)
    assert row["p_method"] == "asymptotic" and row["p"] == pytest.approx(stats.chi2.sf(chi2, 1))
    m = int(table["p"].notna().sum())
    assert m == 8
    # Holm: the smallest p times m; 1999 Monte Carlo resamples would floor it at m / 2000 = 0.004
    assert row["p_adjusted"] == pytest.approx(min(1, m * stats.chi2.sf(chi2, 1)))
    assert row["p_adjusted"] < 0.001


def test_monte_carlo_where_cochran_fails_is_sized_to_the_family(inst):
    from cpdresearch.instrument import MultiSelect, Option

    sel = MultiSelect("h", "H", [Option("a", "A"), Option("b", "B")])
    data = pd.DataFrame({"h_a": [True] * 3 + [False] * 9 + [True] * 3 + [False] * 9,
                         "h_b": [True, False] * 12, "unit": list("XYZ") * 8})
    table = survey.multiselect_differences(data, select=sel, by="unit")
    mc = table[table["p_method"] == "monte_carlo"]
    assert len(mc) >= 1
    m = int(table["p"].notna().sum())
    assert (mc["n_resamples"] == max(9999, math.ceil(20 * m / 0.05))).all()
    p = mc["p"].to_numpy(dtype=float)
    assert mc["mc_se"].to_numpy(dtype=float) == pytest.approx(np.sqrt(p * (1 - p) / mc["n_resamples"].to_numpy()))


# ------------------------------------------------- 9. chance co-occurrence

def test_pairs_ranked_by_association_not_count(inst):
    """alpha and beta are each ticked by 90 of 100 and together by 81: exactly what chance
    predicts. gamma and delta, ticked by 20 each, go together 15 times (chance: 4)."""
    n = 100
    a = np.arange(n) < 90
    b = np.r_[np.arange(90) < 81, np.arange(10) < 9]
    g = np.r_[np.ones(15, bool), np.zeros(5, bool), np.ones(5, bool), np.zeros(75, bool)]
    d = np.r_[np.ones(15, bool), np.ones(5, bool), np.zeros(80, bool)]
    frame = pd.DataFrame({"hurdles_alpha": a, "hurdles_beta": b, "hurdles_gamma": g, "hurdles_delta": d})
    table = survey.co_occurrence(frame, select=inst.multi_selects["hurdles"])
    top = table.iloc[0]
    assert (top["option_a"], top["option_b"], top["count"]) == ("gamma", "delta", 15)
    assert top["expected"] == pytest.approx(20 * 20 / 100)
    assert top["lift"] == pytest.approx(15 / 4)
    assert top["phi"] == pytest.approx((15 * 75 - 5 * 5) / math.sqrt(20 * 80 * 20 * 80))
    chance = table.set_index(["option_a", "option_b"]).loc[("alpha", "beta")]
    assert chance["count"] == 81 and chance["expected"] == pytest.approx(81.0)
    assert chance["phi"] == pytest.approx(0.0, abs=1e-12)
    assert chance["p_fisher"] == pytest.approx(stats.fisher_exact([[81, 9], [9, 1]]).pvalue)
    assert table["count"].max() == 81  # the old ranking would have put alpha + beta first


# ------------------------------------------------- 6. alpha on complete cases

def _alpha_by_hand(x: np.ndarray) -> float:
    k = x.shape[1]
    c = np.cov(x, rowvar=False, ddof=1)
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


def test_complete_case_alpha_with_its_own_n_and_no_one_scale_claim(inst):
    """Items answered by different people: the pairwise alpha rests on 60 respondents,
    the complete-case one on fewer; weakly related items are not called one scale."""
    rng = np.random.default_rng(11)
    common = rng.normal(size=60)
    codes = np.clip(np.round(3 + 0.45 * common[:, None] + rng.normal(size=(60, 4))), 1, 5)
    codes[rng.random((60, 4)) < 0.2] = np.nan
    frame = pd.DataFrame(codes, columns=["q1", "q2", "q3", "q4"])
    row = survey.block_reliability(frame, instrument=inst).iloc[0]
    complete = codes[~np.isnan(codes).any(axis=1)]
    n_c = len(complete)
    assert row["n"] == 60 and row["n_complete"] == n_c < 60
    alpha_c = _alpha_by_hand(complete)
    assert row["alpha_complete"] == pytest.approx(alpha_c)
    # Feldt on the complete cases' own n
    f_hi, f_lo = stats.f.ppf([0.975, 0.025], n_c - 1, (n_c - 1) * 3)
    assert (row["ci_low_complete"], row["ci_high_complete"]) == pytest.approx((1 - (1 - alpha_c) * f_hi,
                                                                              1 - (1 - alpha_c) * f_lo))
    r = np.corrcoef(complete, rowvar=False)
    assert row["mean_r_complete"] == pytest.approx(r[np.triu_indices(4, 1)].mean())
    supported = alpha_c >= 0.7 and row["mean_r_complete"] >= 0.2
    assert row["one_scale"] == supported
    text = f.reliability_finding(pd.DataFrame([row]))
    assert "hang together" not in text
    assert ("can be read as one scale" in text) == supported
    assert f"on the {n_c} respondents who answered every item" in text


def test_distinct_items_are_not_called_one_scale():
    rel = pd.DataFrame({"block": ["b"], "title": ["Block"], "k": [15], "n": [250], "alpha": [0.77],
                        "ci_low": [0.72], "ci_high": [0.81], "mean_r": [0.19], "n_complete": [98],
                        "alpha_complete": [0.68], "ci_low_complete": [0.58], "ci_high_complete": [0.76],
                        "mean_r_complete": [0.18], "one_scale": [False]})
    text = f.reliability_finding(rel)
    assert "rate distinct things" in text and "one scale" in text and "hang together" not in text


# ------------------------------------------------- 7. small groups

def test_small_groups_get_scale_bound_intervals_medians_on_the_scale_and_top_box_shares(inst):
    data = pd.DataFrame({"q1": pd.Categorical.from_codes([4, 4, 4, 4, 3, 1, 2, 3, 3, 1, 4, 2],
                                                         categories=LEVELS, ordered=True),
                         "unit": ["S"] * 5 + ["T"] * 4 + ["U"] * 3})
    table = survey.likert_summary(data, block=inst.blocks["b"], by="unit").set_index("group")
    s = table[table["item"] == "q1"].loc["S"]
    # five answers 5, 5, 5, 5, 4: t-interval 4.8 +/- 2.776445 * 0.447214 / sqrt(5) ends at 5.355, clipped to 5
    assert 4.8 + 2.776445 * 0.447214 / math.sqrt(5) == pytest.approx(5.355, abs=1e-3)
    assert s["ci_high"] == 5.0 and s["ci_low"] == pytest.approx(4.8 - 2.776445 * 0.447214 / math.sqrt(5), abs=1e-4)
    # top box (Good, Great): 5 of 5, Wilson 95% interval 0.5655 to 1 (statsmodels proportion_confint)
    assert (s["top_count"], s["top_share"]) == (5, 1.0)
    assert (s["top_ci_low"], s["top_ci_high"]) == pytest.approx((0.565518, 1.0), abs=1e-5)
    t = table[table["item"] == "q1"].loc["T"]
    # answers 2, 3, 4, 4 (Fair, Middling, Good, Good)... middle two are 3 and 4: median 3, never 3.5
    assert t["median"] == 3 and t["median_label"] == "Middling"


def test_survey_items_median_is_a_scale_point_in_the_demo(demo_dir):
    from cpdresearch import load_study

    results = survey.analyse_survey(load_study(demo_dir))
    medians = pd.to_numeric(results.items_by_group["median"], errors="coerce").dropna()
    assert (medians == medians.round()).all()
    assert (pd.to_numeric(results.items_by_group["ci_high"], errors="coerce").dropna() <= 5).all()


# ------------------------------------------------- 4. non-substantive answers kept apart

def test_dont_know_and_not_applicable_are_counted_apart_from_blanks(tmp_path):
    from io_helpers import write_study

    from cpdresearch import load_study

    answers = ["4", "Very well", "2", "3", "5", "Not applicable", "not applicable", "N/A", "Don't know",
               "dont know", "", "Not applicable"]
    header = ("respondent_id,team,role,career_stage,work_supervision,work_mentoring,wish_mentoring,"
              "wish_team_away_day,comments")
    rows = [header]
    for i, a in enumerate(answers):
        rows.append(f"R{i},MASH,Manager,Team Manager,{a},4,1,0,")
    root = write_study(tmp_path, {"raw/survey/responses.csv": "\n".join(rows) + "\n"})
    study = load_study(root)
    results = survey.analyse_survey(study)
    row = results.items.set_index("item").loc["work_supervision"]
    # by hand: 5 ratings; 4 not applicable (three spellings), 2 don't know, 1 blank
    assert (row["n"], row["n_missing"], row["n_blank"], row["n_not_applicable"], row["n_dont_know"]) == (5, 7, 1, 4, 2)
    assert row["mean"] == pytest.approx((4 + 5 + 2 + 3 + 5) / 5)  # the base: those who gave a rating
    published = survey.published_tables(results, min_cell=5)["survey_items"].set_index("item")
    pub = published.loc["work_supervision"]
    # 1, 4 and 2 are below min_cell: hidden; their total, 7, can be shown (no part can be worked out)
    assert (pub["n_blank"], pub["n_not_applicable"], pub["n_dont_know"]) == ("c", "c", "c")
    assert pub["n_missing"] == 7 and pub["n_prefer_not_to_say"] == 0


# ------------------------------------------------- 5. a census reported as a census

def test_response_rates_of_a_census_carry_no_interval_and_show_team_by_role():
    data = pd.DataFrame({"unit": ["P"] * 35 + ["Q"] * 20, "grade": ["x"] * 30 + ["y"] * 5 + ["x"] * 20})
    workforce = pd.DataFrame({"unit": ["P", "P", "Q"], "grade": ["x", "y", "x"], "headcount": [44, 10, 25]})
    rates = survey.response_rates(data, workforce=workforce, by=["unit", "grade"])
    assert list(rates.columns) == ["by", "group", "respondents", "headcount", "response_rate", "fpc", "note"]
    p = rates.set_index("group").loc["P"]
    assert (p["respondents"], p["headcount"], p["response_rate"]) == (35, 54, pytest.approx(35 / 54))
    cells = survey.response_cells(data, workforce=workforce, rows="unit", columns="grade")
    assert cells[["unit", "grade", "respondents", "headcount"]].values.tolist() == [
        ["P", "x", 30, 44], ["P", "y", 5, 10], ["Q", "x", 20, 25]]
    assert cells["response_rate"].tolist() == pytest.approx([30 / 44, 0.5, 0.8])


def test_fpc_intervals_for_estimates_from_respondents():
    """35 of 54 answered: the finite-population correction sqrt((N - n)/(N - 1)) is 0.60."""
    from cpdresearch.survey.response import finite_population_correction as fpc

    assert fpc(35, 54) == pytest.approx(math.sqrt(19 / 53))
    assert fpc(35, 54) == pytest.approx(0.599, abs=1e-3)
    data = pd.DataFrame({"unit": ["P"] * 35})
    rates = survey.response_rates(data, workforce=pd.DataFrame({"unit": ["P"], "headcount": [54]}), by="unit")
    assert rates["fpc"].tolist() == pytest.approx([math.sqrt(19 / 53)] * 2)


# ------------------------------------------------- 8. spread, not location (proportional odds)

def test_team_adjusted_for_role_reports_cut_specific_odds_ratios_when_po_fails(inst):
    """Unit Q answers at both ends, unit P evenly: the cumulative odds ratios of Q against
    P are 0.5, 1.2 and 3 by hand (above 1: (132/88)/(150/50); above 2: (120/100)/(100/100);
    above 3: (110/110)/(50/150)); role is balanced, so adjusting for it changes nothing."""
    ratings = [1, 2, 3, 4] * 50 + [1] * 88 + [2] * 12 + [3] * 10 + [4] * 110
    unit = ["P"] * 200 + ["Q"] * 220
    data = pd.DataFrame({"q1": ratings * 2, "unit": unit * 2, "grade": ["x"] * 420 + ["y"] * 420})
    table = survey.adjusted_group_differences(data, block=inst.blocks["b"], between="unit", adjust_for="grade")
    q = table[(table["item"] == "q1") & (table["group"] == "Q")]
    assert bool(q["po_violated"].iloc[0]) and q["po_p"].iloc[0] < 0.001
    cuts = q[q["cut"].notna()].sort_values("cut")
    assert cuts["cut"].tolist() == [1, 2, 3]
    assert cuts["odds_ratio"].tolist() == pytest.approx([0.5, 1.2, 3.0], rel=1e-4)
    assert int(q["n"].iloc[0]) == 840 and int(q["n_group"].iloc[0]) == 440


def test_published_pairs_hide_every_statistic_that_gives_a_small_cell_back(inst):
    from cpdresearch.survey.publish import _pairs

    # 100 respondents; alpha 90, beta 92, both 88: "alpha without beta" is 2, a small cell
    n = 100
    a = np.arange(n) < 90
    b = np.r_[np.arange(88) >= 0, np.zeros(2, bool), np.ones(4, bool), np.zeros(6, bool)]
    g = np.r_[np.ones(40, bool), np.zeros(60, bool)]
    d = np.r_[np.zeros(30, bool), np.ones(40, bool), np.zeros(30, bool)]
    frame = pd.DataFrame({"hurdles_alpha": a, "hurdles_beta": b, "hurdles_gamma": g, "hurdles_delta": d})
    pairs = survey.co_occurrence(frame, select=inst.multi_selects["hurdles"])
    out = _pairs(pairs, 5).set_index(["option_a", "option_b"])
    hidden = out.loc[("alpha", "beta")]
    assert pairs.set_index(["option_a", "option_b"]).loc[("alpha", "beta"), "count"] == 88
    for column in ("count", "expected", "lift", "phi", "odds_ratio", "ci_low", "p_fisher", "p_adjusted"):
        assert hidden[column] == "c", column
    shown = out.loc[("gamma", "delta")]  # cells 10, 30, 30, 30: nothing small
    assert shown["count"] == 10 and shown["expected"] == pytest.approx(16.0)
    assert "count_a" not in out.columns


def test_a_small_non_response_split_is_hidden_with_its_zeros(inst):
    """n_missing = respondents - n is known from other tables: with two who gave no rating,
    a zero beside one hidden count would give it back."""
    from cpdresearch.survey.publish import _items

    codes = [4] * 33 + [None, None]
    frame = pd.DataFrame({"q1": pd.Categorical([None if c is None else LEVELS[c - 1] for c in codes],
                                               categories=LEVELS, ordered=True),
                          "q1__nonsubstantive": pd.Categorical([None] * 33 + ["Does not apply"] * 2,
                                                               categories=inst.blocks["b"].scale.missing_labels)})
    table = survey.likert_summary(frame, block=inst.blocks["b"])
    row = table.iloc[0]
    assert (row["n"], row["n_missing"], row["n_blank"], row["n_does_not_apply"], row["n_no_idea"]) == (33, 2, 0, 2, 0)
    pub = _items(table, 5).iloc[0]
    assert all(pub[c] == "c" for c in ("n_blank", "n_does_not_apply", "n_no_idea"))
