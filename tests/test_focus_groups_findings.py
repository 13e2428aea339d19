"""Plain-English focus-group findings: from published tables, hidden values never quoted, study text escaped."""
from __future__ import annotations

import pandas as pd

from cpdresearch.focus_groups.findings import (agreement_finding, cooccurrence_finding, difference_findings,
                                               overview_finding, top_theme_findings)


def _freq(label="Trust", group_label="Young people"):
    return pd.DataFrame({"code": ["t", "p"], "group": ["g1", "g1"], "group_label": [group_label] * 2,
                         "label": [label, "Plans"], "participants": [6, "c"], "group_participants": [9, 9],
                         "participant_share": [6 / 9, "c"], "sessions": [2, 1]})


def test_top_theme_counts_participants_and_never_quotes_hidden_values():
    (sentence,) = top_theme_findings(_freq())
    assert sentence == "**Young people** most often raised **Trust**: 6 of 9 participants (67%), in 2 sessions."
    hidden = _freq().assign(participants="c", participant_share="c")
    assert top_theme_findings(hidden) == []


def test_study_strings_are_escaped():
    (sentence,) = top_theme_findings(_freq(label="*Trust* <b>", group_label="Young_people [x](y)"))
    assert "<b>" not in sentence and "\\*Trust\\*" in sentence and "\\[x\\]\\(y\\)" in sentence


def test_overview_and_differences():
    sizes = pd.DataFrame({"group": ["a", "b", "all"], "group_label": ["A", "B", "All groups"],
                          "sessions": [2, 3, 5], "participants": ["c", "c", 12]})
    assert overview_finding(sizes) == ("12 people took part in 5 focus-group sessions: **A** a number too small to "
                                       "publish and **B** a number too small to publish.")
    tests = pd.DataFrame({"label": ["Trust", "Plans"], "p_monte_carlo": [0.001, None], "p_adjusted": [0.002, None],
                          "cramers_v": [0.61, None], "most_group_label": ["A", None], "least_group_label": ["B", None],
                          "note": [None, "withheld"]})
    (sentence,) = difference_findings(tests)
    assert sentence.startswith("**Trust** was raised by a larger share of **A** than of **B**")
    assert "Cramér's V = 0.61" in sentence
    none = difference_findings(tests.assign(p_adjusted=[0.4, None]))
    assert none[0].startswith("No theme clearly differed") and "1 further theme was not tested" in none[0]


def test_cooccurrence_and_agreement_sentences():
    pairs = pd.DataFrame({"label_a": ["A"], "label_b": ["B"], "segments": ["c"], "jaccard": ["c"]})
    assert cooccurrence_finding(pairs).startswith("No two themes came up together")
    agreement = pd.DataFrame({"code": ["t", "all"], "label": ["Trust", "All codes"], "coders": [2, 2],
                              "units": [40, 40], "cohen_kappa": [0.5, 0.5], "ci_low": [0.2, 0.2],
                              "ci_high": [0.8, 0.8], "krippendorff_alpha": [0.49, 0.49],
                              "agreement": ["moderate", "moderate"]})
    text = agreement_finding(agreement)
    assert text.startswith("2 coders coded the same 40 turns by hand; their agreement was moderate overall")
    assert "least on **Trust**" in text
