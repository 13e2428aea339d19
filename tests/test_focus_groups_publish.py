"""Disclosure control of the published focus-group tables, and the key figures."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cpdresearch as cpd
from cpdresearch.focus_groups import analyse_focus_groups, build_focus_group_report, published_tables


@pytest.fixture(scope="module")
def demo_report(demo_dir):
    return build_focus_group_report(cpd.load_study(demo_dir), figures=False, n_resamples=999)


def _numbers(series):
    return pd.to_numeric(series, errors="coerce")


@pytest.mark.parametrize("min_cell", [5, 8])
def test_no_small_count_is_published_or_recoverable(demo_dir, min_cell):
    results = analyse_focus_groups(cpd.load_study(demo_dir), n_resamples=199)
    tables = published_tables(results, min_cell=min_cell)
    freq = tables["code_frequencies"]
    for column in ("participants", "segments"):
        values = _numbers(freq[column])
        assert not ((values >= 1) & (values < min_cell)).any(), column
        # each code is a line (groups + all): never exactly one hidden cell in it
        hidden = freq[column].astype(str).eq("c").groupby(freq["code"]).sum()
        assert not (hidden == 1).any(), column
    share_hidden = freq["participant_share"].astype(str).eq("c")
    assert (share_hidden >= freq["participants"].astype(str).eq("c")).all()
    sizes = tables["focus_group_sizes"]
    assert not sizes["participants"].astype(str).eq("c").sum() == 1
    # a test is never published beside a hidden count of its table
    tests = tables["code_group_tests"]
    hidden_codes = set(freq.loc[freq["participants"].astype(str).eq("c"), "code"])
    assert tests.loc[tests["code"].isin(hidden_codes), "chi2"].isna().all()
    assert tests.loc[~tests["code"].isin(hidden_codes), "chi2"].notna().all()
    keywords = tables["keyness"]
    assert (keywords["participants"] >= min_cell).all()
    pairs = tables["cooccurrence"]
    values = _numbers(pairs["segments"])
    assert not ((values >= 1) & (values < min_cell)).any()
    assert "segments_a" not in pairs.columns


def test_published_tables_hold_no_personal_data(demo_report, demo_dir):
    names = pd.read_csv(demo_dir / "raw" / "known_names.csv")["name"]
    words = {part for name in names for part in name.split()}
    text = " ".join(t.astype(str).to_csv() for t in demo_report.tables.values())
    assert not [w for w in words if w in text]
    assert "@" not in text and "AB" not in set(demo_report.tables["rule_agreement"]["coder"])
    assert set(demo_report.tables["rule_agreement"]["coder"]) == {"Coder 1", "Coder 2"}
    # quotes keep their segment ids, and no speaker ids
    quotes = demo_report.tables["quotes"]
    assert quotes["segment_id"].str.match(r"^[\w-]+-\d+$").all()
    assert "speaker" not in quotes.columns and "participant" not in quotes.columns


def test_contract_tables_and_key_figures(demo_report):
    for name, columns in {"code_frequencies": ["code", "label", "group", "segments", "participants", "sessions"],
                          "cooccurrence": ["code_a", "code_b", "segments", "jaccard"],
                          "keyness": ["term", "target_freq", "reference_freq", "g2", "log_ratio"],
                          "agreement": ["code", "cohen_kappa", "krippendorff_alpha"],
                          "themes_by_pcf": ["pcf_domain", "pcf_label", "code", "group", "participants"]}.items():
        assert set(columns) <= set(demo_report.tables[name].columns), name
    kf = demo_report.key_figures
    assert kf["n_sessions"] == 11 and kf["n_participants"] == 87 and kf["n_segments"] == 3880
    assert kf["kappa_mean"] == pytest.approx(0.784, abs=1e-3) and kf["alpha_overall"] == pytest.approx(0.786, abs=1e-3)
    labels = set(demo_report.tables["code_frequencies"]["label"])
    for group in ("young_people", "parents_carers", "staff"):
        assert kf[f"top_theme_{group}"] in labels
    assert 0 < kf["kappa_mean"] < 1
    per_code = demo_report.tables["agreement"]
    assert kf["kappa_mean"] == pytest.approx(per_code.loc[per_code["code"] != "all", "cohen_kappa"].mean())


def test_small_groups_hide_shares_and_group_sizes(demo_dir):
    study = cpd.load_study(demo_dir)
    # keep three speakers of one young people's session: every count is small
    seg = study.segments
    first = seg["session_id"].iloc[0]
    keep = (seg["session_id"] != first) | seg["speaker"].isin(["FAC", "YP1", "YP2", "YP3"])
    from dataclasses import replace
    study = replace(study, segments=seg[keep].reset_index(drop=True))
    tables = published_tables(analyse_focus_groups(study, n_resamples=99), min_cell=5)
    sizes = tables["focus_group_sizes"].set_index("group")
    yp = sizes.loc["young_people", "participants"]
    assert yp == "c" or int(yp) >= 5


def test_study_without_focus_groups_has_no_data(tmp_path):
    (tmp_path / "study.yml").write_text("name: Survey only\nsynthetic: false\n", encoding="utf-8")
    report = build_focus_group_report(cpd.load_study(tmp_path))
    assert not report.has_data and report.tables == {}
    assert report.key_figures["n_sessions"] == 0
    assert report.missing("quotes").startswith("Nothing to show")


def test_tone_counts_are_the_published_frequencies(demo_report):
    freq = demo_report.tables["code_frequencies"].set_index(["code", "group"])["segments"].astype(str)
    tone = demo_report.tables["tone"]
    for row in tone.itertuples():
        assert str(row.segments) == freq[(row.code, row.group)]
        if str(row.segments) == "c":
            assert str(row.mean_compound) == "c"


def test_rules_count_of_a_coder_of_some_sessions_only_is_hidden_with_the_codes_hidden_counts(demo_dir):
    study = cpd.load_study(demo_dir)
    one_session = study.codings[study.codings["segment_id"].str.startswith(study.sessions["session_id"].iloc[0])]
    from dataclasses import replace
    results = analyse_focus_groups(replace(study, codings=one_session), n_resamples=99)
    tables = published_tables(results, min_cell=5)
    freq = tables["code_frequencies"]
    hidden_codes = set(freq.loc[freq["segments"].astype(str) == "c", "code"])
    rules = tables["rule_agreement"]
    assert (rules["units"] < results.n_segments).all()
    assert rules.loc[rules["code"].isin(hidden_codes), "rules"].astype(str).eq("c").all()
