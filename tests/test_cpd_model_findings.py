"""Findings and recommendations are written from published tables and never quote a hidden number."""
from __future__ import annotations

import pandas as pd

from cpdresearch import load_study, paths
from cpdresearch.cpd_model import build_cpd_model_report
from cpdresearch.cpd_model.findings import recommendations


def test_recommendation_escapes_study_text_and_hides_small_numbers():
    t = {"commissioning": pd.DataFrame({"topic": ["*Court* <b>"], "domain": ["Knowledge"], "staff": ["c"],
                                        "teams": [2], "high": ["c"], "top_method": ["formal"], "top_share": ["c"],
                                        "for_whom": [""], "courses_in_domain": [1]})}
    text = recommendations(t, min_cell=5)[0]
    assert "fewer than 5 staff" in text and "<b>" not in text and "\\*Court\\*" in text
    assert "high priority" not in text and "1 course with an objective" in text


def test_demo_findings_name_the_first_topic_and_domain():
    report = build_cpd_model_report(load_study(paths.DEMO_STUDY), figures=False)
    text = " ".join(report.findings)
    assert report.key_figures["top_priority_topic"] in text
    assert report.key_figures["top_priority_domain"] in text
    assert "None" not in text and "nan" not in text
