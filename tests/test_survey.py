"""Survey analysis against hand-computed and published reference values."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from cpdresearch.errors import DataError
from cpdresearch.instrument import parse_instrument
from cpdresearch import survey
from cpdresearch.survey import findings as f

LEVELS = ["Not at all well", "Not very well", "Neither well nor poorly", "Quite well", "Very well"]


@pytest.fixture(scope="module")
def instrument():
    spec = {
        "scales": {"working": {"levels": [{"code": i + 1, "label": lab} for i, lab in enumerate(LEVELS)],
                               "neutral": 3, "missing": ["Not applicable"]}},
        "blocks": {"working": {"title": "How well is this working?", "scale": "working", "items": [
            {"id": "w_sup", "label": "Supervision", "activity": "supervision"},
            {"id": "w_men", "label": "Mentoring", "activity": "mentoring"},
            {"id": "w_ind", "label": "Induction", "activity": "induction"},
        ]}},
        "multi_selects": {
            "wish": {"options": [{"id": "supervision", "label": "Supervision", "activity": "supervision"},
                                 {"id": "mentoring", "label": "Mentoring", "activity": "mentoring"},
                                 {"id": "induction", "label": "Induction", "activity": "induction"}]},
            "barriers": {"options": [{"id": "workload", "label": "Workload"}, {"id": "cover", "label": "No cover"},
                                     {"id": "travel", "label": "Travel"}]},
        },
        "free_text": ["comments"],
    }
    inst, problems = parse_instrument(spec, "cpd_survey.yml")
    assert problems == []
    return inst


def labels(codes, scale):
    return pd.Categorical([None if pd.isna(c) else scale.label_of(int(c)) for c in codes],
                          categories=scale.labels, ordered=True)


# ---------------------------------------------------------------- Likert items

def test_likert_summary_hand_computed(instrument):
    block = instrument.blocks["working"]
    codes = [1, 2, 2, 3, 4, 5, np.nan]
    data = pd.DataFrame({"w_sup": labels(codes, block.scale)})
    row = survey.likert_summary(data, block=block).iloc[0]
    # mean 17/6; squared deviations sum to 10.8333 -> var 2.16667, sd 1.47196
    assert row["n"] == 6 and row["n_missing"] == 1
    assert row["mean"] == pytest.approx(17 / 6)
    assert row["sd"] == pytest.approx(math.sqrt(65 / 30), rel=1e-9)
    assert row["median"] == 2 and row["median_label"] == "Not very well"  # lower middle of 2 and 3, not 2.5
    half = 2.570582 * math.sqrt(65 / 30) / math.sqrt(6)  # t(0.975, 5) = 2.570582
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((17 / 6 - half, 17 / 6 + half), abs=1e-5)
    assert (row["pct_below"], row["pct_neutral"], row["pct_above"]) == pytest.approx((50, 100 / 6, 100 / 3))
    assert [row[f"pct_{c}"] for c in range(1, 6)] == pytest.approx([100 / 6, 100 / 3, 100 / 6, 100 / 6, 100 / 6])
    assert row["label"] == "Supervision"


def test_likert_summary_codes_and_labels_agree(instrument):
    block = instrument.blocks["working"]
    codes = [5, 4, 4, 2, np.nan, 1]
    as_labels = survey.likert_summary(pd.DataFrame({"w_men": labels(codes, block.scale)}), block=block)
    as_codes = survey.likert_summary(pd.DataFrame({"w_men": codes}), block=block)
    pd.testing.assert_frame_equal(as_labels, as_codes)


def test_likert_summary_by_group_matches_subsets(instrument):
    block = instrument.blocks["working"]
    rng = np.random.default_rng(3)
    data = pd.DataFrame({"w_sup": rng.integers(1, 6, 60).astype(float), "w_ind": rng.integers(1, 6, 60).astype(float),
                         "team": pd.Categorical(rng.choice(["MASH", "Early Help", "Fostering"], 60)),
                         "role": rng.choice(["Manager", "Qualified social worker"], 60)})
    data.loc[[2, 7, 9], "w_ind"] = np.nan
    table = survey.likert_summary(data, block=block, by=["team", "role"])
    assert list(table["by"].unique()) == ["team", "role"]
    for group, part in data.groupby("team", observed=True):
        expected = survey.likert_summary(part, block=block)
        got = table[(table["by"] == "team") & (table["group"] == group)].drop(columns=["by", "group"])
        pd.testing.assert_frame_equal(got.reset_index(drop=True), expected, check_dtype=False)


def test_likert_summary_rejects_off_scale_answers_listing_rows(instrument):
    block = instrument.blocks["working"]
    data = pd.DataFrame({"w_sup": [1, 7, 3, 9], "w_men": [1, 2, 3, 4]})
    with pytest.raises(DataError) as err:
        survey.likert_summary(data, block=block)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "w_sup"), (5, "w_sup")]


def test_likert_distribution_keeps_levels_nobody_chose(instrument):
    block = instrument.blocks["working"]
    data = pd.DataFrame({"w_sup": labels([4, 4, 5, np.nan], block.scale)})
    dist = survey.likert_distribution(data, block=block)
    assert dist["level"].tolist() == LEVELS
    assert dist["count"].tolist() == [0, 0, 0, 2, 1]
    assert dist["percent"].tolist() == pytest.approx([0, 0, 0, 200 / 3, 100 / 3])


# ---------------------------------------------------------------- reliability

def test_block_reliability_matches_pingouin(instrument):
    pg = pytest.importorskip("pingouin")
    data = pd.DataFrame({"w_sup": [2, 3, 4, 4, 5, 1, 3], "w_men": [2, 4, 4, 5, 5, 2, 3],
                         "w_ind": [1, 3, 5, 4, 4, 2, 2]})
    alpha, ci = pg.cronbach_alpha(data)
    row = survey.block_reliability(data, instrument=instrument).iloc[0]
    assert row["alpha"] == pytest.approx(alpha)  # 0.941
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(tuple(ci), abs=1e-3)
    items = survey.item_reliability(data, instrument=instrument)
    # alpha if dropped = alpha of the other two items
    assert items.loc[0, "alpha_if_dropped"] == pytest.approx(pg.cronbach_alpha(data[["w_men", "w_ind"]])[0])


# ---------------------------------------------------------------- group differences

def test_group_differences_kruskal_and_holm(instrument):
    block = instrument.blocks["working"]
    data = pd.DataFrame({"w_sup": [1, 2, 2, 3, 3, 4, 4, 5, 5], "w_men": [3, 4, 3, 4, 3, 4, 3, 4, 3],
                         "w_ind": [1, 1, 2, 2, 3, 3, 5, 5, 4],
                         "team": ["A"] * 3 + ["B"] * 3 + ["C"] * 3})
    table = survey.group_differences(data, block=block, by="team")
    groups = [data.loc[data["team"] == t] for t in "ABC"]
    for _, row in table.iterrows():
        H, p = stats.kruskal(*[g[row["item"]] for g in groups])
        assert row["statistic"] == pytest.approx(H) and row["p"] == pytest.approx(p)
        assert row["epsilon_sq"] == pytest.approx(H / (9 - 1))  # epsilon^2 = H / (n - 1)
        assert row["effect_size"] == pytest.approx(max(0, (H - 2) / (9 - 3)))  # adjusted: (H - k + 1)/(n - k)
    sup = table.set_index("item").loc["w_sup"]
    assert sup["statistic"] == pytest.approx(7.057471, abs=1e-6)
    # three per group: no pairwise Mann-Whitney can reach p < 0.05, so no group is named
    assert sup["higher_group"] is None and sup["lower_group"] is None and sup["pairs_differing"] == 0
    # Holm by hand: sort p, multiply by m - rank, running maximum, cap at 1
    p = table["p"].to_numpy()
    order = np.argsort(p)
    holm = np.minimum(1, np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p)))))
    expected = np.empty_like(holm)
    expected[order] = holm
    assert table["p_adjusted"].to_numpy() == pytest.approx(expected)


def test_group_differences_two_groups_use_mann_whitney(instrument):
    pg = pytest.importorskip("pingouin")
    block = instrument.blocks["working"]
    x, y = [4, 5, 5, 4, 3], [2, 3, 1, 2, 4, 3]
    data = pd.DataFrame({"w_sup": x + y, "role": pd.Categorical(["Manager"] * 5 + ["Worker"] * 6)})
    row = survey.group_differences(data, block=block, by="role").iloc[0]
    ref = pg.mwu(x, y)
    assert row["test"] == "mann_whitney"
    assert row["statistic"] == pytest.approx(ref["U_val"].iloc[0])  # 27
    assert row["effect_size"] == pytest.approx(ref["RBC"].iloc[0])  # 0.8
    assert row["magnitude"] == "large" and row["higher_group"] == "Manager"


def test_group_differences_leave_out_small_groups(instrument):
    block = instrument.blocks["working"]
    data = pd.DataFrame({"w_sup": [1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 5],
                         "team": ["A"] * 5 + ["B"] * 5 + ["C"]})
    row = survey.group_differences(data, block=block, by="team", min_group_size=5).iloc[0]
    assert (row["k"], row["n"], row["groups_excluded"], row["test"]) == (2, 10, 1, "mann_whitney")
    one = survey.group_differences(data, block=block, by="team", min_group_size=6).iloc[0]
    assert one["k"] == 0 and math.isnan(one["p"])


# ---------------------------------------------------------------- multi-selects

def test_multiselect_summary_wilson_newcombe(instrument):
    # Newcombe (1998), Stat Med 17:857, table I: 81/263 -> Wilson 0.2553 to 0.3662
    select = instrument.multi_selects["barriers"]
    data = pd.DataFrame({"barriers_workload": [True] * 81 + [False] * 182,
                         "barriers_cover": [True] * 15 + [False] * 248, "barriers_travel": False})
    table = survey.multiselect_summary(data, select=select).set_index("option")
    assert table.loc["workload", "count"] == 81 and table.loc["workload", "n"] == 263
    assert (table.loc["workload", "ci_low"], table.loc["workload", "ci_high"]) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert table.loc["travel", "share"] == 0 and table.loc["travel", "ci_low"] == pytest.approx(0)


def test_multiselect_summary_by_group_and_missing_ticks(instrument):
    select = instrument.multi_selects["wish"]
    data = pd.DataFrame({"wish_supervision": [True, None, True, False], "wish_mentoring": [False, True, True, True],
                         "wish_induction": False, "team": ["A", "A", "B", "B"]})
    table = survey.multiselect_summary(data, select=select, by="team")
    a = table[(table["group"] == "A")].set_index("option")
    assert a.loc["supervision", "count"] == 1 and a.loc["supervision", "n"] == 2  # blank = not ticked
    assert table["share"].tolist() == pytest.approx([0.5, 0.5, 0, 0.5, 1, 0])


def test_multiselect_differences_chi_squared(instrument):
    select = instrument.multi_selects["barriers"]
    data = pd.DataFrame({"barriers_workload": [True] * 8 + [False] * 2 + [True] * 2 + [False] * 8,
                         "barriers_cover": [True, False] * 10, "barriers_travel": False,
                         "team": ["A"] * 10 + ["B"] * 10})
    table = survey.multiselect_differences(data, select=select, by="team").set_index("option")
    # 2x2 [[8, 2], [2, 8]]: Pearson chi2 = 7.2 without continuity correction, V = sqrt(7.2 / 20)
    assert table.loc["workload", "chi2"] == pytest.approx(7.2)
    assert table.loc["workload", "cramers_v"] == pytest.approx(0.6)
    assert table.loc["workload", "p_asymptotic"] == pytest.approx(stats.chi2.sf(7.2, 1))
    # every expected count is 5: Cochran's rule holds, so p is the asymptotic one
    assert table.loc["workload", "p_method"] == "asymptotic"
    assert table.loc["workload", "p"] == pytest.approx(stats.chi2.sf(7.2, 1))
    assert math.isnan(table.loc["travel", "chi2"])  # nobody ticked it: no test
    from statsmodels.stats.multitest import multipletests

    tested = table["p"].notna()
    expected = multipletests(table.loc[tested, "p"], method="holm")[1]
    assert table.loc[tested, "p_adjusted"].to_numpy() == pytest.approx(expected)


def test_co_occurrence_counts_jaccard_phi(instrument):
    select = instrument.multi_selects["barriers"]
    ticks = pd.DataFrame({"barriers_workload": [1, 1, 1, 0, 0, 1], "barriers_cover": [1, 1, 0, 0, 1, 0],
                          "barriers_travel": [0, 0, 1, 1, 0, 0]}).astype(bool)
    table = survey.co_occurrence(ticks, select=select).set_index(["option_a", "option_b"])
    row = table.loc[("workload", "cover")]
    assert row["count"] == 2 and row["jaccard"] == pytest.approx(2 / 5)
    assert row["phi"] == pytest.approx(np.corrcoef(ticks["barriers_workload"], ticks["barriers_cover"])[0, 1])
    assert table.loc[("cover", "travel"), "count"] == 0


# ---------------------------------------------------------------- working vs wished

def test_working_vs_wished_quadrants_and_median_thresholds(instrument):
    scale = instrument.blocks["working"].scale
    data = pd.DataFrame({
        "w_sup": labels([5, 5, 4, 4], scale), "w_men": labels([2, 3, 2, 2], scale), "w_ind": labels([4, 4, 3, 3], scale),
        "wish_supervision": [True, True, True, False], "wish_mentoring": [True, True, True, True],
        "wish_induction": [False, False, False, False],
    })
    table = survey.working_vs_wished(data, instrument=instrument).set_index("activity")
    assert table.attrs["working_threshold"] == pytest.approx(3.5)  # median of 4.5, 2.25, 3.5
    assert table.attrs["wish_threshold"] == pytest.approx(0.75)  # median of 0.75, 1, 0
    assert table.loc["supervision", "quadrant"] == "expand"
    assert table.loc["induction", "quadrant"] == "maintain"  # 3.5 >= 3.5: at the threshold counts as high
    assert table.loc["mentoring", "quadrant"] == "redesign or pilot"


def test_quadrant_is_borderline_where_an_interval_crosses_a_cut(instrument):
    """Four answers: every interval is wide, so an activity whose mean sits near the
    median cut (induction, mean 3.5 = the cut) is borderline, as is every wish share
    near its median; the report then says so rather than sorting on noise."""
    scale = instrument.blocks["working"].scale
    data = pd.DataFrame({
        "w_sup": labels([5, 5, 4, 4], scale), "w_men": labels([2, 3, 2, 2], scale), "w_ind": labels([4, 4, 3, 3], scale),
        "wish_supervision": [True, True, True, False], "wish_mentoring": [True, True, True, True],
        "wish_induction": [False, False, False, False],
    })
    table = survey.working_vs_wished(data, instrument=instrument).set_index("activity")
    # induction: t-interval 3.5 +/- 3.182 * 0.577 / 2 = (2.58, 4.42), across the cut 3.5
    assert table.loc["induction", "ci_low"] < 3.5 < table.loc["induction", "ci_high"]
    assert bool(table.loc["induction", "borderline"])
    # mentoring: mean 2.25 with interval (1.45, 3.05) below 3.5, but its wish share 1.0 has
    # the Wilson interval (0.51, 1.0) across the wish cut 0.75: borderline as well
    assert bool(table.loc["mentoring", "borderline"])
    sentences = " ".join(f.quadrant_findings(table.reset_index()))
    assert "(borderline)" in sentences and "could as well belong" in sentences
    assert table.loc["mentoring", "label"] == "Mentoring"
    explicit = survey.working_vs_wished(data, instrument=instrument, working_threshold=4.6, wish_threshold=0.9)
    assert explicit.set_index("activity").loc["supervision", "quadrant"] == "deprioritise"


# ---------------------------------------------------------------- response rates

def test_response_rates_are_counts_and_notes():
    data = pd.DataFrame({"team": ["MASH"] * 81 + ["Adoption"] * 7, "role": "Manager"})
    workforce = pd.DataFrame({"team": ["MASH", "Adoption", "Fostering"], "role": "Manager",
                              "headcount": [263, 5, 10]})
    table = survey.response_rates(data, workforce=workforce, by="team").set_index("group")
    assert table.loc["MASH", "response_rate"] == pytest.approx(81 / 263)
    assert "ci_low" not in table.columns and "ci_high" not in table.columns  # a census: no interval
    assert math.isnan(table.loc["Adoption", "response_rate"]) and "7 > 5" in table.loc["Adoption", "note"]
    assert table.loc["Fostering", "respondents"] == 0 and table.loc["Fostering", "response_rate"] == 0
    assert table.loc["All", "headcount"] == 278 and table.loc["All", "respondents"] == 88


def test_response_rates_missing_workforce_column_is_a_data_error():
    with pytest.raises(DataError):
        survey.response_rates(pd.DataFrame({"team": ["A"]}), workforce=pd.DataFrame({"team": ["A"]}), by="team")


# ---------------------------------------------------------------- free text

def test_free_text_answers_are_pseudonymised_and_terms_counted():
    data = pd.DataFrame({"comments": ["Gareth Pryce runs great supervision", "", None,
                                      "Supervision supervision; more coaching"]})
    answers = survey.free_text_answers(data, columns=["comments"], known_names=["Gareth Pryce"])
    assert len(answers) == 2 and not answers["answer"].str.contains("Gareth").any()
    terms = survey.answer_terms(answers, top=3)
    assert terms.iloc[0][["term", "count", "documents"]].tolist() == ["supervision", 3, 2]
    assert "gareth" not in set(terms["term"])


# ---------------------------------------------------------------- whole cohort, disclosure

@pytest.fixture(scope="module")
def demo_study(demo_dir):
    import cpdresearch as cpd

    return cpd.load_study(demo_dir)


def test_analyse_and_publish_demo(demo_study):
    results = survey.analyse_survey(demo_study, n_resamples=199)
    tables = survey.published_tables(results, min_cell=demo_study.min_cell)
    inst = demo_study.instrument
    assert len(tables["survey_items"]) == sum(len(b.items) for b in inst.blocks.values())
    assert set(tables["survey_items"]["block"]) == set(inst.blocks)
    assert {"block", "item", "label", "n", "mean", "sd", "median", "ci_low", "ci_high"} <= set(
        tables["survey_items"].columns)
    for select in inst.multi_selects:  # every multi-select of the instrument, by its own id
        assert {"option", "label", "count", "share", "ci_low", "ci_high"} <= set(tables[f"ticks_{select}"].columns)
    assert set(tables["working_vs_wished"]["quadrant"]) <= set(survey.QUADRANTS) | {"c"}  # c: hidden with its mean
    figures = survey.survey_key_figures(results, tables, min_cell=demo_study.min_cell)
    assert figures["n_respondents"] == len(demo_study.survey)
    published = tables["survey_items"]
    working = published[published["block"] == results.working_block]
    means = pd.to_numeric(working["mean"], errors="coerce")  # read from what is published
    assert figures["top_rated_item"] == working.loc[means.idxmax(), "label"]
    assert set(figures["most_ticked"]) == set(inst.multi_selects)
    assert 0 < figures["response_rate"] < 1 and 0 < figures["alpha"] < 1


def test_published_tables_suppress_small_counts_and_groups(demo_study):
    small = demo_study.cohort("adoption")
    results = survey.analyse_survey(small, n_resamples=99)
    tables = survey.published_tables(results, min_cell=5)
    for select in results.selects:
        t = tables[f"ticks_{select}_by_group"]
        raw = results.ticks_by_group[select]
        hidden = (raw["count"] >= 1) & (raw["count"] < 5)
        assert (t.loc[hidden.to_numpy(), "count"] == "c").all()
        assert (t.loc[hidden.to_numpy(), "share"] == "c").all()
        tiny = (raw["n"] >= 1) & (raw["n"] < 5)
        assert (t.loc[tiny.to_numpy(), "n"] == "c").all()
    by_group = tables["survey_items_by_group"]
    tiny = results.items_by_group["n"].between(1, 4).to_numpy()
    assert (by_group.loc[tiny, "mean"] == "c").all()


def test_small_cohort_is_not_broken_down(demo_study):
    import dataclasses

    tiny = dataclasses.replace(demo_study, survey=demo_study.survey.head(8))
    results = survey.analyse_survey(tiny, n_resamples=99)
    assert not results.by_group and results.items_by_group.empty and results.group_differences.empty
    assert results.notes and "too small to analyse by group" in results.notes[0]
    tables = survey.published_tables(results, min_cell=5)
    assert not tables["survey_items"].empty


def test_study_without_survey_gives_empty_results(demo_study):
    import dataclasses

    none = dataclasses.replace(demo_study, survey=None, instrument=None)
    report = survey.build_survey_report(none, figures=False)
    assert not report.has_data and report.key_figures["n_respondents"] == 0


def test_no_response_rate_when_workforce_cannot_be_filtered_to_the_cohort(demo_study):
    # workforce.csv has no career_stage: for the ASYE cohort it would be the whole workforce
    results = survey.analyse_survey(demo_study.cohort("asye"), n_resamples=99)
    assert results.response_rates.empty
    assert any("not broken down by career stage" in note for note in results.notes)
    managers = survey.analyse_survey(demo_study.cohort("managers"), n_resamples=99)
    overall = managers.response_rates.iloc[0]
    assert overall["headcount"] == demo_study.cohort("managers").workforce["headcount"].sum()


def test_tiny_cohort_publishes_nothing_that_reveals_a_person(demo_study):
    import dataclasses

    tiny = dataclasses.replace(demo_study, survey=demo_study.survey.head(3))
    report = survey.build_survey_report(tiny, figures=False)
    tables = report.tables
    assert (tables["survey_items"]["mean"] == "c").all()
    for select in tiny.instrument.multi_selects:
        assert set(tables[f"ticks_{select}"]["count"].astype(str)) <= {"c", "0"}
    hidden = tables["working_vs_wished"]["wish_share"].astype(str) == "c"
    assert (tables["working_vs_wished"].loc[hidden, "quadrant"] == "c").all()
    kf = report.key_figures
    assert kf["n_respondents"] is None and kf["top_rated_item"] is None
    assert all(v is None for v in kf["most_ticked"].values())
    assert len(report.findings) == 1 and "not published" in report.findings[0]


def test_small_headcounts_and_their_rates_are_suppressed(demo_study):
    """Workforce headcounts are counts of people: 1..min_cell-1 never published, nor the
    rate that would give them back (demo: the looked-after cohort has 3 managers)."""
    tables = survey.published_tables(survey.analyse_survey(demo_study.cohort("looked_after")), min_cell=5)
    rates = tables["response_rates"]
    for _, row in rates.iterrows():
        for column in ("respondents", "headcount"):
            value = row[column]
            assert value == "c" or not (1 <= int(value) < 5), (row["group"], column, value)
        if "c" in (row["respondents"], row["headcount"]):
            assert row["response_rate"] == "c" and row["fpc"] == "c"
    assert (rates["headcount"] == "c").any()
    cells = tables["response_cells"]
    for _, row in cells.iterrows():
        for column in ("respondents", "headcount"):
            assert row[column] == "c" or not (1 <= int(row[column]) < 5), (row.iloc[0], row.iloc[1], column)
        if "c" in (row["respondents"], row["headcount"]):
            assert row["response_rate"] == "c"


def test_a_hidden_level_count_cannot_come_back_from_the_mean(demo_study):
    """Issue: from n, the shown level counts and the mean, the hidden counts of a line
    come back (two unknowns, two equations). Any statistic of a line with a hidden count
    is hidden with it: for every published item, either no level count is hidden or no
    mean, SD, median or interval is published; a below / above split is shown only when
    it holds all of the hidden levels (their total, n minus the shown ones) or none."""
    for name in ("adoption", "asye", "mash"):
        tables = survey.published_tables(survey.analyse_survey(demo_study.cohort(name)), min_cell=5)
        levels, items = tables["survey_levels"], tables["survey_items"]
        hidden = set(levels.loc[levels["count"].astype(str) == "c", "item"])
        assert hidden, name  # small cohorts do hide level counts: the check runs
        for _, row in items[items["item"].isin(hidden)].iterrows():
            for column in ("mean", "sd", "median", "ci_low", "ci_high"):
                if column in row.index:
                    assert row[column] == "c", (name, row["item"], column)
            line = levels[levels["item"] == row["item"]]
            codes = sorted(line["code"].astype(int))
            gone = set(line.loc[line["count"].astype(str) == "c", "code"].astype(int))
            for side, part in (("below", codes[:len(codes) // 2]), ("above", codes[(len(codes) + 1) // 2:])):
                if row.get(f"count_{side}") != "c":
                    assert gone & set(part) in (set(), gone), (name, row["item"], side)
        by_group = tables.get("survey_items_by_group")
        if by_group is not None and "count_below" in by_group.columns:
            split = by_group[["count_below", "count_above"]].astype(str).eq("c").any(axis=1)
            assert (by_group.loc[split & by_group["n"].ne("c"), "mean"].astype(str) == "c").all(), name


def test_questions_by_id_as_a_researcher_types_them(demo_study):
    block_id = next(iter(demo_study.instrument.blocks))
    select_id = next(iter(demo_study.instrument.multi_selects))
    by_id = survey.likert_summary(demo_study.survey, block=block_id)
    by_object = survey.likert_summary(demo_study.survey, block=demo_study.instrument.blocks[block_id])
    pd.testing.assert_frame_equal(by_id, by_object)
    ticks = survey.multiselect_summary(demo_study.cohort(demo_study.cohorts[1].name).survey, select=select_id)
    assert len(ticks) == len(demo_study.instrument.multi_selects[select_id].options)
    with pytest.raises(DataError, match="no block 'nope'"):
        survey.likert_summary(demo_study.survey, block="nope")
    with pytest.raises(DataError, match="no instrument was given"):
        survey.likert_summary(pd.DataFrame({"q": [1]}), block="b")

