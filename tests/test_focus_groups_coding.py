"""Segments, one-pass codebook coding, frequencies by group, co-occurrence, themes, quotes."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import cpdresearch as cpd
from cpdresearch.focus_groups import (code_cooccurrence, code_frequencies, code_group_association, code_segments,
                                      exemplar_quotes, group_sizes, participant_segments, themes_by_pcf)
from cpdresearch.io.focus_groups import Code, Codebook
from cpdresearch.report.unlisted_names import mask_unlisted_names

BOOK = Codebook([Code("trust", "Trust", patterns=(r"\btrust", r"\brelationship"), kss=(1,), pcf=(7,)),
                 Code("online", "Online harms", patterns=(r"\bonline\b", r"\bapps?\b"), kss=(5,), pcf=(5,)),
                 Code("manual_only", "Coded by hand", patterns=())])


def _segments():
    rows = [("s1", "young_people", "FAC", "Do you trust your worker online?"),
            ("s1", "young_people", "YP1", "I trust her. She knows the apps."),
            ("s1", "young_people", "YP2", "Online stuff scares me."),
            ("s1", "young_people", "YP1", "Trust takes time."),
            ("s2", "staff", "Facilitator", "What about online harms?"),
            ("s2", "staff", "SW1", "Relationship first, then apps."),
            ("s2", "staff", "YP1", "Nothing to add.")]
    frame = pd.DataFrame(rows, columns=["session_id", "group", "speaker", "text"])
    frame["turn_no"] = frame.groupby("session_id").cumcount() + 1
    frame["segment_id"] = frame["session_id"] + "-" + frame["turn_no"].astype(str)
    frame["group"] = pd.Categorical(frame["group"], categories=["young_people", "parents_carers", "staff"])
    return participant_segments(frame)


def test_segments_flag_facilitators_and_count_participants_per_session():
    seg = _segments()
    assert seg["is_facilitator"].tolist() == [True, False, False, False, True, False, False]
    # YP1 in s1 and YP1 in s2 are different people
    assert seg["participant"].dropna().nunique() == 4
    assert list(seg["group"].cat.categories) == ["young_people", "staff"]  # groups without talk dropped
    sizes = group_sizes(seg).set_index("group")
    assert sizes.loc["young_people", "participants"] == 2 and sizes.loc["all", "segments"] == 5


def test_pseudonymised_before_anything_is_counted():
    frame = pd.DataFrame({"segment_id": ["s-1"], "session_id": ["s"], "turn_no": [1], "speaker": ["P1"],
                          "group": ["parents_carers"],
                          "text": ["Then Kwame told me that Siobhan from school had called, and Mr Patel agreed. "
                                   "Ring Dana on 07700 900123, QQ 12 34 56 C."]})
    text = participant_segments(frame, known_names=["Dana Smith"])["text"].iloc[0]
    for personal in ("Kwame", "Siobhan", "Patel", "Dana", "07700", "QQ 12"):
        assert personal not in text
    assert "told me that" in text and "[NAME-1]" in text


def test_unlisted_names_keep_ordinary_capitalised_words():
    texts = pd.Series(["Trust is everything. We trust workers who listen.",
                       "On Monday I met the Trust board and the trust was fine.",
                       "Supervision helps. supervision again."])
    assert mask_unlisted_names(texts).tolist() == texts.tolist()


def test_one_pass_coding_equals_a_naive_search_per_pattern():
    seg = _segments()
    coded = code_segments(seg, codebook=BOOK)
    naive = {(row.segment_id, code.id) for row in seg[~seg["is_facilitator"]].itertuples() for code in BOOK.codes
             for pattern in code.patterns if re.search(pattern, row.text, re.IGNORECASE)}
    assert set(zip(coded["segment_id"], coded["code"])) == naive
    assert not coded["segment_id"].isin(seg.loc[seg["is_facilitator"], "segment_id"]).any()
    assert list(coded.columns) == ["segment_id", "session_id", "group", "speaker", "participant", "code"]


def test_frequencies_count_segments_participants_and_sessions():
    seg = _segments()
    freq = code_frequencies(code_segments(seg, codebook=BOOK), seg, codebook=BOOK).set_index(["code", "group"])
    # young people: YP1 says trust twice (2 segments, 1 participant) of 2 participants
    assert freq.loc[("trust", "young_people"), ["segments", "participants", "sessions"]].tolist() == [2, 1, 1]
    assert freq.loc[("trust", "young_people"), "participant_share"] == pytest.approx(0.5)
    assert freq.loc[("online", "young_people"), "participants"] == 2
    assert freq.loc[("manual_only", "staff"), "participants"] == 0  # every code and group listed
    assert freq.loc[("trust", "staff"), "group_participants"] == 2


def test_association_tests_participants_not_segments():
    freq = pd.DataFrame({"code": "c", "label": "C", "group": ["a", "b"], "participants": [8, 1],
                         "group_participants": [10, 10]})
    res = code_group_association(freq, n_resamples=1999).iloc[0]
    assert res["n"] == 20 and res["k"] == 2
    # 2 x 2 [[8, 2], [1, 9]]: chi2 = 9.899 (no continuity correction), phi = 0.7035
    assert res["chi2"] == pytest.approx(9.8990, abs=1e-3)
    assert res["cramers_v"] == pytest.approx(0.7035, abs=1e-3)
    assert res["p_monte_carlo"] < 0.01 and res["most_group"] == "a"
    nobody = code_group_association(freq.assign(participants=0)).iloc[0]
    assert np.isnan(nobody["p_monte_carlo"]) and nobody["most_group"] is None


def test_cooccurrence_counts_and_jaccard():
    coded = pd.DataFrame({"segment_id": ["1", "1", "2", "2", "3", "4"], "code": ["a", "b", "a", "b", "a", "c"]})
    pairs = code_cooccurrence(coded, codes={"a": "A", "b": "B", "c": "C"}).set_index(["code_a", "code_b"])
    assert pairs.loc[("a", "b"), "segments"] == 2
    assert pairs.loc[("a", "b"), "jaccard"] == pytest.approx(2 / 3)
    assert pairs.loc[("a", "c"), "jaccard"] == 0 and len(pairs) == 3


def test_themes_map_to_pcf_domains_and_kss():
    seg = _segments()
    freq = code_frequencies(code_segments(seg, codebook=BOOK), seg, codebook=BOOK)
    themes = themes_by_pcf(freq, codebook=BOOK)
    assert themes.loc[themes["code"] == "trust", "pcf_label"].unique().tolist() == ["Skills and interventions"]
    assert themes.loc[themes["code"] == "online", "kss_labels"].iloc[0] == "KSS 5: Abuse and neglect of children"
    assert themes.loc[themes["code"] == "manual_only", "pcf_label"].iloc[0] == "Not linked to a PCF domain"


def test_quotes_follow_the_documented_rule():
    seg = _segments()
    coded = code_segments(seg, codebook=BOOK)
    quotes = exemplar_quotes(coded, seg, codes={c.id: c.label for c in BOOK.codes}, per_group=1, min_words=3)
    trust_yp = quotes[(quotes["code"] == "trust") & (quotes["group"] == "young_people")].iloc[0]
    # "Trust takes time." is readable and codes nothing else; "I trust her. She knows the apps." also codes online
    assert trust_yp["segment_id"] == "s1-4"
    assert set(quotes.columns) == {"code", "label", "group", "segment_id", "quote", "other_codes"}


def test_demo_study_codes_every_session(demo_dir):
    study = cpd.load_study(demo_dir)
    seg = participant_segments(study.segments, known_names=study.known_names)
    coded = code_segments(seg, codebook=study.codebook)
    assert coded["session_id"].nunique() == study.sessions["session_id"].nunique()
    assert set(coded["code"]) <= set(study.codebook.ids)
    for name in study.known_names:
        assert not seg["text"].str.contains(name.split()[0]).any()


def test_exclusion_patterns_veto_a_code(tmp_path):
    from cpdresearch.io.checks import Collector
    from cpdresearch.io.focus_groups import parse_codebook

    found = Collector()
    book = parse_codebook({"codes": [{"id": "turnover", "label": "Turnover", "patterns": [r"\bleft\b"],
                                      "exclude": [r"\bleft out\b"]},
                                     {"id": "bad", "label": "Bad", "patterns": ["x"], "exclude": ["("]}]},
                          file="codebook.yml", found=found)
    assert [p.column for p in found.problems] == ["codes[1].exclude"]
    seg = pd.DataFrame({"segment_id": ["s-1", "s-2"], "session_id": "s", "group": "staff",
                        "speaker": ["SW1", "SW2"], "is_facilitator": False, "participant": ["s:SW1", "s:SW2"],
                        "text": ["My worker left.", "I felt left out of the meeting."]})
    coded = code_segments(seg, codebook=Codebook([book["turnover"]]))
    assert coded["segment_id"].tolist() == ["s-1"]
    assert book["turnover"].matches("She left") and not book["turnover"].matches("left out again")
