"""Agreement between coders, and between the codebook's rules and coders."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cpdresearch as cpd
from cpdresearch.focus_groups import agreement_units, coder_agreement, participant_segments, rule_agreement


def _segments(n=50):
    return pd.DataFrame({"segment_id": [f"s-{i}" for i in range(1, n + 1)], "session_id": "s",
                         "is_facilitator": False})


def test_per_code_kappa_matches_the_textbook_table():
    # 50 segments: both coders apply the code to 20, neither to 15, one only to 5 and 10 -> kappa 0.4
    seg = _segments()
    a = [f"s-{i}" for i in range(1, 26)]
    b = [f"s-{i}" for i in range(1, 21)] + [f"s-{i}" for i in range(26, 36)]
    codings = pd.DataFrame({"coder": ["A"] * len(a) + ["B"] * len(b), "segment_id": a + b, "code": "trust"})
    table = coder_agreement(codings, seg, codes={"trust": "Trust"}).set_index("code")
    assert table.loc["trust", "units"] == 50
    assert table.loc["trust", "cohen_kappa"] == pytest.approx(0.4)
    assert table.loc["trust", "percent_agreement"] == pytest.approx(0.7)
    assert table.loc["trust", "agreement"] == "fair"
    # two coders, binary data: Fleiss' kappa and alpha are close to Cohen's (Scott's pi family)
    assert table.loc["trust", "fleiss_kappa"] == pytest.approx(0.3939, abs=1e-3)
    assert table.loc["trust", "krippendorff_alpha"] == pytest.approx(0.3939 + (1 - 0.3939) / 100, abs=2e-3)


def test_units_are_sessions_coded_by_two_coders():
    seg = pd.DataFrame({"segment_id": ["a-1", "a-2", "b-1", "b-2"], "session_id": ["a", "a", "b", "b"],
                        "is_facilitator": [False, False, False, True]})
    codings = pd.DataFrame({"coder": ["X", "Y", "X"], "segment_id": ["a-1", "a-2", "b-1"], "code": "c"})
    coders, units = agreement_units(codings, seg)
    assert coders == ["X", "Y"] and list(units) == ["a-1", "a-2"]
    assert coder_agreement(codings.iloc[:1], seg, codes={"c": "C"}).empty  # one coder: nothing to compare


def test_rules_against_coders_precision_and_recall():
    seg = _segments(10)
    human = pd.DataFrame({"coder": "A", "segment_id": ["s-1", "s-2", "s-3", "s-4"], "code": "trust"})
    auto = pd.DataFrame({"segment_id": ["s-1", "s-2", "s-5"], "code": ["trust"] * 3})
    row = rule_agreement(human, auto, seg, codes={"trust": "Trust"}).iloc[0]
    assert (row["rules"], row["coder_segments"], row["both"]) == (3, 4, 2)
    assert row["precision"] == pytest.approx(2 / 3) and row["recall"] == pytest.approx(0.5)
    assert row["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))


def test_demo_study_has_two_coders_on_the_same_segments(demo_dir):
    study = cpd.load_study(demo_dir)
    seg = participant_segments(study.segments, known_names=study.known_names)
    table = coder_agreement(study.codings, seg, codes={c.id: c.label for c in study.codebook.codes})
    overall = table.set_index("code").loc["all"]
    assert overall["coders"] == 2 and -1 <= overall["cohen_kappa"] <= 1
    assert (table["ci_low"] <= table["cohen_kappa"]).all() and (table["ci_high"] <= 1).all()
