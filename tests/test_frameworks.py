from __future__ import annotations

import pytest

from cpdresearch import frameworks


def test_nine_pcf_domains():
    assert list(frameworks.PCF_DOMAINS) == list(range(1, 10))
    assert frameworks.PCF_DOMAINS[9] == "Professional leadership"


def test_ten_knowledge_and_skills_statements():
    assert list(frameworks.KSS_STATEMENTS) == list(range(1, 11))


def test_activity_catalogue_covers_the_issue_list_and_70_20_10():
    required = [
        "questioning", "critical_discussion_of_cases", "reflective_learning", "supervision",
        "appraisal", "attending_workshops", "attending_conferences", "observing", "meetings",
        "role_modelling", "involvement_in_project", "induction", "analysing_mistakes",
        "team_study_day", "critical_incident_analysis", "team_away_day", "critical_reflection",
        "work_shadowing", "peer_supervision", "mentoring", "secondment",
        "learning_for_qualifications", "coaching", "involvement_in_policy_development", "e_learning",
    ]
    table = frameworks.activity_table()
    assert set(required) <= set(table["activity"])
    assert set(table["category"]) == set(frameworks.LEARNING_CATEGORIES)
    assert sum(frameworks.LEARNING_CATEGORIES.values()) == pytest.approx(1.0)


def test_unknown_activity_lists_known_ones():
    with pytest.raises(KeyError, match="supervision"):
        frameworks.activity("golf")


def test_career_stages_run_from_asye_to_manager():
    assert frameworks.CAREER_STAGES[0] == "ASYE"
    assert "Practice Specialist" in frameworks.CAREER_STAGES
