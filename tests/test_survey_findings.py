"""Plain-English findings: the right row is named, numbers match, suppressed values never quoted."""
from __future__ import annotations

import pandas as pd

from cpdresearch.instrument import Scale
from cpdresearch.survey import findings as f


def test_top_and_lowest_working_name_the_right_items():
    items = pd.DataFrame({"label": ["Supervision", "Induction", "Mentoring"], "n": [230, 41, "c"],
                          "mean": [3.87, 3.1, "c"], "ci_low": [3.75, 2.8, "c"], "ci_high": [3.99, 3.4, "c"]})
    scale = Scale("w", [1, 2, 3, 4, 5], ["Not at all well", "b", "c", "d", "Very well"], neutral=3)
    top = f.top_rated_finding(items, scale=scale)
    assert "**Supervision**" in top and "mean 3.87" in top and "3.75 to 3.99" in top
    assert "from 1 (Not at all well) to 5 (Very well)" in top
    assert "**Induction**" in f.lowest_rated_finding(items)


def test_ties_are_ties():
    """Two items (or options) sharing the top value are both named, never one at random."""
    ticks = pd.DataFrame({"label": ["Supervision", "Critical discussion", "Coaching"], "share": [8 / 24, 8 / 24, 0.2],
                          "ci_low": [0.2, 0.2, 0.1], "ci_high": [0.5, 0.5, 0.3]})
    text = f.most_ticked_finding(ticks)
    assert "**Supervision** and **Critical discussion**" in text and "33%" in text
    items = pd.DataFrame({"label": ["A", "B"], "n": [20, 20], "mean": [4.0, 4.0], "ci_low": [3.5, 3.5],
                          "ci_high": [4.5, 4.5]})
    assert "**A** and **B**" in f.top_rated_finding(items)
    assert "**A** and **B**" in f.lowest_rated_finding(items.assign(mean=[3.0, 3.0]))


def test_study_text_in_findings_is_escaped():
    ticks = pd.DataFrame({"label": ["*urgent* <script>"], "share": [0.5], "ci_low": [0.4], "ci_high": [0.6]})
    text = f.most_ticked_finding(ticks, title="[link](http://x)")
    assert "<script>" not in text and "\\*urgent\\*" in text and "\\[link\\]" in text


def test_suppressed_rows_are_never_quoted():
    wish = pd.DataFrame({"label": ["Secret", "Mentoring"], "share": ["c", 0.25], "ci_low": ["c", 0.2],
                         "ci_high": ["c", 0.3]})
    text = f.most_ticked_finding(wish)
    assert "Secret" not in text and "**Mentoring**" in text and "25%" in text
    all_hidden = wish.assign(share="c")
    assert f.most_ticked_finding(all_hidden) is None


def test_reliability_without_complete_cases_is_not_called_one_scale():
    """Issue 15: a high pairwise alpha alone never makes a set of items "one scale"."""
    rel = pd.DataFrame({"block": ["w"], "title": ["T"], "k": [15], "n": [250], "alpha": [0.93],
                        "ci_low": [0.9], "ci_high": [0.95], "n_complete": ["c"], "alpha_complete": ["c"],
                        "ci_low_complete": ["c"], "ci_high_complete": ["c"], "mean_r_complete": ["c"],
                        "one_scale": ["c"]})
    text = f.reliability_finding(rel)
    assert "cannot be judged as one scale" in text and "0.93 on 250" in text and "hang together" not in text


def test_group_differences_report_largest_effects_with_direction():
    diffs = pd.DataFrame({
        "label": ["Coaching", "Appraisal", "Induction"], "between": ["role", "career_stage", "team"],
        "test": ["kruskal_wallis", "kruskal_wallis", "mann_whitney"], "statistic": [14.2, 30.1, 12.0],
        "p": [0.001, 0.0001, 0.2], "p_adjusted": [0.03, 0.004, 0.6], "effect_size": [0.057, 0.12, 0.3],
        "effect_size_kind": ["epsilon_sq", "epsilon_sq", "rank_biserial"], "magnitude": ["small", "medium", "medium"],
        "higher_group": ["Manager", "ASYE", "MASH"], "lower_group": ["Qualified social worker", "Team Manager", "CIN"]})
    out = f.group_difference_findings(diffs)
    assert len(out) == 2  # Induction: adjusted p 0.6, not reported
    assert out[0].startswith("Ratings of **Appraisal** differ by career stage: highest among ASYE")
    assert "adjusted p = 0.004" in out[0] and "a medium effect" in out[0]
    none = f.group_difference_findings(diffs.assign(p_adjusted=0.5))
    assert none == ["No rating differed clearly between groups once the 3 comparisons made were taken into "
                    "account (Holm-adjusted p of 0.05 or more)."]
    assert len(f.group_difference_findings(diffs.assign(p_adjusted=0.01), max_findings=1)) == 2


def test_response_and_quadrants_and_gathering():
    rates = pd.DataFrame({"by": ["all", "team"], "group": ["All", "MASH"], "respondents": [81, 81],
                          "headcount": [263, 263], "response_rate": [81 / 263] * 2, "ci_low": [0.2553] * 2,
                          "ci_high": [0.3662] * 2, "note": [None, None]})
    assert f.response_finding(rates) == ("81 of 263 staff answered the survey, a response rate of 31%; every member "
                                         "of staff was invited, so this is a count, not an estimate.")
    over = rates.assign(response_rate=float("nan"), note="more respondents than headcount (300 > 263)")
    assert "cannot be given" in f.response_finding(over)
    quadrants = f.quadrant_findings(pd.DataFrame({"label": ["A", "B", "C"],
                                                  "quadrant": ["maintain", "maintain", "expand"]}))
    assert quadrants == ["Working and wanted (**expand**): C.", "Working but not asked for (**maintain**): A, B."]
    gathered = f.survey_findings({"response_rates": rates, "ticks_wish": pd.DataFrame()})
    assert gathered == [f.response_finding(rates)]
